// Reads an uploaded ledger: finds the ledger sheet by its headers (whatever the sheet is called), maps its
// columns, and returns each non-blank row's cells as plain values. File-level problems — not an .xlsx,
// no ledger headers, a required column missing, merged header cells — are a 400; cell problems are left
// to the parser, which reports them by row and column.

import {
  IMPORT_MAX_ROWS,
  LEDGER_COLUMNS,
  LEDGER_HEADER,
  LEDGER_SHEET,
  type LedgerKey,
  REQUIRED_LEDGER_KEYS,
} from "@jiati/shared";
import ExcelJS from "exceljs";
import { InvalidInput } from "../errors";
import { checkXlsxContainer } from "./zip";

/** A cell reduced to what the parser needs. A formula is kept as such: the import refuses formulas. */
export type CellContent =
  | { kind: "text"; text: string }
  | { kind: "number"; value: number; percent: boolean }
  | { kind: "date"; value: Date }
  | { kind: "boolean"; value: boolean }
  | { kind: "formula"; formula: string }
  | { kind: "error"; error: string };

export interface LedgerRow {
  /** Excel's row number. */
  row: number;
  /** The non-empty cells of the ledger columns. */
  cells: Partial<Record<LedgerKey, CellContent>>;
}

export interface LedgerSheet {
  sheetName: string;
  headerRow: number;
  /** The ledger columns the sheet has, by column number (A = 1). */
  columns: Partial<Record<LedgerKey, number>>;
  ignoredColumns: string[];
  absentColumns: string[];
  rows: LedgerRow[];
}

/** Rows searched for the header row: room for a title or a two-level header above it. */
const HEADER_SEARCH_ROWS = 10;

const invalid = (message: string) => new InvalidInput(message, { file: message }, "invalid_file");

/** Headers compared without spaces, full-width forms folded: "总造价（万元）" matches "总造价(万元)". */
function normalizeHeader(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

const KEY_BY_HEADER = new Map(LEDGER_COLUMNS.map((column) => [normalizeHeader(column.header), column.key]));

export function columnLetter(col: number): string {
  let letters = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The plain content of a cell, or null when it is empty. Merged cells read as their merge's top-left cell. */
export function cellContent(cell: ExcelJS.Cell): CellContent | null {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : { kind: "text", text: value };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { kind: "error", error: String(value) };
    return { kind: "number", value, percent: /%/.test(cell.numFmt ?? "") };
  }
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { kind: "error", error: "无效日期" } : { kind: "date", value };
  }
  if ("formula" in value || "sharedFormula" in value) {
    const formula = "formula" in value ? value.formula : value.sharedFormula;
    return { kind: "formula", formula: String(formula ?? "") };
  }
  if ("error" in value) return { kind: "error", error: String(value.error) };
  if ("richText" in value) {
    const text = value.richText.map((run) => run.text).join("");
    return text.trim() === "" ? null : { kind: "text", text };
  }
  if ("text" in value) {
    const text = String(value.text ?? "");
    return text.trim() === "" ? null : { kind: "text", text };
  }
  return { kind: "error", error: "无法识别的单元格内容" };
}

function cellText(cell: ExcelJS.Cell): string {
  const content = cellContent(cell);
  if (!content) return "";
  if (content.kind === "text") return content.text;
  if (content.kind === "number") return String(content.value);
  return "";
}

interface HeaderCandidate {
  sheet: ExcelJS.Worksheet;
  row: number;
  /** Ledger key → column numbers carrying its header. */
  columns: Map<LedgerKey, number[]>;
  others: { col: number; text: string }[];
}

/** The row among the first few that carries the most ledger headers (the lower one on a tie), if any. */
function findHeaderRow(sheet: ExcelJS.Worksheet): HeaderCandidate | null {
  let best: HeaderCandidate | null = null;
  for (let rowNumber = 1; rowNumber <= HEADER_SEARCH_ROWS; rowNumber++) {
    const row = sheet.findRow(rowNumber);
    if (!row) continue;
    const columns = new Map<LedgerKey, number[]>();
    const others: { col: number; text: string }[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const text = normalizeHeader(cellText(cell));
      if (!text) return;
      const key = KEY_BY_HEADER.get(text);
      if (key) columns.set(key, [...(columns.get(key) ?? []), col]);
      else others.push({ col, text: cellText(cell).trim() });
    });
    if (columns.size >= 3 && columns.size >= (best?.columns.size ?? 0)) {
      best = { sheet, row: rowNumber, columns, others };
    }
  }
  return best;
}

