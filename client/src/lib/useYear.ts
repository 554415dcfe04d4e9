import { useCallback } from "react";
import { useSearchParams } from "react-router";
import { currentYear, FIRST_YEAR } from "./dates";

/** The year in the URL (?year=), this year by default, and a setter that keeps the other parameters. */
export function useYear(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get("year"));
  const year = Number.isInteger(raw) && raw >= FIRST_YEAR && raw <= currentYear() ? raw : currentYear();
  const setYear = useCallback(
    (next: number) =>
      setParams(
        (prev) => {
          const copy = new URLSearchParams(prev);
          copy.set("year", String(next));
          return copy;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [year, setYear];
}

/** `?year=Y` to append to links, so drilling down keeps the year. */
export function yearQuery(year: number): string {
  return `?year=${year}`;
}
