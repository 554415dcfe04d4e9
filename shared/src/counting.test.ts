import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Countable,
  countInYear,
  cumulative,
  DEFAULT_STALL_THRESHOLDS,
  expectedByNow,
  isBlocked,
  monthlyCounts,
  progress,
  shortfallOf,
  stallOf,
  standingCounts,
  standingOf,
} from "./counting";
import { addDays, yearOf } from "./dates";

const building = (overrides: Partial<Countable> = {}): Countable => ({
  signedOn: null,
  startedOn: null,
  completedOn: null,
  withdrawn: false,
  ...overrides,
});

const arbitraryBuilding = fc
  .record({
    signed: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: null }),
    startGap: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    completeGap: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    withdrawn: fc.boolean(),
  })
  .map(({ signed, startGap, completeGap, withdrawn }) => {
    const signedOn = signed == null ? null : addDays("2015-01-01", signed);
    const startedOn = signedOn && startGap != null ? addDays(signedOn, startGap) : null;
    const completedOn = startedOn && completeGap != null ? addDays(startedOn, completeGap) : null;
    return building({ signedOn, startedOn, completedOn, withdrawn });
  });

describe("annual counting", () => {
  it("counts a stage by the year of its date and leaves withdrawn buildings out", () => {
    const buildings = [
      building({ signedOn: "2022-01-05" }),
      building({ signedOn: "2021-12-31", startedOn: "2022-02-01" }),
      building({ signedOn: "2022-03-01", withdrawn: true }),
    ];
    expect(countInYear(buildings, "signed", 2022)).toBe(1);
    expect(countInYear(buildings, "signed", 2021)).toBe(1);
    expect(countInYear(buildings, "started", 2022)).toBe(1);
  });

  it("equals the number of buildings whose stage date lies in that year, and the months add up to it", () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryBuilding, { maxLength: 80 }),
        fc.integer({ min: 2015, max: 2027 }),
        (list, year) => {
          for (const stage of ["signed", "started", "completed"] as const) {
            const field = stage === "signed" ? "signedOn" : stage === "started" ? "startedOn" : "completedOn";
            const expected = list.filter((b) => !b.withdrawn && b[field] && yearOf(b[field] as string) === year).length;
            expect(countInYear(list, stage, year)).toBe(expected);
            const months = monthlyCounts(list, stage, year);
            expect(months.reduce((a, b) => a + b, 0)).toBe(expected);
            expect(cumulative(months)[11]).toBe(expected);
          }
        },
      ),
      { seed: 2022, numRuns: 300 },
    );
  });
});

describe("progress against a target", () => {
  it("expects the target times the elapsed share of the year", () => {
    expect(expectedByNow(122, 2022, "2022-12-31")).toBe(122);
    expect(expectedByNow(122, 2022, "2021-12-31")).toBe(0);
    // 1 July 2022 is day 182 of 365.
    expect(expectedByNow(122, 2022, "2022-07-01")).toBeCloseTo((122 * 182) / 365, 1);
  });

  it("reports percent, and the expected count and gap in whole elevators", () => {
    const p = progress(50, 122, 2022, "2022-07-01");
    expect(p.percent).toBe(41);
    // 122 × 182/365 = 60.8: sixty whole elevators are due.
    expect(p.expected).toBe(60);
    expect(p.gap).toBe(-10);
    expect(p.onTrack).toBe(false);
    expect(progress(60, 122, 2022, "2022-07-01")).toMatchObject({ gap: 0, onTrack: true });
    expect(progress(59, 122, 2022, "2022-07-01")).toMatchObject({ gap: -1, onTrack: false });
    expect(progress(61, 122, 2022, "2022-07-01").onTrack).toBe(true);
    expect(progress(3, null, 2022, "2022-07-01")).toMatchObject({ target: null, percent: null, onTrack: null });
  });

  it("sums the whole elevators behind over the stages", () => {
    expect(shortfallOf({ signed: { gap: -3 }, started: { gap: 2 }, completed: { gap: -1 } })).toBe(4);
    expect(shortfallOf({ signed: { gap: 0 }, started: { gap: null }, completed: { gap: 5 } })).toBe(0);
  });
});

describe("stalled buildings", () => {
  it("flags a signing without a start after 90 days and a start without completion after 180", () => {
    const t = DEFAULT_STALL_THRESHOLDS;
    expect(stallOf(building({ signedOn: "2022-01-01" }), "2022-04-01", t)).toBeNull(); // 90 days
    expect(stallOf(building({ signedOn: "2022-01-01" }), "2022-04-02", t)).toEqual({
      kind: "signed",
      since: "2022-01-01",
      days: 91,
    });
    expect(stallOf(building({ signedOn: "2022-01-01", startedOn: "2022-01-10" }), "2022-07-10", t)).toMatchObject({
      kind: "started",
      days: 181,
    });
    expect(
      stallOf(
        building({ signedOn: "2021-01-01", startedOn: "2021-01-10", completedOn: "2021-06-01" }),
        "2022-07-10",
        t,
      ),
    ).toBeNull();
    expect(stallOf(building({ signedOn: "2020-01-01", withdrawn: true }), "2022-07-10", t)).toBeNull();
  });
});

describe("where a building stands", () => {
  const blockedBy = (overrides: Partial<Countable>) => ({ ...building(overrides), blockerCategory: "funding" });

  it("keeps a blocked building in its stage, flagged blocked, as the funnel counts it", () => {
    const blocked = blockedBy({});
    expect(standingOf(blocked)).toBe("planned");
    expect(standingCounts([blocked, { ...building(), blockerCategory: null }])).toEqual({
      planned: 2,
      signed: 0,
      started: 0,
      completed: 0,
      withdrawn: 0,
      blocked: 1,
      total: 2,
    });
  });

  it("puts a withdrawn building apart from every stage, and never blocked", () => {
    const withdrawn = blockedBy({ signedOn: "2022-01-01", withdrawn: true });
    expect(standingOf(withdrawn)).toBe("withdrawn");
    expect(isBlocked(withdrawn)).toBe(false);
  });

  it("does not count a completed building's old blocker", () => {
    const completed = blockedBy({ signedOn: "2021-01-01", startedOn: "2021-02-01", completedOn: "2021-09-01" });
    expect(isBlocked(completed)).toBe(false);
    expect(standingCounts([completed])).toMatchObject({ completed: 1, blocked: 0 });
  });

  it("counts every building in exactly one place", () => {
    fc.assert(
      fc.property(fc.array(arbitraryBuilding, { maxLength: 50 }), (buildings) => {
        const counts = standingCounts(buildings.map((b) => ({ ...b, blockerCategory: null })));
        const placed = counts.planned + counts.signed + counts.started + counts.completed + counts.withdrawn;
        expect(placed).toBe(counts.total);
        expect(counts.total).toBe(buildings.length);
      }),
      { seed: 7, numRuns: 100 },
    );
  });
});
