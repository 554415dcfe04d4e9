// "Today" as the programme counts it: the calendar date in Shanghai, whatever the device's time zone.

import { shanghaiDate } from "@jiati/shared/dates";

export function today(): string {
  return shanghaiDate(new Date());
}

export function currentYear(todayDate: string = today()): number {
  return Number(todayDate.slice(0, 4));
}

/** The first year the programme tracks. */
export const FIRST_YEAR = 2021;

/** Years to choose from, newest first: FIRST_YEAR … this year. */
export function selectableYears(): number[] {
  const years: number[] = [];
  for (let year = currentYear(); year >= FIRST_YEAR; year--) years.push(year);
  return years;
}
