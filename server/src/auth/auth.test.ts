import { eq } from "drizzle-orm";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginFailures, sessions } from "../core/db/schema";
import { buildArea, buildUser, loginAs, TEST_PASSWORD } from "../test/factories";
import { ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";
import { MAX_FAILURES } from "./service";
import { ABSOLUTE_LIFETIME_MS, IDLE_TIMEOUT_MS, SESSION_COOKIE } from "./sessions";

const HOUR = 3_600_000;

function sessionCookie(response: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(response.headers["set-cookie"] ?? []);
  return cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
}

describe.each(ENGINES)("sessions and request safety on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it("logs in with an HttpOnly, SameSite=Lax cookie whose id is stored only hashed", async () => {
    const user = await buildUser(t, "taskforce");
    const response = await t
      .anonymous()
      .post("/api/session")
      .set(XHR)
      .send({ username: user.username, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ username: user.username, role: "taskforce" });
    const cookie = sessionCookie(response) as string;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const id = decodeURIComponent(cookie.split(";")[0].split("=")[1]);
    expect(Buffer.from(id, "base64url").length).toBeGreaterThanOrEqual(16);
    const stored = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0].idHash).not.toContain(id);
  });

  it("issues a new session id at each login and ends the session on logout", async () => {
    const user = await buildUser(t, "leader");
    const agent = request.agent(t.app);
    const first = await agent.post("/api/session").set(XHR).send({ username: user.username, password: TEST_PASSWORD });
    const second = await agent.post("/api/session").set(XHR).send({ username: user.username, password: TEST_PASSWORD });
    expect(sessionCookie(first)).not.toEqual(sessionCookie(second));
    // The first login's session was replaced, not left alive.
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);
    const oldCookie = (sessionCookie(second) as string).split(";")[0];
    expect((await agent.get("/api/session")).status).toBe(200);
    expect((await agent.delete("/api/session").set(XHR)).status).toBe(204);
    expect((await t.anonymous().get("/api/session").set("Cookie", oldCookie)).status).toBe(401);
  });

  it("answers an unknown user exactly as a wrong password", async () => {
    const user = await buildUser(t, "leader");
    const wrong = await t
      .anonymous()
      .post("/api/session")
      .set(XHR)
      .send({ username: user.username, password: "wrong-password" });
    const unknown = await t
      .anonymous()
      .post("/api/session")
      .set(XHR)
      .send({ username: "nobody-here", password: "wrong-password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    expect(unknown.body.error.code).toBe(wrong.body.error.code);
  });

  it("spends the same password-hashing work on an unknown user as on a wrong password", async () => {
    const user = await buildUser(t, "leader");
    const time = async (username: string) => {
      const start = performance.now();
      await t.anonymous().post("/api/session").set(XHR).send({ username, password: "wrong-password" });
      return performance.now() - start;
    };
    await time("warm-up-user");
    const known = [await time(user.username), await time(user.username), await time(user.username)];
    const unknown = [await time("ghost-1"), await time("ghost-2"), await time("ghost-3")];
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    // Both paths run one scrypt (N=2^17); without it the unknown path would be ~100x faster.
    expect(mean(unknown) / mean(known)).toBeGreaterThan(0.33);
  });

  it("locks a username from one address after 10 failures in 15 minutes, with Retry-After", async () => {
    const user = await buildUser(t, "secretary", { areaId: (await buildArea(t)).id });
    const first = await t
      .anonymous()
      .post("/api/session")
      .set(XHR)
      .send({ username: user.username, password: "nope-nope" });
    expect(first.status).toBe(401);
    const [failure] = await t.db.select().from(loginFailures).where(eq(loginFailures.username, user.username));
    await t.db.insert(loginFailures).values(
      Array.from({ length: MAX_FAILURES - 2 }, () => ({
        username: user.username,
        address: failure.address,
        at: t.clock.now(),
      })),
    );
    const tenth = await t
      .anonymous()
      .post("/api/session")
      .set(XHR)
      .send({ username: user.username, password: "nope-nope" });
    expect(tenth.status).toBe(401);
    const locked = await t
      .anonymous()
      .post("/api/session")
      .set(XHR)
      .send({ username: user.username, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(locked.headers["retry-after"])).toBeLessThanOrEqual(15 * 60);
    // An unknown username is locked the same way.
    for (let i = 0; i < MAX_FAILURES; i++) {
      await t.anonymous().post("/api/session").set(XHR).send({ username: "ghost-lock", password: "nope-nope" });
    }
    expect(
      (await t.anonymous().post("/api/session").set(XHR).send({ username: "ghost-lock", password: "x" })).status,
    ).toBe(429);
    // After the window the correct password works again.
    t.clock.advance(16 * 60_000);
    const later = await t
      .anonymous()
      .post("/api/session")
      .set(XHR)
      .send({ username: user.username, password: TEST_PASSWORD });
    expect(later.status).toBe(200);
    t.clock.set("2022-06-15");
  });

  it("ends a session idle for 8 hours", async () => {
    const user = await buildUser(t, "leader");
    const agent = await loginAs(t.app, user.username);
    t.clock.advance(IDLE_TIMEOUT_MS - HOUR);
    expect((await agent.get("/api/session")).status).toBe(200);
    t.clock.advance(IDLE_TIMEOUT_MS + 60_000);
    expect((await agent.get("/api/session")).status).toBe(401);
    t.clock.set("2022-06-15");
  });

  it("ends a session 7 days after login even when it is used", async () => {
    const user = await buildUser(t, "leader");
    const agent = await loginAs(t.app, user.username);
    for (let elapsed = 0; elapsed < ABSOLUTE_LIFETIME_MS - 6 * HOUR; elapsed += 6 * HOUR) {
      t.clock.advance(6 * HOUR);
      expect((await agent.get("/api/session")).status).toBe(200);
    }
    t.clock.advance(7 * HOUR);
    expect((await agent.get("/api/session")).status).toBe(401);
    t.clock.set("2022-06-15");
  });

  it("ends every session of a user who is disabled", async () => {
    const admin = await buildUser(t, "taskforce");
    const user = await buildUser(t, "leader");
    const adminAgent = await loginAs(t.app, admin.username);
    const userAgent = await loginAs(t.app, user.username);
    const disabled = await adminAgent.patch(`/api/users/${user.id}`).set(XHR).send({ disabled: true });
    expect(disabled.status).toBe(200);
    expect((await userAgent.get("/api/session")).status).toBe(401);
    const again = await t
      .anonymous()
      .post("/api/session")
      .set(XHR)
      .send({ username: user.username, password: TEST_PASSWORD });
    expect(again.status).toBe(401);
  });

  it("lets anyone change their own password, which ends their other sessions", async () => {
    const user = await buildUser(t, "leader");
    const phone = await loginAs(t.app, user.username);
    const desk = await loginAs(t.app, user.username);
    const wrong = await desk
      .post("/api/session/password")
      .set(XHR)
      .send({ currentPassword: "not-it", newPassword: "a-new-password" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toHaveProperty("currentPassword");
    const short = await desk
      .post("/api/session/password")
      .set(XHR)
      .send({ currentPassword: TEST_PASSWORD, newPassword: "short" });
    expect(short.body.error.fields).toHaveProperty("newPassword");
    const changed = await desk
      .post("/api/session/password")
      .set(XHR)
      .send({ currentPassword: TEST_PASSWORD, newPassword: "a-new-password" });
    expect(changed.status).toBe(204);
    expect((await desk.get("/api/session")).status).toBe(200);
    expect((await phone.get("/api/session")).status).toBe(401);
  });

  it("refuses state-changing requests without X-Requested-With", async () => {
    const response = await t.anonymous().post("/api/session").send({ username: "a", password: "b" });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain("X-Requested-With");
  });

  it("sends security headers and no X-Powered-By", async () => {
    const response = await t.anonymous().get("/api/health");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "ok", engine });
    expect((await t.anonymous().get("/api/health?deep=true")).body).toMatchObject({ status: "ok", engine });
    const csp = response.headers["content-security-policy"];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["referrer-policy"]).toBe("same-origin");
    expect(response.headers["x-powered-by"]).toBeUndefined();
  });

  it("answers 413 to a JSON body over 1 MB and 400 to malformed JSON", async () => {
    const user = await buildUser(t, "taskforce");
    const agent = await loginAs(t.app, user.username);
    const big = await agent
      .post("/api/buildings")
      .set(XHR)
      .set("Content-Type", "application/json")
      .send(JSON.stringify({ areaId: 1, address: "x", notes: "长".repeat(600_000) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("payload_too_large");
    const broken = await agent
      .post("/api/buildings")
      .set(XHR)
      .set("Content-Type", "application/json")
      .send("{not json");
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("invalid_json");
  });

  it("answers 401 in the error shape without a session, but serves health", async () => {
    const response = await t.anonymous().get("/api/buildings");
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ code: "unauthenticated" });
    expect((await t.anonymous().get("/api/health")).status).toBe(200);
  });
});
