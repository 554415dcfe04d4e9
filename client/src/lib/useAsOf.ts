// The day the figures stand on (?asOf=, docs/DOMAIN.md § As of a date). A report of a past year stands by default
// on its 31 December; the dashboard on today (everything recorded so far, back-dated records and imported
// history included) unless a day is chosen. A day after today in a link starts at today instead (the API
// refuses it).

import { defaultAsOf } from "@jiati/shared/asof";
import { EARLIEST_DATE, isCalendarDate } from "@jiati/shared/dates";
import { useCallback } from "react";
import { useSearchParams } from "react-router";
import { today } from "./dates";

export interface AsOf {
  /** The day shown: the URL's, or the year's default. */
  day: string;
  /** The day to ask the API for: null for today's live figures. */
  query: string | null;
  set: (day: string | null) => void;
}

/** Where a page of a past year stands when no day is chosen: its 31 December (a report), or today (the dashboard). */
export type PastYearDefault = "yearEnd" | "today";

/** The day of ?asOf= for `year`'s figures, and a setter (null: back to the default) that keeps the rest. */
export function useAsOf(year: number, pastYear: PastYearDefault = "yearEnd"): AsOf {
  const [params, setParams] = useSearchParams();
  const raw = params.get("asOf") ?? (pastYear === "today" ? today() : null);
  const day = asOfFrom(raw, year, today());
  const query = asOfQueryFrom(raw, year);
  const set = useCallback(
    (next: string | null) =>
      setParams(
        (prev) => {
          const copy = new URLSearchParams(prev);
          if (next) copy.set("asOf", next);
          else copy.delete("asOf");
          return copy;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { day, query, set };
}

/** The day to ask the API for, from ?asOf= and the year: null for today's live figures. */
export function asOfQueryFrom(raw: string | null, year: number, todayDate: string = today()): string | null {
  const day = asOfFrom(raw, year, todayDate);
  return day < todayDate ? day : null;
}

/** The day `raw` names when it is a date from 2011 up to today (a later one is today); else the year's default. */
export function asOfFrom(raw: string | null, year: number, todayDate: string): string {
  if (!raw || !isCalendarDate(raw) || raw < EARLIEST_DATE) return defaultAsOf(year, todayDate);
  return raw > todayDate ? todayDate : raw;
}

/** `&asOf=D` for links that keep the day on screen, when the URL names one. */
export function asOfSuffix(asOf: AsOf): string {
  return asOf.query ? `&asOf=${asOf.query}` : "";
}

/** A year's results are final once the day its figures stand on is past its 31 December. */
export function isFinal(summary: { year: number; today: string }): boolean {
  return summary.year < Number(summary.today.slice(0, 4));
}
