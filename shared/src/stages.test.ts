import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import type { StageUpdate } from "./schemas";
import { stageUpdateSchema } from "./schemas";
import { applyStageUpdate, checkStageDates, nextStage, stageOf } from "./stages";
import type { StageDates } from "./vocabulary";

const TODAY = "2022-06-15";
const none: StageDates = { signedOn: null, startedOn: null, completedOn: null };

function apply(dates: StageDates, update: StageUpdate) {
  return applyStageUpdate(dates, update, TODAY);
}

describe("stage rules", () => {
  it("records a signing on a planned building", () => {
    const result = apply(none, { stage: "signed", date: "2022-03-01" });
    expect(result).toMatchObject({ ok: true, dates: { signedOn: "2022-03-01" }, needsReason: false });
  });

  it("refuses a date in the future", () => {
    const result = apply(none, { stage: "signed", date: "2022-06-16" });
    expect(result).toEqual({ ok: false, error: { field: "date", message: "签约日期不能晚于今天（2022-06-15）" } });
  });

  it("accepts today", () => {
    expect(apply(none, { stage: "signed", date: TODAY }).ok).toBe(true);
  });

  it("refuses a start before the building is signed", () => {
    const result = apply(none, { stage: "started", date: "2022-03-01" });
    expect(result).toMatchObject({ ok: false, error: { field: "date", message: "尚未签约，不能记录开工" } });
  });

  it("refuses a start date before the signing date", () => {
    const result = apply({ ...none, signedOn: "2022-03-01" }, { stage: "started", date: "2022-02-28" });
    expect(result).toMatchObject({ ok: false, error: { field: "date" } });
    if (!result.ok) expect(result.error.message).toContain("开工日期不能早于签约日期");
  });

  it("refuses a completion before the start", () => {
    const dates = { signedOn: "2022-01-01", startedOn: "2022-03-01", completedOn: null };
    expect(apply(dates, { stage: "completed", date: "2022-02-01" }).ok).toBe(false);
    expect(apply(dates, { stage: "completed", date: "2022-03-01" }).ok).toBe(true);
  });

  it("refuses to move a signing after an existing start", () => {
    const dates = { signedOn: "2022-01-01", startedOn: "2022-03-01", completedOn: null };
    expect(apply(dates, { stage: "signed", date: "2022-04-01" }).ok).toBe(false);
  });

  it("requires a reason to move a date backwards, not forwards", () => {
    const dates = { ...none, signedOn: "2022-03-01" };
    expect(apply(dates, { stage: "signed", date: "2022-02-01" })).toMatchObject({
      ok: false,
      error: { field: "reason" },
    });
    expect(apply(dates, { stage: "signed", date: "2022-02-01", reason: "录入错误" })).toMatchObject({
      ok: true,
      needsReason: true,
    });
    expect(apply(dates, { stage: "signed", date: "2022-04-01" })).toMatchObject({ ok: true, needsReason: false });
  });

  it("requires a reason to clear a date, and refuses to clear one a later stage depends on", () => {
    const dates = { signedOn: "2022-01-01", startedOn: "2022-03-01", completedOn: null };
    expect(apply(dates, { stage: "started", date: null })).toMatchObject({ ok: false, error: { field: "reason" } });
    expect(apply(dates, { stage: "started", date: null, reason: "误录" })).toMatchObject({
      ok: true,
      dates: { startedOn: null },
    });
    expect(apply(dates, { stage: "signed", date: null, reason: "误录" })).toMatchObject({
      ok: false,
      error: { field: "date" },
    });
  });

  it("refuses an unchanged date and clearing an empty one", () => {
    expect(apply({ ...none, signedOn: "2022-01-01" }, { stage: "signed", date: "2022-01-01" }).ok).toBe(false);
    expect(apply(none, { stage: "signed", date: null, reason: "x" }).ok).toBe(false);
  });

  it("refuses impossible and too early dates at the schema", () => {
    expect(stageUpdateSchema.safeParse({ stage: "signed", date: "2022-02-30" }).success).toBe(false);
    expect(stageUpdateSchema.safeParse({ stage: "signed", date: "2010-12-31" }).success).toBe(false);
    expect(stageUpdateSchema.safeParse({ stage: "signed", date: "2011-01-01" }).success).toBe(true);
    expect(stageUpdateSchema.safeParse({ stage: "planned", date: "2011-01-01" }).success).toBe(false);
  });

  it("names the stage a building is in and the next one", () => {
    expect(stageOf(none)).toBe("planned");
    expect(nextStage(none)).toBe("signed");
    const done = { signedOn: "2022-01-01", startedOn: "2022-02-01", completedOn: "2022-05-01" };
    expect(stageOf(done)).toBe("completed");
    expect(nextStage(done)).toBeNull();
  });

  it("keeps dates ordered and valid under any sequence of accepted updates", () => {
    const dayOffset = fc.integer({ min: -4200, max: 30 });
    const update = fc.record({
      stage: fc.constantFrom("signed" as const, "started" as const, "completed" as const),
      date: fc.option(
        dayOffset.map((offset) => addDays(TODAY, offset)),
        { nil: null, freq: 5 },
      ),
      reason: fc.option(fc.constant("更正"), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(update, { maxLength: 40 }), (updates) => {
        let dates = none;
        for (const candidate of updates) {
          const parsed = stageUpdateSchema.safeParse(candidate);
          if (!parsed.success) continue;
          const result = applyStageUpdate(dates, parsed.data, TODAY);
          if (!result.ok) continue;
          dates = result.dates;
          expect(checkStageDates(dates, TODAY)).toBeNull();
        }
        const ordered = [dates.signedOn, dates.startedOn, dates.completedOn].filter((d): d is string => !!d);
        expect(ordered).toEqual([...ordered].sort());
        if (dates.startedOn) expect(dates.signedOn).not.toBeNull();
        if (dates.completedOn) expect(dates.startedOn).not.toBeNull();
      }),
      { seed: 20221, numRuns: 500 },
    );
  });
});
