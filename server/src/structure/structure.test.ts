import { standingCounts } from "@jiati/shared";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildArea, buildBuilding, buildZone } from "../test/factories";
import { ENGINES, startWithTaskforce, type TestApp, XHR } from "../test/harness";

describe.each(ENGINES)("zones and areas API on %s", (engine) => {
  let t: TestApp;
  let agent: request.Agent;
  beforeAll(async () => {
    ({ t, agent } = await startWithTaskforce(engine));
  });
  afterAll(() => t.close());

  it("lists areas and zones with their buildings counted by current stage", async () => {
    const zone = await buildZone(t);
    const area = await buildArea(t, { zoneId: zone.id });
    await buildBuilding(t, { areaId: area.id });
    await buildBuilding(t, { areaId: area.id, signedOn: "2022-01-01" });
    await buildBuilding(t, {
      areaId: area.id,
      signedOn: "2022-01-01",
      startedOn: "2022-02-01",
      completedOn: "2022-05-01",
    });
    await buildBuilding(t, { areaId: area.id, withdrawn: true, blockerCategory: "funding" });
    const one = await agent.get(`/api/areas/${area.id}`);
    expect(one.body).toMatchObject({
      id: area.id,
      zoneId: zone.id,
      zoneName: zone.name,
      counts: { planned: 1, signed: 1, started: 0, completed: 1, withdrawn: 1, blocked: 0, total: 4 },
    });
    const zones = await agent.get("/api/zones");
    expect(zones.body.find((z: { id: number }) => z.id === zone.id)).toMatchObject({
      areaCount: 1,
      counts: { total: 4 },
    });
    const inZone = await agent.get(`/api/areas?zoneId=${zone.id}`);
    expect(inZone.body.map((a: { id: number }) => a.id)).toEqual([area.id]);
    expect((await agent.get("/api/areas/99999")).status).toBe(404);
  });

  it("counts an area's buildings as 我的楼栋 groups them: the shared standingCounts of its list", async () => {
    const area = await buildArea(t);
    await buildBuilding(t, { areaId: area.id });
    await buildBuilding(t, { areaId: area.id, blockerCategory: "funding" });
    await buildBuilding(t, { areaId: area.id, signedOn: "2022-01-01", blockerCategory: "approval" });
    await buildBuilding(t, {
      areaId: area.id,
      signedOn: "2021-01-01",
      startedOn: "2021-02-01",
      completedOn: "2021-08-01",
      blockerCategory: "other",
    });
    await buildBuilding(t, { areaId: area.id, signedOn: "2022-02-01", withdrawn: true, blockerCategory: "funding" });
    const list = await agent.get(`/api/buildings?areaId=${area.id}&pageSize=500`);
    const counts = (await agent.get(`/api/areas/${area.id}`)).body.counts;
    expect(counts).toEqual(standingCounts(list.body.items));
    // 意向 counts the blocked candidate too; 受阻 neither the completed nor the withdrawn building.
    expect(counts).toMatchObject({ planned: 2, signed: 1, completed: 1, withdrawn: 1, blocked: 2, total: 5 });
  });

  it("adds and renames zones and areas, and moves an area between zones with its counts", async () => {
    const zoneA = await agent.post("/api/zones").set(XHR).send({ name: "北片" });
    const zoneB = await agent.post("/api/zones").set(XHR).send({ name: "南片" });
    expect(zoneA.status).toBe(201);
    const area = await agent.post("/api/areas").set(XHR).send({ name: "样板居民区", zoneId: zoneA.body.id });
    expect(area.status).toBe(201);
    await buildBuilding(t, { areaId: area.body.id, signedOn: "2022-03-01" });
    const moved = await agent
      .patch(`/api/areas/${area.body.id}`)
      .set(XHR)
      .send({ zoneId: zoneB.body.id, name: "样板居民区（新）" });
    expect(moved.status).toBe(200);
    const zones = await agent.get("/api/zones");
    const byId = (id: number) => zones.body.find((z: { id: number }) => z.id === id);
    expect(byId(zoneA.body.id).counts.signed).toBe(0);
    expect(byId(zoneB.body.id).counts.signed).toBe(1);
    expect((await agent.patch(`/api/zones/${zoneB.body.id}`).set(XHR).send({ name: "南片区" })).body.name).toBe(
      "南片区",
    );
  });

  it("refuses a duplicate name with 409 and an unknown zone with 400 naming zoneId", async () => {
    await agent.post("/api/zones").set(XHR).send({ name: "重名片区" });
    const duplicate = await agent.post("/api/zones").set(XHR).send({ name: "重名片区" });
    expect(duplicate.status).toBe(409);
    const unknown = await agent.post("/api/areas").set(XHR).send({ name: "孤儿居民区", zoneId: 99999 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty("zoneId");
    const blank = await agent.post("/api/zones").set(XHR).send({ name: "" });
    expect(blank.body.error.fields).toHaveProperty("name");
  });
});
