// The targets being edited: the town's and each area's per stage, what differs from the saved ones (the
// entries to PUT), whether the areas add up to the town's target, and the draft filled from last year or by
// distributing a town figure over the areas (docs/DOMAIN.md § Targets for the coming year).

import type { RecordedStage, TargetEntry } from "@jiati/shared";
import { type DistributionRule, distribute, distributionWeights } from "@jiati/shared/planning";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import type { AreaWithCounts, TargetsResponse } from "../../api/types";

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

/**
 * The draft filled from the previous year's saved targets (docs/DOMAIN.md § Targets for the coming year): the
 * town and each listed area that had targets then take last year's value for every stage (none where it had
 * none); an area without a target last year (new since, or left out) keeps what the draft has.
 */
export function draftCopiedFrom(draft: Draft, previous: TargetsResponse, areaIds: readonly number[]): Draft {
  const next: Draft = { ...draft, [TOWN]: { ...previous.town } };
  const listed = new Set(areaIds);
  for (const area of previous.areas) {
    if (!listed.has(area.areaId)) continue;
    next[area.areaId] = { signed: area.signed, started: area.started, completed: area.completed };
  }
  return next;
}

/** One area's part in a distribution: what the rule weighs it by, and its share. */
export interface AreaShare {
  areaId: number;
  weight: number;
  value: number;
}

export interface DistributionInput {
  rule: DistributionRule;
  stage: RecordedStage;
  /** The town figure to distribute. */
  total: number;
  areas: readonly Pick<AreaWithCounts, "id" | "counts">[];
  /** The previous year's saved targets (for the "last year" rule). */
  previous: TargetsResponse | undefined;
}

/**
 * The town figure spread over the areas, in their order, by `rule` (shared `distribute`: whole elevators
 * summing to the figure). null when the rule gives no basis (every weight 0 and something to spread).
 */
export function distributionOf({ rule, stage, total, areas, previous }: DistributionInput): AreaShare[] | null {
  const lastYear = new Map(previous?.areas.map((area) => [area.areaId, area[stage]]));
  const weights = distributionWeights(
    rule,
    stage,
    areas.map((area) => ({ counts: area.counts, lastYear: lastYear.get(area.id) ?? null })),
  );
  const values = distribute(total, weights);
  if (!values) return null;
  return areas.map((area, index) => ({ areaId: area.id, weight: weights[index] ?? 0, value: values[index] ?? 0 }));
}

/** The draft with the town's target for `stage` set to `total` and each area's to its share. */
export function draftDistributed(
  draft: Draft,
  stage: RecordedStage,
  total: number,
  shares: readonly AreaShare[],
): Draft {
  let next = withTarget(draft, TOWN, stage, total);
  for (const share of shares) next = withTarget(next, String(share.areaId), stage, share.value);
  return next;
}
