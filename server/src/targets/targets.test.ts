import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildArea } from "../test/factories";
import { databaseFingerprint, ENGINES, startWithTaskforce, type TestApp, XHR } from "../test/harness";

describe.each(ENGINES)("targets API on %s", (engine) => {
  let t: TestApp;
  let agent: request.Agent;
  beforeAll(async () => {
    ({ t, agent } = await startWithTaskforce(engine));
  });
  afterAll(() => t.close());

  it("sets the town's targets and allocates them to areas, flagging a sum that does not add up", async () => {
    const a = await buildArea(t);
    const b = await buildArea(t);
    const response = await agent
      .put("/api/targets")
      .set(XHR)
      .send({
        year: 2021,
        targets: [
          { stage: "signed", areaId: null, value: 122 },
          { stage: "signed", areaId: a.id, value: 60 },
          { stage: "signed", areaId: b.id, value: 61 },
        ],
      });
    expect(response.status).toBe(200);
    expect(response.body.town.signed).toBe(122);
    expect(response.body.allocation.signed).toEqual({ town: 122, areaSum: 121, balanced: false });
    const fixed = await agent
      .put("/api/targets")
      .set(XHR)
      .send({ year: 2021, targets: [{ stage: "signed", areaId: b.id, value: 62 }] });
    expect(fixed.body.allocation.signed).toEqual({ town: 122, areaSum: 122, balanced: true });
    const read = await agent.get("/api/targets?year=2021");
    expect(read.body.areas).toEqual(
      expect.arrayContaining([{ areaId: b.id, signed: 62, started: null, completed: null }]),
    );
  });

  it("removes a target given null and records the change in the audit log", async () => {
    const a = await buildArea(t);
    await agent
      .put("/api/targets")
      .set(XHR)
      .send({ year: 2020, targets: [{ stage: "started", areaId: a.id, value: 5 }] });
    const removed = await agent
      .put("/api/targets")
      .set(XHR)
      .send({ year: 2020, targets: [{ stage: "started", areaId: a.id, value: null }] });
    expect(removed.body.areas).toEqual([]);
    const audit = await agent.get("/api/audit?action=targets.update");
    expect(audit.body.items[0]).toMatchObject({
      action: "targets.update",
      after: [{ stage: "started", areaId: a.id, to: null }],
    });
  });

  it("refuses negative values and unknown areas, naming the field, and writes nothing", async () => {
    const before = await databaseFingerprint(t.database);
    const negative = await agent
      .put("/api/targets")
      .set(XHR)
      .send({ year: 2021, targets: [{ stage: "signed", areaId: null, value: -1 }] });
    expect(negative.status).toBe(400);
    expect(negative.body.error.fields).toHaveProperty("targets.0.value");
    const unknown = await agent
      .put("/api/targets")
      .set(XHR)
      .send({
        year: 2021,
        targets: [
          { stage: "signed", areaId: null, value: 1 },
          { stage: "signed", areaId: 99999, value: 1 },
        ],
      });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty("targets.1.areaId");
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it("records and lists target letters, refusing a future signing date", async () => {
    const area = await buildArea(t);
    const letter = { year: 2022, zoneLeader: "片区领导", secretary: "书记", liaison: "联络员", signedOn: "2022-02-15" };
    const saved = await agent.put(`/api/targets/letters/${area.id}`).set(XHR).send(letter);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ areaId: area.id, ...letter });
    const list = await agent.get("/api/targets/letters?year=2022");
    expect(list.body.find((row: { areaId: number }) => row.areaId === area.id)).toMatchObject(letter);
    const future = await agent
      .put(`/api/targets/letters/${area.id}`)
      .set(XHR)
      .send({ ...letter, signedOn: "2022-07-01" });
    expect(future.status).toBe(400);
    expect(future.body.error.fields).toHaveProperty("signedOn");
  });
});
