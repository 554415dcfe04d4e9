import { describe, expect, it } from "vitest";
import { activeFilters, listRequest, listStateFrom, PAGE_SIZE, patchedParams, wholeYearOf } from "./listParams";

const stateOf = (search: string, fixedAreaId?: number) => listStateFrom(new URLSearchParams(search), fixedAreaId);

describe("the building list's request", () => {
  it("asks the API for one blocker category, a page at a time, instead of fetching every blocked building", () => {
    const request = listRequest(stateOf("blockerCategory=funding&page=3"));
    expect(request).toMatchObject({ blocked: true, blockerCategory: "funding", page: 3, pageSize: PAGE_SIZE });
  });

  it("reads the category under its older name too, so old links keep working", () => {
    expect(listRequest(stateOf("blocked=true&category=pipelines")).blockerCategory).toBe("pipelines");
  });

  it("drops a blocker category the API does not know, keeping the blocked filter", () => {
    const request = listRequest(stateOf("blockerCategory=weather&blocked=true"));
    expect(request.blockerCategory).toBeUndefined();
    expect(request.blocked).toBe(true);
  });

  it("asks for the buildings a figure counted: stage, range and scope", () => {
    const request = listRequest(stateOf("zoneId=2&counted=signed&from=2026-01-01&to=2026-12-31"));
    expect(request).toMatchObject({ zoneId: 2, counted: "signed", from: "2026-01-01", to: "2026-12-31" });
  });

  it("leaves out a count without both ends of its range, or with them reversed", () => {
    for (const search of ["counted=signed&from=2026-01-01", "counted=signed&from=2026-02-01&to=2026-01-01"]) {
      expect(listRequest(stateOf(search)), search).toMatchObject({
        counted: undefined,
        from: undefined,
        to: undefined,
      });
    }
    expect(listRequest(stateOf("counted=planned&from=2026-01-01&to=2026-12-31")).counted).toBeUndefined();
  });

  it("passes the stalled kind the dashboard links with", () => {
    expect(listRequest(stateOf("stalled=started")).stalled).toBe("started");
    expect(listRequest(stateOf("stalled=signed")).stalled).toBe("signed");
    expect(listRequest(stateOf("stalled=true")).stalled).toBe("true");
    expect(listRequest(stateOf("stalled=maybe")).stalled).toBeUndefined();
  });

  it("sends no flag that is off", () => {
    expect(listRequest(stateOf(""))).toEqual({
      areaId: undefined,
      zoneId: undefined,
      stage: undefined,
      counted: undefined,
      from: undefined,
      to: undefined,
      q: undefined,
      stalled: undefined,
      blocked: undefined,
      blockerCategory: undefined,
      sort: "address",
      page: 1,
      pageSize: PAGE_SIZE,
    });
  });

  it("takes the area and zone from the URL, unless the page fixes the area", () => {
    expect(listRequest(stateOf("areaId=4&zoneId=2"))).toMatchObject({ areaId: 4, zoneId: 2 });
    expect(listRequest(stateOf("areaId=4&zoneId=2", 9))).toMatchObject({ areaId: 9, zoneId: undefined });
  });

  it("ignores ids and pages that are not positive whole numbers, and stages and sorts it does not know", () => {
    expect(listRequest(stateOf("areaId=-1&zoneId=x&page=1.5&stage=flying&sort=random"))).toMatchObject({
      areaId: undefined,
      zoneId: undefined,
      page: 1,
      stage: undefined,
      sort: "address",
    });
  });
});

describe("changing a filter", () => {
  it("goes back to the first page", () => {
    const next = patchedParams(new URLSearchParams("stage=signed&page=4"), { stalled: "true" });
    expect(next.toString()).toBe("stage=signed&stalled=true");
  });

  it("keeps the page when the page is what changes", () => {
    expect(patchedParams(new URLSearchParams("stage=signed"), { page: 2 }).toString()).toBe("stage=signed&page=2");
  });

  it("removes a filter set to nothing, false or an empty choice, and the category's older name with it", () => {
    const params = new URLSearchParams("blocked=true&category=funding&q=12号&year=2023");
    expect(patchedParams(params, { blocked: false, blockerCategory: undefined, q: "" }).toString()).toBe("year=2023");
  });
});

describe("the active filters' chips", () => {
  const kinds = (search: string, fixedAreaId?: number) => activeFilters(stateOf(search), fixedAreaId);

  it("names each active filter once, in reading order, and nothing when none is set", () => {
    expect(kinds("")).toEqual([]);
    const search =
      "blockerCategory=funding&stalled=started&stage=signed&counted=signed&from=2026-01-01&to=2026-12-31&areaId=3&zoneId=1";
    expect(kinds(search).map((chip) => chip.kind)).toEqual(["zone", "area", "counted", "stage", "stalled", "blocked"]);
  });

  it("removes a count with its range, and a blocker with its category", () => {
    const chips = kinds("counted=started&from=2026-01-01&to=2026-06-30&blockerCategory=approval");
    const after = chips.reduce(
      (params, chip) => patchedParams(params, chip.remove),
      new URLSearchParams("counted=started&from=2026-01-01&to=2026-06-30&blockerCategory=approval&year=2026"),
    );
    expect(after.toString()).toBe("year=2026");
  });

  it("shows no area or zone chip on a page fixed to one area", () => {
    expect(kinds("zoneId=1&areaId=3&stage=planned", 3).map((chip) => chip.kind)).toEqual(["stage"]);
  });

  it("tells a whole year's count from any other range", () => {
    expect(wholeYearOf({ stage: "signed", from: "2026-01-01", to: "2026-12-31" })).toBe(2026);
    expect(wholeYearOf({ stage: "signed", from: "2026-06-08", to: "2026-06-14" })).toBeNull();
    expect(wholeYearOf({ stage: "signed", from: "2025-01-01", to: "2026-12-31" })).toBeNull();
  });
});
