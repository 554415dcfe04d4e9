// Next year's targets and letters (docs/DOMAIN.md § Targets for the coming year): open from 1 October, set by
// the task force only, every change in the change log with its values before and after.

import type request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildArea, buildUser, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";

const TODAY = "2026-11-29";

describe.each(ENGINES)("next year's targets on %s", (engine) => {
  let t: TestApp;
  let agent: request.Agent;
  beforeAll(async () => {
    t = await startTestApp(engine, { today: TODAY });
    agent = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(TODAY));

  it("sets and reads next year's targets in the autumn, the change log holding each value before and after", async () => {
    const a = await buildArea(t);
    const b = await buildArea(t);
    const first = await agent
      .put("/api/targets")
      .set(XHR)
      .send({
        year: 2027,
        targets: [
          { stage: "signed", areaId: null, value: 130 },
          { stage: "signed", areaId: a.id, value: 60 },
          { stage: "signed", areaId: b.id, value: 70 },
        ],
      });
    expect(first.status).toBe(200);
    expect(first.body.allocation.signed).toEqual({ town: 130, areaSum: 130, balanced: true });

    // A redistribution ends in the same PUT: only the changed values are sent and recorded.
    const moved = await agent
      .put("/api/targets")
      .set(XHR)
      .send({
        year: 2027,
        targets: [
          { stage: "signed", areaId: a.id, value: 65 },
          { stage: "signed", areaId: b.id, value: 65 },
        ],
      });
    expect(moved.status).toBe(200);

    const read = await agent.get("/api/targets?year=2027");
    expect(read.status).toBe(200);
    expect(read.body.town.signed).toBe(130);
    expect(read.body.areas).toEqual(
      expect.arrayContaining([
        { areaId: a.id, signed: 65, started: null, completed: null },
        { areaId: b.id, signed: 65, started: null, completed: null },
      ]),
    );

    const audit = await agent.get("/api/audit?action=targets.update");
    const rows = audit.body.items.filter((row: { entityId: string }) => row.entityId === "2027");
    expect(rows).toHaveLength(2);
    const [latest, earliest] = rows;
    expect(latest.before).toEqual([
      { stage: "signed", areaId: a.id, zoneId: null, from: 60 },
      { stage: "signed", areaId: b.id, zoneId: null, from: 70 },
    ]);
    expect(latest.after).toEqual([
      { stage: "signed", areaId: a.id, zoneId: null, to: 65 },
      { stage: "signed", areaId: b.id, zoneId: null, to: 65 },
    ]);
    expect(earliest.before).toEqual(
      expect.arrayContaining([{ stage: "signed", areaId: null, zoneId: null, from: null }]),
    );
    expect(earliest.after).toEqual(expect.arrayContaining([{ stage: "signed", areaId: null, zoneId: null, to: 130 }]));
  });

  it("records next year's letters and lists every area for that year", async () => {
    const area = await buildArea(t);
    const letter = { year: 2027, zoneLeader: "责任区领导甲", secretary: "书记乙", liaison: "联络员丙", signedOn: null };
    const saved = await agent.put(`/api/targets/letters/${area.id}`).set(XHR).send(letter);
    expect(saved.status).toBe(200);
    const list = await agent.get("/api/targets/letters?year=2027");
    expect(list.status).toBe(200);
    expect(list.body.find((row: { areaId: number }) => row.areaId === area.id)).toMatchObject(letter);
  });

  it("refuses next year before 1 October and any later year, naming the year, writing nothing", async () => {
    const area = await buildArea(t);
    const before = await databaseFingerprint(t.database);
    const entry = { stage: "signed", areaId: area.id, value: 5 };
    const later = await agent
      .put("/api/targets")
      .set(XHR)
      .send({ year: 2028, targets: [entry] });
    expect(later.status).toBe(400);
    expect(later.body.error.fields).toHaveProperty("year");

    t.clock.set("2026-09-30");
    const early = await agent
      .put("/api/targets")
      .set(XHR)
      .send({ year: 2027, targets: [entry] });
    expect(early.status).toBe(400);
    expect(early.body.error.fields.year).toContain("2026");
    const earlyLetter = await agent
      .put(`/api/targets/letters/${area.id}`)
      .set(XHR)
      .send({ year: 2027, zoneLeader: "", secretary: "", liaison: "", signedOn: null });
    expect(earlyLetter.status).toBe(400);
    expect(earlyLetter.body.error.fields).toHaveProperty("year");
    expect(await databaseFingerprint(t.database)).toEqual(before);

    // This year stays open all along.
    const thisYear = await agent
      .put("/api/targets")
      .set(XHR)
      .send({ year: 2026, targets: [entry] });
    expect(thisYear.status).toBe(200);
  });

  it("refuses years that are no year, naming the field", async () => {
    for (const year of ["abc", "1999", "20270", "2027.5"]) {
      const read = await agent.get(`/api/targets?year=${year}`);
      expect(read.status, year).toBe(400);
      expect(read.body.error.fields, year).toHaveProperty("year");
    }
    const before = await databaseFingerprint(t.database);
    for (const year of ["2027", 1999, 2027.5, null]) {
      const write = await agent
        .put("/api/targets")
        .set(XHR)
        .send({ year, targets: [{ stage: "signed", areaId: null, value: 1 }] });
      expect(write.status, String(year)).toBe(400);
      expect(write.body.error.fields, String(year)).toHaveProperty("year");
    }
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it("refuses a secretary next year's targets and letters (403), writing nothing", async () => {
    const area = await buildArea(t);
    const secretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId: area.id })).username);
    const before = await databaseFingerprint(t.database);
    const targets = await secretary
      .put("/api/targets")
      .set(XHR)
      .send({ year: 2027, targets: [{ stage: "signed", areaId: area.id, value: 9 }] });
    expect(targets.status).toBe(403);
    const letter = await secretary
      .put(`/api/targets/letters/${area.id}`)
      .set(XHR)
      .send({ year: 2027, zoneLeader: "", secretary: "我", liaison: "", signedOn: null });
    expect(letter.status).toBe(403);
    expect(await databaseFingerprint(t.database)).toEqual(before);
    // Reading next year's targets is open to everyone logged in.
    expect((await secretary.get("/api/targets?year=2027")).status).toBe(200);
  });
});
