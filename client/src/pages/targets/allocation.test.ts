import { DISTRIBUTION_RULES } from "@jiati/shared/planning";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TargetsResponse } from "../../api/types";
import {
  areaSums,
  distributionOf,
  draftChanges,
  draftCopiedFrom,
  draftDistributed,
  draftFrom,
  TOWN,
  targetIn,
  unbalancedStages,
  withTarget,
} from "./allocation";

const balanced = { town: null, areaSum: 0, balanced: true };
const targets: TargetsResponse = {
  year: 2022,
  town: { signed: 122, started: 122, completed: null },
  zones: [],
  areas: [
    { areaId: 1, signed: 60, started: 50, completed: null },
    { areaId: 2, signed: 62, started: null, completed: null },
  ],
  allocation: { signed: balanced, started: balanced, completed: balanced },
};

describe("the targets being edited", () => {
  it("start as the saved ones, with nothing to send", () => {
    const saved = draftFrom(targets);
    expect(draftChanges(saved, saved)).toEqual([]);
  });

  it("send one entry per changed target, the town's with no area, a cleared one as null", () => {
    const saved = draftFrom(targets);
    let draft = withTarget(saved, "town", "completed", 100);
    draft = withTarget(draft, "1", "started", null);
    draft = withTarget(draft, "3", "signed", 4);
    const changes = draftChanges(draft, saved);
    expect(changes).toHaveLength(3);
    expect(changes).toEqual(
      expect.arrayContaining([
        { stage: "completed", areaId: null, zoneId: null, value: 100 },
        { stage: "started", areaId: 1, zoneId: null, value: null },
        { stage: "signed", areaId: 3, zoneId: null, value: 4 },
      ]),
    );
  });

  it("send nothing for a target typed back to its saved value", () => {
    const saved = draftFrom(targets);
    const draft = withTarget(withTarget(saved, "2", "signed", 70), "2", "signed", 62);
    expect(draftChanges(draft, saved)).toEqual([]);
  });
});

describe("the allocation check", () => {
  it("adds up the areas' targets per stage, an area without one counting 0", () => {
    expect(areaSums(draftFrom(targets), [1, 2, 3])).toEqual({ signed: 122, started: 50, completed: 0 });
  });

  it("flags a stage whose areas do not add up to the town's target", () => {
    expect(unbalancedStages(draftFrom(targets), [1, 2])).toEqual(["started"]);
  });

  it("does not flag a stage with no town target, or with no area target at all", () => {
    const draft = withTarget(draftFrom(targets), "town", "completed", 100);
    expect(unbalancedStages(draft, [1, 2])).not.toContain("completed");
    expect(unbalancedStages(withTarget(draft, "1", "completed", 40), [1, 2])).toContain("completed");
  });

  it("counts only the areas listed (another area's draft target does not hide a gap)", () => {
    const draft = withTarget(draftFrom(targets), "9", "started", 72);
    expect(unbalancedStages(draft, [1, 2])).toEqual(["started"]);
  });
});

const lastYear: TargetsResponse = {
  year: 2026,
  town: { signed: 120, started: 110, completed: null },
  zones: [],
  areas: [
    { areaId: 1, signed: 50, started: 40, completed: 30 },
    { areaId: 2, signed: 70, started: null, completed: null },
    // An area no longer listed: not copied into the draft.
    { areaId: 8, signed: 9, started: 9, completed: 9 },
  ],
  allocation: { signed: balanced, started: balanced, completed: balanced },
};
const nextYearSaved: TargetsResponse = {
  ...targets,
  year: 2027,
  town: { signed: null, started: null, completed: null },
  areas: [],
};

describe("copying last year", () => {
  it("fills the town and each area from last year's saved targets, as unsaved changes", () => {
    const saved = draftFrom(nextYearSaved);
    const draft = draftCopiedFrom(saved, lastYear, [1, 2, 3]);
    expect(targetIn(draft, TOWN, "signed")).toBe(120);
    expect(targetIn(draft, "1", "completed")).toBe(30);
    expect(targetIn(draft, "2", "signed")).toBe(70);
    expect(draftChanges(draft, saved)).toHaveLength(2 + 3 + 1);
    expect(draftChanges(draft, saved)).toContainEqual({ stage: "signed", areaId: 1, zoneId: null, value: 50 });
  });

  it("leaves an area without targets last year as it is, and copies no area that is not listed", () => {
    const typed = withTarget(draftFrom(nextYearSaved), "3", "signed", 5);
    const draft = draftCopiedFrom(typed, lastYear, [1, 2, 3]);
    expect(targetIn(draft, "3", "signed")).toBe(5);
    expect(targetIn(draft, "3", "started")).toBeNull();
    expect(draft["8"]).toBeUndefined();
  });

  it("replaces what the draft had for an area last year had targets for, clearing a stage it had none for", () => {
    const typed = withTarget(draftFrom(nextYearSaved), "2", "started", 12);
    expect(targetIn(draftCopiedFrom(typed, lastYear, [1, 2]), "2", "started")).toBeNull();
  });

  it("copies nothing from a year without targets: the draft is then empty", () => {
    const draft = draftCopiedFrom(draftFrom(nextYearSaved), nextYearSaved, [1, 2]);
    expect(draftChanges(draft, draftFrom(nextYearSaved))).toEqual([]);
  });
});

