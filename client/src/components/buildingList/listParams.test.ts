import { describe, expect, it } from "vitest";
import { listRequest, listStateFrom, PAGE_SIZE, patchedParams } from "./listParams";

const stateOf = (search: string, fixedAreaId?: number) => listStateFrom(new URLSearchParams(search), fixedAreaId);

describe("the building list's request", () => {
  it("asks the API for one blocker category, a page at a time, instead of fetching every blocked building", () => {
    const request = listRequest(stateOf("category=funding&page=3"));
    expect(request).toMatchObject({ blocked: true, blockerCategory: "funding", page: 3, pageSize: PAGE_SIZE });
  });

  it("drops a blocker category the API does not know, keeping the blocked filter", () => {
    const request = listRequest(stateOf("category=weather"));
    expect(request.blockerCategory).toBeUndefined();
    expect(request.blocked).toBe(true);
  });

  it("sends no flag that is off", () => {
    expect(listRequest(stateOf(""))).toEqual({
      areaId: undefined,
      zoneId: undefined,
      stage: undefined,
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

  it("ignores ids and pages that are not positive whole numbers", () => {
    expect(listRequest(stateOf("areaId=-1&zoneId=x&page=1.5"))).toMatchObject({
      areaId: undefined,
      zoneId: undefined,
      page: 1,
    });
  });
});

describe("changing a filter", () => {
  it("goes back to the first page", () => {
    const next = patchedParams(new URLSearchParams("stage=signed&page=4"), { stalled: true });
    expect(next.toString()).toBe("stage=signed&stalled=true");
  });

  it("keeps the page when the page is what changes", () => {
    expect(patchedParams(new URLSearchParams("stage=signed"), { page: 2 }).toString()).toBe("stage=signed&page=2");
  });

  it("removes a filter set to nothing, false or an empty choice", () => {
    const params = new URLSearchParams("blocked=true&category=funding&q=12号&year=2023");
    expect(patchedParams(params, { blocked: false, category: undefined, q: "" }).toString()).toBe("year=2023");
  });
});
