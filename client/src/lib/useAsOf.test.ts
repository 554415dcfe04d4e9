import { describe, expect, it } from "vitest";
import { asOfFrom, isFinal } from "./useAsOf";

describe("the 数据截至 day of a page", () => {
  it("is 31 December for a past year and today for this year, when the link names none", () => {
    expect(asOfFrom(null, 2025, "2026-06-15")).toBe("2025-12-31");
    expect(asOfFrom(null, 2026, "2026-06-15")).toBe("2026-06-15");
  });

  it("is the link's day, a later one starting at today, a broken one at the year's default", () => {
    expect(asOfFrom("2025-06-30", 2025, "2026-06-15")).toBe("2025-06-30");
    expect(asOfFrom("2027-01-01", 2026, "2026-06-15")).toBe("2026-06-15");
    expect(asOfFrom("2025-02-30", 2025, "2026-06-15")).toBe("2025-12-31");
    expect(asOfFrom("2010-12-31", 2025, "2026-06-15")).toBe("2025-12-31");
  });

  it("makes a year final only once its figures stand after 31 December", () => {
    expect(isFinal({ year: 2025, today: "2025-12-31" })).toBe(false);
    expect(isFinal({ year: 2025, today: "2026-01-01" })).toBe(true);
  });
});
