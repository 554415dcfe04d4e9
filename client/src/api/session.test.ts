import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { rememberedSession } from "../offline/lastSession";
import { sessionQuery } from "./session";
import type { SessionUser } from "./types";

const secretary = { id: 7, username: "sj-huasong", role: "secretary", areaId: 26 } as unknown as SessionUser;

const readSession = () => (sessionQuery.queryFn as () => Promise<SessionUser | null>)();

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body: unknown) {
  vi.stubGlobal("fetch", async () => new Response(JSON.stringify(body), { status }));
}

function noNetwork() {
  vi.stubGlobal("fetch", async () => {
    throw new TypeError("Failed to fetch");
  });
}

describe("the session query", () => {
  it("remembers the user the server names, and opens offline as that user when nothing answers", async () => {
    answer(200, { user: secretary });
    expect(await readSession()).toEqual(secretary);
    noNetwork();
    expect(await readSession()).toEqual(secretary);
  });

  it("forgets the user at a 401, so a device with no network then opens nothing", async () => {
    answer(200, { user: secretary });
    await readSession();
    answer(401, { error: { code: "unauthenticated", message: "请先登录" } });
    expect(await readSession()).toBeNull();
    expect(rememberedSession()).toBeNull();
    noNetwork();
    await expect(readSession()).rejects.toMatchObject({ status: 0 });
  });

  it("does not stand in for the server's other failures: a 503 is still an error", async () => {
    answer(200, { user: secretary });
    await readSession();
    answer(503, { error: { code: "database_unavailable", message: "数据库暂时不可用" } });
    await expect(readSession()).rejects.toMatchObject({ status: 503 });
  });

  it("ignores a kept value that is not a user", async () => {
    localStorage.setItem("jiati.lastSession", JSON.stringify({ hello: "world" }));
    noNetwork();
    await expect(readSession()).rejects.toMatchObject({ status: 0 });
  });
});
