// Reads an .xlsx workbook from its parts (SpreadsheetML): the sheets' names and visibility, shared strings,
// number formats, and one sheet's cells, merges and hidden rows — streaming, with limits on rows, cells and
// merges enforced as it reads. Only what the ledger import needs; everything else in the file is never
// inflated or parsed.

import path from "node:path/posix";
import { msg } from "@jiati/shared";
import { invalidFile } from "./errors";
import { parseXml, type XmlHandlers } from "./xml";
import { ZipArchive, type ZipLimits } from "./zip";

/** A cell reduced to what the import needs. A formula is kept as such: the import refuses formulas. */
export type CellContent =
  | { kind: "text"; text: string }
  | { kind: "number"; value: number; percent: boolean }
  | { kind: "date"; value: Date }
  | { kind: "boolean"; value: boolean }
  | { kind: "formula"; formula: string }
  | { kind: "error"; error: string };

export interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
  ref: string;
}

export interface Sheet {
  name: string;
  /** Non-empty cells: row → column → content. */
  cells: Map<number, Map<number, CellContent>>;
  merges: Range[];
  hiddenRows: Set<number>;
}

export interface SheetInfo {
  name: string;
  hidden: boolean;
  part: string | null;
}

export interface WorkbookLimits extends ZipLimits {
  /** Rows with at least one value, per sheet. */
  maxRows: number;
  maxColumns: number;
  /** Cells with a value, in the whole workbook. */
  maxCells: number;
  maxMerges: number;
  /** Cells covered by merges, per sheet. */
  maxMergedCells: number;
  maxSharedStrings: number;
}

const CELL_REF = /^\$?(?<letters>[A-Za-z]{1,3})\$?(?<row>\d{1,7})$/;

/** Column number (A = 1) and row of an A1 reference. */
export function decodeCell(ref: string): { col: number; row: number } | null {
  const parts = CELL_REF.exec(ref.trim())?.groups;
  if (!parts?.letters || !parts.row) return null;
  let col = 0;
  for (const letter of parts.letters.toUpperCase()) col = col * 26 + (letter.charCodeAt(0) - 64);
  return { col, row: Number(parts.row) };
}

export function columnLetter(col: number): string {
  let letters = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function decodeRange(ref: string): Range | null {
  const [from = "", to = from] = ref.split(":");
  const a = decodeCell(from);
  const b = decodeCell(to);
  if (!a || !b) return null;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
    ref,
  };
}

/** Excel's built-in number formats that show a date (14–22, 45–47, and the Chinese locale's 27–36, 50–58). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);
const BUILT_IN_PERCENT_FORMATS = new Set([9, 10]);

interface NumberFormat {
  date: boolean;
  percent: boolean;
}

/** Whether a format code shows a date or a percentage: its tokens outside quotes, escapes and brackets. */
export function classifyFormat(code: string): NumberFormat {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/_.|\*./g, "");
  // The format's first section is the one for positive numbers, which dates are.
  const first = bare.split(";")[0] ?? "";
  return {
    date: /[yYdD]|[mM]{1,5}|[hH]|[sS]/.test(first) && !/^general$/i.test(first.trim()),
    percent: first.includes("%"),
  };
}

