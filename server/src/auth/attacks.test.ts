// Attacks on logins, sessions and live streams, each reproduced: parallel guesses racing the failure count,
// a forged X-Forwarded-For, a flood of logins, guesses at the current password, usernames that differ only
// in case, malformed and unknown session cookies, and streams outliving their session.

import type http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../core/config";
import { auditLog, loginFailures, users } from "../core/db/schema";
import { buildUser, loginAs, TEST_PASSWORD } from "../test/factories";
import { databaseFingerprint, ENGINES, freshDatabase, startTestApp, type TestApp, XHR } from "../test/harness";
import { listen, openStream } from "../test/streams";
import { MAX_FAILURES } from "./attempts";
import { MAX_CONCURRENT_HASHES, MAX_WAITING_HASHES } from "./passwords";
import { SESSION_COOKIE } from "./sessions";

const login = (t: TestApp, username: string, password: string, forwardedFor?: string) => {
  const req = t.anonymous().post("/api/session").set(XHR);
  if (forwardedFor) req.set("X-Forwarded-For", forwardedFor);
  return req.send({ username, password });
};

function countBy(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe("TRUST_PROXY", () => {
  it("trusts a number of proxies, never every hop", () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.1, 10.1.0.0/16" }).TRUST_PROXY).toEqual(["10.0.0.1", "10.1.0.0/16"]);
    expect(() => loadConfig({ TRUST_PROXY: "yes" })).toThrow("TRUST_PROXY");
  });
});

describe.each(ENGINES)("attacks on logins and sessions on %s", (engine) => {
  let t: TestApp;
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp(engine, { trustProxy: 1, streamLimits: { perSession: 2, perServer: 3 } });
    server = await listen(t.app);
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it("counts parallel guesses before checking them: of 40 at once, at most the limit are checked", async () => {
    const user = await buildUser(t, "leader");
    const attempts = Array.from({ length: 40 }, (_, i) =>
      login(t, user.username, i === 39 ? TEST_PASSWORD : `wrong-${i}`, "203.0.113.5"),
    );
    const statuses = (await Promise.all(attempts)).map((response) => response.status);
    const counts = countBy(statuses);
    expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBeLessThanOrEqual(MAX_FAILURES);
    expect(counts[429]).toBeGreaterThanOrEqual(40 - MAX_FAILURES);
  });

  it("keys the limit on the address the proxy appended, not on what the client wrote in X-Forwarded-For", async () => {
    const user = await buildUser(t, "leader");
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILURES + 2; i++) {
      statuses.push((await login(t, user.username, "wrong", `198.51.100.${i}, 192.0.2.44`)).status);
    }
    expect(statuses.slice(0, MAX_FAILURES).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(MAX_FAILURES)).toEqual([429, 429]);
    const keys = await t.db.select().from(loginFailures).where(eq(loginFailures.username, user.username));
    expect(new Set(keys.map((row) => row.address))).toEqual(new Set(["192.0.2.44"]));
  });

  it("checks at most a few passwords at once in a flood of logins, refusing the rest, and keeps serving", async () => {
    const flood = Array.from({ length: 40 }, (_, i) => login(t, `nobody-${i}`, "guess", `192.0.2.${100 + i}`));
    const started = performance.now();
    const health = await t.anonymous().get("/api/health");
    const healthMs = performance.now() - started;
    const responses = await Promise.all(flood);
    const counts = countBy(responses.map((response) => response.status));
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(1_000);
    expect(counts[401]).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES + MAX_WAITING_HASHES);
    expect(counts[429]).toBeGreaterThanOrEqual(40 - MAX_CONCURRENT_HASHES - MAX_WAITING_HASHES);
    const busy = responses.find((response) => response.status === 429);
    expect(busy?.body.error.message).toContain("繁忙");
    // A refusal for being busy is no failed guess: those addresses are not held against.
    const failures = await t.db.select().from(loginFailures);
    expect(failures.filter((row) => row.username.startsWith("nobody-"))).toHaveLength(counts[401] ?? 0);
  });

  it("limits guesses at the current password when changing it", async () => {
    const user = await buildUser(t, "secretary");
    const agent = await loginAs(t.app, user.username);
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILURES + 2; i++) {
      const response = await agent
        .post("/api/session/password")
        .set(XHR)
        .send({ currentPassword: `guess-${i}`, newPassword: "another-password-1" });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, MAX_FAILURES).every((status) => status === 400)).toBe(true);
    expect(statuses.slice(MAX_FAILURES)).toEqual([429, 429]);
  });

  it("keeps usernames unique regardless of case, and logs in whatever case is typed", async () => {
    const admin = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
    const first = await admin
      .post("/api/users")
      .set(XHR)
      .send({ username: "leader6", displayName: "领导六", role: "leader", password: "long-enough-1" });
    expect(first.status).toBe(201);
    const clash = await admin
      .post("/api/users")
      .set(XHR)
      .send({ username: "LEADER6", displayName: "另一个", role: "leader", password: "long-enough-1" });
    expect(clash.status).toBe(409);
    expect(clash.body.error.fields).toHaveProperty("username");
    expect((await login(t, "Leader6", "long-enough-1")).status).toBe(200);
  });

  it("treats a malformed session cookie as no session", async () => {
    for (const cookie of ["%E0%A4%A", "x", "a".repeat(43).replace(/^a/, "%")]) {
      const header = `${SESSION_COOKIE}=${cookie}`;
      expect((await t.anonymous().get("/api/session").set("Cookie", header)).status, cookie).toBe(401);
      expect((await t.anonymous().get("/api/summary?year=2022").set("Cookie", header)).status, cookie).toBe(401);
      expect((await t.anonymous().delete("/api/session").set(XHR).set("Cookie", header)).status, cookie).toBe(204);
    }
  });

  it("logs out an unknown session without writing or telling anyone", async () => {
    const before = await databaseFingerprint(t.database);
    const generation = t.hub.generation;
    const response = await t
      .anonymous()
      .delete("/api/session")
      .set(XHR)
      .set("Cookie", `${SESSION_COOKIE}=${"A".repeat(43)}`);
    expect(response.status).toBe(204);
    expect(t.hub.generation).toBe(generation);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it("ends a session's streams at logout, password change and when the account is disabled", async () => {
    const admin = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
    const cookieOf = async (agent: request.Agent) => (await agent.get("/api/session")).request.cookies;

    const loggingOut = await loginAs(t.app, (await buildUser(t, "leader")).username);
    const stream1 = await openStream(port, await cookieOf(loggingOut));
    await loggingOut.delete("/api/session").set(XHR);
    expect(await stream1.endsWithin(2_000)).toBe(true);

    const changing = await loginAs(t.app, (await buildUser(t, "leader")).username);
    const stream2 = await openStream(port, await cookieOf(changing));
    const changed = await changing
      .post("/api/session/password")
      .set(XHR)
      .send({ currentPassword: TEST_PASSWORD, newPassword: "another-password-2" });
    expect(changed.status).toBe(204);
    expect(await stream2.endsWithin(2_000)).toBe(true);

    const disabledUser = await buildUser(t, "leader");
    const disabled = await loginAs(t.app, disabledUser.username);
    const stream3 = await openStream(port, await cookieOf(disabled));
    const patch = await admin.patch(`/api/users/${disabledUser.id}`).set(XHR).send({ disabled: true });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    expect(await stream3.endsWithin(2_000)).toBe(true);
    for (const stream of [stream1, stream2, stream3]) await stream.close();
  });

  it("caps streams per session and per server", async () => {
    const one = await loginAs(t.app, (await buildUser(t, "leader")).username);
    const two = await loginAs(t.app, (await buildUser(t, "leader")).username);
    const cookieOne = (await one.get("/api/session")).request.cookies;
    const cookieTwo = (await two.get("/api/session")).request.cookies;
    const a = await openStream(port, cookieOne);
    const b = await openStream(port, cookieOne);
    const c = await openStream(port, cookieOne);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 429]);
    const d = await openStream(port, cookieTwo);
    const e = await openStream(port, cookieTwo);
    expect([d.status, e.status]).toEqual([200, 429]);
    for (const stream of [a, b, c, d, e]) await stream.close();
    // Closed streams free their places.
    const f = await openStream(port, cookieTwo);
    expect(f.status).toBe(200);
    await f.close();
  });
});

