import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainDate, plainDateTime, plainNumber } from "./plainFormat";

// The hand-written forms against Intl's own, in both languages (the tests run with TZ=America/Los_Angeles).
const LOCALES = { zh: "zh-CN", en: "en-US" } as const;
const LANGUAGES = ["zh", "en"] as const;

describe("numbers written by hand", () => {
  const numbers = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
    fc.integer({ min: -1e7, max: 1e7 }).map((n) => n / 100), // many ties: 0.05, 1.15, -2.25…
    fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 2),
    fc.constantFrom(0, -0, 0.05, -0.05, 0.15, 1.15, 1.005, 9.95, 99.95, 999.5, 1e-7, -1e-7, 123456789.25),
  );

  for (const digits of [0, 1] as const) {
    it(`write any number as Intl does with at most ${digits} decimal(s), in both languages`, () => {
      const formats = LANGUAGES.map(
        (language) => new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: digits }),
      );
      fc.assert(
        fc.property(numbers, (value) => {
          for (const format of formats) expect(plainNumber(value, digits)).toBe(format.format(value));
        }),
        { numRuns: 3000 },
      );
    });
  }

  it("leave what is not finite, or too large for plain digits, to Intl", () => {
    expect(plainNumber(Number.NaN, 0)).toBeNull();
    expect(plainNumber(Number.POSITIVE_INFINITY, 1)).toBeNull();
    expect(plainNumber(1e21, 0)).toBeNull();
  });
});

describe("dates written by hand", () => {
  const instants = fc.date({
    min: new Date("2000-01-01T00:00:00Z"),
    max: new Date("2099-12-31T00:00:00Z"),
    noInvalidDate: true,
  });

  it("write a calendar date as Intl's medium date style does", () => {
    for (const language of LANGUAGES) {
      const format = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: "medium", timeZone: "UTC" });
      fc.assert(
        fc.property(instants, (instant) => {
          const day = instant.toISOString().slice(0, 10);
          expect(plainDate(language, day)).toBe(format.format(new Date(`${day}T00:00:00Z`)));
        }),
        { numRuns: 1000 },
      );
    }
  });

  it("write an instant in Shanghai as Intl's medium date and short time do", () => {
    for (const language of LANGUAGES) {
      const format = new Intl.DateTimeFormat(LOCALES[language], {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: "Asia/Shanghai",
      });
      fc.assert(
        fc.property(instants, (instant) => {
          expect(plainDateTime(language, instant)).toBe(format.format(instant));
        }),
        { numRuns: 1000 },
      );
    }
  });

  it("leave impossible or unreadable dates to Intl", () => {
    expect(plainDate("zh", "2024-02-30")).toBeNull();
    expect(plainDate("en", "yesterday")).toBeNull();
    expect(plainDateTime("zh", new Date("not a date"))).toBeNull();
  });
});
