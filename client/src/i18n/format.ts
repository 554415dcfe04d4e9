// Numbers and dates in the user's language. Calendar dates (YYYY-MM-DD) are shown as dates without any
// time zone shift; instants (ISO timestamps) are shown in Shanghai time, where the programme runs.

import { useTranslation } from "react-i18next";
import { plainDate, plainDateTime, plainNumber } from "./plainFormat";

const TIME_ZONE = "Asia/Shanghai";

function localeOf(language: string): string {
  return language === "en" ? "en-US" : "zh-CN";
}

/** `make()` on the first call, its value after: a formatter is made when first used, not with the page. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

export function makeFormat(language: string) {
  const locale = localeOf(language);
  const plain = language === "en" ? "en" : "zh";
  // Intl's, made on first use: Intl's first use costs a phone tens of milliseconds (its locale data), so what
  // the first screen shows is written by hand (plainFormat.ts) and Intl writes the rest.
  const integer = once(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }));
  const decimal = once(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));
  const dateFormat = once(() => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }));
  const dateTimeFormat = once(
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE }),
  );
  const monthFormat = once(() => new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" }));
  const clockFormat = once(
    () =>
      new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: TIME_ZONE }),
  );
  const dayFormat = once(
    () => new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: TIME_ZONE }),
  );
  const oneDecimal = (value: number) => plainNumber(value, 1) ?? decimal().format(value);
  const dayKey = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  return {
    locale,
    /** Whole numbers; null shows as a dash. */
    int: (value: number | null | undefined) =>
      value == null ? "—" : (plainNumber(value, 0) ?? integer().format(value)),
    /** Up to one decimal. */
    num: (value: number | null | undefined) => (value == null ? "—" : oneDecimal(value)),
    /** A percentage already in percent (97.5 → "97.5%"). */
    percent: (value: number | null | undefined) => (value == null ? "—" : `${oneDecimal(value)}%`),
    /** A signed difference: +4, −3.4. */
    signed: (value: number | null | undefined) =>
      value == null ? "—" : `${value > 0 ? "+" : value < 0 ? "−" : "±"}${oneDecimal(Math.abs(value))}`,
    /** 'YYYY-MM-DD' as a date in the user's language. */
    date: (value: string | null | undefined) =>
      value ? (plainDate(plain, value) ?? dateFormat().format(new Date(`${value.slice(0, 10)}T00:00:00Z`))) : "—",
    /** An ISO instant in Shanghai time. */
    dateTime: (value: string | null | undefined) =>
      value ? (plainDateTime(plain, new Date(value)) ?? dateTimeFormat().format(new Date(value))) : "—",
    /** An instant (ms) as HH:mm in Shanghai time, with its day before it when that is not `now`'s day. */
    clock: (ms: number, now = Date.now()) =>
      dayKey(ms) === dayKey(now) ? clockFormat().format(ms) : `${dayFormat().format(ms)} ${clockFormat().format(ms)}`,
    /** Month 1–12 as a short name (1月 / Jan). */
    month: (month: number) => monthFormat().format(new Date(Date.UTC(2000, month - 1, 1))),
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
