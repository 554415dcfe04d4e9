// 我的楼栋's grouping: an area's buildings by where they stand — blocked ones apart, at the top, since they
// need the secretary first — each group in the order that needs attention first; and the address search.

import { compareAddresses } from "@jiati/shared/stages";
import type { BuildingListItem } from "../../api/types";

export const GROUPS = ["blocked", "planned", "signed", "started", "completed", "withdrawn"] as const;
export type GroupKey = (typeof GROUPS)[number];

/** Groups shown folded until opened: long, and rarely acted on. */
export const FOLDED_GROUPS: readonly GroupKey[] = ["completed", "withdrawn"];

/** Text folded for search: full-width forms, spaces and case ignored (as the server's address key). */
export function searchKey(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** The server's address order (road, 弄, then 号 as numbers), so a group reads as the area page lists it. */
const byAddress = (a: BuildingListItem, b: BuildingListItem) => compareAddresses(a.address, b.address);
/** Oldest date first (the longest waiting), then by address. */
const byDate = (field: "signedOn" | "startedOn" | "blockedSince") => (a: BuildingListItem, b: BuildingListItem) =>
  (a[field] ?? "").localeCompare(b[field] ?? "") || byAddress(a, b);

export function groupOf(building: BuildingListItem): GroupKey {
  if (building.withdrawn) return "withdrawn";
  if (building.blockerCategory) return "blocked";
  return building.stage;
}

/** The buildings matching `query` (address or estate), by group, each group sorted. */
export function groupBuildings(
  items: readonly BuildingListItem[],
  query: string,
): Record<GroupKey, BuildingListItem[]> {
  const needle = searchKey(query);
  const groups = Object.fromEntries(GROUPS.map((key) => [key, [] as BuildingListItem[]])) as Record<
    GroupKey,
    BuildingListItem[]
  >;
  for (const item of items) {
    if (needle && !searchKey(`${item.address} ${item.estate}`).includes(needle)) continue;
    groups[groupOf(item)].push(item);
  }
  groups.blocked.sort(byDate("blockedSince"));
  groups.planned.sort(byAddress);
  groups.signed.sort(byDate("signedOn"));
  groups.started.sort(byDate("startedOn"));
  // The latest completions first: the ones the secretary is likely to check.
  groups.completed.sort((a, b) => (b.completedOn ?? "").localeCompare(a.completedOn ?? "") || byAddress(a, b));
  groups.withdrawn.sort(byAddress);
  return groups;
}
