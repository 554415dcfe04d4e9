// Turns a ledger row's cells into typed building values, one column at a time, and reports each cell it
// cannot use: formulas (refused — see README.md here), error values, text where a number or
// a date belongs, impossible dates, values out of the ranges of the shared schema.

import {
  BLOCKER_CATEGORIES,
  BLOCKER_LABELS,
  type BlockerCategory,
  blockerCategorySchema,
  buildingFieldsSchema,
  isCalendarDate,
  isoDateSchema,
  type LedgerField,
  type LedgerKey,
  listed,
  msg,
  quoted,
  WITHDRAWN_TEXT,
} from "@jiati/shared";
import { z } from "zod";
import { type CellContent, columnLetter, type LedgerRow } from "./read";

/** Every field an import can set, typed as the building holds it (the area by its id). */
export interface LedgerValues {
  areaId: number;
  estate: string;
  address: string;
  floors: number | null;
  households: number | null;
  elderlyHouseholds: number | null;
  elevatorCompany: string;
  consentRate: number | null;
  costWan: number | null;
  subsidyWan: number | null;
  signedOn: string | null;
  startedOn: string | null;
  completedOn: string | null;
  blockerCategory: BlockerCategory | null;
  blockerNote: string;
  withdrawn: boolean;
  notes: string;
}

export interface CellError {
  key: LedgerKey;
  ref: string | null;
  message: string;
}

export interface ParsedRow {
  row: number;
  /** Hidden in the sheet (by hand or a filter). */
  hidden: boolean;
  /** Nothing but empty cells and default values (撤销=否, say): nothing to import. */
  blank: boolean;
  id: number | null;
  version: number | null;
  /** The 居民区 cell's text; resolved to an area by the planner. */
  areaName: string | null;
  /** The fields whose column the sheet has and whose cell could be read (an empty cell is an empty value). */
  values: Partial<Omit<LedgerValues, "areaId">>;
  errors: CellError[];
  /** Where each column's cell is, for messages. */
  refs: Partial<Record<LedgerKey, string>>;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Full-width digits and punctuation folded, spaces trimmed. */
const fold = (text: string) => text.normalize("NFKC").trim();

/** Formulas and error values are refused in every column. */
function unusable(content: CellContent): string | null {
  if (content.kind === "formula") {
    return msg("cell.formula", { formula: content.formula.slice(0, 40) });
  }
  if (content.kind === "error") return msg("cell.errorValue", { error: content.error });
  return null;
}

function isoOfDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function asText(content: CellContent | undefined): Parsed<string> {
  if (!content) return ok("");
  switch (content.kind) {
    case "text":
      return ok(content.text.trim());
    case "number":
      return ok(String(content.value));
    case "date":
      return ok(isoOfDate(content.value));
    case "boolean":
      return ok(content.value ? WITHDRAWN_TEXT.yes : WITHDRAWN_TEXT.no);
    default:
      return fail(unusable(content) ?? msg("reading.unreadableShort"));
  }
}

/** The number a cell holds: a number cell (a percentage cell's value × 100 in a percent column) or numeric text. */
function numberIn(content: CellContent, percentColumn: boolean): Parsed<number> {
  if (content.kind === "number") return ok(percentColumn && content.percent ? content.value * 100 : content.value);
  if (content.kind !== "text") return fail(unusable(content) ?? msg("cell.numberExpected"));
  const text = fold(content.text).replace(percentColumn ? /%$/ : /$^/, "");
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)
    ? ok(Number(text))
    : fail(msg("cell.numberExpectedNot", { text: content.text.trim().slice(0, 40) }));
}

/**
 * 同意率 as the office wrote it: 85, 85%, a percentage cell, or a share 0.85 (a plain number below 1 is read
 * as a share: consent below 1 % cannot have signed). A plain 1 is refused: 100 % as a share, or 1 %?
 */
function asRate(content: CellContent | undefined): Parsed<number | null> {
  if (!content) return ok(null);
  const percentWritten =
    (content.kind === "number" && content.percent) || (content.kind === "text" && /%\s*$/.test(content.text));
  const number = numberIn(content, true);
  if (!number.ok) return number;
  if (!percentWritten && number.value === 1) return fail(msg("cell.rateOfOne"));
  const value = !percentWritten && number.value > 0 && number.value <= 1 ? number.value * 100 : number.value;
  return ok(Math.round(value * 10) / 10);
}

