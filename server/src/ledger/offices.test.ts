// Ledgers the way residential-area offices keep them — written part by part here, not by the app's own
// spreadsheet library: totals rows, their own column names, running numbers in a 编号 column, addresses
// spelled several ways, shares for 同意率, Chinese date formats, comments and hidden rows. Each case asserts
// the exact preview and, where it commits, exactly what the database holds after.

import { asc, eq } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildings } from "../core/db/schema";
import { buildArea, buildBuilding, buildUser, loginAs } from "../test/factories";
import { ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";
import { commit, download, loadWorkbook, upload } from "./testing";
import { columnName, handmadeXlsx } from "./xlsx/handmade";
import { ZipArchive } from "./xlsx/zip";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

type Value = string | number | { n: number; s?: number } | { f: string; v?: number } | null;

/** One `<row>` of cells: text as inline strings, numbers (with a style index) and formulas as Excel writes them. */
function rowXml(r: number, values: readonly Value[], attributes = ""): string {
  const cells = values
    .map((value, c) => {
      const ref = `${columnName(c)}${r}`;
      if (value === null || value === "") return "";
      if (typeof value === "string")
        return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${value}</t></is></c>`;
      if (typeof value === "number") return `<c r="${ref}"><v>${value}</v></c>`;
      if ("f" in value) return `<c r="${ref}"><f>${value.f}</f>${value.v === undefined ? "" : `<v>${value.v}</v>`}</c>`;
      return `<c r="${ref}"${value.s ? ` s="${value.s}"` : ""}><v>${value.n}</v></c>`;
    })
    .join("");
  return `<row r="${r}"${attributes}>${cells}</row>`;
}

/** A sheet of rows (the first row number 1); `hidden` row numbers are hidden, as a filter leaves them. */
function sheet(rows: readonly (readonly Value[])[], options: { hidden?: number[]; extra?: string } = {}): string {
  const body = rows
    .map((values, index) => rowXml(index + 1, values, options.hidden?.includes(index + 1) ? ' hidden="1"' : ""))
    .join("");
  return `<worksheet xmlns="${MAIN}"><sheetData>${body}</sheetData>${options.extra ?? ""}</worksheet>`;
}

/** Styles with the formats Chinese Excel and WPS save: 1 → id 31 (yyyy年m月d日), 2 → id 58, 3 → id 14, 4 → 0%. */
const STYLES = `<styleSheet xmlns="${MAIN}"><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="31" applyNumberFormat="1"/><xf numFmtId="58" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="9" applyNumberFormat="1"/></cellXfs></styleSheet>`;

const xlsx = (rows: readonly (readonly Value[])[], options: Parameters<typeof sheet>[1] = {}) =>
  handmadeXlsx({ sheetXml: sheet(rows, options), styles: STYLES });

describe.each(ENGINES)("offices' own ledgers on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let pingtang: { id: number; name: string };
  let liuyi: { id: number; name: string };

  beforeAll(async () => {
    t = await startTestApp(engine);
    pingtang = await buildArea(t, { name: "平塘" });
    liuyi = await buildArea(t, { name: "刘一" });
    taskforce = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
  });
  afterAll(() => t.close());

  const buildingsOf = (areaId: number) =>
    t.db.select().from(buildings).where(eq(buildings.areaId, areaId)).orderBy(asc(buildings.id));

  describe("totals rows", () => {
    it("skips a 合计 row under filled-down areas, and creates only the buildings", async () => {
      const area = await buildArea(t, { name: "合计测试一" });
      const file = xlsx([
        ["居民区", "小区", "地址", "总造价(万元)"],
        ["合计测试一", "一村", "天平路 1号", 60],
        ["", "一村", "天平路 2号", 65.5],
        ["", "", "合计", 125.5],
      ]);
      // The office filled 居民区 down by merging it over the rows.
      const merged = handmadeXlsx({
        sheetXml: sheet(
          [
            ["居民区", "小区", "地址", "总造价(万元)"],
            ["合计测试一", "一村", "天平路 1号", 60],
            ["", "一村", "天平路 2号", 65.5],
            ["", "", "合计", 125.5],
          ],
          { extra: '<mergeCells count="1"><mergeCell ref="A2:A4"/></mergeCells>' },
        ),
      });
      for (const candidate of [file, merged]) {
        const preview = (await upload(taskforce, candidate)).body;
        expect(preview.skipped).toEqual([{ row: 4, reason: "合计行，不导入" }]);
      }
      const preview = (await upload(taskforce, merged)).body;
      expect(preview.counts).toMatchObject({ rows: 2, create: 2, error: 0 });
      expect((await commit(taskforce, preview.token)).status).toBe(200);
      expect((await buildingsOf(area.id)).map((b) => [b.address, Number(b.costWan)])).toEqual([
        ["天平路 1号", 60],
        ["天平路 2号", 65.5],
      ]);
    });

    it("skips totals in the 编号 or 居民区 column with SUM formulas, and 合计：59栋 under a blank row", async () => {
      const file = xlsx([
        ["编号", "居民区", "地址", "户数"],
        [null, "平塘", "合计路 1号", 24],
        [null, "平塘", "合计路 2号", 18],
        ["合计", null, null, { f: "SUM(D2:D3)", v: 42 }],
        [null, "小计", null, { f: "SUM(D2:D3)", v: 42 }],
        [null, null, null, null],
        ["合计：59栋", null, null, null],
      ]);
      const preview = (await upload(taskforce, file)).body;
      expect(preview.errors).toEqual([]);
      expect(preview.skipped.map((s: { row: number }) => s.row)).toEqual([4, 5, 7]);
      expect(preview.counts).toMatchObject({ create: 2 });
    });
  });

  describe("column names", () => {
    it("reads the office's own names for the columns, dates included, beside a 序号 and an empty 编号", async () => {
      const area = await buildArea(t, { name: "同义词居委" });
      const file = xlsx([
        ["序号", "编号", "居委", "小区名称", "门牌号", "签约时间", "开工时间", "竣工时间", "楼层"],
        [1, null, "同义词居委", "新泾一村", "仙霞路 1号", "2022-03-01", "2022-04-01", "2022-06-01", 6],
        [2, null, "同义词居委", "新泾一村", "仙霞路 2号", "2022/3/5", null, null, 7],
      ]);
      const preview = (await upload(taskforce, file)).body;
      expect(preview.errors).toEqual([]);
      expect(preview.ignoredColumns).toEqual(["序号"]);
      expect((await commit(taskforce, preview.token)).status).toBe(200);
      expect(
        (await buildingsOf(area.id)).map((b) => [
          b.estate,
          b.address,
          b.signedOn,
          b.startedOn,
          b.completedOn,
          b.floors,
        ]),
      ).toEqual([
        ["新泾一村", "仙霞路 1号", "2022-03-01", "2022-04-01", "2022-06-01", 6],
        ["新泾一村", "仙霞路 2号", "2022-03-05", null, null, 7],
      ]);
    });

    it("stops and asks about a column that looks like stage dates but is not one it knows", async () => {
      const file = xlsx([
        ["居民区", "地址", "签约日期", "验收时间"],
        ["平塘", "疑问路 1号", "2022-03-01", "2022-09-01"],
      ]);
      const response = await upload(taskforce, file);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain("「验收时间」（D 列）");
    });
  });

  it("refuses a 编号 that names a building of another area or address (a running number), moving nothing", async () => {
    const first = await buildBuilding(t, { areaId: liuyi.id, address: "序号路 1号" });
    const before = await t.db.select().from(buildings).where(eq(buildings.id, first.id));
    const file = xlsx([
      ["编号", "居民区", "地址", "户数"],
      [first.id, "平塘", "平塘路 101号", 30],
    ]);
    const preview = (await upload(taskforce, file)).body;
    expect(preview.counts).toMatchObject({ update: 0, error: 1 });
    expect(preview.errors[0].message).toContain(
      `编号 ${first.id} 是「刘一 序号路 1号」，与本行的「平塘 平塘路 101号」不符`,
    );
    expect(await t.db.select().from(buildings).where(eq(buildings.id, first.id))).toEqual(before);
  });

  describe("rows changed since the export, without a 版本 column", () => {
    it("refuses them by the file's export time, and accepts the rest", async () => {
      const area = await buildArea(t, { name: "版本测试" });
      const earlier = new Date(t.clock.now().getTime() - 3_600_000);
      const kept = await buildBuilding(t, { areaId: area.id, address: "版本路 1号", updatedAt: earlier });
      const changed = await buildBuilding(t, { areaId: area.id, address: "版本路 2号", updatedAt: earlier });
      const exported = (await download(taskforce, `/api/export/buildings.xlsx?areaId=${area.id}`)).body as Buffer;
      // Someone else edits a building after the export.
      t.clock.advance(60_000);
      const edit = await taskforce
        .patch(`/api/buildings/${changed.id}`)
        .set(XHR)
        .set("If-Match", `"${changed.version}"`)
        .send({ notes: "他人刚改的备注" });
      expect(edit.status).toBe(200);
      // The office deletes the 版本 column and writes notes on both rows.
      const workbook = await loadWorkbook(exported);
      const ledger = workbook.getWorksheet("台账");
      if (!ledger) throw new Error("no ledger sheet");
      const header = ledger.getRow(1).values as unknown[];
      const notesCol = header.indexOf("备注");
      ledger.eachRow((row, n) => {
        if (n > 1) row.getCell(notesCol).value = "居委填写的备注";
      });
      ledger.spliceColumns(header.indexOf("版本"), 1);
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      const preview = (await upload(taskforce, file)).body;
      expect(preview.absentColumns).toContain("版本");
      expect(preview.errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
        [3, expect.stringMatching(/^导出（\d{4}-\d\d-\d\d \d\d:\d\d）后该楼栋已被修改：请重新导出后再修改此行$/)],
      ]);
      const rows = (await taskforce.get(`/api/import/buildings/${preview.token}/rows`)).body.rows;
      expect(rows.map((r: { buildingId: number; action: string }) => [r.buildingId, r.action])).toEqual([
        [kept.id, "update"],
        [changed.id, "error"],
      ]);
      // Nothing is written while a row is refused; the other user's note stands.
      expect(preview.canCommit).toBe(false);
      expect((await commit(taskforce, preview.token)).status).toBe(400);
      const notes = await buildingsOf(area.id);
      expect(notes.map((b) => [b.id, b.notes])).toEqual([
        [kept.id, ""],
        [changed.id, "他人刚改的备注"],
      ]);
    });

    it("refuses updates from a file with 编号 but neither 版本 nor an export time", async () => {
      const building = await buildBuilding(t, { areaId: pingtang.id, address: "无版本路 1号" });
      const file = xlsx([
        ["编号", "居民区", "地址", "备注"],
        [building.id, "平塘", "无版本路 1号", "改一下"],
      ]);
      const preview = (await upload(taskforce, file)).body;
      expect(preview.errors[0].message).toContain("文件没有「版本」列");
    });
  });

  describe("addresses", () => {
    it("knows an address however it is spelled, and refuses the same new address twice", async () => {
      const existing = await buildBuilding(t, { areaId: pingtang.id, address: "百弄路 100弄10号" });
      const file = xlsx([
        ["居民区", "地址"],
        ["平塘", "百弄路 100弄 10号"],
        ["平塘", "百弄路 １００弄１０号"],
        ["平塘", "百弄路100弄10号楼"],
        ["平塘", "百弄路 100弄 10"],
        ["平塘", "百弄路 100弄 11幢"],
        ["平塘", "百弄路100弄11号　"],
      ]);
      const preview = (await upload(taskforce, file)).body;
      const messages = preview.errors.map((e: { row: number; message: string }) => [e.row, e.message]);
      for (const row of [2, 3, 4, 5]) {
        expect(messages).toContainEqual([
          row,
          `该地址已登记为编号 ${existing.id} 的楼栋：如要修改它，请在编号列填写 ${existing.id}`,
        ]);
      }
      expect(messages).toContainEqual([7, "与第 6 行的地址重复"]);
      // Row 6 is the one new building; the file as a whole is refused until its errors are fixed.
      expect(preview.counts).toMatchObject({ create: 1, error: 5 });
    });

    it("takes another spelling of a building's own address as no change", async () => {
      const area = await buildArea(t, { name: "地址写法" });
      const building = await buildBuilding(t, { areaId: area.id, address: "写法路 5号" });
      const exported = (await download(taskforce, `/api/export/buildings.xlsx?areaId=${area.id}`)).body as Buffer;
      const workbook = await loadWorkbook(exported);
      const ledger = workbook.getWorksheet("台账");
      if (!ledger) throw new Error("no ledger sheet");
      const header = ledger.getRow(1).values as unknown[];
      ledger.getRow(2).getCell(header.indexOf("地址")).value = "写法路５号楼";
      const preview = (await upload(taskforce, Buffer.from(await workbook.xlsx.writeBuffer()))).body;
      expect(preview.counts).toMatchObject({ unchanged: 1, update: 0, error: 0 });
      expect(preview.rows[0].buildingId).toBe(building.id);
    });
  });

  it("reads 同意率 written as a share, a percentage cell, percent text or a number", async () => {
    const area = await buildArea(t, { name: "同意率居委" });
    const file = xlsx([
      ["居民区", "地址", "同意率"],
      ["同意率居委", "同意路 1号", 0.85],
      ["同意率居委", "同意路 2号", { n: 0.92, s: 4 }],
      ["同意率居委", "同意路 3号", "88.5%"],
      ["同意率居委", "同意路 4号", 95],
      ["同意率居委", "同意路 5号", "约九成"],
      ["同意率居委", "同意路 6号", 1],
      ["同意率居委", "同意路 7号", "100%"],
    ]);
    const preview = (await upload(taskforce, file)).body;
    expect(
      preview.errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message]),
    ).toEqual([
      [6, "同意率", "应为数字，不是「约九成」"],
      [7, "同意率", "同意率 1 不明确：是 100% 还是 1%？请写成 100% 或 1%"],
    ]);
    const rows = (await taskforce.get(`/api/import/buildings/${preview.token}/rows?action=create`)).body.rows;
    const rates = rows.map(
      (r: { changes: { column: string; after: string }[] }) => r.changes.find((c) => c.column === "同意率")?.after,
    );
    expect(rates).toEqual(["85", "92", "88.5", "95", "100"]);
    expect(area.id).toBeGreaterThan(0);
  });

  it("reads dates as Chinese Excel and WPS save them, and refuses the ambiguous ones by row and column", async () => {
    const file = xlsx([
      ["居民区", "地址", "签约日期"],
      ["平塘", "日期路 1号", { n: 44635, s: 1 }],
      ["平塘", "日期路 2号", { n: 44635, s: 2 }],
      ["平塘", "日期路 3号", { n: 44635, s: 3 }],
      ["平塘", "日期路 4号", 44635],
      ["平塘", "日期路 5号", 20220315],
      ["平塘", "日期路 6号", "20220315"],
      ["平塘", "日期路 7号", "2022-03-15 00:00:00"],
      ["平塘", "日期路 8号", "2022年3月15日"],
      ["平塘", "日期路 9号", "3/15/2022"],
      ["平塘", "日期路 10号", "22.3.15"],
    ]);
    const preview = (await upload(taskforce, file)).body;
    expect(preview.errors.map((e: { row: number; cell: string }) => [e.row, e.cell])).toEqual([
      [10, "C10"],
      [11, "C11"],
    ]);
    const rows = (await taskforce.get(`/api/import/buildings/${preview.token}/rows?action=create`)).body.rows;
    const dates = rows.map(
      (r: { changes: { column: string; after: string }[] }) => r.changes.find((c) => c.column === "签约日期")?.after,
    );
    expect(dates).toEqual(new Array(8).fill("2022-03-15"));
  });

  it("passes over another area's unchanged rows in a secretary's upload of the whole town, and refuses changed ones", async () => {
    await buildBuilding(t, { areaId: liuyi.id, address: "刘一路 8号" });
    const own = await buildBuilding(t, { areaId: pingtang.id, address: "平塘路 8号" });
    const secretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId: pingtang.id })).username);
    const town = (await download(taskforce, "/api/export/buildings.xlsx")).body as Buffer;
    const workbook = await loadWorkbook(town);
    const ledger = workbook.getWorksheet("台账");
    const header = (ledger?.getRow(1).values as unknown[]) ?? [];
    ledger?.eachRow((row) => {
      if (row.getCell(header.indexOf("编号")).value === own.id) row.getCell(header.indexOf("户数")).value = 40;
    });
    const preview = (await upload(secretary, Buffer.from(await workbook.xlsx.writeBuffer()))).body;
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toMatchObject({ update: 1 });
    expect(preview.skipped.every((s: { reason: string }) => s.reason === "其他居民区的楼栋，没有改动，跳过")).toBe(
      true,
    );
    expect(preview.skipped.length).toBeGreaterThan(0);
  });

  it("takes a row of nothing but defaults (撤销=否) for an empty row", async () => {
    const file = xlsx([
      ["居民区", "地址", "撤销"],
      ["平塘", "默认路 1号", "否"],
      [null, null, "否"],
    ]);
    const preview = (await upload(taskforce, file)).body;
    expect(preview.errors).toEqual([]);
    expect(preview.skipped).toEqual([{ row: 3, reason: "空行（只有默认值），不导入" }]);
    expect(preview.counts).toMatchObject({ create: 1 });
  });

  it("refuses a completion without a start, saying which dates are needed", async () => {
    const file = xlsx([
      ["居民区", "地址", "完工日期"],
      ["平塘", "补录路 1号", "2021-06-01"],
    ]);
    const preview = (await upload(taskforce, file)).body;
    // docs/DOMAIN.md § Stage dates: a completion needs its start and signing — back-filled ledgers give all three.
    expect(preview.errors[0]).toMatchObject({ row: 2, column: "完工日期" });
    expect(preview.errors[0].message).toContain("尚未开工");
  });

  it("reads a file with a comment as openpyxl writes it, a hyperlink and a protected sheet", async () => {
    const comments = `<comments xmlns="${MAIN}"><authors><author>openpyxl</author></authors><commentList><comment ref="B2" authorId="0"><text><t>核对过</t></text></comment></commentList></comments>`;
    const vml = `<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape type="#_x0000_t202"/></xml>`;
    const file = handmadeXlsx({
      sheetXml: sheet(
        [
          ["居民区", "地址"],
          ["平塘", "批注路 1号"],
        ],
        {
          extra: `<sheetProtection sheet="1" objects="1"/><hyperlinks><hyperlink ref="B2" r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></hyperlinks><legacyDrawing r:id="rId2" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>`,
        },
      ),
      extraParts: [
        { name: "xl/comments/comment1.xml", data: Buffer.from(comments) },
        { name: "xl/drawings/commentsDrawing1.vml", data: Buffer.from(vml) },
        {
          name: "xl/worksheets/_rels/sheet1.xml.rels",
          data: Buffer.from(
            `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="/xl/comments/comment1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="/xl/drawings/commentsDrawing1.vml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>`,
          ),
        },
      ],
    });
    const response = await upload(taskforce, file);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.counts).toMatchObject({ create: 1, error: 0 });
  });

  it("says which of an area's buildings are not in its file, and that nothing is deleted", async () => {
    const area = await buildArea(t, { name: "删行居委" });
    await buildBuilding(t, { areaId: area.id, address: "删行路 1号" });
    const dropped = await buildBuilding(t, { areaId: area.id, address: "删行路 2号" });
    const exported = (await download(taskforce, `/api/export/buildings.xlsx?areaId=${area.id}`)).body as Buffer;
    const workbook = await loadWorkbook(exported);
    const ledger = workbook.getWorksheet("台账");
    const header = (ledger?.getRow(1).values as unknown[]) ?? [];
    let droppedRow = 0;
    ledger?.eachRow((row, n) => {
      if (row.getCell(header.indexOf("编号")).value === dropped.id) droppedRow = n;
    });
    ledger?.spliceRows(droppedRow, 1);
    const preview = (await upload(taskforce, Buffer.from(await workbook.xlsx.writeBuffer()))).body;
    expect(preview.notices).toEqual([
      `删行居委 有 1 栋楼不在文件中（导入不会删除它们）：编号 ${dropped.id} 删行路 2号`,
    ]);
  });

  it("points out edits in hidden (filtered-out) rows", async () => {
    const file = xlsx(
      [
        ["居民区", "地址"],
        ["平塘", "筛选路 1号"],
        ["平塘", "筛选路 2号"],
      ],
      { hidden: [3] },
    );
    const preview = (await upload(taskforce, file)).body;
    expect(preview.notices).toEqual([
      "第 3 行在文件中是隐藏（或被筛选隐藏）的行，但有改动，也会导入：请确认这些改动是有意的",
    ]);
  });

  it("re-imports notes with line breaks and tabs, and formula-looking text, as unchanged", async () => {
    const area = await buildArea(t, { name: "备注居委" });
    for (const [i, notes] of ["第一行\n第二行", "列\t表", "=1+1", "+86 138", "@SUM(A1)", "-开头"].entries()) {
      await buildBuilding(t, { areaId: area.id, address: `备注路 ${i + 1}号`, notes });
    }
    const exported = (await download(taskforce, `/api/export/buildings.xlsx?areaId=${area.id}`)).body as Buffer;
    const preview = (await upload(taskforce, exported)).body;
    expect(preview.counts).toMatchObject({ unchanged: 6, update: 0, error: 0 });

    // As any Excel-compatible reader sees the file: string cells, no <f>, in the text format (@, id 49), so
    // editing the cell in Excel or WPS keeps it text instead of turning it into a formula.
    const zip = new ZipArchive(exported, { maxEntries: 100, maxEntryBytes: 10_000_000, maxTotalBytes: 50_000_000 });
    const sheetXml = zip.read("xl/worksheets/sheet1.xml")?.toString("utf8") ?? "";
    const stylesXml = zip.read("xl/styles.xml")?.toString("utf8") ?? "";
    const formats = [...stylesXml.replace(/^[\s\S]*<cellXfs[^>]*>/, "").matchAll(/<xf [^>]*numFmtId="(\d+)"/g)].map(
      (match) => match[1],
    );
    expect(sheetXml).not.toContain("<f>");
    for (const text of ["=1+1", "+86 138", "@SUM(A1)"]) {
      const escaped = text.replace(/[+()]/g, "\\$&");
      const cell = new RegExp(`<c r="[A-Z]+\\d+"([^>]*)>(?:<v>${escaped}</v>|<is><t[^>]*>${escaped}</t>)`).exec(
        sheetXml,
      );
      expect(cell, text).not.toBeNull();
      expect(cell?.[1]).toMatch(/ t="(str|inlineStr|s)"/);
      const style = Number(/ s="(\d+)"/.exec(cell?.[1] ?? "")?.[1]);
      expect(formats[style], text).toBe("49");
    }
  });
});
