// Numbers and dates written by hand, exactly as Intl writes them in the app's two locales (zh-CN, en-US):
// the first use of Intl in a page loads its locale data, which costs a phone tens of milliseconds as the app
// takes over the first screen, and the first screen shows only whole numbers, one-decimal numbers, dates and a
// time. Each function answers null for what it leaves to Intl. plainFormat.test.ts checks them against Intl.

/** Shanghai is eight hours ahead of UTC all year (China has kept no summer time since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * `value` rounded half away from zero to at most `digits` decimals, with "," between thousands and "." before the
 * decimals — Intl.NumberFormat's `maximumFractionDigits` in zh-CN and en-US alike. Like Intl it rounds the
 * shortest decimal that reads back as `value` (so 1.15 gives 1.2) and keeps the sign of a negative rounded to 0.
 * Null when not finite or too large to write without an exponent.
 */
export function plainNumber(value: number, digits: 0 | 1): string | null {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return null;
  const negative = value < 0 || Object.is(value, -0);
  // Below 1e-6 JavaScript writes an exponent; such a number rounds to 0 at one decimal.
  const text = Math.abs(value) < 1e-6 ? "0" : String(Math.abs(value));
  const [whole = "0", fraction = ""] = text.split(".");
  const kept = BigInt(whole + fraction.slice(0, digits).padEnd(digits, "0"));
  const rounded = ((fraction[digits] ?? "0") >= "5" ? kept + 1n : kept).toString().padStart(digits + 1, "0");
  const integer = rounded.slice(0, rounded.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimals = rounded.slice(rounded.length - digits).replace(/0+$/, "");
  return `${negative ? "-" : ""}${integer}${decimals ? `.${decimals}` : ""}`;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
}

/** A date of four-digit years, or null (a date Intl would have to carry over, or write otherwise). */
function checked(fields: Fields): Fields | null {
  const { year, month, day } = fields;
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1000 && year <= 9999 ? fields : null;
}

function dateIn(language: "zh" | "en", { year, month, day }: Fields): string {
  return language === "en" ? `${EN_MONTHS[month - 1]} ${day}, ${year}` : `${year}年${month}月${day}日`;
}

/** 'YYYY-MM-DD' (or the date part of a timestamp) in the medium date style: 2024年3月5日, Mar 5, 2024. */
export function plainDate(language: "zh" | "en", value: string): string | null {
  const fields = checked({
    year: Number(value.slice(0, 4)),
    month: Number(value.slice(5, 7)),
    day: Number(value.slice(8, 10)),
    hours: 0,
    minutes: 0,
  });
  return /^\d{4}-\d{2}-\d{2}/.test(value) && fields ? dateIn(language, fields) : null;
}

/** An instant in Shanghai, medium date and short time: 2024年3月5日 04:30, Mar 5, 2024, 4:30 AM. */
export function plainDateTime(language: "zh" | "en", instant: Date): string | null {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  if (Number.isNaN(shifted.getTime())) return null;
  const fields = checked({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hours: shifted.getUTCHours(),
    minutes: shifted.getUTCMinutes(),
  });
  if (!fields) return null;
  const minutes = String(fields.minutes).padStart(2, "0");
  if (language === "zh") return `${dateIn("zh", fields)} ${String(fields.hours).padStart(2, "0")}:${minutes}`;
  const hours = fields.hours % 12 || 12;
  return `${dateIn("en", fields)}, ${hours}:${minutes} ${fields.hours < 12 ? "AM" : "PM"}`;
}
