import type { Summary } from "@jiati/shared";
import { describe, expect, it } from "vitest";
import { burnUpPoints } from "./burnUp";

const progress = { actual: 0, target: null, percent: null, expected: null, gap: null, onTrack: null };
const stage = (cumulative: number[], forecastPace: number, plan: number[] | null = null) => ({
  ...progress,
  forecastPace,
  forecastPipeline: null,
  neededPerMonth: null,
  cumulative,
  plan,
});
const byStage = <T>(value: T) => ({ signed: value, started: value, completed: value });

/** A summary whose signed stage has these monthly cumulative counts, read on `today`. */
function buildSummary(year: number, today: string, signed: ReturnType<typeof stage>): Summary {
  const none = stage(Array(12).fill(0), 0);
  return {
    year,
    today,
    asOf: null,
    generatedAt: `${today}T02:00:00.000Z`,
    scope: { zoneId: null, zoneName: null },
    stages: { signed, started: none, completed: none },
    medianDays: { signedToStarted: null, startedToCompleted: null },
    zones: [],
    areas: [],
    areasOmitted: false,
    allocation: byStage({ town: null, areaSum: 0, balanced: true }),
    funnel: { planned: 0, signed: 0, started: 0, completed: 0 },
    stalled: { signed: 0, started: 0, signedDays: 90, startedDays: 180 },
    blocked: {},
    recent: {
      week: byStage(0),
      month: byStage(0),
      weekFrom: "2022-06-13",
      monthFrom: "2022-06-01",
      through: "2022-06-15",
    },
  };
}

const monthly = [2, 5, 9, 12, 12, 12, 12, 12, 12, 12, 12, 12];

describe("burnUpPoints", () => {
  it("stops the actual line at this month and draws the forecast from there to the year-end figure", () => {
    const points = burnUpPoints(buildSummary(2024, "2024-04-15", stage(monthly, 28)), "signed");
    expect(points.map((point) => point.actual)).toEqual([2, 5, 9, 12, null, null, null, null, null, null, null, null]);
    expect(points[3]?.forecast).toBe(12);
    expect(points[11]?.forecast).toBe(28);
    expect(points[7]?.forecast).toBe(20);
    expect(points.slice(0, 3).every((point) => point.forecast === null)).toBe(true);
  });

  it("rounds the forecast to one decimal", () => {
    const points = burnUpPoints(buildSummary(2024, "2024-04-15", stage(monthly, 13)), "signed");
    expect(points[4]?.forecast).toBe(12.1);
  });

  it("shows a past year whole, with no forecast", () => {
    const points = burnUpPoints(buildSummary(2023, "2024-04-15", stage(monthly, 12)), "signed");
    expect(points.map((point) => point.actual)).toEqual(monthly);
    expect(points.every((point) => point.forecast === null)).toBe(true);
  });

  it("shows no actual figures and no forecast for a year not yet begun", () => {
    const points = burnUpPoints(buildSummary(2025, "2024-04-15", stage(Array(12).fill(0), 0)), "signed");
    expect(points.every((point) => point.actual === null && point.forecast === null)).toBe(true);
  });

  it("carries the even-pace plan when there is a target, and none without", () => {
    const plan = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    expect(burnUpPoints(buildSummary(2024, "2024-04-15", stage(monthly, 28, plan)), "signed")[5]?.plan).toBe(6);
    expect(burnUpPoints(buildSummary(2024, "2024-04-15", stage(monthly, 28)), "signed")[5]?.plan).toBeNull();
  });
});
