import { describe, expect, it } from "vitest";
import { reportZoneFrom, withReportZone } from "./scope";

const params = (search: string) => new URLSearchParams(search);

describe("the report's scope", () => {
  it("is the zone the URL names, whoever reads it", () => {
    expect(reportZoneFrom(params("zoneId=3"), null)).toBe(3);
    expect(reportZoneFrom(params("zoneId=3"), 5)).toBe(3);
  });

  it("is a zone leader's own zone when the URL names none, else the town", () => {
    expect(reportZoneFrom(params("year=2022"), 5)).toBe(5);
    expect(reportZoneFrom(params("year=2022"), null)).toBeNull();
    expect(reportZoneFrom(params("zoneId=abc"), 5)).toBe(5);
  });

  it("is the town when the URL asks for it, even for a zone leader", () => {
    expect(reportZoneFrom(params("scope=town"), 5)).toBeNull();
  });

  it("round-trips through the URL, keeping the year and the day", () => {
    const town = withReportZone(params("year=2022&asOf=2022-06-30&zoneId=3"), null);
    expect(town.toString()).toBe("year=2022&asOf=2022-06-30&scope=town");
    expect(reportZoneFrom(town, 5)).toBeNull();
    const zone = withReportZone(town, 4);
    expect(zone.get("scope")).toBeNull();
    expect(reportZoneFrom(zone, 5)).toBe(4);
  });
});