function asNumber(content: CellContent | undefined, decimals: number): Parsed<number | null> {
  if (!content) return ok(null);
  const number = numberIn(content, false);
  if (!number.ok) return number;
  const value = number.value;
  if (decimals === 0) return Number.isInteger(value) ? ok(value) : fail(msg("cell.integerExpected", { value }));
  const factor = 10 ** decimals;
  return ok(Math.round(value * factor) / factor);
}

/** 2022-03-15, 2022/3/15, 2022.3.15, 2022年3月15日 — a time after it (2022-03-15 00:00:00) is dropped. */
const DATE_TEXT =
  /^(?<year>\d{4})\s*[-/.年]\s*(?<month>\d{1,2})\s*[-/.月]\s*(?<day>\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
/** 20220315, as a number or text. */
const COMPACT_DATE = /^(?<year>20\d{2})(?<month>\d{2})(?<day>\d{2})$/;
/** Excel's day numbers (1900 system) from 2010 to 2099: a date cell that lost its format. */
const SERIAL_RANGE = { from: 40_179, to: 73_050 };
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const isoOf = (parts: { year?: string; month?: string; day?: string }) =>
  `${parts.year}-${parts.month?.padStart(2, "0")}-${parts.day?.padStart(2, "0")}`;

/** A date written as text, or null when it is not one of the accepted forms (3/15/2022 and 22.3.15 are not). */
function dateFromText(text: string): string | null {
  const folded = fold(text);
  const parts = (DATE_TEXT.exec(folded) ?? COMPACT_DATE.exec(folded))?.groups;
  return parts ? isoOf(parts) : null;
}

/** A date in a number cell: 20220315, or an Excel day number whose date format was lost. */
function dateFromNumber(value: number): string | null {
  const compact = COMPACT_DATE.exec(String(value))?.groups;
  if (compact) return isoOf(compact);
  if (Number.isInteger(value) && value >= SERIAL_RANGE.from && value <= SERIAL_RANGE.to) {
    return isoOfDate(new Date(EXCEL_EPOCH_MS + value * 86_400_000));
  }
  return null;
}

function asDate(content: CellContent | undefined): Parsed<string | null> {
  if (!content) return ok(null);
  let iso: string | null;
  if (content.kind === "date") iso = isoOfDate(content.value);
  else if (content.kind === "text") iso = dateFromText(content.text);
  else if (content.kind === "number") iso = dateFromNumber(content.value);
  else return fail(unusable(content) ?? msg("cell.dateExpected"));
  if (iso === null) {
    const shown =
      content.kind === "text"
        ? quoted(content.text.trim().slice(0, 40))
        : msg("cell.theNumber", { value: String(content.value) });
    return fail(msg("cell.dateExpectedNot", { shown }));
  }
  if (!isCalendarDate(iso)) return fail(msg("cell.notRealDate", { date: iso }));
  const checked = isoDateSchema.safeParse(iso);
  return checked.success ? ok(iso) : fail(checked.error.issues[0]?.message ?? msg("cell.invalidDate"));
}

const CATEGORY_BY_LABEL = new Map<string, BlockerCategory>(
  BLOCKER_CATEGORIES.flatMap((category) => [
    [BLOCKER_LABELS[category], category],
    [category, category],
  ]),
);

function asBlocker(content: CellContent | undefined): Parsed<BlockerCategory | null> {
  const text = asText(content);
  if (!text.ok) return text;
  if (!text.value) return ok(null);
  const category = CATEGORY_BY_LABEL.get(fold(text.value));
  if (category) return ok(category);
  const allowed = listed(BLOCKER_CATEGORIES.map((c) => quoted(BLOCKER_LABELS[c])));
  return fail(msg("cell.blockerExpected", { allowed, text: text.value.slice(0, 40) }));
}

const YES = new Set([WITHDRAWN_TEXT.yes, "true", "1", "y", "yes", "已撤销"]);
const NO = new Set([WITHDRAWN_TEXT.no, "false", "0", "n", "no", ""]);

function asWithdrawn(content: CellContent | undefined): Parsed<boolean> {
  if (content?.kind === "boolean") return ok(content.value);
  const text = asText(content);
  if (!text.ok) return text;
  const folded = fold(text.value).toLowerCase();
  if (YES.has(folded)) return ok(true);
  if (NO.has(folded)) return ok(false);
  return fail(msg("cell.withdrawnExpected", { yes: WITHDRAWN_TEXT.yes, no: WITHDRAWN_TEXT.no }));
}

function asId(content: CellContent | undefined): Parsed<number | null> {
  const number = asNumber(content, 0);
  if (!number.ok) return number;
  if (number.value !== null && (number.value < 1 || number.value > 2_147_483_647))
    return fail(msg("cell.positiveInteger"));
  return number;
}

/** The shared schema's check of one field, so ranges and lengths are those of the API. */
const FIELD_SCHEMAS: Partial<Record<LedgerField, z.ZodType>> = {
  ...buildingFieldsSchema.omit({ areaId: true }).shape,
  blockerCategory: blockerCategorySchema.nullable(),
  blockerNote: z.string().max(500),
  withdrawn: z.boolean(),
};

const PARSERS: Record<Exclude<LedgerField, "areaId">, (content: CellContent | undefined) => Parsed<unknown>> = {
  estate: asText,
  address: asText,
  floors: (c) => asNumber(c, 0),
  households: (c) => asNumber(c, 0),
  elderlyHouseholds: (c) => asNumber(c, 0),
  elevatorCompany: asText,
  consentRate: asRate,
  costWan: (c) => asNumber(c, 2),
  subsidyWan: (c) => asNumber(c, 2),
  signedOn: asDate,
  startedOn: asDate,
  completedOn: asDate,
  blockerCategory: asBlocker,
  blockerNote: asText,
  withdrawn: asWithdrawn,
  notes: asText,
};

/** One field's cell read and checked against the shared schema's rule for it (ranges, lengths). */
function parseField(key: Exclude<LedgerField, "areaId">, content: CellContent | undefined): Parsed<unknown> {
  const parsed = PARSERS[key](content);
  if (!parsed.ok) return parsed;
  const checked = FIELD_SCHEMAS[key]?.safeParse(parsed.value);
  if (!checked) return parsed;
  return checked.success ? ok(checked.data) : fail(checked.error.issues[0]?.message ?? msg("cell.invalidValue"));
}

/** An empty cell, blank text, or 撤销's default (否). */
function holdsOnlyDefault(key: LedgerKey, content: CellContent | undefined): boolean {
  if (key === "withdrawn") {
    const withdrawn = asWithdrawn(content);
    return withdrawn.ok && !withdrawn.value;
  }
  const text = asText(content);
  return text.ok && text.value === "";
}

/** Reads one row; `columns` are the ledger columns the sheet has, by column number. */
export function parseRow(row: LedgerRow, columns: Partial<Record<LedgerKey, number>>): ParsedRow {
  const errors: CellError[] = [];
  const refs: ParsedRow["refs"] = {};
  const values: Record<string, unknown> = {};
  const keys = Object.keys(columns) as LedgerKey[];
  const cell = (key: LedgerKey) => row.cells[key];
  const report = (key: LedgerKey, message: string) => errors.push({ key, ref: refs[key] ?? null, message });

  for (const key of keys) refs[key] = `${columnLetter(columns[key] as number)}${row.row}`;

  const id = asId(cell("id"));
  if (!id.ok) report("id", id.message);
  const version = asId(cell("version"));
  if (!version.ok) report("version", version.message);
  const area = asText(cell("areaId"));
  if (!area.ok) report("areaId", area.message);

  for (const key of keys) {
    if (key === "id" || key === "version" || key === "areaId") continue;
    const parsed = parseField(key, cell(key));
    if (parsed.ok) values[key] = parsed.value;
    else report(key, parsed.message);
  }

  return {
    row: row.row,
    hidden: row.hidden,
    blank: keys.every((key) => holdsOnlyDefault(key, cell(key))),
    id: id.ok ? id.value : null,
    version: version.ok ? version.value : null,
    areaName: area.ok && area.value ? fold(area.value) : null,
    values: values as ParsedRow["values"],
    errors,
    refs,
  };
}
