// The domain's fixed vocabularies — stages, blocker categories, roles — as plain constants and the types
// derived from them. No zod here: the client's light pages import this, the rules and the labels without
// pulling in the schema library; schemas.ts builds its enums from these.

export const RECORDED_STAGES = ["signed", "started", "completed"] as const;
export const BUILDING_STAGES = ["planned", ...RECORDED_STAGES] as const;
export const BLOCKER_CATEGORIES = ["low_floor_opposition", "pipelines", "funding", "approval", "other"] as const;
export const ROLES = ["taskforce", "secretary", "leader"] as const;
/** The building list's `stalled` filter: either stage, one stage, or not stalled. */
export const STALL_FILTERS = ["true", "false", "signed", "started"] as const;

export type RecordedStage = (typeof RECORDED_STAGES)[number];
export type BuildingStage = (typeof BUILDING_STAGES)[number];
export type BlockerCategory = (typeof BLOCKER_CATEGORIES)[number];
export type Role = (typeof ROLES)[number];
export type StallFilter = (typeof STALL_FILTERS)[number];

/** A building's stage dates (YYYY-MM-DD or null). */
export interface StageDates {
  signedOn: string | null;
  startedOn: string | null;
  completedOn: string | null;
}
