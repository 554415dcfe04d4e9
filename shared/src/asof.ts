// "As of a date" (docs/DOMAIN.md § As of a date): a building as it stood at the end of a past day D, replayed
// from its event log — what had been recorded by the end of D in Shanghai, never what was corrected later.
// The server's SQL form is server/src/rules/asof.ts; a property test ties the two.

import { addDays } from "./dates";
import { msg } from "./messages";
import { type FieldError, STAGE_DATE_FIELD } from "./stages";
import { RECORDED_STAGES, type RecordedStage } from "./vocabulary";

/** The event log's kinds besides the three stages: a withdrawal or restoration, a blocker set, changed or cleared. */
export const HISTORY_KINDS = ["withdrawn", "blocker"] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** One row of the event log (stage_events) as the replay needs it. */
export interface HistoryEvent {
  /** A stage whose date was recorded, corrected or cleared; or `withdrawn` / `blocker`. */
  stage: RecordedStage | HistoryKind | string;
  /** The stage's date after the event (null: cleared). */
  toDate: string | null;
  /** `withdrawn` events: withdrawn (true) or restored (false). */
  withdrawn: boolean | null;
  /** `blocker` events: the blocker after the event (category null: cleared). */
  blockerCategory: string | null;
  blockerNote: string | null;
  blockedSince: string | null;
  at: Date;
  id: number;
}

/** The fields an as-of replay rewrites; every other field of a building is taken as it is now. */
export interface HistoryFields {
  signedOn: string | null;
  startedOn: string | null;
  completedOn: string | null;
  withdrawn: boolean;
  blockerCategory: string | null;
  blockerNote: string;
  blockedSince: string | null;
}

/** The first instant after day D in Shanghai: events strictly before it were recorded by the end of D. */
export function endOfDayShanghai(day: string): Date {
  // Asia/Shanghai keeps UTC+8 all year (no daylight saving since 1991).
  return new Date(`${addDays(day, 1)}T00:00:00+08:00`);
}

/**
 * `building` as it stood at the end of `day`, from its events; null when it was not yet known then (created
 * after `day` and nothing about it recorded by then). Events count when recorded by the end of `day`, the
 * latest one of each kind winning (by time, then id); a stage date after `day` does not count on `day`.
 */
export function buildingAsOf<B extends HistoryFields & { createdAt: Date }>(
  building: B,
  events: readonly HistoryEvent[],
  day: string,
): B | null {
  const cutoff = endOfDayShanghai(day).getTime();
  const known = events
    .filter((event) => event.at.getTime() < cutoff)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
  if (building.createdAt.getTime() >= cutoff && known.length === 0) return null;
  const state: HistoryFields = {
    signedOn: null,
    startedOn: null,
    completedOn: null,
    withdrawn: false,
    blockerCategory: null,
    blockerNote: "",
    blockedSince: null,
  };
  for (const event of known) {
    if ((RECORDED_STAGES as readonly string[]).includes(event.stage)) {
      state[STAGE_DATE_FIELD[event.stage as RecordedStage]] = event.toDate;
    } else if (event.stage === "withdrawn") {
      state.withdrawn = event.withdrawn ?? false;
    } else if (event.stage === "blocker") {
      state.blockerCategory = event.blockerCategory;
      state.blockerNote = event.blockerNote ?? "";
      state.blockedSince = event.blockedSince;
    }
  }
  for (const field of Object.values(STAGE_DATE_FIELD)) {
    const date = state[field];
    if (date !== null && date > day) state[field] = null;
  }
  return { ...building, ...state };
}

/**
 * The `asOf` a request asks for, checked against today: none (or today) is today's live figures; a day
 * after today is refused, naming the field (docs/DOMAIN.md § As of a date).
 */
export function checkAsOf(asOf: string | undefined, today: string): FieldError | null {
  if (asOf !== undefined && asOf > today) return { field: "asOf", message: msg("asOf.afterToday", { today }) };
  return null;
}

/** The day a year's report stands on by default: 31 December for a past year, else today. */
export function defaultAsOf(year: number, today: string): string {
  const yearEnd = `${year}-12-31`;
  return yearEnd < today ? yearEnd : today;
}
