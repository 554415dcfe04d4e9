import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildArea, buildUser, buildZone, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";

describe.each(ENGINES)("users API on %s", (engine) => {
  let t: TestApp;
  let agent: request.Agent;
  let adminId: number;
  beforeAll(async () => {
    t = await startTestApp(engine);
    const admin = await buildUser(t, "taskforce");
    adminId = admin.id;
    agent = await loginAs(t.app, admin.username);
  });
  afterAll(() => t.close());

  it("adds a secretary bound to an area, who can then log in", async () => {
    const area = await buildArea(t);
    const created = await agent.post("/api/users").set(XHR).send({
      username: "sj-test",
      displayName: "测试书记",
      role: "secretary",
      areaId: area.id,
      password: "secret-pass-1",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: "sj-test", role: "secretary", areaId: area.id, disabled: false });
    expect(created.body).not.toHaveProperty("passwordHash");
    const login = await t
      .anonymous()
      .post("/api/session")
      .set(XHR)
      .send({ username: "sj-test", password: "secret-pass-1" });
    expect(login.status).toBe(200);
    const list = await agent.get("/api/users");
    expect(list.body.map((u: { username: string }) => u.username)).toContain("sj-test");
  });

  it("refuses a short password, a secretary without an area, and a duplicate username, writing nothing", async () => {
    const before = await databaseFingerprint(t.database);
    const short = await agent
      .post("/api/users")
      .set(XHR)
      .send({ username: "short-pw", displayName: "x", role: "leader", password: "1234567" });
    expect(short.status).toBe(400);
    expect(short.body.error.fields).toHaveProperty("password");
    const noArea = await agent
      .post("/api/users")
      .set(XHR)
      .send({ username: "no-area", displayName: "x", role: "secretary", password: "long-enough" });
    expect(noArea.body.error.fields).toHaveProperty("areaId");
    const existing = await buildUser(t, "leader");
    const before2 = await databaseFingerprint(t.database);
    const duplicate = await agent
      .post("/api/users")
      .set(XHR)
      .send({ username: existing.username, displayName: "x", role: "leader", password: "long-enough" });
    expect(duplicate.status).toBe(409);
    expect(await databaseFingerprint(t.database)).toEqual(before2);
    expect(before.users).not.toEqual(before2.users);
  });

  it("changes role and zone, resets a password, and keeps the task force from locking itself out", async () => {
    const zone = await buildZone(t);
    const user = await buildUser(t, "leader");
    const bound = await agent.patch(`/api/users/${user.id}`).set(XHR).send({ zoneId: zone.id });
    expect(bound.body).toMatchObject({ role: "leader", zoneId: zone.id });
    const reset = await agent.patch(`/api/users/${user.id}`).set(XHR).send({ password: "brand-new-pass" });
    expect(reset.status).toBe(200);
    expect(
      (await t.anonymous().post("/api/session").set(XHR).send({ username: user.username, password: "brand-new-pass" }))
        .status,
    ).toBe(200);
    const toSecretary = await agent.patch(`/api/users/${user.id}`).set(XHR).send({ role: "secretary" });
    expect(toSecretary.status).toBe(400);
    expect(toSecretary.body.error.fields).toHaveProperty("areaId");
    const self = await agent.patch(`/api/users/${adminId}`).set(XHR).send({ disabled: true });
    expect(self.status).toBe(400);
  });
});
