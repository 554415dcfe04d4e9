import type { BlockerItem } from "@jiati/shared";
import { describe, expect, it } from "vitest";
import { buildListItem } from "../../test/factories";
import { dueItems, stalledOf } from "./todo";

const TODAY = "2022-06-15";
const me = { id: 7, displayName: "书记老李" };
const other = { id: 8, displayName: "专班小王" };

function blocker(buildingId: number, overrides: Partial<BlockerItem> = {}): BlockerItem {
  return {
    buildingId,
    address: `天山西路 ${buildingId}号`,
    estate: "",
    areaId: 1,
    areaName: "平塘",
    zoneId: 1,
    zoneName: "第一片区",
    category: "pipelines",
    note: "",
    owner: null,
    dueOn: null,
    blockedSince: "2022-06-01",
    blockedDays: 14,
    overdue: false,
    daysOverdue: null,
    lastNote: null,
    version: 1,
    ...overrides,
  };
}

describe("dueItems", () => {
  it("lists overdue blockers first, then those due within the week, the user's own first within each", () => {
    const items = [
      blocker(1, { dueOn: "2022-06-10", owner: other }),
      blocker(2, { dueOn: "2022-06-12", owner: me }),
      blocker(3, { dueOn: "2022-06-16", owner: other }),
      blocker(4, { dueOn: "2022-06-20", owner: me }),
    ];
    expect(dueItems(items, TODAY, me.id).due.map((item) => item.buildingId)).toEqual([2, 1, 4, 3]);
  });

  it("leaves out blockers due later or without a due date, and counts them", () => {
    const items = [blocker(1, { dueOn: "2022-06-15" }), blocker(2, { dueOn: "2022-06-23" }), blocker(3)];
    const { due, later } = dueItems(items, TODAY, me.id);
    expect(due.map((item) => item.buildingId)).toEqual([1]);
    expect(later).toBe(2);
  });
});

describe("stalledOf", () => {
  it("keeps stalled buildings that are neither blocked nor withdrawn, the longest stalled first", () => {
    const buildings = [
      buildListItem({ id: 1, stalledDays: 100 }),
      buildListItem({ id: 2, stalledDays: 200 }),
      buildListItem({ id: 3, stalledDays: 300, blockerCategory: "funding" }),
      buildListItem({ id: 4, stalledDays: 400, withdrawn: true }),
      buildListItem({ id: 5, stalledDays: null }),
    ];
    expect(stalledOf(buildings).map((building) => building.id)).toEqual([2, 1]);
  });
});
