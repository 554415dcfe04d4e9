import { useCallback } from "react";
import { useSearchParams } from "react-router";
import { currentYear, FIRST_YEAR, lastYearOf, type YearScope } from "./dates";

/**
 * The year in the URL (?year=), this year by default, and a setter that keeps the other parameters. A
 * "planning" page (targets, letters) also takes next year from 1 October.
 */
export function useYear(scope: YearScope = "tracked"): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const year = yearFrom(params, lastYearOf(scope));
  const setYear = useCallback(
    (next: number) =>
      setParams(
        (prev) => {
          const copy = new URLSearchParams(prev);
          copy.set("year", String(next));
          // Another year starts at its own day: 31 December when past, else today (lib/useAsOf.ts).
          copy.delete("asOf");
          return copy;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [year, setYear];
}

/**
 * The year of ?year=, when it is one from FIRST_YEAR to `last`; else this year (of `todayDate`, today by default:
 * the server reads a page's address on its own today).
 */
export function yearFrom(params: URLSearchParams, last: number = currentYear(), todayDate?: string): number {
  const raw = Number(params.get("year"));
  return Number.isInteger(raw) && raw >= FIRST_YEAR && raw <= last ? raw : currentYear(todayDate);
}

/** `?year=Y` to append to links, so drilling down keeps the year. */
export function yearQuery(year: number): string {
  return `?year=${year}`;
}

/** `?year=Y` when the URL names a year (as it is written there), else "": links that keep the year on screen. */
export function useYearSuffix(): string {
  const year = useSearchParams()[0].get("year");
  return year ? `?year=${year}` : "";
}
