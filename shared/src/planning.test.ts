import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distribute, distributionWeights, latestPlanningYear, pipelineOf } from "./planning";

describe("the latest year whose targets may be set", () => {
  it("is this year until 30 September, next year from 1 October", () => {
    expect(latestPlanningYear("2026-01-01")).toBe(2026);
    expect(latestPlanningYear("2026-09-30")).toBe(2026);
    expect(latestPlanningYear("2026-10-01")).toBe(2027);
    expect(latestPlanningYear("2026-11-29")).toBe(2027);
    expect(latestPlanningYear("2026-12-31")).toBe(2027);
  });

  it("moves on with the year: on 1 January the new year is this year again", () => {
    expect(latestPlanningYear("2027-01-01")).toBe(2027);
  });
});

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe("distributing a town target over areas", () => {
  it("gives each its whole share and the rest to the largest remainders", () => {
    // 10 × [1, 2, 3] / 6 = [1.67, 3.33, 5]: whole parts 1, 3, 5, one left for the largest remainder (the first).
    expect(distribute(10, [1, 2, 3])).toEqual([2, 3, 5]);
  });

  it("breaks ties by the areas' order", () => {
    expect(distribute(5, [1, 1, 1])).toEqual([2, 2, 1]);
    expect(distribute(1, [3, 3])).toEqual([1, 0]);
    expect(distribute(122, new Array(33).fill(1))).toEqual([...new Array(23).fill(4), ...new Array(10).fill(3)]);
  });

  it("gives nothing to an area of weight 0 and treats a negative or broken weight as 0", () => {
    expect(distribute(7, [0, 1, 0])).toEqual([0, 7, 0]);
    expect(distribute(4, [-5, Number.NaN, 2, 2])).toEqual([0, 0, 2, 2]);
  });

  it("gives zeros for a target of 0, and no result when there is something to split but no weight", () => {
    expect(distribute(0, [0, 0])).toEqual([0, 0]);
    expect(distribute(0, [3, 1])).toEqual([0, 0]);
    expect(distribute(5, [0, 0])).toBeNull();
    expect(distribute(5, [])).toBeNull();
    expect(distribute(0, [])).toEqual([]);
  });

  it("sums to the town target exactly, whole and not negative, for any target and weights", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 60 }),
        (total, weights) => {
          const shares = distribute(total, weights);
          if (total > 0 && sum(weights) === 0) {
            expect(shares).toBeNull();
            return;
          }
          expect(shares).not.toBeNull();
          if (!shares) return;
          expect(shares).toHaveLength(weights.length);
          expect(sum(shares)).toBe(total);
          for (const [index, share] of shares.entries()) {
            expect(Number.isInteger(share)).toBe(true);
            // Within one elevator of the exact share: never more than one above or below it.
            // (Nothing to share out when every weight is 0: the total is then 0, and so is each share.)
            const exact = sum(weights) === 0 ? 0 : (total * (weights[index] ?? 0)) / sum(weights);
            expect(Math.abs(share - exact)).toBeLessThan(1);
          }
        },
      ),
    );
  });

  it("never gives a smaller share to a larger weight", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 2, maxLength: 40 }),
        (total, weights) => {
          const shares = distribute(total, weights) ?? [];
          for (let i = 0; i < weights.length; i++) {
            for (let j = 0; j < weights.length; j++) {
              if ((weights[i] ?? 0) > (weights[j] ?? 0)) expect(shares[i]).toBeGreaterThanOrEqual(shares[j] ?? 0);
            }
          }
        },
      ),
    );
  });
});

describe("the weights of each rule", () => {
  const first = { planned: 10, signed: 4, started: 2 };
  const areas = [
    { counts: first, lastYear: 6 },
    { counts: { planned: 0, signed: 1, started: 7 }, lastYear: null },
  ];

  it("by pipeline: the buildings in the stage just before the target's", () => {
    expect(pipelineOf("signed", first)).toBe(10);
    expect(distributionWeights("pipeline", "signed", areas)).toEqual([10, 0]);
    expect(distributionWeights("pipeline", "started", areas)).toEqual([4, 1]);
    expect(distributionWeights("pipeline", "completed", areas)).toEqual([2, 7]);
  });

  it("by last year: the area's previous target, none counting 0; evenly: one each", () => {
    expect(distributionWeights("lastYear", "signed", areas)).toEqual([6, 0]);
    expect(distributionWeights("even", "completed", areas)).toEqual([1, 1]);
  });
});
