import type { BuildingListItem } from "@jiati/shared";
import { describe, expect, it } from "vitest";
import { buildListItem as buildItem } from "../../test/factories";
import { GROUPS, groupBuildings, groupOf, searchKey } from "./groups";

const addresses = (items: BuildingListItem[]) => items.map((item) => item.address);

describe("groupOf", () => {
  it("puts a withdrawn building with the withdrawn ones, whatever its stage or blocker", () => {
    expect(groupOf(buildItem({ stage: "started", blockerCategory: "funding", withdrawn: true }))).toBe("withdrawn");
  });

  it("puts a blocked building apart from its stage, since it needs the secretary first", () => {
    expect(groupOf(buildItem({ stage: "signed", blockerCategory: "pipelines" }))).toBe("blocked");
  });

  it("otherwise groups a building by its stage", () => {
    expect(groupOf(buildItem({ stage: "completed" }))).toBe("completed");
  });
});

describe("groupBuildings", () => {
  it("has every group, empty ones included, blocked first", () => {
    expect(Object.keys(groupBuildings([], ""))).toEqual([...GROUPS]);
    expect(GROUPS[0]).toBe("blocked");
  });

  it("orders signed and started buildings by how long they have waited, the longest first", () => {
    const items = [
      buildItem({ address: "乙", stage: "signed", signedOn: "2024-05-01" }),
      buildItem({ address: "甲", stage: "signed", signedOn: "2024-02-01" }),
      buildItem({ address: "丙", stage: "started", signedOn: "2023-01-01", startedOn: "2024-06-01" }),
      buildItem({ address: "丁", stage: "started", signedOn: "2023-01-01", startedOn: "2023-09-01" }),
    ];
    const groups = groupBuildings(items, "");
    expect(addresses(groups.signed)).toEqual(["甲", "乙"]);
    expect(addresses(groups.started)).toEqual(["丁", "丙"]);
  });

  it("orders blocked buildings by how long they have been blocked", () => {
    const items = [
      buildItem({ address: "A", blockerCategory: "funding", blockedSince: "2024-06-01" }),
      buildItem({ address: "B", blockerCategory: "approval", blockedSince: "2024-01-15" }),
    ];
    expect(addresses(groupBuildings(items, "").blocked)).toEqual(["B", "A"]);
  });

  it("shows the latest completions first", () => {
    const items = [
      buildItem({ address: "早", stage: "completed", completedOn: "2023-03-01" }),
      buildItem({ address: "晚", stage: "completed", completedOn: "2024-08-01" }),
    ];
    expect(addresses(groupBuildings(items, "").completed)).toEqual(["晚", "早"]);
  });

  it("orders by house number as people read it (2号 before 10号), and by address when dates tie", () => {
    const items = [
      buildItem({ address: "天山西路 799弄 10号", stage: "signed", signedOn: "2024-01-01" }),
      buildItem({ address: "天山西路 799弄 2号", stage: "signed", signedOn: "2024-01-01" }),
      buildItem({ address: "天山西路 799弄 12号" }),
      buildItem({ address: "天山西路 799弄 3号" }),
    ];
    const groups = groupBuildings(items, "");
    expect(addresses(groups.signed)).toEqual(["天山西路 799弄 2号", "天山西路 799弄 10号"]);
    expect(addresses(groups.planned)).toEqual(["天山西路 799弄 3号", "天山西路 799弄 12号"]);
  });

  it("finds a building by address or estate, ignoring spaces, case and full-width forms", () => {
    const items = [
      buildItem({ address: "天山西路 799弄 12号", estate: "虹康小区" }),
      buildItem({ address: "仙霞路 5号", estate: "ABC苑" }),
    ];
    expect(addresses(groupBuildings(items, "799弄12").planned)).toEqual(["天山西路 799弄 12号"]);
    expect(addresses(groupBuildings(items, "ａｂｃ").planned)).toEqual(["仙霞路 5号"]);
    expect(addresses(groupBuildings(items, "虹康").planned)).toEqual(["天山西路 799弄 12号"]);
    const none = groupBuildings(items, "不存在");
    expect(GROUPS.flatMap((key) => none[key])).toEqual([]);
  });

  it("treats a blank search as no search", () => {
    const items = [buildItem(), buildItem()];
    expect(groupBuildings(items, "   ").planned).toHaveLength(2);
  });
});

describe("searchKey", () => {
  it("folds full-width letters and digits and drops spaces", () => {
    expect(searchKey("Ｔｉａｎ Ｓｈａｎ　１２号")).toBe("tianshan12号");
  });
});
