import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildArea, buildBuilding, buildUser, loginAs } from "../test/factories";
import { ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";

describe.each(ENGINES)("audit API on %s", (engine) => {
  let t: TestApp;
  let admin: request.Agent;
  let secretaryId: number;
  let areaId: number;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
    areaId = (await buildArea(t)).id;
    const secretary = await buildUser(t, "secretary", { areaId });
    secretaryId = secretary.id;
    const agent = await loginAs(t.app, secretary.username);
    const building = await buildBuilding(t, { areaId });
    await agent
      .post(`/api/buildings/${building.id}/stage`)
      .set(XHR)
      .set("If-Match", '"1"')
      .send({ stage: "signed", date: "2022-06-01" });
    await agent.patch(`/api/buildings/${building.id}`).set(XHR).set("If-Match", '"2"').send({ notes: "已公示" });
    const other = await buildBuilding(t);
    await admin
      .post(`/api/buildings/${other.id}/stage`)
      .set(XHR)
      .set("If-Match", '"1"')
      .send({ stage: "signed", date: "2022-06-02" });
  });
  afterAll(() => t.close());

  it("lists every change with who, when, what and the request id, newest first", async () => {
    const response = await admin.get("/api/audit");
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(3);
    expect(response.body.items[0]).toMatchObject({ action: "building.stage", after: { signedOn: "2022-06-02" } });
    expect(response.body.items[2]).toMatchObject({
      userId: secretaryId,
      displayName: "测试secretary",
      requestId: expect.any(String),
    });
  });

  it("filters by area, user, action and date range, and pages", async () => {
    expect((await admin.get(`/api/audit?areaId=${areaId}`)).body.items).toHaveLength(2);
    expect((await admin.get(`/api/audit?userId=${secretaryId}&action=building.update`)).body.items).toMatchObject([
      { after: { notes: "已公示" } },
    ]);
    expect((await admin.get("/api/audit?from=2022-06-15&to=2022-06-15")).body.items).toHaveLength(3);
    expect((await admin.get("/api/audit?from=2022-06-16")).body.items).toHaveLength(0);
    const page = await admin.get("/api/audit?limit=2");
    expect(page.body.items).toHaveLength(2);
    const next = await admin.get(`/api/audit?limit=2&before=${page.body.nextBefore}`);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.nextBefore).toBeNull();
  });

  it("names what changed as people know it: a building by its address, an area, zone or account by its name", async () => {
    const building = await buildBuilding(t, { address: "审计路 7号" });
    await admin.patch(`/api/buildings/${building.id}`).set(XHR).set("If-Match", '"1"').send({ notes: "看名称" });
    const zone = await admin.post("/api/zones").set(XHR).send({ name: "审计片区" });
    const area = await admin.post("/api/areas").set(XHR).send({ name: "审计居民区", zoneId: zone.body.id });
    const user = await admin
      .post("/api/users")
      .set(XHR)
      .send({ username: "audit-name", displayName: "审计员", role: "leader", password: "long-enough-1" });
    const rows = (await admin.get("/api/audit?limit=4")).body.items as { entity: string; entityLabel: string }[];
    expect(rows.map((row) => [row.entity, row.entityLabel])).toEqual([
      ["user", "审计员"],
      ["area", "审计居民区"],
      ["zone", "审计片区"],
      ["building", "审计路 7号"],
    ]);
    expect(user.status).toBe(201);
    expect(area.status).toBe(201);
  });

  it("refuses a malformed date filter naming it", async () => {
    const response = await admin.get("/api/audit?from=2022-13-01");
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toHaveProperty("from");
  });
});
