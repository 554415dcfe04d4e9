import { describe, expect, it } from "vitest";
import { buildListItem } from "../../test/factories";
import { blockersByArea, longestBlocked } from "./problems";

describe("the report's problems", () => {
  it("count each area's blocked buildings by category, most first, ties in the categories' order", () => {
    const items = [
      buildListItem({ areaId: 1, blockerCategory: "funding", blockedDays: 3 }),
      buildListItem({ areaId: 1, blockerCategory: "approval", blockedDays: 4 }),
      buildListItem({ areaId: 1, blockerCategory: "approval", blockedDays: 5 }),
      buildListItem({ areaId: 1, blockerCategory: "low_floor_opposition", blockedDays: 6 }),
      buildListItem({ areaId: 2, blockerCategory: "other", blockedDays: 7 }),
      buildListItem({ areaId: 2, blockerCategory: null }),
    ];
    const byArea = blockersByArea(items);
    expect(byArea.get(1)).toEqual([
      { category: "approval", count: 2 },
      { category: "low_floor_opposition", count: 1 },
      { category: "funding", count: 1 },
    ]);
    expect(byArea.get(2)).toEqual([{ category: "other", count: 1 }]);
    expect(byArea.has(3)).toBe(false);
  });

  it("list the buildings blocked longest first, as many as asked", () => {
    const items = [
      buildListItem({ address: "甲路 2号", blockerCategory: "funding", blockedDays: 30 }),
      buildListItem({ address: "甲路 1号", blockerCategory: "approval", blockedDays: 30 }),
      buildListItem({ address: "乙路 1号", blockerCategory: "other", blockedDays: 200 }),
      buildListItem({ address: "丙路 1号", blockerCategory: "other", blockedDays: 5 }),
    ];
    expect(longestBlocked(items, 3).map((item) => item.address)).toEqual(["乙路 1号", "甲路 1号", "甲路 2号"]);
    expect(longestBlocked([], 3)).toEqual([]);
  });
});
