// Numbers and dates in the user's language. Calendar dates (YYYY-MM-DD) are shown as dates without any
// time zone shift; instants (ISO timestamps) are shown in Shanghai time, where the programme runs.

import { useTranslation } from "react-i18next";

const TIME_ZONE = "Asia/Shanghai";

function localeOf(language: string): string {
  return language === "en" ? "en-US" : "zh-CN";
}

export function makeFormat(language: string) {
  const locale = localeOf(language);
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  });
  const monthFormat = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const clockFormat = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: TIME_ZONE,
  });
  const dayFormat = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: TIME_ZONE });
  const dayKey = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  return {
    locale,
    /** Whole numbers; null shows as a dash. */
    int: (value: number | null | undefined) => (value == null ? "—" : integer.format(value)),
    /** Up to one decimal. */
    num: (value: number | null | undefined) => (value == null ? "—" : decimal.format(value)),
    /** A percentage already in percent (97.5 → "97.5%"). */
    percent: (value: number | null | undefined) => (value == null ? "—" : `${decimal.format(value)}%`),
    /** A signed difference: +4, −3.4. */
    signed: (value: number | null | undefined) =>
      value == null ? "—" : `${value > 0 ? "+" : value < 0 ? "−" : "±"}${decimal.format(Math.abs(value))}`,
    /** 'YYYY-MM-DD' as a date in the user's language. */
    date: (value: string | null | undefined) =>
      value ? dateFormat.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : "—",
    /** An ISO instant in Shanghai time. */
    dateTime: (value: string | null | undefined) => (value ? dateTimeFormat.format(new Date(value)) : "—"),
    /** An instant (ms) as HH:mm in Shanghai time, with its day before it when that is not `now`'s day. */
    clock: (ms: number, now = Date.now()) =>
      dayKey(ms) === dayKey(now) ? clockFormat.format(ms) : `${dayFormat.format(ms)} ${clockFormat.format(ms)}`,
    /** Month 1–12 as a short name (1月 / Jan). */
    month: (month: number) => monthFormat.format(new Date(Date.UTC(2000, month - 1, 1))),
  };
}

export type Format = ReturnType<typeof makeFormat>;

const cache = new Map<string, Format>();

export function useFormat(): Format {
  const { i18n } = useTranslation();
  const language = i18n.language;
  let format = cache.get(language);
  if (!format) {
    format = makeFormat(language);
    cache.set(language, format);
  }
  return format;
}
