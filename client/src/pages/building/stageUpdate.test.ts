import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { buildBuilding } from "../../test/factories";
import { checkStageForm, formFieldOf, needsReason, type StageFormValues } from "./stageUpdate";

const TODAY = "2024-06-15";
const base = buildBuilding({ signedOn: "2024-03-01", startedOn: "2024-05-10" });

const values = (overrides: Partial<StageFormValues>): StageFormValues => ({
  stage: "completed",
  date: dayjs("2024-06-01"),
  clear: false,
  reason: "",
  ...overrides,
});

describe("checkStageForm", () => {
  it("makes the update to send from the chosen stage and date, a blank reason left out", () => {
    expect(checkStageForm(values({ reason: "  " }), base, TODAY, "请选择日期")).toEqual({
      ok: true,
      update: { stage: "completed", date: "2024-06-01" },
    });
  });

  it("asks for a date unless the user chose to clear it", () => {
    expect(checkStageForm(values({ date: null }), base, TODAY, "请选择日期")).toEqual({
      ok: false,
      field: "date",
      message: "请选择日期",
    });
  });

  it("refuses a completion before the start, on the date field", () => {
    const check = checkStageForm(values({ date: dayjs("2024-05-01") }), base, TODAY, "");
    expect(check).toMatchObject({ ok: false, field: "date" });
  });

  it("refuses a date after today", () => {
    expect(checkStageForm(values({ date: dayjs("2024-06-16") }), base, TODAY, "")).toMatchObject({
      ok: false,
      field: "date",
    });
  });

  it("asks for a reason to move a recorded date earlier, on the reason field", () => {
    const earlier = values({ stage: "started", date: dayjs("2024-04-01") });
    expect(checkStageForm(earlier, base, TODAY, "")).toMatchObject({ ok: false, field: "reason" });
    expect(checkStageForm({ ...earlier, reason: "按合同更正" }, base, TODAY, "")).toEqual({
      ok: true,
      update: { stage: "started", date: "2024-04-01", reason: "按合同更正" },
    });
  });

  it("clears a date with its reason, sending null", () => {
    const clearing = values({ stage: "started", clear: true, reason: "录错了" });
    expect(checkStageForm(clearing, base, TODAY, "")).toEqual({
      ok: true,
      update: { stage: "started", date: null, reason: "录错了" },
    });
  });
});

describe("needsReason", () => {
  it("holds for clearing or moving a recorded date earlier, not for recording or moving it later", () => {
    expect(needsReason("2024-05-10", { clear: true, date: null })).toBe(true);
    expect(needsReason("2024-05-10", { clear: false, date: dayjs("2024-05-01") })).toBe(true);
    expect(needsReason("2024-05-10", { clear: false, date: dayjs("2024-05-20") })).toBe(false);
    expect(needsReason(null, { clear: false, date: dayjs("2024-05-01") })).toBe(false);
    expect(needsReason(null, { clear: true, date: null })).toBe(false);
  });
});

describe("formFieldOf", () => {
  it("shows an error about the reason or the stage on its field, any other on the date", () => {
    expect(formFieldOf("reason")).toBe("reason");
    expect(formFieldOf("stage")).toBe("stage");
    expect(formFieldOf("startedOn")).toBe("date");
    expect(formFieldOf(undefined)).toBe("date");
  });
});
