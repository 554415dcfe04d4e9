// The workbook reader on files written by hand: what it reads, and every way a hostile file tried to get
// past its limits — merge bombs in each spelling, zip bombs, and zips whose two listings disagree.

import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { WORKBOOK_LIMITS } from "../read";
import { FileProblem } from "./errors";
import { handmadeXlsx, inlineRows, zipOf } from "./handmade";
import { classifyFormat, Workbook } from "./workbook";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const HEADER = [["编号", "居民区", "地址"]];

function readFirstSheet(file: Buffer, limits = WORKBOOK_LIMITS) {
  const workbook = new Workbook(file, limits);
  return workbook.readSheet(workbook.sheets[0] as (typeof workbook.sheets)[number]);
}

function problemOf(action: () => unknown): FileProblem {
  try {
    action();
  } catch (error) {
    if (error instanceof FileProblem) return error;
    throw error;
  }
  throw new Error("expected a FileProblem");
}

const BOMB = "A2:XFD1048576";

describe("the workbook reader", () => {
  it("reads shared and inline strings, numbers, booleans, formulas and dates by their number format", () => {
    const file = handmadeXlsx({
      sharedStrings: `<sst xmlns="${MAIN}"><si><t>平塘</t></si><si><r><t>天山</t></r><r><t xml:space="preserve">路 1号</t></r><rPh><t>てんざん</t></rPh></si></sst>`,
      styles: `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="31"/><xf numFmtId="9"/></cellXfs></styleSheet>`,
      sheetXml: `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1"><x:v>7</x:v></x:c><x:c r="D1" t="b"><x:v>1</x:v></x:c><x:c r="E1"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row><x:row r="2" hidden="1"><x:c r="A2" s="1"><x:v>44635</x:v></x:c><x:c r="B2" s="2"><x:v>44635</x:v></x:c><x:c r="C2" s="3"><x:v>44635</x:v></x:c><x:c r="D2" s="4"><x:v>0.85</x:v></x:c><x:c r="E2" t="inlineStr"><x:is><x:t>手写</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
    });
    const sheet = readFirstSheet(file);
    const row1 = sheet.cells.get(1);
    expect(row1?.get(1)).toEqual({ kind: "text", text: "平塘" });
    expect(row1?.get(2)).toEqual({ kind: "text", text: "天山路 1号" });
    expect(row1?.get(3)).toEqual({ kind: "number", value: 7, percent: false });
    expect(row1?.get(4)).toEqual({ kind: "boolean", value: true });
    expect(row1?.get(5)).toEqual({ kind: "formula", formula: "1+1" });
    const row2 = sheet.cells.get(2);
    for (const col of [1, 2, 3]) {
      const cell = row2?.get(col);
      expect(cell?.kind, `column ${col}`).toBe("date");
      expect(cell?.kind === "date" && cell.value.toISOString().slice(0, 10)).toBe("2022-03-15");
    }
    expect(row2?.get(4)).toEqual({ kind: "number", value: 0.85, percent: true });
    expect(row2?.get(5)).toEqual({ kind: "text", text: "手写" });
    expect(sheet.hiddenRows).toEqual(new Set([2]));
  });

  it("tells date formats from others", () => {
    expect(classifyFormat("yyyy-mm-dd").date).toBe(true);
    expect(classifyFormat('[$-804]yyyy"年"m"月"d"日"').date).toBe(true);
    expect(classifyFormat("General").date).toBe(false);
    expect(classifyFormat('0.00"万元"').date).toBe(false);
    expect(classifyFormat("0.0%")).toEqual({ date: false, percent: true });
  });

  describe("refuses merge bombs however the merge is spelled", () => {
    const spellings: Record<string, string> = {
      "single quotes": `<mergeCells count="1"><mergeCell ref='${BOMB}'/></mergeCells>`,
      "spaces around =": `<mergeCells count="1"><mergeCell ref = "${BOMB}" /></mergeCells>`,
      "another attribute first": `<mergeCells count="1"><mergeCell foo="bar" ref="${BOMB}"/></mergeCells>`,
      "a namespace prefix": `<x:mergeCells xmlns:x="${MAIN}"><x:mergeCell ref="${BOMB}"/></x:mergeCells>`,
      "after a decoy comment": `<!--<mergeCells count="0"></mergeCells>--><mergeCells><mergeCell ref="${BOMB}"/></mergeCells>`,
      "after 500,000 characters of padding": `${"<!-- padding -->".repeat(32_000)}<mergeCells><mergeCell ref="${BOMB}"/></mergeCells>`,
      "as many small merges": `<mergeCells>${Array.from({ length: 2_100 }, (_, i) => `<mergeCell ref="A${i + 2}:B${i + 2}"/>`).join("")}</mergeCells>`,
    };
    for (const [name, after] of Object.entries(spellings)) {
      it(name, () => {
        const problem = problemOf(() => readFirstSheet(handmadeXlsx({ rows: HEADER, after })));
        expect(problem.message).toContain("合并单元格过多或过大");
        expect(problem.status).toBe(413);
      });
    }

    it("in a part whose zip entry name starts with a slash", () => {
      const file = handmadeXlsx({
        rows: HEADER,
        after: `<mergeCells><mergeCell ref="${BOMB}"/></mergeCells>`,
        sheetEntryName: "/xl/worksheets/sheet1.xml",
      });
      expect(problemOf(() => readFirstSheet(file)).message).toContain("合并单元格过多或过大");
    });
  });

  it("refuses two parts that a reader could take for one another", () => {
    const file = handmadeXlsx({
      rows: HEADER,
      extraParts: [{ name: "XL/worksheets/Sheet1.xml", data: Buffer.from("<worksheet/>") }],
    });
    expect(problemOf(() => new Workbook(file, WORKBOOK_LIMITS)).message).toContain("重名");
  });

  describe("zip bombs", () => {
    const hugeSheet = Buffer.alloc(WORKBOOK_LIMITS.maxTotalBytes + 1024 * 1024, 0x20);
    const deflated = deflateRawSync(hugeSheet, { level: 9 });

    it("refuses a part that declares more than the limit, before inflating it", () => {
      const file = handmadeXlsx({ rows: HEADER, sheetEntry: { data: hugeSheet, deflated } });
      expect(file.length).toBeLessThan(1024 * 1024);
      const started = performance.now();
      const problem = problemOf(() => readFirstSheet(file));
      expect(problem.status).toBe(413);
      expect(performance.now() - started).toBeLessThan(500);
    });

    it("stops inflating at the limit when the sizes lie (central directory and local header alike)", () => {
      const file = handmadeXlsx({
        rows: HEADER,
        sheetEntry: { data: hugeSheet, deflated, claims: { size: 1000 }, local: { size: 1000 } },
      });
      const problem = problemOf(() => readFirstSheet(file));
      expect(problem.status).toBe(413);
      expect(problem.message).toContain("解压后过大");
    });

    it("refuses a zip whose local header describes another part than its central directory", () => {
      for (const local of [{ size: 500 }, { compressedSize: 7 }, { name: "xl/worksheets/sheet2.xml" }]) {
        const file = handmadeXlsx({ rows: HEADER, sheetEntry: { local } });
        expect(problemOf(() => readFirstSheet(file)).message, JSON.stringify(local)).toContain("不一致");
      }
    });

    it("refuses a part whose contents differ from its checksum", () => {
      const file = handmadeXlsx({ rows: HEADER, sheetEntry: { deflate: false } });
      const at = file.indexOf(Buffer.from("<sheetData>"));
      file[at + 1] = "S".charCodeAt(0);
      expect(problemOf(() => readFirstSheet(file)).message).toMatch(/损坏/);
    });
  });

  it("refuses more cells than the limit as it reads them", () => {
    const rows = Array.from({ length: 400 }, (_, r) => Array.from({ length: 30 }, (_, c) => `${r}-${c}`));
    const file = handmadeXlsx({ rows });
    expect(readFirstSheet(file).cells.size).toBe(400);
    const problem = problemOf(() => readFirstSheet(file, { ...WORKBOOK_LIMITS, maxCells: 10_000 }));
    expect(problem.status).toBe(413);
    expect(problem.message).toContain("行数或列数过多");
  });

  it("refuses XML with entity definitions (billion laughs) as unreadable", () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join("");
    const file = handmadeXlsx({
      sheetXml: `<!DOCTYPE worksheet [<!ENTITY l0 "lol">${levels}]><worksheet xmlns="${MAIN}"><sheetData>${inlineRows(HEADER)}<row r="2"><c r="A2" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>`,
    });
    expect(problemOf(() => readFirstSheet(file)).message).toContain("无法读取");
  });

  it("refuses encrypted parts and a zip without a workbook", () => {
    const file = handmadeXlsx({ rows: HEADER, sheetEntry: { flags: 1 } });
    expect(problemOf(() => new Workbook(file, WORKBOOK_LIMITS)).message).toContain("已加密");
    const word = zipOf([{ name: "word/document.xml", data: Buffer.from("<w:document/>") }]);
    expect(problemOf(() => new Workbook(word, WORKBOOK_LIMITS)).message).toContain("不是 Excel 工作簿");
  });
});
