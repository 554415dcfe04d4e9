// Compares the parsed ledger rows with the database and decides, row by row, what an import would do:
// create (no 编号), update (编号, with field-by-field changes), or nothing — and every reason it cannot,
// by row and column. Pure: the caller looks up areas and buildings and passes them in.

import {
  addressKey,
  BLOCKER_LABELS,
  checkElderlyHouseholds,
  checkStageDates,
  type ImportChange,
  type ImportError,
  type ImportRow,
  LEDGER_FIELDS,
  LEDGER_HEADER,
  type LedgerField,
  type LedgerKey,
  listed,
  msg,
  STAGE_DATE_FIELD,
  shanghaiMinute,
  stageChangeNeedsReason,
  WITHDRAWN_TEXT,
} from "@jiati/shared";
import type { SessionUser } from "../core/context";
import type { LedgerValues, ParsedRow } from "./parse";
import type { BuildingRow } from "./repo";

export interface PlannedCreate {
  row: number;
  values: LedgerValues;
}

export interface PlannedUpdate {
  row: number;
  buildingId: number;
  /** The version the preview read: the commit applies only to this version. */
  version: number;
  /** The building's area when the preview read it (unchanged at commit: the version says so). */
  areaId: number;
  before: Partial<LedgerValues>;
  after: Partial<LedgerValues>;
}

/** What the preview stores and the commit applies. */
export interface ImportPlan {
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
  needsReason: boolean;
}

export interface PlanInput {
  rows: readonly ParsedRow[];
  /** Every area, by id. */
  areas: ReadonlyMap<number, { id: number; name: string }>;
  /** The buildings the rows name by 编号. */
  buildings: ReadonlyMap<number, BuildingRow>;
  /** address key → id of the building holding it, for the rows' addresses. */
  addressHolders: ReadonlyMap<string, number>;
  user: SessionUser;
  today: string;
  /** The sheet has a 版本 column (each row says which version it was exported at). */
  hasVersionColumn: boolean;
  /** When this app exported the file, if it did (its hidden info sheet). */
  exportedAt: string | null;
}

export interface PlanResult {
  rows: ImportRow[];
  errors: ImportError[];
  plan: ImportPlan;
  /** Rows left out, and why: empty rows, another area's unchanged rows. */
  skipped: { row: number; reason: string }[];
  /** Things to know before committing: edits in hidden rows. */
  notices: string[];
}

const DATE_FIELDS = Object.values(STAGE_DATE_FIELD);

const EMPTY_VALUES: Omit<LedgerValues, "areaId"> = {
  estate: "",
  address: "",
  floors: null,
  households: null,
  elderlyHouseholds: null,
  elevatorCompany: "",
  consentRate: null,
  costWan: null,
  subsidyWan: null,
  signedOn: null,
  startedOn: null,
  completedOn: null,
  blockerCategory: null,
  blockerNote: "",
  withdrawn: false,
  notes: "",
};

export function valuesOf(row: BuildingRow): LedgerValues {
  const number = (value: number | string | null) => (value == null ? null : Number(value));
  return {
    areaId: row.areaId,
    estate: row.estate,
    address: row.address,
    floors: row.floors,
    households: row.households,
    elderlyHouseholds: row.elderlyHouseholds,
    elevatorCompany: row.elevatorCompany,
    consentRate: number(row.consentRate),
    costWan: number(row.costWan),
    subsidyWan: number(row.subsidyWan),
    signedOn: row.signedOn,
    startedOn: row.startedOn,
    completedOn: row.completedOn,
    blockerCategory: row.blockerCategory as LedgerValues["blockerCategory"],
    blockerNote: row.blockerNote,
    withdrawn: row.withdrawn,
    notes: row.notes,
  };
}

/** Equal as the ledger means them: text compared trimmed, addresses by their key (spelling aside). */
function same(a: unknown, b: unknown, field?: LedgerField): boolean {
  if (field === "address" && typeof a === "string" && typeof b === "string") return addressKey(a) === addressKey(b);
  if (typeof a === "string" && typeof b === "string") return lines(a) === lines(b);
  return a === b;
}

/** Text as a spreadsheet round trip keeps it: trimmed, line ends as \n (Excel and XML turn \r\n into \n). */
const lines = (text: string) => text.replace(/\r\n?/g, "\n").trim();

