// "Today" as the programme counts it: the calendar date in Shanghai, whatever the device's time zone.

import { shanghaiDate } from "@jiati/shared/dates";
import { latestPlanningYear } from "@jiati/shared/planning";

export function today(): string {
  return shanghaiDate(new Date());
}

export function currentYear(todayDate: string = today()): number {
  return Number(todayDate.slice(0, 4));
}

/** The first year the programme tracks. */
export const FIRST_YEAR = 2021;

/**
 * Which years a page offers: "tracked" pages (dashboard, report, an area) count what happened, up to this
 * year; "planning" pages (targets and letters) also offer next year from 1 October (docs/DOMAIN.md § Targets
 * for the coming year).
 */
export type YearScope = "tracked" | "planning";

/** The last year a page of `scope` offers on `todayDate`. */
export function lastYearOf(scope: YearScope, todayDate: string = today()): number {
  return scope === "planning" ? latestPlanningYear(todayDate) : Number(todayDate.slice(0, 4));
}

/** Years to choose from, newest first: FIRST_YEAR … the scope's last year. */
export function selectableYears(scope: YearScope = "tracked", todayDate: string = today()): number[] {
  const years: number[] = [];
  for (let year = lastYearOf(scope, todayDate); year >= FIRST_YEAR; year--) years.push(year);
  return years;
}
