import { describe, expect, it } from "vitest";
import {
  canImport,
  canOwnBlockerIn,
  canReadBuildingIn,
  canSuperviseIn,
  canWriteAreaStatus,
  canWriteBuildingIn,
  canWriteReportNotes,
  followsSupervision,
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

  it("lets the task force alone write the report's next steps, zone leaders included among the readers", () => {
    const zoneLeader: PolicyUser = { role: "leader", areaId: null, zoneId: 4 };
    expect([taskforce, secretary, leader, zoneLeader].map(canWriteReportNotes)).toEqual([true, false, false, false]);
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

  it("lets everyone read every building, its blocker's thread and photos", () => {
    for (const user of [taskforce, secretary, leader]) {
      expect(canReadBuildingIn(user, 7)).toBe(true);
      expect(canReadBuildingIn(user, 8)).toBe(true);
    }
  });

  it("lets those who write an area's buildings supervise its blockers and write its status line", () => {
    expect([taskforce, secretary, leader].map((user) => canSuperviseIn(user, 7))).toEqual([true, true, false]);
    expect([taskforce, secretary, leader].map((user) => canSuperviseIn(user, 8))).toEqual([true, false, false]);
    expect([taskforce, secretary, leader].map((user) => canWriteAreaStatus(user, 7))).toEqual([true, true, false]);
    expect([taskforce, secretary, leader].map((user) => canWriteAreaStatus(user, 8))).toEqual([true, false, false]);
  });

  it("lets a blocker be owned by a task force member or that area's secretary, with an enabled account", () => {
    expect(canOwnBlockerIn(taskforce, 8)).toBe(true);
    expect(canOwnBlockerIn(secretary, 7)).toBe(true);
    expect(canOwnBlockerIn(secretary, 8)).toBe(false);
    expect(canOwnBlockerIn(leader, 7)).toBe(false);
    expect(canOwnBlockerIn({ ...taskforce, disabled: true }, 7)).toBe(false);
    expect(canOwnBlockerIn({ ...secretary, disabled: true }, 7)).toBe(false);
  });

  it("shows the 督办 page to the task force and the leaders", () => {
    expect([taskforce, secretary, leader].map(followsSupervision)).toEqual([true, false, true]);
  });
});