/** A field's value as the ledger cell shows it. */
export function displayValue(field: LedgerField, value: unknown, areas: ReadonlyMap<number, { name: string }>): string {
  if (value === null || value === undefined) return "";
  if (field === "areaId") return areas.get(value as number)?.name ?? `#${value}`;
  if (field === "blockerCategory") return BLOCKER_LABELS[value as keyof typeof BLOCKER_LABELS] ?? String(value);
  if (field === "withdrawn") return value ? WITHDRAWN_TEXT.yes : WITHDRAWN_TEXT.no;
  return String(value);
}

/** Moving a stage date earlier or clearing it, and withdrawing or restoring, need a reason (docs/DOMAIN.md § Stage dates). */
function changeNeedsReason(field: LedgerField, before: unknown, after: unknown): boolean {
  if (field === "withdrawn") return true;
  if (!(DATE_FIELDS as string[]).includes(field)) return false;
  return stageChangeNeedsReason((before as string | null) ?? null, (after as string | null) ?? null);
}

export function planImport(input: PlanInput): PlanResult {
  const planner = new Planner(input);
  for (const parsed of input.rows) planner.plan(parsed);
  return planner.result();
}

/** One row as it would be: the building now (for an update), the values it gives, the values after. */
interface RowState {
  parsed: ParsedRow;
  current: BuildingRow | undefined;
  before: LedgerValues | undefined;
  after: LedgerValues;
  isCreate: boolean;
  /** The fields that change: for an update those that differ; for a create every non-empty one. */
  changed: LedgerField[];
  report: (key: LedgerKey, message: string) => void;
}

class Planner {
  private readonly areaByName: Map<string, { id: number; name: string }>;
  private readonly ownAreaName: string;
  private readonly firstRowOfId = new Map<number, number>();
  private readonly firstRowOfAddress = new Map<string, number>();
  private readonly rows: ImportRow[] = [];
  private readonly errors: ImportError[] = [];
  private readonly skipped: PlanResult["skipped"] = [];
  private readonly hiddenEdits: number[] = [];
  private readonly importPlan: ImportPlan = { creates: [], updates: [], needsReason: false };

  constructor(private readonly input: PlanInput) {
    this.areaByName = new Map([...input.areas.values()].map((area) => [area.name.normalize("NFKC").trim(), area]));
    const { user } = input;
    this.ownAreaName = (user.areaId != null ? input.areas.get(user.areaId)?.name : undefined) ?? msg("plan.noOwnArea");
  }

  result(): PlanResult {
    const notices = this.hiddenEdits.length ? [msg("plan.hiddenRowsChanged", { rows: listed(this.hiddenEdits) })] : [];
    return { rows: this.rows, errors: this.errors, plan: this.importPlan, skipped: this.skipped, notices };
  }

  plan(parsed: ParsedRow): void {
    if (parsed.blank) {
      this.skipped.push({ row: parsed.row, reason: msg("plan.blankRow") });
      return;
    }
    const rowErrors: ImportError[] = [];
    const report = (key: LedgerKey, message: string) =>
      rowErrors.push({ row: parsed.row, column: LEDGER_HEADER[key], cell: parsed.refs[key] ?? null, message });
    for (const error of parsed.errors) report(error.key, error.message);

    const otherArea: string[] = [];
    const refuseOtherArea = (key: LedgerKey, message: string) => otherArea.push(key) && report(key, message);
    const state = this.stateOf(
      parsed,
      this.areaOf(parsed, report, refuseOtherArea),
      this.buildingOf(parsed, report, refuseOtherArea),
      report,
    );
    const changes = this.changesOf(state);
    // A secretary's upload of a wider ledger: another area's rows that change nothing are passed over.
    if (otherArea.length > 0 && rowErrors.length === otherArea.length && state.current && changes.length === 0) {
      this.skipped.push({ row: parsed.row, reason: msg("plan.otherAreaUnchanged") });
      return;
    }
    this.checkRules(state, changes);
    this.checkAddress(state);

    const action: ImportRow["action"] =
      rowErrors.length > 0 ? "error" : state.isCreate ? "create" : changes.length > 0 ? "update" : "unchanged";
    if (parsed.hidden && (action === "create" || action === "update")) this.hiddenEdits.push(parsed.row);
    this.rows.push({
      row: parsed.row,
      action,
      buildingId: state.current?.id ?? null,
      areaName: this.input.areas.get(state.after.areaId)?.name ?? parsed.areaName ?? "",
      address: state.after.address,
      changes,
    });
    this.errors.push(...rowErrors);
    this.record(action, state, changes);
  }

