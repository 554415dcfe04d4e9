import { describe, expect, it } from "vitest";
import { makeFormat } from "./format";

// The tests run with TZ=America/Los_Angeles: a calendar date shown a day early, or an instant shown in the
// device's time zone instead of Shanghai's, would fail them.
const zh = makeFormat("zh");
const en = makeFormat("en");

describe("numbers", () => {
  it("show whole numbers with the language's grouping, rounded", () => {
    expect(zh.int(1234)).toBe("1,234");
    expect(en.int(1234.6)).toBe("1,235");
  });

  it("show decimals to one place at most", () => {
    expect(zh.num(12.345)).toBe("12.3");
    expect(zh.num(12)).toBe("12");
  });

  it("show a missing value as a dash", () => {
    for (const format of [zh.int, zh.num, zh.percent, zh.signed]) {
      expect(format(null)).toBe("—");
      expect(format(undefined)).toBe("—");
    }
  });

  it("show a percentage that is already in percent", () => {
    expect(zh.percent(97.54)).toBe("97.5%");
    expect(en.percent(0)).toBe("0%");
  });

  it("show a difference with its sign, a true minus sign, and ± for none", () => {
    expect(zh.signed(4)).toBe("+4");
    expect(zh.signed(-3.44)).toBe("−3.4");
    expect(zh.signed(0)).toBe("±0");
  });
});

describe("dates", () => {
  it("show a calendar date as that day, whatever the device's time zone", () => {
    expect(zh.date("2024-03-05")).toBe("2024年3月5日");
    expect(en.date("2024-03-05")).toBe("Mar 5, 2024");
    expect(zh.date("2024-01-01")).toBe("2024年1月1日");
  });

  it("read only the date part of a timestamp given as a date", () => {
    expect(zh.date("2024-12-31T23:30:00.000Z")).toBe("2024年12月31日");
  });

  it("show an instant in Shanghai time, where the programme runs", () => {
    // 20:30 UTC on 4 March is 04:30 on 5 March in Shanghai (and 12:30 on 4 March in Los Angeles).
    expect(zh.dateTime("2024-03-04T20:30:00.000Z")).toBe("2024年3月5日 04:30");
    expect(en.dateTime("2024-03-04T20:30:00.000Z")).toBe("Mar 5, 2024, 4:30 AM");
  });

  it("show an instant in Shanghai time even when the device's clock skips that hour", () => {
    // 18:30 UTC on 9 March 2024 is 02:30 on 10 March in Shanghai, an hour Los Angeles skipped that night.
    expect(zh.dateTime("2024-03-09T18:30:00.000Z")).toBe("2024年3月10日 02:30");
    expect(en.dateTime("2024-03-09T18:30:00.000Z")).toBe("Mar 10, 2024, 2:30 AM");
  });

  it("show a missing date as a dash", () => {
    expect(zh.date(null)).toBe("—");
    expect(en.dateTime(undefined)).toBe("—");
  });

  it("name months in the language, 1 to 12", () => {
    expect(zh.month(1)).toBe("1月");
    expect(en.month(12)).toBe("Dec");
  });
});

describe("the language", () => {
  it("is Chinese for anything but English", () => {
    expect(makeFormat("zh").locale).toBe("zh-CN");
    expect(makeFormat("fr").locale).toBe("zh-CN");
    expect(makeFormat("en").locale).toBe("en-US");
  });
});
