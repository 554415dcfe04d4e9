import type { Building } from "@jiati/shared";
import { describe, expect, it } from "vitest";
import { buildBuilding } from "../../test/factories";
import { describeConflict, mergeOntoLatest, sameValue } from "./merge";

/** Building 7, signed, at version 4. */
const signedBuilding = (overrides: Partial<Building> = {}) =>
  buildBuilding({ id: 7, signedOn: "2024-03-01", version: 4, ...overrides });

describe("mergeOntoLatest", () => {
  const fields = ["estate", "floors", "households", "notes"] as const;

  it("gives fields the user left alone the other person's new values", () => {
    const base = signedBuilding();
    const latest = signedBuilding({ version: 5, floors: 7, notes: "电梯井已测量" });
    const values = { estate: base.estate, floors: 6, households: 24, notes: "" };
    expect(mergeOntoLatest(values, base, latest, fields)).toEqual({
      estate: base.estate,
      floors: 7,
      households: 24,
      notes: "电梯井已测量",
    });
  });

  it("keeps the user's value where they changed a field, even one the other person changed too", () => {
    const base = signedBuilding();
    const latest = signedBuilding({ version: 5, floors: 7, households: 30 });
    const values = { estate: base.estate, floors: 8, households: 24, notes: "业主已同意" };
    expect(mergeOntoLatest(values, base, latest, fields)).toEqual({
      estate: base.estate,
      floors: 8,
      households: 30,
      notes: "业主已同意",
    });
  });

  it("treats an emptied number (undefined in the form) as the null the building had", () => {
    const base = signedBuilding({ consentRate: null });
    const latest = signedBuilding({ version: 5, consentRate: 80 });
    expect(mergeOntoLatest({ consentRate: undefined }, base, latest, ["consentRate"])).toEqual({ consentRate: 80 });
  });

  it("leaves the form's other values as they are", () => {
    const base = signedBuilding();
    const values = { floors: 6, somethingElse: "x" };
    expect(mergeOntoLatest(values, base, signedBuilding({ version: 5 }), ["floors"])).toEqual(values);
  });
});

describe("describeConflict", () => {
  it("lists what the other person changed, base to latest, in the form's field order", () => {
    const base = signedBuilding();
    const latest = signedBuilding({ version: 5, startedOn: "2024-04-02", floors: 7 });
    expect(describeConflict(base, latest, {}).changes).toEqual([
      { field: "floors", from: 6, to: 7, yours: false },
      { field: "startedOn", from: null, to: "2024-04-02", yours: false },
    ]);
  });

  it("ignores bookkeeping such as the version and the update time", () => {
    const base = signedBuilding();
    const latest = signedBuilding({ version: 9, updatedAt: "2024-05-01T00:00:00.000Z" });
    expect(describeConflict(base, latest, {})).toEqual({ changes: [], onlyMine: [] });
  });

  it("marks a change the user is making too, so both values show side by side", () => {
    const base = signedBuilding();
    const latest = signedBuilding({ version: 5, startedOn: "2024-04-02" });
    const conflict = describeConflict(base, latest, { startedOn: "2024-04-05" });
    expect(conflict.changes).toEqual([{ field: "startedOn", from: null, to: "2024-04-02", yours: true }]);
    expect(conflict.onlyMine).toEqual([]);
  });

  it("lists apart the user's changes to fields the other person did not touch", () => {
    const base = signedBuilding();
    const latest = signedBuilding({ version: 5, floors: 7 });
    const conflict = describeConflict(base, latest, { blockerCategory: "funding", blockerNote: "" });
    expect(conflict.onlyMine).toEqual(["blockerCategory"]);
    expect(conflict.changes).toEqual([{ field: "floors", from: 6, to: 7, yours: false }]);
  });

  it("does not count a pending value equal to the base as a change of the user's", () => {
    const base = signedBuilding({ withdrawn: false });
    const latest = signedBuilding({ version: 5, withdrawn: true });
    expect(describeConflict(base, latest, { withdrawn: false }).changes[0]?.yours).toBe(false);
  });
});

describe("sameValue", () => {
  it("holds absent and null for the same, and compares objects by content", () => {
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue({ category: "funding" }, { category: "funding" })).toBe(true);
    expect(sameValue(0, null)).toBe(false);
    expect(sameValue("", null)).toBe(false);
  });
});
