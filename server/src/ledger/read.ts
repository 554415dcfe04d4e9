// Reads an uploaded ledger: finds the ledger sheet by its headers (whatever the sheet is called), maps its
// columns, and returns each non-blank row's cells as plain values. File-level problems — not an .xlsx,
// no ledger headers, a required column missing, merged header cells — are a 400; cell problems are left
// to the parser, which reports them by row and column.

import {
  EXPORT_INFO_SHEET,
  IGNORED_LEDGER_HEADERS,
  IMPORT_MAX_ROWS,
  LEDGER_COLUMNS,
  LEDGER_HEADER,
  LEDGER_HEADER_NAMES,
  LEDGER_SHEET,
  type LedgerKey,
  listed,
  msg,
  quoted,
  REQUIRED_LEDGER_KEYS,
} from "@jiati/shared";
import { invalidFile } from "./xlsx/errors";
import { type CellContent, columnLetter, type Sheet, Workbook, type WorkbookLimits } from "./xlsx/workbook";

export type { CellContent };
export { columnLetter };

export interface LedgerRow {
  /** Excel's row number. */
  row: number;
  /** The non-empty cells of the ledger columns. */
  cells: Partial<Record<LedgerKey, CellContent>>;
  /** Hidden in the sheet (by hand or by a filter): edits there are easy to overlook. */
  hidden: boolean;
}

export interface LedgerSheet {
  sheetName: string;
  headerRow: number;
  /** The ledger columns the sheet has, by column number (A = 1). */
  columns: Partial<Record<LedgerKey, number>>;
  ignoredColumns: string[];
  absentColumns: string[];
  rows: LedgerRow[];
  /** Rows left out while reading, and why (totals rows). */
  skipped: { row: number; reason: string }[];
  /** When the file was exported by this app (its hidden info sheet), or null for other files. */
  exportedAt: string | null;
}

/** Rows searched for the header row: room for a title or a two-level header above it. */
const HEADER_SEARCH_ROWS = 10;

/**
 * What an upload may hold. The ledger's own export of a whole town (about 1,500 rows) uses a small share;
 * 20,000 rows of 18 columns fit with room for title rows and extra columns.
 */
export const WORKBOOK_LIMITS: WorkbookLimits = {
  maxEntries: 2_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxRows: IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS + 1_000,
  maxColumns: 1_000,
  maxCells: 1_500_000,
  maxMerges: 2_000,
  maxMergedCells: 100_000,
  maxSharedStrings: 1_500_000,
};

const invalid = (message: string) => invalidFile(message);

/** Headers compared without spaces and punctuation, full-width forms folded: "总造价（万元）" is "总造价(万元)". */
function normalizeHeader(text: string): string {
  return text.normalize("NFKC").replace(/[\s\p{P}\p{S}]/gu, "");
}

const KEY_BY_HEADER = new Map(
  (Object.entries(LEDGER_HEADER_NAMES) as [LedgerKey, readonly string[]][]).flatMap(([key, names]) =>
    names.map((name) => [normalizeHeader(name), key] as const),
  ),
);

/** Columns known to hold nothing to import (the export's read-only ones among them): never doubtful. */
const IGNORED_HEADERS = new Set(IGNORED_LEDGER_HEADERS.map(normalizeHeader));

/** A column the ledger does not know, whose name says it holds stage dates: guessing could lose them. */
const LOOKS_LIKE_STAGE = /日期|时间|签约|开工|完工|竣工|阶段|进度/;

/** A totals row's label, a cell of its own in any column: 合计, 小计, 总计, 共计, or 合计：59栋. */
const TOTALS = /^(合计|小计|总计|共计)([:：].{0,20})?$/;

/** A sheet's cells, with a merged range's value read from its top-left cell wherever it covers. */
class SheetCells {
  private readonly masters = new Map<number, number>();

  constructor(readonly sheet: Sheet) {
    for (const merge of sheet.merges) {
      for (let row = merge.top; row <= merge.bottom; row++) {
        for (let col = merge.left; col <= merge.right; col++) {
          if (row !== merge.top || col !== merge.left) this.masters.set(key(row, col), key(merge.top, merge.left));
        }
      }
    }
  }

  get(row: number, col: number): CellContent | null {
    const master = this.masters.get(key(row, col));
    const at = master === undefined ? { row, col } : { row: Math.floor(master / 100_000), col: master % 100_000 };
    return this.sheet.cells.get(at.row)?.get(at.col) ?? null;
  }