/** A header cell merged with a neighbour in its row (vertical merges, as in a two-level header, are fine). */
function horizontallyMerged(row: ExcelJS.Row, col: number): string | null {
  const cell = row.getCell(col);
  if (!cell.isMerged) return null;
  if (Number(cell.master.col) !== col) return `${cell.master.address}:${cell.address}`;
  const right = row.getCell(col + 1);
  return right.isMerged && right.master.address === cell.address ? `${cell.address}:${right.address}` : null;
}

async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  checkXlsxContainer(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      buffer as unknown as ArrayBuffer,
      {
        ignoreNodes: ["dataValidations", "conditionalFormatting", "drawing", "picture", "legacyDrawing", "extLst"],
        // Passed through to the sheet reader: an error instead of unbounded rows.
        maxRows: IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS + 1_000,
        maxCols: 1_000,
      } as ExcelJS.XlsxReadOptions,
    );
  } catch (error) {
    if (/Max (row|c) count/.test(String((error as Error).message))) {
      throw invalid(`行数或列数过多：一次最多导入 ${IMPORT_MAX_ROWS} 行，请拆分文件`);
    }
    throw invalid("无法读取该 .xlsx 文件（文件可能已损坏），请用 Excel 打开后重新保存再上传");
  }
  return workbook;
}

/** Reads the ledger sheet of an uploaded .xlsx, or throws a 400 saying what is wrong with the file. */
export async function readLedger(buffer: Buffer): Promise<LedgerSheet> {
  const workbook = await loadWorkbook(buffer);
  const visible = workbook.worksheets.filter((sheet) => sheet.state !== "hidden" && sheet.state !== "veryHidden");
  const candidates = visible.map(findHeaderRow).filter((candidate) => candidate !== null);
  if (candidates.length === 0) {
    const names = visible.map((sheet) => `「${sheet.name}」`).join("、") || "（无）";
    throw invalid(
      `没有找到台账表头：工作表 ${names} 的前 ${HEADER_SEARCH_ROWS} 行里都没有「编号」「居民区」「地址」等列名。请使用导出的台账或导入模板`,
    );
  }
  const named = candidates.filter((candidate) => candidate.sheet.name.trim() === LEDGER_SHEET);
  const chosen = named.length === 1 ? named : candidates;
  if (chosen.length > 1) {
    const names = chosen.map((candidate) => `「${candidate.sheet.name}」`).join("、");
    throw invalid(`工作表 ${names} 都像台账，无法确定导入哪一个：请只保留一个台账工作表`);
  }
  const { sheet, row: headerRow, columns, others } = chosen[0];

  const header = sheet.getRow(headerRow);
  for (const [key, cols] of columns) {
    for (const col of cols) {
      const merged = horizontallyMerged(header, col);
      if (merged) {
        throw invalid(`表头「${LEDGER_HEADER[key]}」是合并单元格（${merged}），请取消合并、每列一个表头后再上传`);
      }
    }
    if (cols.length > 1) {
      throw invalid(
        `表头「${LEDGER_HEADER[key]}」出现了 ${cols.length} 次（${cols.map(columnLetter).join("、")} 列），每列只能有一个`,
      );
    }
  }
  const colOf = new Map([...columns].map(([key, cols]) => [key, cols[0]]));
  const missing = REQUIRED_LEDGER_KEYS.filter((key) => !colOf.has(key));
  if (missing.length) {
    throw invalid(
      `工作表「${sheet.name}」缺少必需的列：${missing.map((key) => `「${LEDGER_HEADER[key]}」`).join("、")}`,
    );
  }

  const rows: LedgerRow[] = [];
  let overflow = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= headerRow || overflow) return;
    const cells: LedgerRow["cells"] = {};
    let any = false;
    for (const [key, col] of colOf) {
      const cell = row.getCell(col);
      const content = cellContent(cell);
      if (!content) continue;
      cells[key] = content;
      any = true;
    }
    if (!any) return;
    if (rows.length >= IMPORT_MAX_ROWS) {
      overflow = true;
      return;
    }
    rows.push({ row: rowNumber, cells });
  });
  if (overflow) throw invalid(`数据行过多：一次最多导入 ${IMPORT_MAX_ROWS} 行，请拆分文件`);
  if (rows.length === 0) throw invalid(`工作表「${sheet.name}」在表头（第 ${headerRow} 行）下面没有数据行`);

  return {
    sheetName: sheet.name,
    headerRow,
    columns: Object.fromEntries(colOf),
    ignoredColumns: others.map((other) => other.text),
    absentColumns: LEDGER_COLUMNS.filter((column) => !colOf.has(column.key)).map((column) => column.header),
    rows,
  };
}
