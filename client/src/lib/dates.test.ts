import { afterEach, describe, expect, it, vi } from "vitest";
import { lastYearOf, selectableYears } from "./dates";
import { yearFrom } from "./useYear";

describe("the years a page offers", () => {
  it("stop at this year on the tracking pages, whatever the month", () => {
    expect(selectableYears("tracked", "2026-11-29")[0]).toBe(2026);
    expect(lastYearOf("tracked", "2026-12-31")).toBe(2026);
  });

  it("reach next year on the planning pages from 1 October (Shanghai date), newest first", () => {
    expect(selectableYears("planning", "2026-09-30").slice(0, 2)).toEqual([2026, 2025]);
    expect(selectableYears("planning", "2026-10-01").slice(0, 2)).toEqual([2027, 2026]);
    expect(selectableYears("planning", "2026-10-01").at(-1)).toBe(2021);
  });
});

describe("the year of a link", () => {
  afterEach(() => vi.useRealTimers());

  it("takes next year on a planning page in the autumn, and falls back to this year on the others", () => {
    // 16:30 UTC on 30 September is already 1 October in Shanghai.
    vi.useFakeTimers({ now: new Date("2026-09-30T16:30:00Z") });
    const params = new URLSearchParams("year=2027");
    expect(yearFrom(params, lastYearOf("planning"))).toBe(2027);
    expect(yearFrom(params)).toBe(2026);
  });

  it("falls back to this year for next year before 1 October, and for no year at all", () => {
    vi.useFakeTimers({ now: new Date("2026-09-30T12:00:00+08:00") });
    expect(yearFrom(new URLSearchParams("year=2027"), lastYearOf("planning"))).toBe(2026);
    expect(yearFrom(new URLSearchParams("year=abc"), lastYearOf("planning"))).toBe(2026);
    expect(yearFrom(new URLSearchParams("year=2020"), lastYearOf("planning"))).toBe(2026);
    expect(yearFrom(new URLSearchParams("year=2024"), lastYearOf("planning"))).toBe(2024);
  });
});