  /** The area (a required column): named in the row; a secretary may name only their own. */
  private areaOf(parsed: ParsedRow, report: RowState["report"], otherArea: RowState["report"]): number | undefined {
    if (parsed.errors.some((e) => e.key === "areaId")) return undefined;
    const area = parsed.areaName ? this.areaByName.get(parsed.areaName) : undefined;
    if (!parsed.areaName) report("areaId", msg("plan.areaEmpty"));
    else if (!area) report("areaId", msg("plan.areaUnknown", { area: parsed.areaName }));
    else if (this.input.user.role === "secretary" && area.id !== this.input.user.areaId) {
      otherArea("areaId", msg("plan.ownAreaOnly", { area: this.ownAreaName }));
      return area.id;
    } else return area.id;
    return undefined;
  }

  /**
   * The building a row's 编号 names: once per file, existing, of the row's own 居民区 and 地址 (else the
   * 编号 column is likely a running number — never a move), and (for a secretary) of their area.
   */
  private buildingOf(
    parsed: ParsedRow,
    report: RowState["report"],
    otherArea: RowState["report"],
  ): BuildingRow | undefined {
    if (parsed.id == null) return undefined;
    const current = this.input.buildings.get(parsed.id);
    const first = this.firstRowOfId.get(parsed.id);
    if (first !== undefined) report("id", msg("plan.idRepeated", { row: first }));
    else this.firstRowOfId.set(parsed.id, parsed.row);
    if (!current) {
      report("id", msg("plan.idUnknown", { id: parsed.id }));
      return undefined;
    }
    const mismatch = this.mismatchOf(parsed, current);
    if (this.input.user.role === "secretary" && current.areaId !== this.input.user.areaId) {
      otherArea("id", msg("plan.idOfOtherArea", { id: parsed.id, area: this.ownAreaName }));
    } else if (mismatch) report("id", mismatch);
    return current;
  }

  /** Why a row cannot be the building its 编号 names: another area or another address, named both ways. */
  private mismatchOf(parsed: ParsedRow, current: BuildingRow): string | null {
    const rowArea = parsed.areaName ? this.areaByName.get(parsed.areaName) : undefined;
    const rowAddress = parsed.values.address;
    const areaDiffers = rowArea !== undefined && rowArea.id !== current.areaId;
    const addressDiffers = rowAddress !== undefined && addressKey(rowAddress) !== current.addressKey;
    if (!areaDiffers && !addressDiffers) return null;
    const currentArea = this.input.areas.get(current.areaId)?.name ?? "";
    return msg("plan.idMismatch", {
      id: parsed.id ?? "",
      current: `${currentArea} ${current.address}`,
      row: `${parsed.areaName ?? ""} ${rowAddress ?? ""}`,
    });
  }

  private stateOf(
    parsed: ParsedRow,
    areaId: number | undefined,
    current: BuildingRow | undefined,
    report: RowState["report"],
  ): RowState {
    const before = current ? valuesOf(current) : undefined;
    const provided: Partial<LedgerValues> = { ...parsed.values, ...(areaId !== undefined ? { areaId } : {}) };
    // Clearing the blocker clears its note, as the API does, when the sheet has no 受阻说明 column.
    if (provided.blockerCategory === null && !("blockerNote" in provided)) provided.blockerNote = "";
    const after: LedgerValues = { ...(before ?? { ...EMPTY_VALUES, areaId: areaId ?? 0 }), ...provided };
    const isCreate = parsed.id == null;
    const changed = LEDGER_FIELDS.filter((field) => {
      if (!(field in provided)) return false;
      if (isCreate) return !same(after[field], (EMPTY_VALUES as Partial<LedgerValues>)[field] ?? null);
      return before !== undefined && !same(before[field], after[field], field);
    });
    return { parsed, current, before, after, isCreate, changed, report };
  }

