import {
  addressKey,
  addressSortKey,
  compareAddresses,
  EXPORT_INFO_SHEET,
  LEDGER_SHEET,
  XLSX_MIME,
} from "@jiati/shared";
import ExcelJS from "exceljs";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildings } from "../core/db/schema";
import { buildArea, buildBuilding, buildTarget, buildUser, loginAs } from "../test/factories";
import { ENGINES, startTestApp, type TestApp } from "../test/harness";
import { INSTRUCTIONS_SHEET, SUMMARY_SHEET } from "./export";
import { download, LEDGER_HEADERS, loadWorkbook, sheetValues } from "./testing";

describe.each(ENGINES)("ledger export on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let area: { id: number; name: string; zoneId: number };
  let otherArea: { id: number; name: string; zoneId: number };

  beforeAll(async () => {
    t = await startTestApp(engine);
    taskforce = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
    area = await buildArea(t, { name: "平塘" });
    otherArea = await buildArea(t, { name: "刘一" });
    await buildBuilding(t, {
      areaId: area.id,
      address: "天山西路 799弄 12号",
      estate: "天山一村",
      elderlyHouseholds: 10,
      elevatorCompany: "上海三菱",
      consentRate: 92.5,
      costWan: 68.5,
      subsidyWan: 28,
      signedOn: "2022-01-10",
      startedOn: "2022-03-01",
      blockerCategory: "pipelines",
      blockerNote: "燃气管需迁移",
      notes: "备注：=1+1 不是公式",
    });
    await buildBuilding(t, { areaId: area.id, address: "天山西路 799弄 3号", withdrawn: true });
    await buildBuilding(t, { areaId: otherArea.id, address: "仙霞西路 88弄 1号", completedOn: null });
    await buildTarget(t, { year: 2022, stage: "signed", value: 10 });
    await buildTarget(t, { year: 2022, stage: "signed", areaId: area.id, value: 4 });
  });
  afterAll(() => t.close());

  it("refuses anonymous users", async () => {
    const response = await t.anonymous().get("/api/export/buildings.xlsx");
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthenticated");
  });

  it("streams the town's ledger with Chinese headers, one row per building, dates as text", async () => {
    const response = await download(taskforce, "/api/export/buildings.xlsx?year=2022");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe(XLSX_MIME);
    const rows = await sheetValues(response.body);
    expect(rows[0]).toEqual(LEDGER_HEADERS);
    expect(rows).toHaveLength(4);
    // Ordered by area, then address in natural order (3号 before 12号).
    expect(rows.slice(1).map((row) => row[3])).toEqual([
      "天山西路 799弄 3号",
      "天山西路 799弄 12号",
      "仙霞西路 88弄 1号",
    ]);
    const [, , first] = rows;
    expect(first.slice(1)).toEqual([
      "平塘",
      "天山一村",
      "天山西路 799弄 12号",
      6,
      24,
      10,
      "上海三菱",
      92.5,
      68.5,
      28,
      "2022-01-10",
      "2022-03-01",
      null,
      "管线迁移",
      "燃气管需迁移",
      "否",
      "备注：=1+1 不是公式",
      1,
    ]);
    expect(typeof first[0]).toBe("number");
    expect(rows[1][16]).toBe("是");
    // Date columns are text-formatted, so a date typed into them in Excel stays YYYY-MM-DD.
    const sheet = (await loadWorkbook(response.body)).getWorksheet(LEDGER_SHEET);
    expect(sheet?.getCell("L3").numFmt).toBe("@");
    expect(sheet?.getCell("L3").type).toBe(ExcelJS.ValueType.String);
  });

  it("names the file in Chinese (RFC 5987) with an ASCII fallback", async () => {
    const response = await download(taskforce, `/api/export/buildings.xlsx?areaId=${area.id}`);
    const disposition = response.headers["content-disposition"];
    expect(disposition).toContain('filename="ledger-');
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent("加梯台账-平塘-2022-06-15.xlsx")}`);
  });

  it("exports one area when asked, and 404 for an unknown area", async () => {
    const response = await download(taskforce, `/api/export/buildings.xlsx?areaId=${otherArea.id}`);
    const rows = await sheetValues(response.body);
    expect(rows.slice(1).map((row) => row[1])).toEqual(["刘一"]);
    const unknown = await taskforce.get("/api/export/buildings.xlsx?areaId=999999");
    expect(unknown.status).toBe(404);
    const bad = await taskforce.get("/api/export/buildings.xlsx?year=abc");
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("year");
  });

  it("exports one zone when asked — its buildings and its summary, nothing of other zones", async () => {
    const zoneLeader = await loginAs(t.app, (await buildUser(t, "leader", { zoneId: area.zoneId })).username);
    for (const [zoneId, areaName] of [
      [area.zoneId, "平塘"],
      // Leaders read every zone (docs/DOMAIN.md § Roles): another zone's ledger is that zone's only.
      [otherArea.zoneId, "刘一"],
    ] as const) {
      const response = await download(zoneLeader, `/api/export/buildings.xlsx?year=2022&zoneId=${zoneId}`);
      expect(response.status).toBe(200);
      const workbook = await loadWorkbook(response.body);
      const rows = await sheetValues(response.body);
      expect(rows.length).toBeGreaterThan(1);
      expect(new Set(rows.slice(1).map((row) => row[1]))).toEqual(new Set([areaName]));
      const summaryLines: string[] = [];
      workbook.getWorksheet(SUMMARY_SHEET)?.eachRow((row) => {
        summaryLines.push(String((row.values as unknown[])[1]));
      });
      expect(summaryLines).not.toContain("全镇");
      expect(summaryLines).toContain(areaName);
      expect(summaryLines).not.toContain(areaName === "平塘" ? "刘一" : "平塘");
    }
  });

  it("refuses a zone and an area together naming zoneId, and 404 for an unknown zone", async () => {
    const both = await taskforce.get(`/api/export/buildings.xlsx?zoneId=${area.zoneId}&areaId=${area.id}`);
    expect(both.status).toBe(400);
    expect(both.body.error.fields).toHaveProperty("zoneId");
    expect((await taskforce.get("/api/export/buildings.xlsx?zoneId=999999")).status).toBe(404);
  });

  it("adds a summary sheet with the year's targets and actuals, town and per area", async () => {
    const response = await download(taskforce, "/api/export/buildings.xlsx?year=2022");
    const workbook = await loadWorkbook(response.body);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      [LEDGER_SHEET, "visible"],
      [SUMMARY_SHEET, "visible"],
      // When the file was made, for refusing rows changed since (docs/LEDGER.md § Rows changed since the export).
      [EXPORT_INFO_SHEET, "veryHidden"],
    ]);
    const summary = workbook.getWorksheet(SUMMARY_SHEET);
    const lines: unknown[][] = [];
    summary?.eachRow((row) => {
      lines.push((row.values as unknown[]).slice(1));
    });
    const table = Object.fromEntries(lines.map((line) => [line[0], line.slice(1)]));
    expect(table.汇总年度).toEqual([2022]);
    expect(table.范围?.slice(0, 3)).toEqual(["签约目标", "签约实际", "签约完成率(%)"]);
    // The town: target 10, one building signed in 2022 (the withdrawn one does not count).
    expect(table.全镇?.slice(0, 3)).toEqual([10, 1, 10]);
    expect(table.平塘?.slice(0, 3)).toEqual([4, 1, 25]);
    expect(table.刘一?.[1]).toBe(0);
  });

  it("pages through areas larger than one page without losing or repeating a row", async () => {
    const big = await buildArea(t, { name: "大居民区" });
    const values = Array.from({ length: 2_345 }, (_, i) => {
      const address = `长宁路 ${String(i % 1000).padStart(3, "0")}弄 ${Math.floor(i / 1000) + 1}号`;
      return { areaId: big.id, address, addressKey: addressKey(address), addressSort: addressSortKey(address) };
    });
    for (let i = 0; i < values.length; i += 500) await t.db.insert(buildings).values(values.slice(i, i + 500));
    const response = await download(taskforce, `/api/export/buildings.xlsx?areaId=${big.id}`);
    const rows = (await sheetValues(response.body)).slice(1);
    expect(rows).toHaveLength(2_345);
    const addresses = rows.map((row) => row[3] as string);
    expect(new Set(addresses).size).toBe(2_345);
    expect(addresses).toEqual([...addresses].sort(compareAddresses));
  });

  it("reads many small areas in batches, keeping the areas in order and every building once", async () => {
    const small = [await buildArea(t, { name: "小区甲" }), await buildArea(t, { name: "小区乙" })];
    for (const [index, area] of small.entries()) {
      const values = Array.from({ length: 600 }, (_, i) => {
        const address = `批量路 ${index}-${String(i).padStart(3, "0")}号`;
        return { areaId: area.id, address, addressKey: addressKey(address), addressSort: addressSortKey(address) };
      });
      await t.db.insert(buildings).values(values);
    }
    const rows = (await sheetValues((await download(taskforce, "/api/export/buildings.xlsx")).body)).slice(1);
    const names = rows.map((row) => row[1]);
    // Areas in their order (by sort order, then creation), each building exactly once.
    const runs = names.filter((name, i) => name !== names[i - 1]);
    expect(runs).toEqual(["平塘", "刘一", "大居民区", "小区甲", "小区乙"]);
    expect(new Set(rows.map((row) => row[0])).size).toBe(rows.length);
    expect(names.filter((name) => name === "小区乙")).toHaveLength(600);
  });

  it("serves an empty template with the ledger's headers and an instructions sheet", async () => {
    const response = await download(taskforce, "/api/import/template.xlsx");
    expect(response.status).toBe(200);
    expect(response.headers["content-disposition"]).toContain("filename*=UTF-8''");
    const workbook = await loadWorkbook(response.body);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([LEDGER_SHEET, INSTRUCTIONS_SHEET]);
    const rows = await sheetValues(response.body);
    expect(rows).toEqual([LEDGER_HEADERS]);
    const help: string[] = [];
    workbook.getWorksheet(INSTRUCTIONS_SHEET)?.eachRow((row) => {
      help.push(String(row.getCell(1).value ?? ""));
    });
    expect(help).toEqual(expect.arrayContaining(["签约日期 / 开工日期 / 完工日期", "平塘", "刘一"]));
  });
});
