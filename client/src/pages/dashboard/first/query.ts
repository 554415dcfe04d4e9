// Which figures a dashboard URL shows — asked by the client (to fetch them ahead of rendering) and by the server
// (to render them into the page), so both read a URL the same way DashboardPage does.

import type { DashboardQuery } from "@jiati/shared";
import { currentYear, today } from "../../../lib/dates";
import { asOfQueryFrom } from "../../../lib/useAsOf";
import { yearFrom } from "../../../lib/useYear";

/**
 * The year, zone and 数据截至 day of `/` or `/zones/:id` with `search`, on `todayDate` — as useYear and
 * useAsOf(year, "today") read them; null for any other path.
 */
export function dashboardQuery(pathname: string, search: string, todayDate: string = today()): DashboardQuery | null {
  const zone = /^\/zones\/(\d{1,9})$/.exec(pathname);
  if (pathname !== "/" && !zone) return null;
  const params = new URLSearchParams(search);
  const year = yearFrom(params, currentYear(todayDate), todayDate);
  return {
    year,
    zoneId: zone ? Number(zone[1]) : null,
    asOf: asOfQueryFrom(params.get("asOf") ?? todayDate, year, todayDate),
  };
}
