import { describe, expect, it } from "vitest";
import type { TargetsResponse } from "../../api/types";
import { areaSums, draftChanges, draftFrom, unbalancedStages, withTarget } from "./allocation";

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
