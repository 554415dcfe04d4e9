// Calendar dates as 'YYYY-MM-DD' strings in Asia/Shanghai. Arithmetic is done on UTC midnights so that
// no local time zone can shift a date by a day.

export const TIME_ZONE = "Asia/Shanghai";
/** No stage date may lie before this day (docs/DOMAIN.md § Stage dates). */
export const EARLIEST_DATE = "2011-01-01";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when `value` is a real calendar date written as YYYY-MM-DD (2022-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/**
 * Shanghai's offset from UTC: eight hours all year, China having kept no summer time since 1991. Plain
 * arithmetic rather than an `Intl.DateTimeFormat` in the time zone, whose creation (loading the zone's data) costs
 * a phone tens of milliseconds as the page's first script starts.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The instant `now` written as ISO 8601 in Shanghai's wall-clock time ('YYYY-MM-DDTHH:mm:ss.sss'). */
function shanghaiIso(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString();
}

/** The calendar date in Shanghai at the instant `now`. */
export function shanghaiDate(now: Date): string {
  return shanghaiIso(now).slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' in Shanghai at the instant `now`, for messages. */
export function shanghaiMinute(now: Date): string {
  const iso = shanghaiIso(now);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function toUtcMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Month number 1–12. */
export function monthOf(date: string): number {
  return Number(date.slice(5, 7));
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Share of `year` that has elapsed by the end of `today`: 0 before the year, 1 after it,
 * and (day of year) / (days in year) during it — so on 31 December it is exactly 1.
 */
export function elapsedShareOfYear(year: number, today: string): number {
  const todayYear = yearOf(today);
  if (todayYear < year) return 0;
  if (todayYear > year) return 1;
  const dayOfYear = daysBetween(`${year}-01-01`, today) + 1;
  return dayOfYear / daysInYear(year);
}

export function startOfYear(year: number): string {
  return `${year}-01-01`;
}

export function endOfYear(year: number): string {
  return `${year}-12-31`;
}

/** The Monday on or before `date`. */
export function startOfWeek(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

export function startOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}
