import { describe, expect, it } from "vitest";
import {
  canImport,
  canWriteBuildingIn,
  homeZoneOf,
  isTaskforce,
  isWriter,
  type PolicyUser,
  seesChangeDetails,
} from "./policy";

const taskforce: PolicyUser = { role: "taskforce", areaId: null };
const secretary: PolicyUser = { role: "secretary", areaId: 7 };
const leader: PolicyUser = { role: "leader", areaId: null };

describe("the policy", () => {
  it("lets the task force write any area, a secretary only their own, a leader none", () => {
    expect(canWriteBuildingIn(taskforce, 7)).toBe(true);
    expect(canWriteBuildingIn(taskforce, 8)).toBe(true);
    expect(canWriteBuildingIn(secretary, 7)).toBe(true);
    expect(canWriteBuildingIn(secretary, 8)).toBe(false);
    expect(canWriteBuildingIn(leader, 7)).toBe(false);
    expect(canWriteBuildingIn({ role: "secretary", areaId: null }, 7)).toBe(false);
  });

  it("keeps leaders read-only, for imports too", () => {
    expect([taskforce, secretary, leader].map(isWriter)).toEqual([true, true, false]);
    expect([taskforce, secretary, leader].map(canImport)).toEqual([true, true, false]);
  });

  it("shows the change log's details to the task force only", () => {
    expect([taskforce, secretary, leader].map(isTaskforce)).toEqual([true, false, false]);
    expect([taskforce, secretary, leader].map(seesChangeDetails)).toEqual([true, false, false]);
  });

  it("opens a zone leader's pages on their zone, and everyone else's on the town", () => {
    expect(homeZoneOf({ role: "leader", areaId: null, zoneId: 4 })).toBe(4);
    expect([taskforce, secretary, leader].map(homeZoneOf)).toEqual([null, null, null]);
    expect(homeZoneOf({ role: "taskforce", areaId: null, zoneId: 4 })).toBeNull();
  });
});
