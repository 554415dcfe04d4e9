// POST /api/import/buildings: what a good file previews, and every row and column error it reports.

import type { ImportPreview } from "@jiati/shared";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildArea, buildBuilding, buildUser, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, type TestApp } from "../test/harness";
import { countPreviews } from "./repo";
import { LEDGER_HEADERS, ledgerRowOf, ledgerWorkbook, upload } from "./testing";

/** The message of the error at `row` and `column`, or undefined. */
function errorAt(preview: ImportPreview, row: number, column: string): string | undefined {
  return preview.errors.find((error) => error.row === row && error.column === column)?.message;
}

describe.each(ENGINES)("import preview on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let secretary: request.Agent;
  let area: { id: number; name: string };
  let otherArea: { id: number; name: string };

  beforeAll(async () => {
    t = await startTestApp(engine);
    area = await buildArea(t, { name: "平塘" });
    otherArea = await buildArea(t, { name: "刘一" });
    taskforce = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
    secretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId: area.id })).username);
  });
  afterAll(() => t.close());

  it("previews a row without 编号 as a create listing its fields, and writes no building", async () => {
    const before = await databaseFingerprint(t.database);
    const file = await ledgerWorkbook([
      ledgerRowOf({
        areaId: "平塘",
        estate: "天山一村",
        address: "天山西路 1弄 1号",
        floors: 6,
        households: 24,
        consentRate: "92.5%",
        signedOn: "2022-03-01",
      }),
    ]);
    const response = await upload(taskforce, file);
    expect(response.status).toBe(201);
    const preview = response.body as ImportPreview;
    expect(preview.counts).toEqual({ rows: 1, create: 1, update: 0, unchanged: 0, error: 0, errors: 0 });
    expect(preview.canCommit).toBe(true);
    expect(preview.token).toMatch(/^[\w-]{20,}$/);
    expect(preview.rows[0]).toMatchObject({ row: 2, action: "create", buildingId: null, areaName: "平塘" });
    expect(preview.rows[0].changes.map((change) => [change.column, change.after])).toEqual([
      ["居民区", "平塘"],
      ["小区", "天山一村"],
      ["地址", "天山西路 1弄 1号"],
      ["层数", "6"],
      ["户数", "24"],
      ["同意率", "92.5"],
      ["签约日期", "2022-03-01"],
    ]);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it("previews edits field by field, stage dates included, and leaves identical rows unchanged", async () => {
    const edited = await buildBuilding(t, { areaId: area.id, address: "娄山关路 2号", signedOn: "2022-01-05" });
    const same = await buildBuilding(t, { areaId: area.id, address: "娄山关路 4号", notes: "保持" });
    const file = await ledgerWorkbook([
      ledgerRowOf({
        id: edited.id,
        areaId: "平塘",
        address: "娄山关路 2号",
        floors: 7,
        households: 24,
        signedOn: "2022-01-05",
        startedOn: "2022-05-01",
        withdrawn: "否",
        version: 1,
      }),
      ledgerRowOf({
        id: same.id,
        areaId: "平塘",
        address: "娄山关路 4号",
        floors: 6,
        households: 24,
        notes: "保持",
        withdrawn: "否",
        version: 1,
      }),
    ]);
    const preview = (await upload(taskforce, file)).body as ImportPreview;
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    expect(preview.rows[0]).toMatchObject({ action: "update", buildingId: edited.id });
    expect(preview.rows[0].changes).toEqual([
      { field: "floors", column: "层数", before: "6", after: "7", needsReason: false },
      { field: "startedOn", column: "开工日期", before: "", after: "2022-05-01", needsReason: false },
    ]);
    expect(preview.rows[1]).toMatchObject({ action: "unchanged", buildingId: same.id, changes: [] });
    expect(preview.needsReason).toBe(false);
  });

  it("reports every error by row, column and cell, and cannot be committed", async () => {
    const existing = await buildBuilding(t, { areaId: area.id, address: "仙霞路 100号" });
    const row = (values: Parameters<typeof ledgerRowOf>[0]) => ledgerRowOf({ areaId: "平塘", ...values });
    const file = await ledgerWorkbook([
      row({ areaId: "不存在居民区", address: "错误路 1号" }), // 2
      row({ address: "错误路 2号", signedOn: "三月初" }), // 3
      row({ address: "错误路 3号", signedOn: "2022-02-30" }), // 4
      row({ address: "错误路 4号", signedOn: "2022-06-16" }), // 5: tomorrow
      row({ address: "错误路 5号", signedOn: "2022-03-01", startedOn: "2022-02-01" }), // 6
      row({ address: "错误路 6号", startedOn: "2022-02-01" }), // 7
      row({ address: "错误路 7号" }), // 8
      row({ address: "错误路7号" }), // 9: the same address without the space
      row({ address: "仙霞路100号" }), // 10: registered already
      row({ id: 987654, address: "错误路 8号" }), // 11
      row({ address: "错误路 9号", floors: 50 }), // 12
      row({ address: "错误路 10号", floors: "六" }), // 13
      row({ address: "错误路 11号", households: 10, elderlyHouseholds: 12 }), // 14
      row({ address: "错误路 12号", blockerCategory: "天气" }), // 15
      row({ address: "错误路 13号", blockerNote: "没有类别的说明" }), // 16
      row({ address: "错误路 14号", withdrawn: "是" }), // 17
      row({ address: "错误路 15号", consentRate: 120 }), // 18
      row({ address: "", estate: "只有小区" }), // 19
      row({ address: "错误路 16号", signedOn: "2010-12-31" }), // 20
      row({ address: "错误路 17号", signedOn: 123 }), // 21: a number that is neither a serial date nor 20220301
    ]);
    const before = await databaseFingerprint(t.database);
    const preview = (await upload(taskforce, file)).body as ImportPreview;
    expect(errorAt(preview, 2, "居民区")).toBe("居民区「不存在居民区」不存在");
    expect(errorAt(preview, 3, "签约日期")).toContain("应为日期");
    expect(errorAt(preview, 4, "签约日期")).toBe("2022-02-30 不是真实的日期");
    expect(errorAt(preview, 5, "签约日期")).toContain("不能晚于今天");
    expect(errorAt(preview, 6, "开工日期")).toContain("开工日期不能早于签约日期");
    expect(errorAt(preview, 7, "开工日期")).toBe("尚未签约，不能记录开工");
    expect(errorAt(preview, 8, "地址")).toBeUndefined();
    expect(errorAt(preview, 9, "地址")).toBe("与第 8 行的地址重复");
    expect(errorAt(preview, 10, "地址")).toContain(`编号 ${existing.id}`);
    expect(errorAt(preview, 11, "编号")).toContain("编号 987654 的楼栋不存在");
    expect(errorAt(preview, 12, "层数")).toContain("40");
    expect(errorAt(preview, 13, "层数")).toContain("应为数字");
    expect(errorAt(preview, 14, "60岁以上老人户数")).toBe("老人户数不能多于总户数");
    expect(errorAt(preview, 15, "受阻类别")).toContain("低层居民反对");
    expect(errorAt(preview, 16, "受阻说明")).toBe("填写了受阻说明，但没有受阻类别");
    expect(errorAt(preview, 17, "撤销")).toBe("新建的楼栋不能标记为撤销");
    expect(errorAt(preview, 18, "同意率")).toContain("100");
    expect(errorAt(preview, 19, "地址")).toBe("地址不能为空");
    expect(errorAt(preview, 20, "签约日期")).toContain("2011-01-01");
    expect(errorAt(preview, 21, "签约日期")).toContain("不是数字 123");
    expect(preview.errors.find((error) => error.row === 4)?.cell).toBe("L4");
    expect(preview.counts).toMatchObject({ rows: 20, create: 1, error: 19, errors: 19 });
    expect(preview.rows.find((r) => r.row === 8)?.action).toBe("create");
    expect(preview.canCommit).toBe(false);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it("reads Excel date cells, dates written 2022/3/1, full-width headers, extra columns and a title row", async () => {
    const headers = LEDGER_HEADERS.map((header) => header.replace("(", "（").replace(")", "）"));
    const file = await ledgerWorkbook(
      [
        [...ledgerRowOf({ areaId: "平塘", address: "宣化路 3号", signedOn: new Date(Date.UTC(2022, 2, 1)) }), "忽略"],
        [...ledgerRowOf({ areaId: "平塘", address: "宣化路 5号", signedOn: "2022/3/2", costWan: "68.456" }), 1],
      ],
      { headers: [...headers, "联系人"], above: [["新泾镇加梯台账（2022 年）"]] },
    );
    const preview = (await upload(taskforce, file)).body as ImportPreview;
    expect(preview.errors).toEqual([]);
    expect(preview.headerRow).toBe(2);
    expect(preview.ignoredColumns).toEqual(["联系人"]);
    expect(preview.absentColumns).toEqual([]);
    const after = (row: number, column: string) =>
      preview.rows.find((r) => r.row === row)?.changes.find((change) => change.column === column)?.after;
    expect(after(3, "签约日期")).toBe("2022-03-01");
    expect(after(4, "签约日期")).toBe("2022-03-02");
    expect(after(4, "总造价(万元)")).toBe("68.46");
  });

  it("leaves the fields of absent optional columns as they are, and says which columns are absent", async () => {
    const building = await buildBuilding(t, { areaId: area.id, address: "协和路 8号", floors: 11, notes: "旧" });
    const file = await ledgerWorkbook([[building.id, building.version, "平塘", "协和路 8号", "新备注"]], {
      headers: ["编号", "版本", "居民区", "地址", "备注"],
    });
    const preview = (await upload(taskforce, file)).body as ImportPreview;
    expect(preview.errors).toEqual([]);
    expect(preview.absentColumns).toContain("层数");
    expect(preview.absentColumns).not.toContain("版本");
    expect(preview.rows[0].changes).toEqual([
      { field: "notes", column: "备注", before: "旧", after: "新备注", needsReason: false },
    ]);
  });

  it("refuses to overwrite a row changed since the export (版本 differs), but accepts it unchanged", async () => {
    const building = await buildBuilding(t, { areaId: area.id, address: "剑河路 6号", version: 3 });
    const row = (notes: string) =>
      ledgerRowOf({
        id: building.id,
        areaId: "平塘",
        address: "剑河路 6号",
        floors: 6,
        households: 24,
        notes,
        version: 2,
      });
    const stale = (await upload(taskforce, await ledgerWorkbook([row("改了")]))).body as ImportPreview;
    expect(errorAt(stale, 2, "版本")).toContain("文件中版本 2，当前版本 3");
    const unchanged = (await upload(taskforce, await ledgerWorkbook([row("")]))).body as ImportPreview;
    expect(unchanged.errors).toEqual([]);
    expect(unchanged.rows[0].action).toBe("unchanged");
  });

  it("says which changes need a reason: a stage date moved earlier or cleared, a withdrawal", async () => {
    const building = await buildBuilding(t, {
      areaId: area.id,
      address: "古北路 9号",
      signedOn: "2022-02-01",
      startedOn: "2022-04-01",
    });
    const file = await ledgerWorkbook([
      ledgerRowOf({
        id: building.id,
        areaId: "平塘",
        address: "古北路 9号",
        signedOn: "2022-01-20",
        startedOn: null,
        withdrawn: "是",
      }),
    ]);
    const preview = (await upload(taskforce, file)).body as ImportPreview;
    expect(preview.errors).toEqual([]);
    expect(preview.needsReason).toBe(true);
    const reasons = Object.fromEntries(preview.rows[0].changes.map((change) => [change.field, change.needsReason]));
    expect(reasons).toMatchObject({ signedOn: true, startedOn: true, withdrawn: true });
  });

  describe("who may import", () => {
    it("lets a secretary preview rows of their own area", async () => {
      const file = await ledgerWorkbook([ledgerRowOf({ areaId: "平塘", address: "书记路 1号" })]);
      const response = await upload(secretary, file);
      expect(response.status).toBe(201);
      expect(response.body.counts).toMatchObject({ create: 1, error: 0 });
    });

    it("reports a secretary's rows of another area, or naming another area's building, as errors", async () => {
      const foreign = await buildBuilding(t, { areaId: otherArea.id, address: "别区路 1号" });
      const file = await ledgerWorkbook([
        ledgerRowOf({ areaId: "刘一", address: "书记路 2号" }),
        ledgerRowOf({ id: foreign.id, areaId: "平塘", address: "别区路 1号" }),
        ledgerRowOf({ areaId: "平塘", address: "书记路 3号" }),
      ]);
      const preview = (await upload(secretary, file)).body as ImportPreview;
      expect(errorAt(preview, 2, "居民区")).toBe("只能导入本居民区（平塘）的楼栋");
      expect(errorAt(preview, 3, "编号")).toContain("不是本居民区（平塘）的楼栋");
      expect(preview.counts).toMatchObject({ create: 1, error: 2 });
      expect(preview.canCommit).toBe(false);
    });

    it("refuses leaders (403) and anonymous users (401) before reading the file, storing nothing", async () => {
      const leader = await loginAs(t.app, (await buildUser(t, "leader")).username);
      const file = await ledgerWorkbook([ledgerRowOf({ areaId: "平塘", address: "领导路 1号" })]);
      const previews = await countPreviews(t.db);
      const forbidden = await upload(leader, file);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error.code).toBe("forbidden");
      const anonymous = await upload(t.anonymous(), file);
      expect(anonymous.status).toBe(401);
      expect(await countPreviews(t.db)).toBe(previews);
    });
  });
});
