// Links from a figure to the buildings it counts: the building list opened with exactly the filter the
// figure was counted with (docs/DOMAIN.md § Annual counting, § Stalled buildings), so its row count is the figure.

import type { BlockerCategory, BuildingStage, RecordedStage } from "@jiati/shared";

export interface BuildingFilter {
  zoneId?: number | null;
  areaId?: number | null;
  /** Buildings counted for this stage between `from` and `to` (inclusive). */
  counted?: RecordedStage;
  from?: string;
  to?: string;
  /** The stage a building is in now. */
  stage?: BuildingStage;
  stalled?: "true" | "signed" | "started";
  blocked?: "true";
  blockerCategory?: BlockerCategory;
}

export function buildingsLink(filter: BuildingFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value != null && value !== "") params.set(key, String(value));
  }
  return `/buildings?${params.toString()}`;
}

/** Year Y's count of a stage: the dates inside Y (none can lie after today). */
export function countedInYear(stage: RecordedStage, year: number): BuildingFilter {
  return { counted: stage, from: `${year}-01-01`, to: `${year}-12-31` };
}
