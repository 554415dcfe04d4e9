import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiPath, request } from "./http";

afterEach(() => vi.unstubAllGlobals());

/** Answers every fetch with `response`, and returns what was asked. */
function stubFetch(response: () => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return response();
  });
  return calls;
}

describe("request", () => {
  it("marks a write as the page's own (X-Requested-With) and sends the version it edits as If-Match", async () => {
    const calls = stubFetch(() => new Response("{}", { status: 200 }));
    await request("/buildings/7", { method: "PATCH", body: { floors: 7 }, version: 4 });
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(calls[0]?.url).toBe("/api/buildings/7");
    expect(headers["X-Requested-With"]).toBeTruthy();
    expect(headers["If-Match"]).toBe('"4"');
    expect(calls[0]?.init.body).toBe('{"floors":7}');
  });

  it("sends a read without the write header", async () => {
    const calls = stubFetch(() => new Response("[]", { status: 200 }));
    await request("/zones");
    expect(calls[0]?.init.headers).not.toHaveProperty("X-Requested-With");
  });

  it("throws a stale version with the record as it is now, so the page can show what changed", async () => {
    const current = { id: 7, version: 5 };
    stubFetch(
      () =>
        new Response(JSON.stringify({ error: { code: "stale_version", message: "已被他人修改", current } }), {
          status: 409,
        }),
    );
    const answer = request("/buildings/7", { method: "PATCH", body: {}, version: 4 });
    await expect(answer).rejects.toBeInstanceOf(ApiError);
    await expect(answer).rejects.toMatchObject({
      status: 409,
      code: "stale_version",
      message: "已被他人修改",
      current,
    });
  });

  it("carries the server's field errors and how long to wait after too many attempts", async () => {
    stubFetch(
      () =>
        new Response(
          JSON.stringify({ error: { code: "too_many_requests", message: "稍后再试", fields: { a: "b" } } }),
          {
            status: 429,
            headers: { "Retry-After": "120" },
          },
        ),
    );
    await expect(request("/session", { method: "POST", body: {} })).rejects.toMatchObject({
      status: 429,
      fields: { a: "b" },
      retryAfter: 120,
    });
  });

  it("names an answer that is not JSON by its status", async () => {
    stubFetch(() => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    await expect(request("/summary")).rejects.toMatchObject({ status: 502, code: "http_502", message: "Bad Gateway" });
  });

  it("turns a failed connection into a network error", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(request("/summary")).rejects.toMatchObject({ status: 0, code: "network" });
  });
});

describe("apiPath", () => {
  it("leaves out empty, null and false parameters", () => {
    expect(apiPath("/buildings", { areaId: 3, q: "", stalled: false, blocked: true, zoneId: null })).toBe(
      "/api/buildings?areaId=3&blocked=true",
    );
  });
});
