// What a count reads (docs/DOMAIN.md § What a count reads): the building fields the rules of rules/ (stage,
// stall, annual counting, blocked, as of a date) count by, and the area the summary and the areas' counts group
// them by. A building change that sets none of them leaves every count as it was, so the summary and the areas'
// counts stay cached through it (its notice says `countsUnchanged`). rules.test.ts checks that a change to each
// other editable field leaves the summary and the areas' counts as they were.

import type { Building } from "@jiati/shared";

export const COUNTED_FIELDS: ReadonlySet<string> = new Set<keyof Building>([
  "areaId",
  "signedOn",
  "startedOn",
  "completedOn",
  "withdrawn",
  "blockerCategory",
]);

/** Whether changing `fields` (a building's, by their names in `Building`) may change a count. */
export function changesCounts(fields: Iterable<string>): boolean {
  for (const field of fields) if (COUNTED_FIELDS.has(field)) return true;
  return false;
}