/** The cell-style index → number format kind, from styles.xml. */
function readStyles(bytes: Buffer | null): NumberFormat[] {
  if (!bytes) return [];
  const custom = new Map<number, string>();
  const styles: NumberFormat[] = [];
  let inCellXfs = false;
  parseXml(bytes, "styles.xml", {
    open(name, attributes) {
      if (name === "numFmt") custom.set(Number(attributes.numFmtId), attributes.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) {
        const id = Number(attributes.numFmtId ?? 0);
        const code = custom.get(id);
        styles.push(
          code !== undefined
            ? classifyFormat(code)
            : { date: BUILT_IN_DATE_FORMATS.has(id), percent: BUILT_IN_PERCENT_FORMATS.has(id) },
        );
      }
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return styles;
}

function readSharedStrings(bytes: Buffer | null, limit: number): string[] {
  if (!bytes) return [];
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  parseXml(bytes, "sharedStrings.xml", {
    open(name) {
      if (name === "si") {
        if (strings.length >= limit) throw invalidFile(msg("xlsx.tooMuchText"), 413);
        current = [];
      } else if (name === "rPh") phonetic++;
      else if (name === "t" && phonetic === 0) inText = true;
    },
    close(name) {
      if (name === "si") {
        strings.push((current ?? []).join(""));
        current = null;
      } else if (name === "rPh") phonetic--;
      else if (name === "t") inText = false;
    },
    text(text) {
      if (inText && current) current.push(text);
    },
  });
  return strings;
}

interface Relationship {
  target: string;
  type: string;
}

/** A part's relationships, targets resolved to part names. */
function readRelationships(archive: ZipArchive, part: string): Map<string, Relationship> {
  const relsPart = path.join(path.dirname(part), "_rels", `${path.basename(part)}.rels`);
  const bytes = archive.read(relsPart);
  const relationships = new Map<string, Relationship>();
  if (!bytes) return relationships;
  parseXml(bytes, relsPart, {
    open(name, attributes) {
      if (name !== "Relationship" || attributes.TargetMode === "External" || !attributes.Target) return;
      const target = attributes.Target.startsWith("/")
        ? attributes.Target.slice(1)
        : path.normalize(path.join(path.dirname(part), attributes.Target));
      relationships.set(attributes.Id ?? "", { target, type: attributes.Type ?? "" });
    },
  });
  return relationships;
}

const byType = (relationships: Map<string, Relationship>, suffix: string) =>
  [...relationships.values()].find((relationship) => relationship.type.endsWith(suffix))?.target ?? null;

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export class Workbook {
  readonly sheets: SheetInfo[] = [];
  private readonly archive: ZipArchive;
  private readonly date1904: boolean;
  private readonly styles: NumberFormat[];
  private readonly strings: string[];
  private cellsRead = 0;

  constructor(
    buffer: Buffer,
    private readonly limits: WorkbookLimits,
  ) {
    this.archive = new ZipArchive(buffer, limits);
    const root = readRelationships(this.archive, "");
    const workbookPart = byType(root, "/officeDocument") ?? "xl/workbook.xml";
    const workbookXml = this.archive.read(workbookPart);
    if (!workbookXml) throw invalidFile(msg("xlsx.notWorkbook"));
    const relationships = readRelationships(this.archive, workbookPart);

    let date1904 = false;
    parseXml(workbookXml, workbookPart, {
      open: (name, attributes) => {
        if (name === "workbookPr") date1904 = attributes.date1904 === "1" || attributes.date1904 === "true";
        if (name === "sheet") {
          this.sheets.push({
            name: attributes.name ?? "",
            hidden: attributes.state === "hidden" || attributes.state === "veryHidden",
            part: relationships.get(attributes.id ?? "")?.target ?? null,
          });
        }
      },
    });
    this.date1904 = date1904;
    this.styles = readStyles(this.archive.read(byType(relationships, "/styles") ?? "xl/styles.xml"));
    this.strings = readSharedStrings(
      this.archive.read(byType(relationships, "/sharedStrings") ?? "xl/sharedStrings.xml"),
      limits.maxSharedStrings,
    );
  }

  private dateOf(serial: number): CellContent {
    const days = this.date1904 ? serial + 1462 : serial;
    const date = new Date(EXCEL_EPOCH_MS + Math.round(days * DAY_MS));
    return Number.isNaN(date.getTime())
      ? { kind: "error", error: msg("xlsx.invalidDate") }
      : { kind: "date", value: date };
  }

  /** A cell's content from its type, style, value text and formula; null when empty. */
  /** A cell's content from its type, style, value text and formula; null when empty. */
  content(type: string, style: number, value: string, formula: string | null): CellContent | null {
    if (formula !== null) return { kind: "formula", formula };
    switch (type) {
      case "s":
        return this.sharedString(value);
      case "inlineStr":
      case "str":
        return value.trim() === "" ? null : { kind: "text", text: value };
      case "b":
        return { kind: "boolean", value: value.trim() === "1" || value.trim() === "true" };
      case "e":
        return { kind: "error", error: value };
      case "d":
        return isoDateContent(value);
      default:
        return this.numberContent(value, style);
    }
  }

  private sharedString(index: string): CellContent | null {
    const text = this.strings[Number(index)];
    if (text === undefined) return { kind: "error", error: msg("xlsx.unknownCell") };
    return text.trim() === "" ? null : { kind: "text", text };
  }

  /** A number, shown by its style as a date, a percentage or a plain number. */
  private numberContent(value: string, style: number): CellContent | null {
    if (value.trim() === "") return null;
    const number = Number(value);
    if (!Number.isFinite(number)) return { kind: "error", error: value.slice(0, 40) };
    const format = this.styles[style];
    if (format?.date) return this.dateOf(number);
    return { kind: "number", value: number, percent: format?.percent ?? false };
  }

  /** Reads one sheet's cells, merges and hidden rows, refusing it past the limits. */
  readSheet(info: SheetInfo): Sheet {
    const bytes = info.part ? this.archive.read(info.part) : null;
    if (!bytes) throw invalidFile(msg("xlsx.sheetMissing", { sheet: info.name }));
    const reader = new SheetReader(info.name, this.limits, this, () => ++this.cellsRead);
    parseXml(bytes, info.part ?? info.name, reader);
    return reader.sheet;
  }
}

/** A `t="d"` cell's ISO 8601 date. */
function isoDateContent(value: string): CellContent {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return { kind: "error", error: msg("xlsx.invalidDate") };
  return { kind: "date", value: new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) };
}

/** The cell being read: its type and style, and the text of its value and formula so far. */
interface OpenCell {
  type: string;
  style: number;
  value: string[];
  formula: string[] | null;
}

/**
 * Reads one sheet's XML as it streams by: rows (numbered, or counted when the numbers are left out), cells
 * (by reference, or next in their row), merges and hidden rows — refusing the sheet past the limits.
 */
class SheetReader implements XmlHandlers {
  readonly sheet: Sheet;
  private rowNumber = 0;
  private col = 0;
  private cell: OpenCell | null = null;
  private capture: string[] | null = null;
  private phonetic = 0;
  private mergedCells = 0;

  constructor(
    name: string,
    private readonly limits: WorkbookLimits,
    private readonly workbook: Pick<Workbook, "content">,
    private readonly countCell: () => number,
  ) {
    this.sheet = { name, cells: new Map(), merges: [], hiddenRows: new Set() };
  }

  private tooMany() {
    return invalidFile(msg("xlsx.sheetTooLarge", { sheet: this.sheet.name }), 413);
  }

  open(name: string, attributes: Record<string, string>): void {
    if (name === "row") this.openRow(attributes);
    else if (name === "c") this.openCell(attributes);
    else if (name === "mergeCell") this.addMerge(attributes.ref ?? "");
    else if (name === "rPh") this.phonetic++;
    else if (this.cell) this.openValue(name, this.cell);
  }

  close(name: string): void {
    if (name === "v" || name === "f" || name === "t") this.capture = null;
    else if (name === "rPh") this.phonetic--;
    else if (name === "c" && this.cell) this.closeCell(this.cell);
  }

  text(text: string): void {
    if (!this.capture) return;
    this.capture.push(text);
    if (this.capture.length > 10_000) throw invalidFile(msg("xlsx.cellTooLong"), 413);
  }

  private openRow(attributes: Record<string, string>): void {
    this.rowNumber = attributes.r ? Number(attributes.r) : this.rowNumber + 1;
    if (!Number.isInteger(this.rowNumber) || this.rowNumber < 1 || this.rowNumber > 1_048_576) {
      throw invalidFile(msg("xlsx.badRowNumber", { sheet: this.sheet.name }));
    }
    if (attributes.hidden === "1" || attributes.hidden === "true") this.sheet.hiddenRows.add(this.rowNumber);
    this.col = 0;
  }

  private openCell(attributes: Record<string, string>): void {
    const at = attributes.r ? decodeCell(attributes.r) : null;
    if (attributes.r && !at) throw invalidFile(msg("xlsx.badCellReference", { cell: attributes.r.slice(0, 20) }));
    if (at) [this.col, this.rowNumber] = [at.col, at.row];
    else this.col++;
    this.cell = { type: attributes.t ?? "n", style: Number(attributes.s ?? 0), value: [], formula: null };
  }

  private openValue(name: string, cell: OpenCell): void {
    if (name === "v") this.capture = cell.value;
    else if (name === "f") this.capture = cell.formula = [];
    else if (name === "t" && this.phonetic === 0) this.capture = cell.value;
  }

  private closeCell(cell: OpenCell): void {
    this.cell = null;
    const content = this.workbook.content(cell.type, cell.style, cell.value.join(""), cell.formula?.join("") ?? null);
    if (!content) return;
    if (this.col > this.limits.maxColumns || this.countCell() > this.limits.maxCells) throw this.tooMany();
    let cells = this.sheet.cells.get(this.rowNumber);
    if (!cells) {
      if (this.sheet.cells.size >= this.limits.maxRows) throw this.tooMany();
      cells = new Map();
      this.sheet.cells.set(this.rowNumber, cells);
    }
    cells.set(this.col, content);
  }

  private addMerge(ref: string): void {
    const range = decodeRange(ref);
    if (!range) throw invalidFile(msg("xlsx.badMerge", { sheet: this.sheet.name }));
    this.mergedCells += (range.bottom - range.top + 1) * (range.right - range.left + 1);
    if (this.sheet.merges.length >= this.limits.maxMerges || this.mergedCells > this.limits.maxMergedCells) {
      throw invalidFile(msg("xlsx.tooManyMerges"), 413);
    }
    this.sheet.merges.push(range);
  }
}