  /** The columns of a row that hold something (directly or through a merge), in order. */
  columnsOf(row: number): number[] {
    const cols = new Set(this.sheet.cells.get(row)?.keys() ?? []);
    for (const merge of this.sheet.merges) {
      if (row < merge.top || row > merge.bottom) continue;
      if (this.get(merge.top, merge.left)) for (let col = merge.left; col <= merge.right; col++) cols.add(col);
    }
    return [...cols].sort((a, b) => a - b);
  }

  /** Row numbers holding a value, ascending (merges reach down from a row that has one). */
  rowNumbers(): number[] {
    const rows = new Set(this.sheet.cells.keys());
    for (const merge of this.sheet.merges) {
      if (!this.get(merge.top, merge.left)) continue;
      for (let row = merge.top; row <= merge.bottom; row++) rows.add(row);
    }
    return [...rows].sort((a, b) => a - b);
  }
}

const key = (row: number, col: number) => row * 100_000 + col;

function cellText(content: CellContent | null): string {
  if (!content) return "";
  if (content.kind === "text") return content.text;
  if (content.kind === "number") return String(content.value);
  return "";
}

interface HeaderCandidate {
  cells: SheetCells;
  row: number;
  /** Ledger key → column numbers carrying its header. */
  columns: Map<LedgerKey, number[]>;
  others: { col: number; text: string }[];
}

/** The row among the first few that carries the most ledger headers (the lower one on a tie), if any. */
function findHeaderRow(cells: SheetCells): HeaderCandidate | null {
  let best: HeaderCandidate | null = null;
  for (let rowNumber = 1; rowNumber <= HEADER_SEARCH_ROWS; rowNumber++) {
    const columns = new Map<LedgerKey, number[]>();
    const others: { col: number; text: string }[] = [];
    for (const col of cells.columnsOf(rowNumber)) {
      const raw = cellText(cells.get(rowNumber, col));
      const text = normalizeHeader(raw);
      if (!text) continue;
      const key = KEY_BY_HEADER.get(text);
      if (key) columns.set(key, [...(columns.get(key) ?? []), col]);
      else others.push({ col, text: raw.trim() });
    }
    const hasRequired = REQUIRED_LEDGER_KEYS.every((required) => columns.has(required));
    if ((columns.size >= 3 || hasRequired) && columns.size >= (best?.columns.size ?? 0)) {
      best = { cells, row: rowNumber, columns, others };
    }
  }
  return best;
}

/** A header cell merged with a neighbour in its row (vertical merges, as in a two-level header, are fine). */
function horizontallyMerged(sheet: Sheet, row: number, col: number): string | null {
  const merge = sheet.merges.find(
    (range) => range.top <= row && row <= range.bottom && range.left <= col && col <= range.right,
  );
  return merge && merge.right > merge.left ? merge.ref : null;
}

/** Opens the upload as a workbook within the limits, or says why it cannot be read. */
function openWorkbook(buffer: Buffer): Workbook {
  return new Workbook(buffer, WORKBOOK_LIMITS);
}

/** Reads the ledger sheet of an uploaded .xlsx, or throws a FileProblem saying what is wrong with the file. */
export function readLedger(buffer: Buffer): LedgerSheet {
  const workbook = openWorkbook(buffer);
  const { cells, row: headerRow, columns, others } = chooseSheet(workbook);
  const { sheet } = cells;
  const colOf = checkedColumns(sheet, headerRow, columns);
  refuseStageLikeColumns(others);
  const { rows, skipped } = dataRows(cells, headerRow, colOf);
  if (rows.length === 0) throw invalid(msg("sheet.noDataRows", { sheet: sheet.name, row: headerRow }));
  return {
    sheetName: sheet.name,
    headerRow,
    columns: Object.fromEntries(colOf),
    ignoredColumns: others.map((other) => other.text),
    absentColumns: LEDGER_COLUMNS.filter((column) => !colOf.has(column.key)).map((column) => column.header),
    rows,
    skipped,
    exportedAt: exportTime(workbook),
  };
}

/** A column that looks like stage dates but is not a ledger column stops the import: the office decides. */
function refuseStageLikeColumns(others: readonly { col: number; text: string }[]): void {
  const doubtful = others.filter(
    (other) => !IGNORED_HEADERS.has(normalizeHeader(other.text)) && LOOKS_LIKE_STAGE.test(normalizeHeader(other.text)),
  );
  if (doubtful.length === 0) return;
  const columns = doubtful.map((other) => msg("sheet.columnAt", { name: other.text, letter: columnLetter(other.col) }));
  throw invalid(msg("sheet.stageLikeColumns", { columns: listed(columns) }));
}

