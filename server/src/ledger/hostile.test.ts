// Malformed and hostile uploads: each gets a clear message, and nothing is written — no building, no preview.

import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { deflateRawSync } from "node:zlib";
import { IMPORT_MAX_ROWS, type ImportPreview, XLSX_MIME } from "@jiati/shared";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildArea, buildUser, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, type TestApp } from "../test/harness";
import { listen } from "../test/streams";
import { countPreviews } from "./repo";
import { LEDGER_HEADERS, ledgerRowOf, ledgerWorkbook, upload } from "./testing";
import { handmadeXlsx, inlineRows, zipOf } from "./xlsx/handmade";

const WORKBOOK_PARTS = [
  { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
  { name: "xl/workbook.xml", data: Buffer.from("<workbook><sheets><sheet") },
];

describe.each(ENGINES)("hostile and malformed uploads on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;

  beforeAll(async () => {
    t = await startTestApp(engine);
    await buildArea(t, { name: "平塘" });
    taskforce = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
  });
  afterAll(() => t.close());

  const state = async () => ({ tables: await databaseFingerprint(t.database), previews: await countPreviews(t.db) });

  /** Uploads `file`, expects `status` and a message containing `message`, and checks nothing was written. */
  async function refused(file: Buffer, status: number, message: string, contentType = XLSX_MIME) {
    const before = await state();
    const response = await upload(taskforce, file, contentType);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.error.message).toContain(message);
    expect(await state()).toEqual(before);
    return response;
  }

  const goodRow = ledgerRowOf({ areaId: "平塘", address: "天山路 1号" });

  it("refuses bytes that are not an .xlsx (a CSV)", async () => {
    const response = await refused(Buffer.from("编号,居民区,地址\n,平塘,天山路 1号\n"), 400, "不是 .xlsx");
    expect(response.body.error.code).toBe("invalid_file");
    expect(response.body.error.fields).toHaveProperty("file");
  });

  it("recognises an old .xls (or password-protected) workbook", async () => {
    await refused(
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(512)]),
      400,
      ".xls",
    );
  });

  it("refuses an empty file", async () => {
    await refused(Buffer.alloc(0), 400, "文件为空");
  });

  it("refuses 10 MB of random junk with 413 before reading it", async () => {
    const response = await refused(randomBytes(10 * 1024 * 1024), 413, "超过 5 MB");
    expect(response.body.error.code).toBe("payload_too_large");
  });

  it("refuses an oversized upload without Content-Length (chunked) with 413", async () => {
    const before = await state();
    const server = await listen(t.app);
    const cookie = (await taskforce.get("/api/session")).request.cookies;
    try {
      const { port } = server.address() as AddressInfo;
      const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            port,
            host: "127.0.0.1",
            method: "POST",
            path: "/api/import/buildings",
            headers: { "Content-Type": XLSX_MIME, "X-Requested-With": "test", Cookie: cookie },
          },
          (res) => {
            let body = "";
            res.on("data", (chunk) => {
              body += chunk;
            });
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on("error", reject);
        const chunk = randomBytes(1024 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 8) {
            sent++;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
          req.end();
        };
        pump();
      });
      expect(result.status).toBe(413);
      expect(JSON.parse(result.body).error.code).toBe("payload_too_large");
    } finally {
      server.close();
    }
    expect(await state()).toEqual(before);
  });

  it("refuses a multipart form upload, saying how to send the file", async () => {
    const response = await refused(await ledgerWorkbook([goodRow]), 400, XLSX_MIME, "multipart/form-data; boundary=x");
    expect(response.body.error.code).toBe("unsupported_media_type");
  });

  it("refuses a zip that is not a workbook, a truncated .xlsx, and a workbook whose XML is broken", async () => {
    await refused(zipOf([{ name: "word/document.xml", data: Buffer.from("<w:document/>") }]), 400, "不是 Excel 工作簿");
    const good = await ledgerWorkbook([goodRow]);
    await refused(good.subarray(0, Math.floor(good.length / 2)), 400, "不完整");
    await refused(zipOf(WORKBOOK_PARTS), 400, "无法读取");
  });

  it("reads a hand-written .xlsx, but refuses one whose XML defines entities (billion laughs)", async () => {
    const rows = [
      ["编号", "居民区", "地址"],
      ["", "平塘", "手写路 1号"],
    ];
    const plain = await upload(taskforce, handmadeXlsx({ rows }));
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(plain.body.counts.create).toBe(1);
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join("");
    const laughs = `<!DOCTYPE worksheet [<!ENTITY l0 "lol">${levels}]>`;
    const started = Date.now();
    const sheetXml = `${laughs}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${inlineRows(rows)}<row r="3"><c r="C3" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>`;
    await refused(handmadeXlsx({ sheetXml }), 400, "无法读取");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("refuses merge bombs, zip bombs and zips whose listings disagree, answering health within a second throughout", async () => {
    const header = [["编号", "居民区", "地址"]];
    const huge = Buffer.alloc(120 * 1024 * 1024, 0x20);
    const attacks: [string, Buffer, number, string][] = [
      [
        "merge bomb",
        handmadeXlsx({ rows: header, after: `<mergeCells><mergeCell foo='x' ref = 'A2:XFD1048576'/></mergeCells>` }),
        413,
        "合并单元格",
      ],
      [
        "zip bomb",
        handmadeXlsx({ rows: header, sheetEntry: { data: huge, deflated: deflateRawSync(huge) } }),
        413,
        "过大",
      ],
      ["disagreeing listings", handmadeXlsx({ rows: header, sheetEntry: { local: { size: 7 } } }), 400, "不一致"],
    ];
    let attacking = true;
    const latencies: number[] = [];
    const polling = (async () => {
      while (attacking) {
        const started = performance.now();
        expect((await t.anonymous().get("/api/health")).status).toBe(200);
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      for (const [name, file, status, message] of attacks) {
        expect(file.length, name).toBeLessThan(1024 * 1024);
        const response = await refused(file, status, message);
        expect(response.body.error.fields, name).toHaveProperty("file");
      }
    } finally {
      attacking = false;
      await polling;
    }
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });

  it("refuses formulas: the cell is an error in the preview, which cannot be committed", async () => {
    const file = await ledgerWorkbook(
      [
        [...ledgerRowOf({ areaId: "平塘", address: "公式路 1号", floors: { formula: "2*3", result: 6 } }), null],
        [...ledgerRowOf({ areaId: "平塘", address: "公式路 2号", subsidyWan: { formula: "J3*0.4" } }), null],
        // A formula in a column the ledger ignores is harmless.
        [...ledgerRowOf({ areaId: "平塘", address: "公式路 3号" }), { formula: "1+1", result: 2 }],
      ],
      { headers: [...LEDGER_HEADERS, "核对"] },
    );
    const before = await databaseFingerprint(t.database);
    const preview = (await upload(taskforce, file)).body as ImportPreview;
    expect(preview.errors.map((error) => [error.row, error.column, error.cell])).toEqual([
      [2, "层数", "E2"],
      [3, "补贴(万元)", "K3"],
    ]);
    expect(preview.errors[0].message).toContain("公式");
    expect(preview.rows.map((row) => row.action)).toEqual(["error", "error", "create"]);
    expect(preview.canCommit).toBe(false);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it("refuses merged header cells, but accepts a merged title row above the headers", async () => {
    const merged = await ledgerWorkbook([goodRow], { edit: (sheet) => sheet.mergeCells("L1:N1") });
    await refused(merged, 400, "合并");
    const titled = await ledgerWorkbook([goodRow], {
      above: [["新泾镇加梯台账"]],
      edit: (sheet) => sheet.mergeCells("A1:S1"),
    });
    const response = await upload(taskforce, titled);
    expect(response.status).toBe(201);
    expect(response.body.headerRow).toBe(2);
  });

  it("finds a renamed ledger sheet by its headers, and refuses two sheets that both look like the ledger", async () => {
    const renamed = await ledgerWorkbook([goodRow], {
      sheetName: "Sheet1",
      edit: (_sheet, workbook) => {
        workbook.addWorksheet("说明").addRow(["这里是说明"]);
      },
    });
    const response = await upload(taskforce, renamed);
    expect(response.status).toBe(201);
    expect(response.body.sheetName).toBe("Sheet1");
    const twice = await ledgerWorkbook([goodRow], {
      sheetName: "一月",
      edit: (_sheet, workbook) => {
        const copy = workbook.addWorksheet("二月");
        copy.addRow(LEDGER_HEADERS);
        copy.addRow(goodRow);
      },
    });
    await refused(twice, 400, "都像台账");
  });

  it("refuses a workbook without ledger headers, naming its sheets", async () => {
    const file = await ledgerWorkbook([["a", "b"]], { headers: ["姓名", "电话"], sheetName: "通讯录" });
    await refused(file, 400, "「通讯录」");
  });

  it("refuses a missing required column, naming it", async () => {
    const headers = LEDGER_HEADERS.filter((header) => header !== "地址");
    const row = goodRow.filter((_, index) => LEDGER_HEADERS[index] !== "地址");
    await refused(await ledgerWorkbook([row], { headers }), 400, "缺少必需的列：「地址」");
  });

  it("refuses a header that appears twice, and a sheet with headers but no rows", async () => {
    await refused(await ledgerWorkbook([goodRow], { headers: [...LEDGER_HEADERS, "地址"] }), 400, "出现了 2 次");
    await refused(await ledgerWorkbook([]), 400, "没有数据行");
  });

  it(`refuses more than ${IMPORT_MAX_ROWS} data rows`, async () => {
    const rows = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => [null, "平塘", `长路 ${i}号`]);
    const file = await ledgerWorkbook(rows, { headers: ["编号", "居民区", "地址"] });
    await refused(file, 400, `最多导入 ${IMPORT_MAX_ROWS} 行`);
  });
});
