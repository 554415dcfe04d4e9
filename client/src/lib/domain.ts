// The domain vocabulary the light pages need (dashboard, lists), taken from shared/'s dependency-free
// modules so they do not pull in zod; the stage lists are derived from the label records, whose types
// (Record<Stage, string>) guarantee they name every stage.

import type { BlockerCategory, BuildingStage, RecordedStage, StageDates } from "@jiati/shared";
import { BLOCKER_LABELS, STAGE_DATE_LABELS, STAGE_LABELS } from "@jiati/shared/labels";

export const RECORDED_STAGES = Object.keys(STAGE_DATE_LABELS) as RecordedStage[];
export const BUILDING_STAGES = Object.keys(STAGE_LABELS) as BuildingStage[];
export const BLOCKER_CATEGORIES = Object.keys(BLOCKER_LABELS) as BlockerCategory[];

/** The furthest stage reached by the dates — stageOf of @jiati/shared, here without its zod import. */
export function stageOfDates(dates: StageDates): BuildingStage {
  if (dates.completedOn) return "completed";
  if (dates.startedOn) return "started";
  if (dates.signedOn) return "signed";
  return "planned";
}

/** The stage to record next, or null when completed — nextStage of @jiati/shared, without zod. */
export function nextStage(dates: StageDates): RecordedStage | null {
  if (!dates.signedOn) return "signed";
  if (!dates.startedOn) return "started";
  if (!dates.completedOn) return "completed";
  return null;
}
