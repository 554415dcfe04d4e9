// 我的楼栋's grouping: an area's buildings by where they stand — the shared `standingOf`, the rule the area page,
// the funnel and the building list count by, so 意向 says the same number everywhere — blocked ones first in
// their group (they need the secretary first), each group in the order that needs attention first; the address
// search; and "blocked only".

import { isBlocked, type Standing, standingOf } from "@jiati/shared/counting";
import { compareAddresses } from "@jiati/shared/stages";
import type { BuildingListItem } from "../../api/types";

/** The buildings the secretary updates most first (signed → start, started → completion), then the rest. */
export const GROUPS = ["signed", "started", "planned", "completed", "withdrawn"] as const satisfies readonly Standing[];
export type GroupKey = Standing;
export type Groups = Record<GroupKey, BuildingListItem[]>;

/** Groups shown folded until opened: long, and rarely acted on. */
export const FOLDED_GROUPS: readonly GroupKey[] = ["completed", "withdrawn"];

/** Text folded for search: full-width forms, spaces and case ignored (as the server's address key). */
export function searchKey(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** The server's address order (road, 弄, then 号 as numbers), so a group reads as the area page lists it. */
const byAddress = (a: BuildingListItem, b: BuildingListItem) => compareAddresses(a.address, b.address);
/** Oldest date first (the longest waiting), then by address. */
const byDate = (field: "signedOn" | "startedOn") => (a: BuildingListItem, b: BuildingListItem) =>
  (a[field] ?? "").localeCompare(b[field] ?? "") || byAddress(a, b);
/** The latest completions first: the ones the secretary is likely to check. */
const latestCompleted = (a: BuildingListItem, b: BuildingListItem) =>
  (b.completedOn ?? "").localeCompare(a.completedOn ?? "") || byAddress(a, b);
/** Blocked ones first, the longest blocked first; then `order`. */
const blockedFirst =
  (order: (a: BuildingListItem, b: BuildingListItem) => number) => (a: BuildingListItem, b: BuildingListItem) => {
    const blockedA = isBlocked(a);
    const blockedB = isBlocked(b);
    if (blockedA !== blockedB) return blockedA ? -1 : 1;
    if (blockedA) return (a.blockedSince ?? "").localeCompare(b.blockedSince ?? "") || order(a, b);
    return order(a, b);
  };

const ORDER: Record<GroupKey, (a: BuildingListItem, b: BuildingListItem) => number> = {
  planned: byAddress,
  signed: byDate("signedOn"),
  started: byDate("startedOn"),
  completed: latestCompleted,
  withdrawn: byAddress,
};

/** The group a building is shown in: where it stands (shared `standingOf`). */
export function groupOf(building: BuildingListItem): GroupKey {
  return standingOf(building);
}

/** The buildings matching `query` (address or estate) — only the blocked ones if asked — by group, sorted. */
export function groupBuildings(items: readonly BuildingListItem[], query: string, blockedOnly = false): Groups {
  const needle = searchKey(query);
  const groups = Object.fromEntries(GROUPS.map((key) => [key, [] as BuildingListItem[]])) as Groups;
  for (const item of items) {
    if (needle && !searchKey(`${item.address} ${item.estate}`).includes(needle)) continue;
    if (blockedOnly && !isBlocked(item)) continue;
    groups[groupOf(item)].push(item);
  }
  for (const key of GROUPS) groups[key].sort(blockedFirst(ORDER[key]));
  return groups;
}

/** How many of the buildings matching `query` are blocked (the "blocked" chip's count). */
export function blockedCount(items: readonly BuildingListItem[], query: string): number {
  const needle = searchKey(query);
  return items.filter(
    (item) => isBlocked(item) && (!needle || searchKey(`${item.address} ${item.estate}`).includes(needle)),
  ).length;
}
