// The report's head in words: its title (the town, or the town's zone, and the day the figures stand on — with
// the year when that day lies in another) and its dates written out as documents write them.

import type { TFunction } from "i18next";

/** 2026-11-29 → 2026年11月29日 (zh) / November 29, 2026 (en). */
export function longDate(locale: string, day: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** 2026-11-21 → 11月21日 (zh) / Nov 21 (en). */
export function monthDay(locale: string, day: string): string {
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

export interface TitleParts {
  townName: string;
  /** The zone's name, for a zone's report. */
  zoneName: string | null;
  year: number;
  /** The day the figures stand on (YYYY-MM-DD). */
  day: string;
  locale: string;
}

/** 新泾镇既有多层住宅加装电梯工作进展（截至2026年11月29日）; a zone's: 新泾镇第一片区…. */
export function reportTitle(t: TFunction, { townName, zoneName, year, day, locale }: TitleParts): string {
  const scope = zoneName ? t("report.zoneScope", { town: townName, zone: zoneName }) : townName;
  const date = longDate(locale, day);
  return Number(day.slice(0, 4)) === year
    ? t("report.title", { scope, date })
    : t("report.titleOfYear", { scope, year, date });
}
