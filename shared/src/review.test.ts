import { describe, expect, it } from "vitest";
import {
  type AwardCandidate,
  type AwardRule,
  awardRuleSchema,
  composeReview,
  DEFAULT_AWARD_RULE,
  proposeAwards,
  putReviewSchema,
  type ReviewFigures,
  reviewDayOf,
  reviewWindowOf,
  stageResult,
} from "./review";

/** An area with `[actual, target]` per stage (target null: none), ranked `rank`. */
function area(
  areaId: number,
  rank: number,
  signed: [number, number | null],
  started: [number, number | null],
  completed: [number, number | null],
): AwardCandidate {
  const result = ([actual, target]: [number, number | null]) =>
    stageResult(actual, target, target ? Math.round((actual / target) * 1000) / 10 : null);
  return { areaId, rank, stages: { signed: result(signed), started: result(started), completed: result(completed) } };
}

const rule = (overrides: Partial<AwardRule> = {}): AwardRule => ({ ...DEFAULT_AWARD_RULE, ...overrides });
const titles = (awards: Map<number, string>) => Object.fromEntries([...awards].sort(([a], [b]) => a - b));

describe("a stage's result", () => {
  it("is met when the count reaches the target, and has nothing to meet without a target or with a target of 0", () => {
    expect(stageResult(5, 5, 100).met).toBe(true);
    expect(stageResult(4, 5, 80).met).toBe(false);
    expect(stageResult(3, null, null)).toEqual({ actual: 3, target: null, percent: null, met: null });
    expect(stageResult(3, 0, null)).toEqual({ actual: 3, target: 0, percent: null, met: null });
  });
});

describe("the award rule", () => {
  it("proposes 先进 for every area meeting all three targets, and 优秀 for the top two of them by completion", () => {
    const areas = [
      area(1, 1, [6, 5], [6, 5], [7, 5]), // completion 140 %
      area(2, 2, [5, 5], [5, 5], [6, 5]), // 120 %
      area(3, 3, [5, 5], [5, 5], [5, 5]), // 100 %
      area(4, 4, [9, 5], [9, 5], [4, 5]), // completion missed
      area(5, 5, [4, 5], [8, 5], [9, 5]), // signing missed, best completion
    ];
    expect(titles(proposeAwards(areas, rule()))).toEqual({ 1: "excellent", 2: "excellent", 3: "advanced" });
  });

  it("asks only the chosen stages to be met", () => {
    const areas = [area(4, 1, [9, 5], [9, 5], [4, 5]), area(5, 2, [4, 5], [8, 5], [9, 5])];
    expect(titles(proposeAwards(areas, rule({ stages: ["completed"], excellentCount: 0 })))).toEqual({
      5: "advanced",
    });
    expect(titles(proposeAwards(areas, rule({ stages: ["signed", "started"], excellentCount: 0 })))).toEqual({
      4: "advanced",
    });
  });

  it("never proposes an area without targets, whatever it did", () => {
    const areas = [
      area(1, 1, [30, null], [30, null], [30, null]),
      area(2, 2, [30, 0], [30, 0], [30, 0]),
      area(3, 3, [30, 5], [30, 5], [30, null]),
    ];
    expect(proposeAwards(areas, rule()).size).toBe(0);
    // Without a completion target, meeting the other two makes an area 先进 but never 优秀.
    expect(titles(proposeAwards(areas, rule({ stages: ["signed", "started"] })))).toEqual({ 3: "advanced" });
  });

  it("makes every qualified area 优秀 when there are fewer than N, and none when N is 0", () => {
    const areas = [area(1, 1, [5, 5], [5, 5], [6, 5]), area(2, 2, [5, 5], [5, 5], [5, 5])];
    expect(titles(proposeAwards(areas, rule({ excellentCount: 5 })))).toEqual({ 1: "excellent", 2: "excellent" });
    expect(titles(proposeAwards(areas, rule({ excellentCount: 0 })))).toEqual({ 1: "advanced", 2: "advanced" });
    expect(proposeAwards([], rule()).size).toBe(0);
  });

  it("proposes every area tied with the last 优秀 on completion percent (并列)", () => {
    const areas = [
      area(1, 1, [5, 5], [5, 5], [8, 5]), // 160 %
      area(2, 2, [5, 5], [5, 5], [6, 5]), // 120 %
      area(3, 3, [4, 4], [4, 4], [12, 10]), // 120 %: tied with the second
      area(4, 4, [5, 5], [5, 5], [5, 5]), // 100 %
    ];
    expect(titles(proposeAwards(areas, rule({ excellentCount: 2 })))).toEqual({
      1: "excellent",
      2: "excellent",
      3: "excellent",
      4: "advanced",
    });
    // A tie above the cutoff takes no extra place.
    expect(titles(proposeAwards(areas, rule({ excellentCount: 1 })))).toEqual({
      1: "excellent",
      2: "advanced",
      3: "advanced",
      4: "advanced",
    });
  });

  it("leaves a 先进 below the minimum completion percent 先进", () => {
    const areas = [area(1, 1, [5, 5], [5, 5], [7, 5]), area(2, 2, [5, 5], [5, 5], [6, 5])];
    expect(titles(proposeAwards(areas, rule({ excellentMinPercent: 130 })))).toEqual({
      1: "excellent",
      2: "advanced",
    });
    // The minimum is compared with the percent as shown: 120.0 meets 120.
    expect(titles(proposeAwards(areas, rule({ excellentMinPercent: 120 })))).toEqual({
      1: "excellent",
      2: "excellent",
    });
  });

  it("refuses a rule without stages, with a stage twice, or with a negative number, naming the field", () => {
    const fieldOf = (input: unknown) => awardRuleSchema.safeParse(input).error?.issues[0]?.path.join(".");
    expect(fieldOf({ ...DEFAULT_AWARD_RULE, stages: [] })).toBe("stages");
    expect(fieldOf({ ...DEFAULT_AWARD_RULE, stages: ["signed", "signed"] })).toBe("stages");
    expect(fieldOf({ ...DEFAULT_AWARD_RULE, excellentCount: -1 })).toBe("excellentCount");
    expect(awardRuleSchema.safeParse(DEFAULT_AWARD_RULE).success).toBe(true);
  });

  it("refuses two hand changes of one area and a change without a note", () => {
    const path = (input: unknown) => putReviewSchema.safeParse(input).error?.issues[0]?.path.join(".");
    const change = { areaId: 3, award: "advanced", note: "群众评议好" };
    expect(path({ rule: DEFAULT_AWARD_RULE, overrides: [change, { ...change, award: null }] })).toBe(
      "overrides.1.areaId",
    );
    expect(path({ rule: DEFAULT_AWARD_RULE, overrides: [{ ...change, note: " \u200b " }] })).toBe("overrides.0.note");
  });
});

