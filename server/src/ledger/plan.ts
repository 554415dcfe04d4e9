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
  STAGE_DATE_FIELD,
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
}

export interface PlanResult {
  rows: ImportRow[];
  errors: ImportError[];
  plan: ImportPlan;
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

/** Equal as the ledger shows them: text compared trimmed. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  return a === b;
}

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
  private readonly importPlan: ImportPlan = { creates: [], updates: [], needsReason: false };

  constructor(private readonly input: PlanInput) {
    this.areaByName = new Map([...input.areas.values()].map((area) => [area.name.normalize("NFKC").trim(), area]));
    const { user } = input;
    this.ownAreaName = (user.areaId != null ? input.areas.get(user.areaId)?.name : undefined) ?? "未绑定";
  }

  result(): PlanResult {
    return { rows: this.rows, errors: this.errors, plan: this.importPlan };
  }

  plan(parsed: ParsedRow): void {
    const rowErrors: ImportError[] = [];
    const report = (key: LedgerKey, message: string) =>
      rowErrors.push({ row: parsed.row, column: LEDGER_HEADER[key], cell: parsed.refs[key] ?? null, message });
    for (const error of parsed.errors) report(error.key, error.message);

    const state = this.stateOf(parsed, this.areaOf(parsed, report), this.buildingOf(parsed, report), report);
    const changes = this.changesOf(state);
    this.checkRules(state, changes);
    this.checkAddress(state);

    const action: ImportRow["action"] =
      rowErrors.length > 0 ? "error" : state.isCreate ? "create" : changes.length > 0 ? "update" : "unchanged";
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
  private areaOf(parsed: ParsedRow, report: RowState["report"]): number | undefined {
    if (parsed.errors.some((e) => e.key === "areaId")) return undefined;
    const area = parsed.areaName ? this.areaByName.get(parsed.areaName) : undefined;
    if (!parsed.areaName) report("areaId", "居民区不能为空");
    else if (!area) report("areaId", `居民区「${parsed.areaName}」不存在`);
    else if (this.input.user.role === "secretary" && area.id !== this.input.user.areaId) {
      report("areaId", `只能导入本居民区（${this.ownAreaName}）的楼栋`);
    } else return area.id;
    return undefined;
  }

  /** The building a row's 编号 names: once per file, existing, and (for a secretary) of their area. */
  private buildingOf(parsed: ParsedRow, report: RowState["report"]): BuildingRow | undefined {
    if (parsed.id == null) return undefined;
    const current = this.input.buildings.get(parsed.id);
    const first = this.firstRowOfId.get(parsed.id);
    if (first !== undefined) report("id", `与第 ${first} 行的编号重复`);
    else this.firstRowOfId.set(parsed.id, parsed.row);
    if (!current) report("id", `编号 ${parsed.id} 的楼栋不存在（新建楼栋请留空编号）`);
    else if (this.input.user.role === "secretary" && current.areaId !== this.input.user.areaId) {
      report("id", `编号 ${parsed.id} 不是本居民区（${this.ownAreaName}）的楼栋`);
    }
    return current;
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
      return before !== undefined && !same(before[field], after[field]);
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
    if (!isCreate && current && changes.length > 0 && parsed.version != null && parsed.version !== current.version) {
      report(
        "version",
        `导出后该楼栋已被修改（文件中版本 ${parsed.version}，当前版本 ${current.version}）：请重新导出后再修改此行`,
      );
    }
    if (isCreate && after.withdrawn) report("withdrawn", "新建的楼栋不能标记为撤销");
    const datesChanged = touches(...DATE_FIELDS);
    if (datesChanged && !isCreate && after.withdrawn && before?.withdrawn) {
      report(DATE_FIELDS.find((field) => changed.includes(field)) ?? "signedOn", "楼栋已撤销，不能修改阶段日期");
    }
    const dateErrorReported = DATE_FIELDS.some((field) => parsed.errors.some((e) => e.key === field));
    const broken = datesChanged && !dateErrorReported ? checkStageDates(after, this.input.today) : null;
    if (broken) report(broken.field as LedgerField, broken.message);
    const elderly = touches("households", "elderlyHouseholds") ? checkElderlyHouseholds(after) : null;
    if (elderly) report(elderly.field as LedgerField, elderly.message);
    if (touches("blockerCategory", "blockerNote") && !after.blockerCategory && after.blockerNote.trim()) {
      report("blockerNote", "填写了受阻说明，但没有受阻类别");
    }
  }

  /** An address once per file, and not another building's. */
  private checkAddress({ parsed, after, isCreate, changed, report }: RowState): void {
    if (!after.address.trim() || parsed.errors.some((e) => e.key === "address")) return;
    const key = addressKey(after.address);
    const first = this.firstRowOfAddress.get(key);
    if (first !== undefined) report("address", `与第 ${first} 行的地址重复`);
    else this.firstRowOfAddress.set(key, parsed.row);
    const holder = this.input.addressHolders.get(key);
    if (holder === undefined || holder === parsed.id || !(isCreate || changed.includes("address"))) return;
    report(
      "address",
      isCreate
        ? `该地址已登记为编号 ${holder} 的楼栋：如要修改它，请在编号列填写 ${holder}`
        : `该地址已登记为编号 ${holder} 的楼栋`,
    );
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
