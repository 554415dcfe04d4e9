// Annual counting and progress (docs/DOMAIN.md § Annual counting, § Progress): year Y's count of a stage is the number of buildings, not
// withdrawn, whose date for that stage falls in Y; expected-by-now is the target times the year's elapsed share.

import { daysBetween, elapsedShareOfYear, monthOf, yearOf } from "./dates";
import type { StageCounts, StallThresholds } from "./responses";
import { STAGE_DATE_FIELD, stageOf } from "./stages";
import type { BuildingStage, RecordedStage, StageDates } from "./vocabulary";

export interface Countable extends StageDates {
  withdrawn: boolean;
}

/**
 * Blocked (docs/DOMAIN.md § Stages): a blocker recorded on a building still on its way — neither withdrawn nor
 * completed. A completed building's old blocker blocks nothing; it is shown, not counted.
 */
export function isBlocked(building: Countable & { blockerCategory: string | null }): boolean {
  return building.blockerCategory != null && !building.withdrawn && !building.completedOn;
}

/** Where a building stands now: its stage, or withdrawn (which leaves every stage). */
export type Standing = BuildingStage | "withdrawn";

/**
 * Where a building stands (docs/DOMAIN.md § Where a building stands): withdrawn, else its stage (`stageOf`).
 * Blocked is a flag over the stage, not a place of its own — a blocked building still counts in its stage,
 * as in the summary's funnel — so every page that groups or counts buildings says the same numbers.
 */
export function standingOf(building: Countable): Standing {
  return building.withdrawn ? "withdrawn" : stageOf(building);
}

/** How many buildings stand where, how many are blocked, and how many there are: an area's counts. */
export function standingCounts(buildings: readonly (Countable & { blockerCategory: string | null })[]): StageCounts {
  const counts: StageCounts = { planned: 0, signed: 0, started: 0, completed: 0, withdrawn: 0, blocked: 0, total: 0 };
  for (const building of buildings) {
    counts[standingOf(building)]++;
    if (isBlocked(building)) counts.blocked++;
    counts.total++;
  }
  return counts;
}

export function countInYear(buildings: readonly Countable[], stage: RecordedStage, year: number): number {
  const field = STAGE_DATE_FIELD[stage];
  let count = 0;
  for (const building of buildings) {
    const date = building[field];
    if (!building.withdrawn && date && yearOf(date) === year) count++;
  }
  return count;
}

/** Counts per month (index 0 = January) of a stage in a year. */
export function monthlyCounts(buildings: readonly Countable[], stage: RecordedStage, year: number): number[] {
  const field = STAGE_DATE_FIELD[stage];
  const months = new Array<number>(12).fill(0);
  for (const building of buildings) {
    const date = building[field];
    if (!building.withdrawn && date && yearOf(date) === year) {
      const month = monthOf(date) - 1;
      months[month] = (months[month] ?? 0) + 1;
    }
  }
  return months;
}

export function cumulative(values: readonly number[]): number[] {
  let total = 0;
  return values.map((value) => {
    total += value;
    return total;
  });
}

/** Target × elapsed share of the year on `today`, to one decimal. */
export function expectedByNow(target: number, year: number, today: string): number {
  return Math.round(target * elapsedShareOfYear(year, today) * 10) / 10;
}

export interface Progress {
  actual: number;
  target: number | null;
  /** actual / target in percent, one decimal; null without a target. */
  percent: number | null;
  /** Whole elevators expected by now: ⌊target × elapsed share⌋ (docs/DOMAIN.md § Progress). */
  expected: number | null;
  /** actual − expected, in whole elevators (negative = behind plan by that many). */
  gap: number | null;
  /** gap ≥ 0. */
  onTrack: boolean | null;
}

export function progress(actual: number, target: number | null, year: number, today: string): Progress {
  if (target == null) return { actual, target: null, percent: null, expected: null, gap: null, onTrack: null };
  const expected = Math.floor(expectedByNow(target, year, today));
  const percent = target > 0 ? Math.round((actual / target) * 1000) / 10 : null;
  const gap = actual - expected;
  return { actual, target, percent, expected, gap, onTrack: gap >= 0 };
}

/** Whole elevators behind plan, summed over the stages that have a target: 0 when on track in all. */
export function shortfallOf(stages: Record<string, Pick<Progress, "gap">>): number {
  return Object.values(stages).reduce((sum, stage) => sum + Math.max(0, -(stage.gap ?? 0)), 0);
}

export const DEFAULT_STALL_THRESHOLDS: StallThresholds = { signedDays: 90, startedDays: 180 };

export type Stall = { kind: "signed" | "started"; since: string; days: number };

/** Whether a building has stalled on `today`, and for how long it has waited in its stage. */
export function stallOf(building: Countable, today: string, thresholds: StallThresholds): Stall | null {
  if (building.withdrawn || building.completedOn) return null;
  if (building.startedOn) {
    const days = daysBetween(building.startedOn, today);
    return days > thresholds.startedDays ? { kind: "started", since: building.startedOn, days } : null;
  }
  if (building.signedOn) {
    const days = daysBetween(building.signedOn, today);
    return days > thresholds.signedDays ? { kind: "signed", since: building.signedOn, days } : null;
  }
  return null;
}
