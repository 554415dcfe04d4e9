// 存在问题 from the blocked buildings of the report's scope, as they stood on its day: each area's blockers by
// category (the reasons beside an area behind plan) and the buildings blocked longest.

import type { BlockerCategory, BuildingListItem } from "@jiati/shared";
import { BLOCKER_CATEGORIES } from "@jiati/shared/vocabulary";

export interface CategoryCount {
  category: BlockerCategory;
  count: number;
}

/** Per area, its blocked buildings counted by category: most first, then in the categories' own order. */
export function blockersByArea(items: readonly BuildingListItem[]): Map<number, CategoryCount[]> {
  const counts = new Map<number, Map<BlockerCategory, number>>();
  for (const item of items) {
    if (!item.blockerCategory || item.withdrawn) continue;
    const area = counts.get(item.areaId) ?? new Map<BlockerCategory, number>();
    area.set(item.blockerCategory, (area.get(item.blockerCategory) ?? 0) + 1);
    counts.set(item.areaId, area);
  }
  const order = (category: BlockerCategory) => BLOCKER_CATEGORIES.indexOf(category);
  return new Map(
    [...counts].map(([areaId, byCategory]) => [
      areaId,
      [...byCategory]
        .map(([category, count]) => ({ category, count }))
        .sort((a, b) => b.count - a.count || order(a.category) - order(b.category)),
    ]),
  );
}

/** The `limit` buildings blocked longest (most days first; the same days by address). */
export function longestBlocked(items: readonly BuildingListItem[], limit: number): BuildingListItem[] {
  return items
    .filter((item) => item.blockerCategory && item.blockedDays != null)
    .sort((a, b) => (b.blockedDays ?? 0) - (a.blockedDays ?? 0) || a.address.localeCompare(b.address, "zh-CN"))
    .slice(0, limit);
}
