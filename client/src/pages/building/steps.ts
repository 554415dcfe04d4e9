// A building's stages as steps: the ones behind it done, its own in progress (done once it is completed),
// the ones ahead waiting, each with its date.

import { STAGE_DATE_FIELD, stageOf } from "@jiati/shared/stages";
import { BUILDING_STAGES, type BuildingStage, type StageDates } from "@jiati/shared/vocabulary";

type StepStatus = "finish" | "process" | "wait";

interface StageStep {
  stage: BuildingStage;
  date: string | null;
  status: StepStatus;
}

export function stageSteps(building: StageDates): StageStep[] {
  const current = stageOf(building);
  const reached = BUILDING_STAGES.indexOf(current);
  return BUILDING_STAGES.map((stage, index) => {
    let status: StepStatus = "wait";
    if (index < reached || (index === reached && current === "completed")) status = "finish";
    else if (index === reached) status = "process";
    return { stage, date: stage === "planned" ? null : building[STAGE_DATE_FIELD[stage]], status };
  });
}