describe("the review's rows", () => {
  const figures = (id: number, completed: number, shortfall = 0): ReviewFigures => ({
    id,
    name: `居民区${id}`,
    zoneId: 1,
    zoneName: "一片",
    shortfall,
    stages: {
      signed: { actual: 5, target: 5, percent: 100 },
      started: { actual: 5, target: 5, percent: 100 },
      completed: { actual: completed, target: 5, percent: completed * 20 },
    },
  });

  it("ranks by the ranking rule, applies hand changes over the proposal and lists the titled areas by rank", () => {
    const { rows, awards } = composeReview(
      [figures(1, 4, 1), figures(2, 7), figures(3, 5), figures(4, 6)],
      rule({ excellentCount: 1 }),
      [
        { areaId: 3, award: null, note: "年内发生安全事故" },
        { areaId: 1, award: "advanced", note: "受疫情影响，经专班评议" },
      ],
    );
    expect(rows.map((row) => [row.areaId, row.rank])).toEqual([
      [2, 1],
      [4, 2],
      [3, 3],
      [1, 4],
    ]);
    expect(rows.map((row) => [row.areaId, row.proposed, row.award])).toEqual([
      [2, "excellent", "excellent"],
      [4, "advanced", "advanced"],
      [3, "advanced", null],
      [1, null, "advanced"],
    ]);
    expect(rows.find((row) => row.areaId === 1)?.override).toEqual({
      award: "advanced",
      note: "受疫情影响，经专班评议",
    });
    expect(rows.find((row) => row.areaId === 1)?.qualified).toBe(false);
    expect(awards).toEqual({
      excellent: [{ areaId: 2, name: "居民区2" }],
      advanced: [
        { areaId: 4, name: "居民区4" },
        { areaId: 1, name: "居民区1" },
      ],
    });
  });
});

describe("when a year's review is open", () => {
  it("reviews a closed year on its 31 December, drafts this year's from December on today, and nothing else", () => {
    expect(reviewWindowOf(2025, "2026-01-01")).toBe("closed");
    expect(reviewDayOf(2025, "2026-06-15")).toBe("2025-12-31");
    expect(reviewWindowOf(2026, "2026-11-30")).toBe("unavailable");
    expect(reviewWindowOf(2026, "2026-12-01")).toBe("drafting");
    expect(reviewDayOf(2026, "2026-12-05")).toBe("2026-12-05");
    expect(reviewWindowOf(2027, "2026-12-05")).toBe("unavailable");
  });
});
