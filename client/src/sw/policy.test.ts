import { describe, expect, it } from "vitest";
import { changesUser, type RequestFacts, strategyFor } from "./policy";

const ORIGIN = "https://jiati.example";
const precached = new Set(["/index.html", "/assets/index-AbC123.js", "/manifest.webmanifest"]);

function facts(path: string, overrides: Partial<RequestFacts> = {}): RequestFacts {
  return { method: "GET", url: new URL(path, ORIGIN), origin: ORIGIN, navigate: false, precached, ...overrides };
}

describe("strategyFor", () => {
  it("answers the build's files from the precache and a page load with the shell as fallback", () => {
    expect(strategyFor(facts("/assets/index-AbC123.js"))).toBe("precache");
    expect(strategyFor(facts("/manifest.webmanifest"))).toBe("precache");
    expect(strategyFor(facts("/mine", { navigate: true }))).toBe("page");
    expect(strategyFor(facts("/assets/other-Xyz.js"))).toBe("network");
  });

  it("keeps the reads 我的楼栋 and a building's page need", () => {
    for (const path of [
      "/api/session",
      "/api/areas/3",
      "/api/areas/3/statuses",
      "/api/buildings?areaId=3&page=1&pageSize=500&sort=address",
      "/api/buildings/42",
      "/api/buildings/42/blocker/notes",
      "/api/blockers?areaId=3",
      "/api/summary?year=2022",
    ]) {
      expect(strategyFor(facts(path)), path).toBe("data");
    }
  });

  it("leaves alone writes, health, the change stream, exports, photos, other lists and other origins", () => {
    expect(strategyFor(facts("/api/buildings/42/stage", { method: "POST" }))).toBe("network");
    expect(strategyFor(facts("/api/buildings/42", { method: "PATCH" }))).toBe("network");
    expect(strategyFor(facts("/api/health"))).toBe("network");
    expect(strategyFor(facts("/api/stream"))).toBe("network");
    expect(strategyFor(facts("/api/export/buildings.xlsx?areaId=3"))).toBe("network");
    expect(strategyFor(facts("/api/photos/5"))).toBe("network");
    expect(strategyFor(facts("/api/buildings?stage=signed"))).toBe("network");
    expect(strategyFor(facts("/api/audit"))).toBe("network");
    expect(strategyFor(facts("https://cdn.example/x.js"))).toBe("network");
  });
});

describe("changesUser", () => {
  it("is a log-in or log-out, not a read of the session", () => {
    expect(changesUser("POST", new URL("/api/session", ORIGIN))).toBe(true);
    expect(changesUser("DELETE", new URL("/api/session", ORIGIN))).toBe(true);
    expect(changesUser("GET", new URL("/api/session", ORIGIN))).toBe(false);
    expect(changesUser("POST", new URL("/api/session/password", ORIGIN))).toBe(false);
  });
});
