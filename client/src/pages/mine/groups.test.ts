import type { BuildingListItem } from "@jiati/shared";
import { standingCounts } from "@jiati/shared";
import { describe, expect, it } from "vitest";
import { buildListItem as buildItem } from "../../test/factories";
import { blockedCount, GROUPS, groupBuildings, groupOf, searchKey } from "./groups";

const addresses = (items: BuildingListItem[]) => items.map((item) => item.address);

describe("groupOf", () => {
  it("puts a withdrawn building with the withdrawn ones, whatever its stage or blocker", () => {
    expect(groupOf(buildItem({ stage: "started", blockerCategory: "funding", withdrawn: true }))).toBe("withdrawn");
  });

  it("keeps a blocked building in its stage, as the area page and the funnel count it", () => {
    expect(groupOf(buildItem({ stage: "signed", signedOn: "2024-01-01", blockerCategory: "pipelines" }))).toBe(
      "signed",
    );
  });

  it("otherwise groups a building by its stage", () => {
    expect(
      groupOf(
        buildItem({ stage: "completed", signedOn: "2023-01-01", startedOn: "2023-02-01", completedOn: "2023-09-01" }),
      ),
    ).toBe("completed");
  });
});

describe("the groups and the area page's counts", () => {
  it("say the same number for each state: the shared standingCounts", () => {
    const items = [
      buildItem(),
      buildItem({ blockerCategory: "funding" }),
      buildItem({ stage: "signed", signedOn: "2024-01-01", blockerCategory: "approval" }),
      buildItem({ stage: "signed", signedOn: "2024-02-01" }),
      buildItem({ stage: "started", signedOn: "2023-01-01", startedOn: "2023-05-01" }),
      buildItem({
        stage: "completed",
        signedOn: "2021-01-01",
        startedOn: "2021-03-01",
        completedOn: "2021-09-01",
        blockerCategory: "other",
      }),
      buildItem({ withdrawn: true, blockerCategory: "funding" }),
    ];
    const groups = groupBuildings(items, "");
    const counts = standingCounts(items);
    for (const key of GROUPS) expect(groups[key].length, key).toBe(counts[key]);
    expect(blockedCount(items, "")).toBe(counts.blocked);
    expect(counts).toMatchObject({ planned: 2, signed: 2, blocked: 2 });
  });
});

describe("groupBuildings", () => {
  it("has every group, empty ones included, the ones the secretary updates most first", () => {
    expect(Object.keys(groupBuildings([], ""))).toEqual(["signed", "started", "planned", "completed", "withdrawn"]);
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

  it("shows a group's blocked buildings first, the longest blocked first", () => {
    const items = [
      buildItem({ address: "甲" }),
      buildItem({ address: "A", blockerCategory: "funding", blockedSince: "2024-06-01" }),
      buildItem({ address: "B", blockerCategory: "approval", blockedSince: "2024-01-15" }),
    ];
    expect(addresses(groupBuildings(items, "").planned)).toEqual(["B", "A", "甲"]);
  });

  it("shows only the blocked buildings when asked, each in its stage", () => {
    const items = [
      buildItem({ address: "甲" }),
      buildItem({ address: "乙", blockerCategory: "funding" }),
      buildItem({ address: "丙", stage: "signed", signedOn: "2024-01-01", blockerCategory: "approval" }),
    ];
    const groups = groupBuildings(items, "", true);
    expect(addresses(groups.planned)).toEqual(["乙"]);
    expect(addresses(groups.signed)).toEqual(["丙"]);
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
