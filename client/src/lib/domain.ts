// The domain vocabulary the light pages need (dashboard, lists), taken from shared/'s dependency-free
// modules so they do not pull in zod; the stage lists are derived from the label records, whose types
// (Record<Stage, string>) guarantee they name every stage.

import type { BlockerCategory, BuildingStage, RecordedStage } from "@jiati/shared";
import { BLOCKER_LABELS, STAGE_DATE_LABELS, STAGE_LABELS } from "@jiati/shared/labels";

export const RECORDED_STAGES = Object.keys(STAGE_DATE_LABELS) as RecordedStage[];
export const BUILDING_STAGES = Object.keys(STAGE_LABELS) as BuildingStage[];
export const BLOCKER_CATEGORIES = Object.keys(BLOCKER_LABELS) as BlockerCategory[];
