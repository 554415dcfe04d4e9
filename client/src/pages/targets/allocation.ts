// The targets being edited: the town's and each area's per stage, what differs from the saved ones (the
// entries to PUT), and whether the areas add up to the town's target.

import type { RecordedStage, TargetEntry } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import type { TargetsResponse } from "../../api/types";

type StageValues = Record<RecordedStage, number | null>;
/** Targets by "town" and by area id. */
export type Draft = Record<string, StageValues>;

export const TOWN = "town";

const noTargets = (): StageValues => ({ signed: null, started: null, completed: null });

export function draftFrom(targets: TargetsResponse): Draft {
  const draft: Draft = { [TOWN]: { ...targets.town } };
  for (const area of targets.areas) {
    draft[area.areaId] = { signed: area.signed, started: area.started, completed: area.completed };
  }
  return draft;
}

/** A target of the draft (null: none). */
export function targetIn(draft: Draft, key: string, stage: RecordedStage): number | null {
  return draft[key]?.[stage] ?? null;
}

/** The draft with one target set. */
export function withTarget(draft: Draft, key: string, stage: RecordedStage, value: number | null): Draft {
  return { ...draft, [key]: { ...(draft[key] ?? noTargets()), [stage]: value } };
}

/** The entries that turn `saved` into `draft` (null removes a target). */
export function draftChanges(draft: Draft, saved: Draft): TargetEntry[] {
  const changes: TargetEntry[] = [];
  for (const [key, values] of Object.entries(draft)) {
    for (const stage of RECORDED_STAGES) {
      if (values[stage] === targetIn(saved, key, stage)) continue;
      changes.push({ stage, areaId: key === TOWN ? null : Number(key), zoneId: null, value: values[stage] });
    }
  }
  return changes;
}

/** Per stage, the sum of the areas' targets (an area without one counts 0). */
export function areaSums(draft: Draft, areaIds: readonly number[]): Record<RecordedStage, number> {
  const sum = (stage: RecordedStage) =>
    areaIds.reduce((total, id) => total + (targetIn(draft, String(id), stage) ?? 0), 0);
  return { signed: sum("signed"), started: sum("started"), completed: sum("completed") };
}

/** Stages whose area targets do not add up to the town's (when both the town and some area have one). */
export function unbalancedStages(draft: Draft, areaIds: readonly number[]): RecordedStage[] {
  const sums = areaSums(draft, areaIds);
  return RECORDED_STAGES.filter((stage) => {
    const town = targetIn(draft, TOWN, stage);
    const anyArea = areaIds.some((id) => targetIn(draft, String(id), stage) != null);
    return town != null && anyArea && town !== sums[stage];
  });
}
