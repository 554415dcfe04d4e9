import { useCallback } from "react";
import { useSearchParams } from "react-router";
import { currentYear, FIRST_YEAR } from "./dates";

/** The year in the URL (?year=), this year by default, and a setter that keeps the other parameters. */
export function useYear(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const year = yearFrom(params);
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

/** The year of ?year=, when it is one the programme has; else this year (of `todayDate`, today by default). */
export function yearFrom(params: URLSearchParams, todayDate?: string): number {
  const raw = Number(params.get("year"));
  const thisYear = currentYear(todayDate);
  return Number.isInteger(raw) && raw >= FIRST_YEAR && raw <= thisYear ? raw : thisYear;
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
