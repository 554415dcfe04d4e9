// Year-end forecasts of a stage's count (docs/DOMAIN.md § Forecasts): by the current pace, and from the pipeline — the
// buildings already in an earlier stage, moved on by the observed median days between stages.

import { addDays, daysBetween, daysInYear, elapsedShareOfYear, endOfYear, yearOf } from "./dates";

/** The year's actual count scaled up to the whole year at the pace so far. */
export function forecastByPace(actual: number, year: number, today: string): number {
  const share = elapsedShareOfYear(year, today);
  if (share <= 0 || share >= 1) return actual;
  return Math.round(actual / share);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

export interface MedianDurations {
  signedToStarted: number | null;
  startedToCompleted: number | null;
}

/** A group of buildings waiting to reach the forecast stage: the date they entered their current stage. */
export interface WaitingGroup {
  /** Date the buildings entered their current stage. */
  since: string;
  count: number;
  /** Which stage they are in now. */
  from: "signed" | "started";
}

/**
 * Forecast of the year's count of `stage` from the pipeline: each waiting building is expected to reach
 * `stage` after the median days of each transition still ahead of it (and not before tomorrow); those
 * expected by 31 December are added to the actual count. Returns null when it cannot be estimated
 * (signings have no dated pipeline; no median observed yet).
 */
export function forecastByPipeline(input: {
  stage: "signed" | "started" | "completed";
  year: number;
  today: string;
  actual: number;
  waiting: readonly WaitingGroup[];
  medians: MedianDurations;
}): number | null {
  const { stage, year, today, actual, waiting, medians } = input;
  if (yearOf(today) > year) return actual;
  if (stage === "signed") return null;
  const yearEnd = endOfYear(year);
  const earliest = today < `${year}-01-01` ? `${year}-01-01` : addDays(today, 1);
  let expected = 0;
  for (const group of waiting) {
    if (stage === "started" && group.from !== "signed") continue;
    const days = daysToReach(stage, group.from, medians);
    if (days == null) return null;
    let arrival = addDays(group.since, Math.round(days));
    if (arrival < earliest) arrival = earliest;
    if (arrival <= yearEnd) expected += group.count;
  }
  return actual + expected;
}

/** The median days a building in stage `from` needs to reach `stage`, or null when not observed yet. */
function daysToReach(
  stage: "started" | "completed",
  from: WaitingGroup["from"],
  medians: MedianDurations,
): number | null {
  if (stage === "started" || from === "started") {
    return stage === "started" ? medians.signedToStarted : medians.startedToCompleted;
  }
  if (medians.signedToStarted == null || medians.startedToCompleted == null) return null;
  return medians.signedToStarted + medians.startedToCompleted;
}

/** The monthly rate still needed from tomorrow to reach the target by 31 December; null when the year is over. */
export function neededPerMonth(target: number | null, actual: number, year: number, today: string): number | null {
  if (target == null) return null;
  if (yearOf(today) > year) return null;
  const remaining = Math.max(0, target - actual);
  const start = yearOf(today) < year ? `${year}-01-01` : today;
  const daysLeft = daysBetween(start, endOfYear(year)) + (yearOf(today) < year ? 1 : 0);
  if (daysLeft <= 0) return remaining;
  const monthsLeft = daysLeft / (daysInYear(year) / 12);
  // Whole elevators a month, rounded up: 12.2 needed means 13 a month to make it.
  return Math.ceil(Math.round((remaining / Math.max(monthsLeft, 1 / 30)) * 1000) / 1000);
}
