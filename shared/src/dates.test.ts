import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, elapsedShareOfYear, isCalendarDate, shanghaiDate, shanghaiMinute } from "./dates";

describe("calendar dates", () => {
  it("accepts real dates and refuses impossible ones", () => {
    expect(isCalendarDate("2022-02-28")).toBe(true);
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2022-02-29")).toBe(false);
    expect(isCalendarDate("2022-02-30")).toBe(false);
    expect(isCalendarDate("2022-13-01")).toBe(false);
    expect(isCalendarDate("2022-1-01")).toBe(false);
    expect(isCalendarDate("2022-01-01T00:00:00Z")).toBe(false);
  });

  it("takes today's date in Shanghai, whatever the process's time zone", () => {
    // 16:30 UTC on 31 December is already 00:30 on 1 January in Shanghai (UTC+8).
    expect(shanghaiDate(new Date("2022-12-31T16:30:00Z"))).toBe("2023-01-01");
    expect(shanghaiDate(new Date("2022-12-31T15:59:59Z"))).toBe("2022-12-31");
    expect(shanghaiMinute(new Date("2022-12-31T16:05:59Z"))).toBe("2023-01-01 00:05");
    expect(shanghaiMinute(new Date("2022-12-31T15:59:00Z"))).toBe("2022-12-31 23:59");
  });

  it("agrees with the Asia/Shanghai time zone's own calendar at any instant since 1992", () => {
    const zone = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    const instants = fc.date({
      min: new Date("1992-01-01T00:00:00Z"),
      max: new Date("2100-01-01T00:00:00Z"),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instants, (now) => {
        const part = Object.fromEntries(zone.formatToParts(now).map(({ type, value }) => [type, value]));
        expect(shanghaiDate(now)).toBe(`${part.year}-${part.month}-${part.day}`);
        expect(shanghaiMinute(now)).toBe(`${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`);
      }),
      { numRuns: 2000 },
    );
  });

  it("does day arithmetic across month, year and leap-day boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2022-12-31", 1)).toBe("2023-01-01");
    expect(daysBetween("2022-01-01", "2023-01-01")).toBe(365);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2022-03-10", "2022-03-01")).toBe(-9);
  });

  it("counts the elapsed share of a year including today", () => {
    expect(elapsedShareOfYear(2022, "2021-06-01")).toBe(0);
    expect(elapsedShareOfYear(2022, "2022-01-01")).toBeCloseTo(1 / 365);
    expect(elapsedShareOfYear(2022, "2022-12-31")).toBe(1);
    expect(elapsedShareOfYear(2022, "2023-03-01")).toBe(1);
  });
});
