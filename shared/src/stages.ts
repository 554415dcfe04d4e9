// The stage rules (docs/DOMAIN.md § Stage dates): dates not in the future and not before 2011, signed ≤ started ≤ completed,
// a later stage needs the earlier ones, and moving a date backwards or clearing it needs a reason.

import { EARLIEST_DATE } from "./dates";
import { msg } from "./messages";
import type { StageUpdate } from "./schemas";
import { type BuildingStage, RECORDED_STAGES, type RecordedStage, type StageDates } from "./vocabulary";

export const STAGE_DATE_FIELD = {
  signed: "signedOn",
  started: "startedOn",
  completed: "completedOn",
} as const satisfies Record<RecordedStage, keyof StageDates>;

export type StageDateField = (typeof STAGE_DATE_FIELD)[RecordedStage];

/** A stage's date as messages name it ("签约日期", "signing date"). */
const stageDateName = (stage: RecordedStage) => msg(`stage.dateName.${stage}`);

/** A broken rule, named by the field it concerns. */
export interface FieldError {
  field: string;
  message: string;
}

/** The furthest stage a building has reached by its dates. */
export function stageOf(dates: StageDates): BuildingStage {
  if (dates.completedOn) return "completed";
  if (dates.startedOn) return "started";
  if (dates.signedOn) return "signed";
  return "planned";
}

/** The stage to record next, or null when the building is completed. */
export function nextStage(dates: StageDates): RecordedStage | null {
  return RECORDED_STAGES.find((stage) => !dates[STAGE_DATE_FIELD[stage]]) ?? null;
}

/**
 * Checks a whole set of stage dates against the rules; returns the first broken rule, named by the date
 * field it concerns (signedOn, startedOn or completedOn), or null.
 */
export function checkStageDates(dates: StageDates, today: string): FieldError | null {
  for (const stage of RECORDED_STAGES) {
    const field = STAGE_DATE_FIELD[stage];
    const date = dates[field];
    if (!date) continue;
    const name = stageDateName(stage);
    if (date > today) return { field, message: msg("stage.dateAfterToday", { date: name, today }) };
    if (date < EARLIEST_DATE)
      return { field, message: msg("stage.dateTooEarly", { date: name, earliest: EARLIEST_DATE }) };
  }
  if (dates.startedOn && !dates.signedOn) return { field: "startedOn", message: msg("stage.startWithoutSigning") };
  if (dates.completedOn && !dates.startedOn)
    return { field: "completedOn", message: msg("stage.completionWithoutStart") };
  if (dates.signedOn && dates.startedOn && dates.startedOn < dates.signedOn) {
    return { field: "startedOn", message: msg("stage.startedBeforeSigned", { signedOn: dates.signedOn }) };
  }
  if (dates.startedOn && dates.completedOn && dates.completedOn < dates.startedOn) {
    return { field: "completedOn", message: msg("stage.completedBeforeStarted", { startedOn: dates.startedOn }) };
  }
  return null;
}

export type StageUpdateResult =
  | { ok: true; dates: StageDates; field: StageDateField; previous: string | null; needsReason: boolean }
  | { ok: false; error: FieldError };

/** Moving a recorded stage date earlier, or clearing it, needs a reason; recording or moving later does not. */
export function stageChangeNeedsReason(previous: string | null, next: string | null): boolean {
  return previous !== null && (next === null || next < previous);
}

/** Households with residents aged 60+ cannot outnumber the households (either may be unknown). */
export function checkElderlyHouseholds(value: {
  households?: number | null;
  elderlyHouseholds?: number | null;
}): FieldError | null {
  if (value.households == null || value.elderlyHouseholds == null) return null;
  return value.elderlyHouseholds > value.households
    ? { field: "elderlyHouseholds", message: msg("stage.elderlyOverHouseholds") }
    : null;
}

/**
 * Applies one stage update to a building's dates. Errors name the request's fields (`date`, `reason`,
 * `stage`), so a form can show them where the user typed.
 */
export function applyStageUpdate(current: StageDates, update: StageUpdate, today: string): StageUpdateResult {
  const field = STAGE_DATE_FIELD[update.stage];
  const previous = current[field];
  const date = stageDateName(update.stage);
  const fail = (f: string, message: string): StageUpdateResult => ({ ok: false, error: { field: f, message } });

  if (update.date === null && previous === null) return fail("date", msg("stage.nothingToClear", { date }));
  if (update.date !== null && update.date === previous) return fail("date", msg("stage.unchanged", { date }));

  const next: StageDates = { ...current, [field]: update.date };
  const broken = checkStageDates(next, today);
  if (broken) {
    if (update.date === null) {
      return fail("date", msg("stage.clearLaterFirst", { date }));
    }
    // Report the rule on the field the user is editing, whichever date the rule names.
    return fail("date", broken.message);
  }

  const needsReason = stageChangeNeedsReason(previous, update.date);
  if (needsReason && !update.reason?.trim()) {
    return fail("reason", msg(update.date === null ? "stage.reasonToClear" : "stage.reasonToMoveEarlier", { date }));
  }
  return { ok: true, dates: next, field, previous, needsReason };
}

/**
 * An address as stored (docs/LEDGER.md § Addresses): full-width forms folded (１０号 → 10号), runs of spaces
 * made one, trimmed — what was typed, tidied.
 */
export function normalizeAddress(address: string): string {
  return address.normalize("NFKC").replace(/\s+/g, " ").trim();
}

/**
 * The address as a uniqueness key: normalised, spaces and invisible characters removed, lower case, and the
 * door number's word made one — 10, 10号, 10号楼, 10幢 and 10栋 are the same door.
 */
export function addressKey(address: string): string {
  return address
    .normalize("NFKC")
    .replace(/[\s\p{Cf}\p{Cc}]+/gu, "")
    .toLowerCase()
    .replace(/(\d+)(号楼|号|幢|栋)?$/u, "$1号");
}

/** Digit runs are zero-padded to this width in a sort key; a longer run (no real door number) keeps its length. */
const SORT_KEY_DIGITS = 10;

/**
 * The address as a sort key (docs/DOMAIN.md § Addresses): its uniqueness key (`addressKey`) with every run of
 * digits zero-padded, so that ordering the keys as text (code points, collation "C") orders addresses as people
 * read them — by road, then 弄, then 号 numerically: 1号, 2号, …, 10号, 19号. Stored beside the address
 * (`buildings.address_sort`) on every write.
 */
export function addressSortKey(address: string): string {
  return addressKey(address).replace(/[0-9]+/g, (digits) => digits.padStart(SORT_KEY_DIGITS, "0"));
}

/** Compares two addresses by their sort keys: the order the server lists them in. */
export function compareAddresses(a: string, b: string): number {
  const left = addressSortKey(a);
  const right = addressSortKey(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
