// Areas' status lines through the API (docs/DOMAIN.md § Area status lines): written by the area's secretary
// or the task force, dated by the server, the latest per area for everyone, a short history, audited.

import { eq } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../core/db/schema";
import { buildArea, buildUser, buildZone, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, TEST_TODAY, type TestApp, XHR } from "../test/harness";

describe.each(ENGINES)("area status lines on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let secretary: request.Agent;
  let otherSecretary: request.Agent;
  let leader: request.Agent;
  let zoneId: number;
  let areaId: number;
  let otherAreaId: number;
  let farAreaId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    zoneId = (await buildZone(t)).id;
    areaId = (await buildArea(t, { zoneId, sortOrder: 2 })).id;
    otherAreaId = (await buildArea(t, { zoneId, sortOrder: 1 })).id;
    farAreaId = (await buildArea(t)).id;
    taskforce = await loginAs(t.app, (await buildUser(t, "taskforce", { displayName: "专班小王" })).username);
    secretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId, displayName: "书记老李" })).username);
    otherSecretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId: otherAreaId })).username);
    leader = await loginAs(t.app, (await buildUser(t, "leader", { zoneId })).username);
  });
  afterAll(() => t.close());

  const write = (agent: request.Agent, id: number, text: unknown) =>
    agent.post(`/api/areas/${id}/status`).set(XHR).send({ text });

  it("keeps every line, answers the latest per area in the areas' order, with date and author", async () => {
    const first = await write(secretary, areaId, "三幢楼低层居民仍有顾虑，本周再次协调");
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ areaId, date: TEST_TODAY, author: "书记老李" });
    t.clock.advance(60_000);
    await write(taskforce, areaId, "  专班已约谈施工单位  ");
    await write(otherSecretary, otherAreaId, "两台已开工，一台等审批");
    await write(taskforce, farAreaId, "别的片区");

    const latest = await leader.get(`/api/area-statuses?zoneId=${zoneId}`);
    expect(latest.status).toBe(200);
    expect(
      latest.body.map((row: { areaId: number; text: string; author: string }) => [row.areaId, row.text, row.author]),
    ).toEqual([
      [otherAreaId, "两台已开工，一台等审批", expect.any(String)],
      [areaId, "专班已约谈施工单位", "专班小王"],
    ]);
    expect(latest.body[1]).toMatchObject({ date: TEST_TODAY, id: expect.any(Number), at: expect.any(String) });
    const all = await secretary.get("/api/area-statuses");
    expect(all.body.map((row: { areaId: number }) => row.areaId)).toEqual(
      expect.arrayContaining([areaId, otherAreaId, farAreaId]),
    );
    const history = await leader.get(`/api/areas/${areaId}/statuses`);
    expect(history.body.map((row: { text: string }) => row.text)).toEqual([
      "专班已约谈施工单位",
      "三幢楼低层居民仍有顾虑，本周再次协调",
    ]);

    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "area.status"));
    expect(audits.filter((row) => row.areaId === areaId)).toMatchObject([
      { entity: "area", entityId: String(areaId), after: { text: "三幢楼低层居民仍有顾虑，本周再次协调" } },
      { entity: "area", entityId: String(areaId), after: { text: "专班已约谈施工单位", date: TEST_TODAY } },
    ]);
  });

  it("refuses an empty or too long line, naming the field, and writes nothing", async () => {
    const before = await databaseFingerprint(t.database);
    for (const text of ["   ", "说".repeat(121), 7]) {
      const response = await write(secretary, areaId, text);
      expect(response.status, String(text)).toBe(400);
      expect(response.body.error.fields).toHaveProperty("text");
    }
    expect(await databaseFingerprint(t.database)).toEqual(before);
    expect((await write(secretary, areaId, "说".repeat(120))).status).toBe(201);
  });

  it("lets only the area's secretary and the task force write, and everyone logged in read", async () => {
    const before = await databaseFingerprint(t.database);
    expect((await write(otherSecretary, areaId, "越权")).status).toBe(403);
    expect((await write(leader, areaId, "领导")).status).toBe(403);
    expect((await t.anonymous().post(`/api/areas/${areaId}/status`).set(XHR).send({ text: "x" })).status).toBe(401);
    expect((await write(taskforce, 999_999, "无此居民区")).status).toBe(404);
    expect(await databaseFingerprint(t.database)).toEqual(before);
    expect((await t.anonymous().get("/api/area-statuses")).status).toBe(401);
    expect((await otherSecretary.get(`/api/area-statuses?zoneId=${zoneId}`)).status).toBe(200);
    expect((await leader.get("/api/area-statuses?zoneId=x")).status).toBe(400);
    expect((await leader.get("/api/areas/999999/statuses")).status).toBe(404);
  });
});
