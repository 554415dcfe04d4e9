// Planning the year's targets (docs/DOMAIN.md § Targets for the coming year): from which day next year's
// targets may be drafted, and a town target distributed over the areas in whole elevators. No zod, so the
// targets page loads it lightly.

import { yearOf } from "./dates";
import type { RecordedStage } from "./vocabulary";

/** Next year's targets and letters open on this day of the current year (month-day, Shanghai). */
export const NEXT_YEAR_OPENS = "10-01";

/** The latest year whose targets may be set on `today`: next year from 1 October, else this year. */
export function latestPlanningYear(today: string): number {
  const year = yearOf(today);
  return today.slice(5) >= NEXT_YEAR_OPENS ? year + 1 : year;
}

/**
 * `total` split into whole numbers in proportion to `weights`, summing to `total` exactly: each gets the
 * whole part of its share, and the elevators left over go one each to the largest remainders, ties to the
 * earlier entry (the areas' order). Exact in integers for whole weights. `null` when no weight is positive
 * and there is something to split (the rule gives no basis); a total of 0 gives zeros.
 */
export function distribute(total: number, weights: readonly number[]): number[] | null {
  const clean = weights.map((weight) => (Number.isFinite(weight) && weight > 0 ? weight : 0));
  if (total === 0) return clean.map(() => 0);
  const sum = clean.reduce((a, b) => a + b, 0);
  if (sum === 0) return null;
  const whole = clean.map((weight) => Math.floor((total * weight) / sum));
  // total × weight − whole × sum is the remainder over `sum`: exact while the products stay below 2^53.
  const remainders = clean.map((weight, index) => total * weight - (whole[index] ?? 0) * sum);
  let left = total - whole.reduce((a, b) => a + b, 0);
  const order = remainders.map((rest, index) => ({ rest, index })).sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    whole[index] = (whole[index] ?? 0) + 1;
    left--;
  }
  return whole;
}

/** How a town target is spread over the areas (docs/DOMAIN.md § Targets for the coming year). */
export const DISTRIBUTION_RULES = ["pipeline", "lastYear", "even"] as const;
export type DistributionRule = (typeof DISTRIBUTION_RULES)[number];

/** An area's buildings standing in each stage now (not withdrawn): its counts. */
export interface StandingNow {
  planned: number;
  signed: number;
  started: number;
}

/**
 * The area's remaining pipeline for a stage's target: the buildings standing in the stage just before it —
 * 意向 for 签约, signed and not started for 开工, started and not completed for 完工.
 */
export function pipelineOf(stage: RecordedStage, counts: StandingNow): number {
  if (stage === "signed") return counts.planned;
  if (stage === "started") return counts.signed;
  return counts.started;
}

export interface AreaBasis {
  counts: StandingNow;
  /** The area's saved target for the stage in the previous year (null: none). */
  lastYear: number | null;
}

/** Each area's weight under `rule` for `stage`'s target, in the areas' order. */
export function distributionWeights(
  rule: DistributionRule,
  stage: RecordedStage,
  areas: readonly AreaBasis[],
): number[] {
  if (rule === "pipeline") return areas.map((area) => pipelineOf(stage, area.counts));
  if (rule === "lastYear") return areas.map((area) => area.lastYear ?? 0);
  return areas.map(() => 1);
}
