// Idempotency keys on the writes the offline outbox resends (docs/ARCHITECTURE.md § Offline): a resend of a
// committed write — its answer lost on the way back — gets the first answer and writes nothing; a key of another
// user or request (another route, or another body) is refused, a malformed one too; concurrent requests with one key write once.

import { randomUUID } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, blockerNotes, idempotencyKeys, stageEvents } from "../core/db/schema";
import { IDEMPOTENCY_KEY_DAYS, purgeIdempotencyKeys } from "../core/idempotency";
import { buildArea, buildBuilding, buildUser, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";

describe.each(ENGINES)("idempotency keys on %s", (engine) => {
  let t: TestApp;
  let secretary: request.Agent;
  let taskforce: request.Agent;
  let area: { id: number };

  beforeAll(async () => {
    t = await startTestApp(engine);
    area = await buildArea(t);
    secretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId: area.id })).username);
    taskforce = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
  });
  afterAll(() => t.close());

  const stage = (agent: request.Agent, id: number, version: number, key?: string) => {
    const call = agent.post(`/api/buildings/${id}/stage`).set(XHR).set("If-Match", `"${version}"`);
    return (key === undefined ? call : call.set("Idempotency-Key", key)).send({ stage: "started", date: "2022-06-01" });
  };
  const patch = (agent: request.Agent, id: number, version: number, key: string, body: object) =>
    agent.patch(`/api/buildings/${id}`).set(XHR).set("If-Match", `"${version}"`).set("Idempotency-Key", key).send(body);
  const note = (agent: request.Agent, id: number, key: string, text = "已约谈一楼住户") =>
    agent.post(`/api/buildings/${id}/blocker/notes`).set(XHR).set("Idempotency-Key", key).send({ text });

  const signed = () => buildBuilding(t, { areaId: area.id, signedOn: "2022-01-10" });
  const blocked = () =>
    buildBuilding(t, {
      areaId: area.id,
      signedOn: "2022-01-10",
      blockerCategory: "low_floor_opposition",
      blockerNote: "一楼住户担心采光",
      blockedSince: "2022-06-01",
    });

  const startedEvents = async (buildingId: number) =>
    (await t.db.select().from(stageEvents).where(eq(stageEvents.buildingId, buildingId))).filter(
      (event) => event.stage === "started",
    );
  const auditRows = async (buildingId: number, action: string) =>
    t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(buildingId)), like(auditLog.action, action)));
  const notesOf = (buildingId: number) =>
    t.db.select().from(blockerNotes).where(eq(blockerNotes.buildingId, buildingId));
  const keyRows = (key: string) => t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));

  describe("a resend of a committed write", () => {
    it("answers a stage record sent twice with the first answer, and records it once", async () => {
      const building = await signed();
      const key = randomUUID();
      const first = await stage(secretary, building.id, 1, key);
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.headers["idempotent-replayed"]).toBeUndefined();
      const again = await stage(secretary, building.id, 1, key);
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.body).toMatchObject({ startedOn: "2022-06-01", version: 2 });
      expect(again.headers["idempotent-replayed"]).toBe("true");
      expect(again.headers.etag).toBe('"2"');
      expect(await startedEvents(building.id)).toHaveLength(1);
      expect(await auditRows(building.id, "building.stage")).toHaveLength(1);
    });

    it("answers from what was stored, even after the building has moved on", async () => {
      const building = await signed();
      const key = randomUUID();
      const first = await stage(secretary, building.id, 1, key);
      const later = await patch(secretary, building.id, 2, randomUUID(), { floors: 7 });
      expect(later.body.version).toBe(3);
      const again = await stage(secretary, building.id, 1, key);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.body.version).toBe(2);
    });

    it("answers an edit sent twice with the first answer instead of a conflict with itself", async () => {
      const building = await signed();
      const key = randomUUID();
      const first = await patch(secretary, building.id, 1, key, { floors: 9 });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      const again = await patch(secretary, building.id, 1, key, { floors: 9 });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe('"2"');
      expect(await auditRows(building.id, "building.update%")).toHaveLength(1);
    });

    it("stores a progress note sent twice once, and answers 201 with it both times", async () => {
      const building = await blocked();
      const key = randomUUID();
      const first = await note(secretary, building.id, key);
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      const again = await note(secretary, building.id, key);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers["idempotent-replayed"]).toBe("true");
      expect(await notesOf(building.id)).toHaveLength(1);
      expect(await auditRows(building.id, "blocker.note")).toHaveLength(1);
    });

    it("without the header, behaves as before: a resent stage record meets its own version", async () => {
      const building = await signed();
      expect((await stage(secretary, building.id, 1)).status).toBe(200);
      const again = await stage(secretary, building.id, 1);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("stale_version");
      expect(await startedEvents(building.id)).toHaveLength(1);
    });

    it("keeps no key for a refused write, so the key is free for the change once it can be made", async () => {
      const building = await signed();
      const key = randomUUID();
      const stale = await stage(secretary, building.id, 5, key);
      expect(stale.status).toBe(409);
      expect(await keyRows(key)).toEqual([]);
      const made = await stage(secretary, building.id, 1, key);
      expect(made.status).toBe(200);
      expect(made.headers["idempotent-replayed"]).toBeUndefined();
      expect(await keyRows(key)).toHaveLength(1);
    });
  });

  describe("a key used elsewhere", () => {
    it("refuses the key on another path, and writes nothing", async () => {
      const building = await blocked();
      const other = await blocked();
      const key = randomUUID();
      expect((await note(secretary, building.id, key)).status).toBe(201);
      const before = await databaseFingerprint(t.database);
      const elsewhere = await note(secretary, other.id, key);
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.body.error.code).toBe("idempotency_key_reused");
      expect(elsewhere.body.error.message).toContain("Idempotency-Key");
      expect(elsewhere.body.error.fields).toHaveProperty("Idempotency-Key");
      const otherMethod = await patch(secretary, building.id, building.version, key, { floors: 8 });
      expect(otherMethod.status).toBe(422);
      expect(await databaseFingerprint(t.database)).toEqual(before);
      expect(await notesOf(other.id)).toEqual([]);
    });

    it("refuses another user's key on the same path, and writes nothing", async () => {
      const building = await blocked();
      const key = randomUUID();
      expect((await note(secretary, building.id, key)).status).toBe(201);
      const before = await databaseFingerprint(t.database);
      const theirs = await note(taskforce, building.id, key, "专班的记录");
      expect(theirs.status).toBe(422);
      expect(theirs.body.error.fields).toHaveProperty("Idempotency-Key");
      expect(await databaseFingerprint(t.database)).toEqual(before);
      expect(await notesOf(building.id)).toHaveLength(1);
    });

    it("refuses the key with another body on the same path, and writes nothing", async () => {
      const building = await blocked();
      const key = randomUUID();
      expect((await note(secretary, building.id, key)).status).toBe(201);
      const before = await databaseFingerprint(t.database);
      const another = await note(secretary, building.id, key, "已协调管道迁移");
      expect(another.status).toBe(422);
      expect(another.body.error.code).toBe("idempotency_key_reused");
      expect(another.body.error.fields).toHaveProperty("Idempotency-Key");
      expect(await databaseFingerprint(t.database)).toEqual(before);
      expect((await notesOf(building.id)).map((stored) => stored.text)).toEqual(["已约谈一楼住户"]);
    });

    it("takes the same body with its fields in another order as the same request", async () => {
      const building = await signed();
      const key = randomUUID();
      const first = await patch(secretary, building.id, 1, key, { floors: 7, households: 20 });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      const again = await patch(secretary, building.id, 1, key, { households: 20, floors: 7 });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.headers["idempotent-replayed"]).toBe("true");
      expect(again.body).toEqual(first.body);
    });

    it("refuses a malformed key with 400 naming the header, and writes nothing", async () => {
      const building = await signed();
      const before = await databaseFingerprint(t.database);
      for (const key of ["", "short", "x".repeat(101), "has space-1234", "dots.are.not.ok", "a/b/c/d/e/f"]) {
        const response = await stage(secretary, building.id, 1, key);
        expect(response.status, key).toBe(400);
        expect(response.body.error.code).toBe("invalid_idempotency_key");
        expect(response.body.error.fields).toHaveProperty("Idempotency-Key");
      }
      expect(await databaseFingerprint(t.database)).toEqual(before);
      for (const key of ["abcdefgh", "A_b-9".repeat(20)]) {
        expect((await stage(secretary, (await signed()).id, 1, key)).status, key).toBe(200);
      }
    });
  });

  describe("concurrent requests with one key", () => {
    it("records a stage once, however many arrive together", async () => {
      for (let round = 0; round < 3; round++) {
        const building = await signed();
        const key = randomUUID();
        const answers = await Promise.all([1, 2, 3].map(() => stage(secretary, building.id, 1, key)));
        // The ones that lost the race met the version the first moved; they are answered as it was.
        expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
        for (const answer of answers) expect(answer.body).toEqual(answers[0]?.body);
        expect(answers.filter((answer) => answer.headers["idempotent-replayed"] === "true")).toHaveLength(2);
        expect(await startedEvents(building.id)).toHaveLength(1);
        expect(await auditRows(building.id, "building.stage")).toHaveLength(1);
      }
    });

    it("stores a note once, however many arrive together", async () => {
      for (let round = 0; round < 3; round++) {
        const building = await blocked();
        const key = randomUUID();
        const answers = await Promise.all([1, 2, 3].map(() => note(secretary, building.id, key)));
        // The ones that lost the race met the key the first recorded; they are answered as it was.
        expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
        for (const answer of answers) expect(answer.body).toEqual(answers[0]?.body);
        expect(await notesOf(building.id)).toHaveLength(1);
        expect(await auditRows(building.id, "blocker.note")).toHaveLength(1);
      }
    });

    it("makes an edit once, however many arrive together", async () => {
      const building = await signed();
      const key = randomUUID();
      const answers = await Promise.all([1, 2, 3].map(() => patch(secretary, building.id, 1, key, { floors: 11 })));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      for (const answer of answers) expect(answer.body).toEqual(answers[0]?.body);
      expect(await auditRows(building.id, "building.update%")).toHaveLength(1);
    });
  });

  it(`forgets keys after ${IDEMPOTENCY_KEY_DAYS} days`, async () => {
    const building = await blocked();
    const key = randomUUID();
    expect((await note(secretary, building.id, key)).status).toBe(201);
    const day = 24 * 60 * 60 * 1000;
    await purgeIdempotencyKeys(t.db, new Date(t.clock.now().getTime() + (IDEMPOTENCY_KEY_DAYS - 1) * day));
    expect(await keyRows(key)).toHaveLength(1);
    await purgeIdempotencyKeys(t.db, new Date(t.clock.now().getTime() + (IDEMPOTENCY_KEY_DAYS + 1) * day));
    expect(await keyRows(key)).toEqual([]);
  });
});