/** When this app exported the file: the hidden info sheet's 导出时间, if the file has one. */
function exportTime(workbook: Workbook): string | null {
  const info = workbook.sheets.find((sheet) => sheet.name === EXPORT_INFO_SHEET);
  if (!info) return null;
  const cells = workbook.readSheet(info).cells;
  for (const row of cells.values()) {
    const [label, value] = [row.get(1), row.get(2)];
    if (label?.kind === "text" && label.text === "导出时间" && value?.kind === "text") {
      return Number.isNaN(Date.parse(value.text)) ? null : new Date(value.text).toISOString();
    }
  }
  return null;
}

/** The one visible sheet that looks like the ledger (the one named 台账 when several do). */
function chooseSheet(workbook: Workbook): HeaderCandidate {
  const visible = workbook.sheets.filter((info) => !info.hidden);
  const candidates = visible
    .map((info) => findHeaderRow(new SheetCells(workbook.readSheet(info))))
    .filter((candidate) => candidate !== null);
  if (candidates.length === 0) {
    const sheets = listed(visible.map((info) => quoted(info.name))) || msg("sheet.none");
    throw invalid(msg("sheet.noHeader", { sheets, rows: HEADER_SEARCH_ROWS }));
  }
  const named = candidates.filter((candidate) => candidate.cells.sheet.name.trim() === LEDGER_SHEET);
  const chosen = named.length === 1 ? named : candidates;
  const [first, ...more] = chosen as [HeaderCandidate, ...HeaderCandidate[]];
  if (more.length > 0) {
    const sheets = listed(chosen.map((candidate) => quoted(candidate.cells.sheet.name)));
    throw invalid(msg("sheet.severalLedgers", { sheets }));
  }
  return first;
}

/** Each ledger column's column number: one unmerged header each, and the required ones present. */
function checkedColumns(sheet: Sheet, headerRow: number, columns: Map<LedgerKey, number[]>): Map<LedgerKey, number> {
  for (const [key, cols] of columns) {
    const merged = cols.map((col) => horizontallyMerged(sheet, headerRow, col)).find((range) => range !== null);
    if (merged) {
      throw invalid(msg("sheet.mergedHeader", { column: LEDGER_HEADER[key], range: merged }));
    }
    if (cols.length > 1) {
      throw invalid(
        msg("sheet.repeatedHeader", {
          column: LEDGER_HEADER[key],
          count: cols.length,
          letters: listed(cols.map(columnLetter)),
        }),
      );
    }
  }
  const colOf = new Map([...columns].map(([key, cols]) => [key, cols[0] as number]));
  const missing = REQUIRED_LEDGER_KEYS.filter((key) => !colOf.has(key));
  if (missing.length) {
    const columns = listed(missing.map((key) => quoted(LEDGER_HEADER[key])));
    throw invalid(msg("sheet.missingColumns", { sheet: sheet.name, columns }));
  }
  return colOf;
}

/**
 * Whether a row is a totals row: a 合计/小计 label as a cell of its own anywhere in it, or sums in place of
 * values in a row without an address.
 */
function isTotalsRow(sheet: Sheet, rowNumber: number, addressCol: number | undefined): boolean {
  const row = sheet.cells.get(rowNumber);
  const address = addressCol === undefined ? undefined : row?.get(addressCol);
  for (const content of row?.values() ?? []) {
    if (content.kind === "text" && TOTALS.test(content.text.normalize("NFKC").replace(/\s+/g, ""))) return true;
    const sums = content.kind === "formula" && /^\s*SUM(IF|IFS|PRODUCT)?\s*\(/i.test(content.formula);
    if (sums && address?.kind !== "text") return true;
  }
  return false;
}

/** The rows below the header with something in a ledger column; totals rows are left out, and said. */
function dataRows(cells: SheetCells, headerRow: number, colOf: Map<LedgerKey, number>) {
  const rows: LedgerRow[] = [];
  const skipped: LedgerSheet["skipped"] = [];
  for (const rowNumber of cells.rowNumbers()) {
    if (rowNumber <= headerRow) continue;
    const rowCells: LedgerRow["cells"] = {};
    for (const [key, col] of colOf) {
      const content = cells.get(rowNumber, col);
      if (content) rowCells[key] = content;
    }
    if (Object.keys(rowCells).length === 0) continue;
    if (isTotalsRow(cells.sheet, rowNumber, colOf.get("address"))) {
      skipped.push({ row: rowNumber, reason: msg("sheet.totalsRow") });
      continue;
    }
    if (rows.length >= IMPORT_MAX_ROWS) throw invalid(msg("sheet.tooManyRows", { max: IMPORT_MAX_ROWS }));
    rows.push({ row: rowNumber, cells: rowCells, hidden: cells.sheet.hiddenRows.has(rowNumber) });
  }
  return { rows, skipped };
}