  private changesOf({ changed, isCreate, before, after }: RowState): ImportChange[] {
    return changed.map((field) => ({
      field,
      column: LEDGER_HEADER[field],
      before: isCreate ? "" : displayValue(field, before?.[field], this.input.areas),
      after: displayValue(field, after[field], this.input.areas),
      needsReason: !isCreate && changeNeedsReason(field, before?.[field], after[field]),
    }));
  }

  /** The building's rules on the row as it would be (docs/DOMAIN.md), and the version it was exported at. */
  private checkRules(state: RowState, changes: ImportChange[]): void {
    const { parsed, current, before, after, isCreate, changed, report } = state;
    const touches = (...fields: LedgerField[]) => isCreate || fields.some((field) => changed.includes(field));
    if (!isCreate && current && changes.length > 0) this.checkStale(state);
    if (isCreate && after.withdrawn) report("withdrawn", msg("plan.createWithdrawn"));
    const datesChanged = touches(...DATE_FIELDS);
    if (datesChanged && !isCreate && after.withdrawn && before?.withdrawn) {
      report(DATE_FIELDS.find((field) => changed.includes(field)) ?? "signedOn", msg("plan.withdrawnDates"));
    }
    const dateErrorReported = DATE_FIELDS.some((field) => parsed.errors.some((e) => e.key === field));
    const broken = datesChanged && !dateErrorReported ? checkStageDates(after, this.input.today) : null;
    if (broken) report(broken.field as LedgerField, broken.message);
    const elderly = touches("households", "elderlyHouseholds") ? checkElderlyHouseholds(after) : null;
    if (elderly) report(elderly.field as LedgerField, elderly.message);
    if (touches("blockerCategory", "blockerNote") && !after.blockerCategory && after.blockerNote.trim()) {
      report("blockerNote", msg("plan.noteWithoutCategory"));
    }
  }

  /**
   * An update must be of the building as exported: by the row's 版本, else by the file's export time (its
   * hidden info sheet). A file with neither cannot say, so its updates are refused — never overwriting a
   * change someone made meanwhile.
   */
  private checkStale({ parsed, current, report }: RowState): void {
    if (!current) return;
    if (this.input.hasVersionColumn) {
      if (parsed.version != null && parsed.version !== current.version) {
        report("version", msg("plan.versionChanged", { fileVersion: parsed.version, current: current.version }));
      }
      return;
    }
    const { exportedAt } = this.input;
    if (!exportedAt) {
      report("id", msg("plan.noVersionColumn"));
    } else if (current.updatedAt.getTime() > Date.parse(exportedAt)) {
      report("id", msg("plan.changedSinceExport", { at: shanghaiMinute(new Date(exportedAt)) }));
    }
  }

  /** An address once per file, and not another building's. */
  private checkAddress({ parsed, after, isCreate, changed, report }: RowState): void {
    if (!after.address.trim() || parsed.errors.some((e) => e.key === "address")) return;
    const key = addressKey(after.address);
    const first = this.firstRowOfAddress.get(key);
    if (first !== undefined) report("address", msg("plan.addressRepeated", { row: first }));
    else this.firstRowOfAddress.set(key, parsed.row);
    const holder = this.input.addressHolders.get(key);
    if (holder === undefined || holder === parsed.id || !(isCreate || changed.includes("address"))) return;
    report("address", msg(isCreate ? "plan.addressTakenUseId" : "plan.addressTaken", { id: holder }));
  }

  private record(action: ImportRow["action"], state: RowState, changes: ImportChange[]): void {
    const { parsed, current, before, after, changed } = state;
    if (action === "create") this.importPlan.creates.push({ row: parsed.row, values: after });
    if (action !== "update" || !current || !before) return;
    this.importPlan.updates.push({
      row: parsed.row,
      buildingId: current.id,
      version: current.version,
      areaId: current.areaId,
      before: Object.fromEntries(changed.map((field) => [field, before[field]])),
      after: Object.fromEntries(changed.map((field) => [field, after[field]])),
    });
    if (changes.some((change) => change.needsReason)) this.importPlan.needsReason = true;
  }
}
