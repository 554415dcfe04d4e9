// 我的楼栋's due list (docs/DOMAIN.md § Blocker supervision): which of the area's blockers are due, in which
// order, and which buildings are stalled — kept apart from the page so tests can ask it.

import type { BlockerItem } from "@jiati/shared";
import { dueState } from "@jiati/shared/blockers";
import type { BuildingListItem } from "../../api/types";

const dueOf = (item: BlockerItem, today: string) =>
  dueState(
    { blockerCategory: item.category, blockedSince: item.blockedSince, blockerDueOn: item.dueOn, withdrawn: false },
    today,
  );

/**
 * The area's blockers that are overdue or due soon — overdue first, and within each the user's own first,
 * otherwise in the server's order — and how many other blockers are not yet due.
 */
export function dueItems(items: BlockerItem[], today: string, userId: number | undefined) {
  const rank = (item: BlockerItem) => (dueOf(item, today) === "overdue" ? 0 : 2) + (item.owner?.id === userId ? 0 : 1);
  const due = items.filter((item) => {
    const state = dueOf(item, today);
    return state === "overdue" || state === "dueSoon";
  });
  return { due: due.toSorted((a, b) => rank(a) - rank(b)), later: items.length - due.length };
}

/** The area's stalled buildings (not blocked: those are above), the longest stalled first. */
export function stalledOf(buildings: BuildingListItem[]) {
  return buildings
    .filter((building) => building.stalledDays != null && !building.blockerCategory && !building.withdrawn)
    .toSorted((a, b) => (b.stalledDays ?? 0) - (a.stalledDays ?? 0));
}
