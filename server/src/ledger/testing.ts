// Test helpers for the ledger: build real .xlsx files with exceljs, download and upload them through the API.

import { LEDGER_COLUMNS, LEDGER_SHEET, type LedgerKey, XLSX_MIME } from "@jiati/shared";
import ExcelJS from "exceljs";
import type request from "supertest";
import { XHR } from "../test/harness";

export const LEDGER_HEADERS = LEDGER_COLUMNS.map((column) => column.header);

type Cell = ExcelJS.CellValue;

/** A data row in ledger column order from the values of some columns. */
export function ledgerRowOf(values: Partial<Record<LedgerKey, Cell>>): Cell[] {
  return LEDGER_COLUMNS.map((column) => values[column.key] ?? null);
}

export interface WorkbookOptions {
  headers?: Cell[];
  sheetName?: string;
  /** Rows above the header row (a title, say). */
  above?: Cell[][];
  /** Last changes to the sheet before it is written. */
  edit?: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void;
}

/** An .xlsx with one sheet: the header row, then `rows`. */
export async function ledgerWorkbook(rows: Cell[][], options: WorkbookOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? LEDGER_SHEET);
  for (const row of options.above ?? []) sheet.addRow(row);
  sheet.addRow(options.headers ?? LEDGER_HEADERS);
  for (const row of rows) sheet.addRow(row);
  options.edit?.(sheet, workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Collects a binary response body into a Buffer. */
function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void) {
  // superagent hands parsers the raw response stream, typed as its Response.
  const res = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => callback(null, Buffer.concat(chunks)));
  res.on("error", (error: Error) => callback(error, Buffer.alloc(0)));
}

export function download(agent: request.Agent | ReturnType<typeof request>, path: string) {
  return (agent as request.Agent).get(path).buffer(true).parse(binary);
}

export function upload(agent: request.Agent | ReturnType<typeof request>, file: Buffer, contentType = XLSX_MIME) {
  return (agent as request.Agent)
    .post("/api/import/buildings?name=test.xlsx")
    .set(XHR)
    .set("Content-Type", contentType)
    .send(file);
}

export function commit(agent: request.Agent | ReturnType<typeof request>, token: string, reason?: string) {
  return (agent as request.Agent)
    .post("/api/import/buildings/commit")
    .set(XHR)
    .send(reason === undefined ? { token } : { token, reason });
}

export async function loadWorkbook(file: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook;
}

/** The ledger sheet's rows as plain values (index 0 = the header row). */
export async function sheetValues(file: Buffer, sheetName = LEDGER_SHEET): Promise<unknown[][]> {
  const sheet = (await loadWorkbook(file)).getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push(LEDGER_COLUMNS.map((_, index) => row.getCell(index + 1).value ?? null));
  });
  return rows;
}

/** Sets cells of a ledger file, found by building id and column, and writes it again. */
export async function editLedger(
  file: Buffer,
  edits: { id: number; key: LedgerKey; value: Cell }[],
  change?: (workbook: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const workbook = await loadWorkbook(file);
  const sheet = workbook.getWorksheet(LEDGER_SHEET);
  if (!sheet) throw new Error("no ledger sheet");
  const col = (key: LedgerKey) => LEDGER_COLUMNS.findIndex((column) => column.key === key) + 1;
  for (const edit of edits) {
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(col("id")).value === edit.id) {
        row.getCell(col(edit.key)).value = edit.value;
        found = true;
      }
    });
    if (!found) throw new Error(`building ${edit.id} is not in the file`);
  }
  change?.(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