const counts = (planned: number, signed: number, started: number) => ({
  planned,
  signed,
  started,
  completed: 0,
  withdrawn: 0,
  blocked: 0,
  total: planned + signed + started,
});
const areas = [
  { id: 1, counts: counts(30, 5, 2) },
  { id: 2, counts: counts(10, 5, 0) },
  { id: 3, counts: counts(0, 2, 8) },
];

describe("distributing a town figure over the areas", () => {
  it("by pipeline weighs each area by its buildings in the stage before the target's", () => {
    const shares = distributionOf({ rule: "pipeline", stage: "signed", total: 10, areas, previous: lastYear });
    expect(shares).toEqual([
      { areaId: 1, weight: 30, value: 8 },
      { areaId: 2, weight: 10, value: 2 },
      { areaId: 3, weight: 0, value: 0 },
    ]);
    const completed = distributionOf({ rule: "pipeline", stage: "completed", total: 10, areas, previous: lastYear });
    expect(completed?.map((share) => share.value)).toEqual([2, 0, 8]);
  });

  it("by last year weighs each area by its previous target, an area without one getting nothing", () => {
    const shares = distributionOf({ rule: "lastYear", stage: "signed", total: 130, areas, previous: lastYear });
    // 130 × 50/120 = 54.17 and 130 × 70/120 = 75.83: the leftover elevator goes to the larger remainder.
    expect(shares?.map((share) => share.value)).toEqual([54, 76, 0]);
  });

  it("evenly gives the leftover elevators to the first areas", () => {
    const shares = distributionOf({ rule: "even", stage: "started", total: 8, areas, previous: undefined });
    expect(shares?.map((share) => share.value)).toEqual([3, 3, 2]);
  });

  it("gives no result when the rule has no basis, and zeros for a figure of 0", () => {
    expect(distributionOf({ rule: "lastYear", stage: "completed", total: 5, areas, previous: undefined })).toBeNull();
    expect(
      distributionOf({ rule: "lastYear", stage: "completed", total: 0, areas, previous: undefined })?.map(
        (s) => s.value,
      ),
    ).toEqual([0, 0, 0]);
    expect(distributionOf({ rule: "even", stage: "signed", total: 5, areas: [], previous: undefined })).toBeNull();
  });

  it("sums to the town figure for every rule and stage, on random areas", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DISTRIBUTION_RULES),
        fc.constantFrom(...RECORDED_STAGES),
        fc.integer({ min: 0, max: 2_000 }),
        fc.array(fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.option(fc.nat(200), { nil: null })), {
          minLength: 1,
          maxLength: 40,
        }),
        (rule, stage, total, rows) => {
          const listed = rows.map(([planned, signed, started], index) => ({
            id: index + 1,
            counts: counts(planned, signed, started),
          }));
          const previous: TargetsResponse = {
            ...lastYear,
            areas: rows.map(([, , , value], index) => ({
              areaId: index + 1,
              signed: value,
              started: value,
              completed: value,
            })),
          };
          const shares = distributionOf({ rule, stage, total, areas: listed, previous });
          if (!shares) {
            expect(total).toBeGreaterThan(0);
            return;
          }
          expect(shares.reduce((sum, share) => sum + share.value, 0)).toBe(total);
          const draft = draftDistributed(draftFrom(nextYearSaved), stage, total, shares);
          const ids = listed.map((area) => area.id);
          expect(areaSums(draft, ids)[stage]).toBe(total);
          expect(unbalancedStages(draft, ids)).not.toContain(stage);
        },
      ),
    );
  });

  it("sets the town's target to the figure along with the areas' shares", () => {
    const shares = distributionOf({ rule: "even", stage: "signed", total: 4, areas, previous: undefined }) ?? [];
    const saved = draftFrom(nextYearSaved);
    const draft = draftDistributed(saved, "signed", 4, shares);
    expect(targetIn(draft, TOWN, "signed")).toBe(4);
    expect(draftChanges(draft, saved)).toHaveLength(4);
  });
});