describe.each(ENGINES)("the upgrade to case-insensitive usernames on %s", (engine) => {
  it("renames the later of two usernames that differ only in case, and records it", async () => {
    const database = await freshDatabase(engine);
    try {
      const [kept] = await database.db
        .insert(users)
        .values({ username: "zhang", displayName: "张", role: "leader", passwordHash: "x" })
        .returning();
      // The index the migration created is what forbids this now; drop it to stand for an older database.
      await database.db.execute("drop index users_username_lower_idx");
      const [clash] = await database.db
        .insert(users)
        .values({ username: "ZHANG", displayName: "张二", role: "leader", passwordHash: "x" })
        .returning();
      const migration = (await import("node:fs")).readFileSync(
        new URL("../../drizzle/0002_usernames_and_preview_pages.sql", import.meta.url),
        "utf8",
      );
      const [renameStatement] = migration.split("--> statement-breakpoint");
      await database.db.execute(renameStatement as string);
      await database.db.execute('CREATE UNIQUE INDEX "users_username_lower_idx" ON "users" (lower("username"))');
      const names = await database.db.select({ id: users.id, username: users.username }).from(users);
      expect(names).toEqual(
        expect.arrayContaining([
          { id: kept?.id, username: "zhang" },
          { id: clash?.id, username: `ZHANG-${clash?.id}` },
        ]),
      );
      const [record] = await database.db.select().from(auditLog).where(eq(auditLog.action, "user.rename"));
      expect(record?.before).toEqual({ username: "ZHANG" });
    } finally {
      await database.close();
    }
  });
});
