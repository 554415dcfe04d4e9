import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CACHED_AT_HEADER } from "../sw/policy";
import { noteAnswer, useCachedSince } from "./freshness";

const fromCache = (at: number) => new Headers({ [CACHED_AT_HEADER]: String(at) });
const fresh = () => new Headers();

describe("useCachedSince", () => {
  it("is when the oldest answer from the service worker's cache was fetched, until each is answered afresh", () => {
    const { result } = renderHook(() => useCachedSince());
    expect(result.current).toBeNull();
    act(() => noteAnswer("/api/buildings?areaId=3", fromCache(2_000)));
    act(() => noteAnswer("/api/summary?year=2022", fromCache(1_000)));
    expect(result.current).toBe(1_000);
    act(() => noteAnswer("/api/summary?year=2022", fresh()));
    expect(result.current).toBe(2_000);
    act(() => noteAnswer("/api/buildings?areaId=3", fresh()));
    expect(result.current).toBeNull();
  });
});
