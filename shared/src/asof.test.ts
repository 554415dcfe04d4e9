import { describe, expect, it } from "vitest";
import { buildingAsOf, checkAsOf, defaultAsOf, endOfDayShanghai, type HistoryEvent } from "./asof";

const building = {
  id: 1,
  signedOn: "2022-03-01",
  startedOn: "2022-05-01",
  completedOn: null,
  withdrawn: false,
  blockerCategory: null,
  blockerNote: "",
  blockedSince: null,
  createdAt: new Date("2022-01-05T09:00:00+08:00"),
};

let nextId = 1;
const event = (at: string, fields: Partial<HistoryEvent> & { stage: string }): HistoryEvent => ({
  toDate: null,
  withdrawn: null,
  blockerCategory: null,
  blockerNote: null,
  blockedSince: null,
  id: nextId++,
  at: new Date(at),
  ...fields,
});

describe("buildingAsOf", () => {
  const events = [
    event("2022-02-20T10:00:00+08:00", { stage: "signed", toDate: "2022-02-20" }),
    // Corrected on 1 March: the signing was on 1 March, not 20 February.
    event("2022-03-01T23:59:00+08:00", { stage: "signed", toDate: "2022-03-01" }),
    event("2022-04-10T10:00:00+08:00", { stage: "blocker", blockerCategory: "funding", blockedSince: "2022-04-10" }),
    event("2022-05-01T10:00:00+08:00", { stage: "started", toDate: "2022-05-01" }),
    event("2022-05-02T10:00:00+08:00", { stage: "blocker", blockerCategory: null }),
    event("2022-06-01T10:00:00+08:00", { stage: "withdrawn", withdrawn: true }),
    event("2022-06-05T10:00:00+08:00", { stage: "withdrawn", withdrawn: false }),
  ];

  it("is unknown before it was created and before anything about it was recorded", () => {
    expect(buildingAsOf(building, events, "2022-01-04")).toBeNull();
    expect(buildingAsOf(building, events, "2022-01-05")).toMatchObject({ signedOn: null, withdrawn: false });
  });

  it("shows what had been recorded by the end of the day in Shanghai, not the later correction", () => {
    expect(buildingAsOf(building, events, "2022-02-28")?.signedOn).toBe("2022-02-20");
    // The correction was written at 23:59 on 1 March in Shanghai (15:59 UTC): it counts on 1 March.
    expect(buildingAsOf(building, events, "2022-03-01")?.signedOn).toBe("2022-03-01");
  });

  it("replays blockers and withdrawals as they stood", () => {
    expect(buildingAsOf(building, events, "2022-04-30")).toMatchObject({
      blockerCategory: "funding",
      blockedSince: "2022-04-10",
      startedOn: null,
    });
    expect(buildingAsOf(building, events, "2022-05-02")).toMatchObject({ blockerCategory: null, blockerNote: "" });
    expect(buildingAsOf(building, events, "2022-06-03")?.withdrawn).toBe(true);
    expect(buildingAsOf(building, events, "2022-06-05")?.withdrawn).toBe(false);
  });

  it("orders events by the time they were recorded, then by the order of writing", () => {
    const sameTime = "2022-03-02T10:00:00+08:00";
    const replay = [
      event(sameTime, { stage: "signed", toDate: "2022-03-02", id: 11 }),
      event(sameTime, { stage: "signed", toDate: "2022-03-01", id: 12 }),
      // Written later (a back-fill) but recorded as of an earlier time: it does not override.
      event("2022-02-01T10:00:00+08:00", { stage: "signed", toDate: "2022-02-01", id: 13 }),
    ];
    expect(buildingAsOf(building, replay, "2022-03-10")?.signedOn).toBe("2022-03-01");
  });

  it("does not count a stage date after the day, whenever it was recorded", () => {
    const early = [event("2022-02-01T10:00:00+08:00", { stage: "signed", toDate: "2022-02-10" })];
    expect(buildingAsOf(building, early, "2022-02-05")?.signedOn).toBeNull();
    expect(buildingAsOf(building, early, "2022-02-10")?.signedOn).toBe("2022-02-10");
  });
});

describe("the as-of day", () => {
  it("ends at midnight in Shanghai", () => {
    expect(endOfDayShanghai("2022-12-31").toISOString()).toBe("2022-12-31T16:00:00.000Z");
  });

  it("refuses a day after today, naming the field", () => {
    expect(checkAsOf("2022-06-16", "2022-06-15")).toMatchObject({ field: "asOf" });
    expect(checkAsOf("2022-06-15", "2022-06-15")).toBeNull();
    expect(checkAsOf(undefined, "2022-06-15")).toBeNull();
  });

  it("is 31 December for a past year's report, today for this year's and later ones", () => {
    expect(defaultAsOf(2025, "2026-06-15")).toBe("2025-12-31");
    expect(defaultAsOf(2026, "2026-06-15")).toBe("2026-06-15");
    expect(defaultAsOf(2027, "2026-06-15")).toBe("2026-06-15");
  });
});
