// POST /api/import/buildings/commit: all or nothing, in one transaction, never over a newer version.

import type { ImportPreview } from "@jiati/shared";
import { and, eq, inArray } from "drizzle-orm";
import type request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Change } from "../core/changes";
import { auditLog, buildings, stageEvents } from "../core/db/schema";
import { buildArea, buildBuilding, buildUser, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, TEST_TODAY, type TestApp, XHR } from "../test/harness";
import { commit, ledgerRowOf, ledgerWorkbook, upload } from "./testing";

describe.each(ENGINES)("import commit on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let secretary: request.Agent;
  let areaId: number;
  let counter = 0;
  const street = () => `提交测试路 ${++counter}号`;

  beforeAll(async () => {
    t = await startTestApp(engine);
    areaId = (await buildArea(t, { name: "平塘" })).id;
    await buildArea(t, { name: "刘一" });
    taskforce = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
    secretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId })).username);
  });
  afterEach(() => t.clock.set(TEST_TODAY));
  afterAll(() => t.close());

  const row = (values: Parameters<typeof ledgerRowOf>[0]) => ledgerRowOf({ areaId: "平塘", ...values });
  async function preview(agent: request.Agent, rows: ReturnType<typeof ledgerRowOf>[]): Promise<ImportPreview> {
    const response = await upload(agent, await ledgerWorkbook(rows));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }
  const building = (id: number) =>
    t.db
      .select()
      .from(buildings)
      .where(eq(buildings.id, id))
      .then(([b]) => b);

  it("applies creates and updates together: versions, stage events, an audit row per building and one for the batch", async () => {
    const existing = await buildBuilding(t, { areaId, address: street(), signedOn: "2022-01-10" });
    const newAddress = street();
    const changes: Change[] = [];
    const unsubscribe = t.hub.subscribe((change) => changes.push(change));
    const { token, counts } = await preview(taskforce, [
      row({
        id: existing.id,
        address: existing.address,
        signedOn: "2022-01-10",
        startedOn: "2022-05-01",
        notes: "已开工",
      }),
      row({ address: newAddress, floors: 6, signedOn: "2022-04-02", blockerCategory: "资金" }),
    ]);
    expect(counts).toMatchObject({ create: 1, update: 1 });

    const response = await commit(taskforce, token);
    unsubscribe();
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ created: 1, updated: 1, updatedIds: [existing.id] });
    const [createdId] = response.body.createdIds;

    expect(await building(existing.id)).toMatchObject({ startedOn: "2022-05-01", notes: "已开工", version: 2 });
    expect(await building(createdId)).toMatchObject({
      address: newAddress,
      signedOn: "2022-04-02",
      blockerCategory: "funding",
      blockedSince: TEST_TODAY,
      version: 1,
    });
    const events = await t.db
      .select()
      .from(stageEvents)
      .where(inArray(stageEvents.buildingId, [existing.id, createdId]))
      .orderBy(stageEvents.id);
    const dateEvents = events.filter((e) => e.stage !== "blocker");
    expect(dateEvents.map((e) => [e.buildingId, e.stage, e.fromDate, e.toDate])).toEqual([
      [existing.id, "signed", null, "2022-01-10"],
      [createdId, "signed", null, "2022-04-02"],
      [existing.id, "started", null, "2022-05-01"],
    ]);
    // The new building's blocker is in its event log too, for the figures as of a past day.
    expect(
      events.filter((e) => e.stage === "blocker").map((e) => [e.buildingId, e.blockerCategory, e.blockedSince]),
    ).toEqual([[createdId, "funding", TEST_TODAY]]);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, dateEvents[2].requestId as string));
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([
      ["building.import.create", String(createdId)],
      ["building.import.update", String(existing.id)],
      ["building.import", token.slice(0, 12)],
    ]);
    expect(audit[1]).toMatchObject({
      before: { startedOn: null, notes: "" },
      after: { startedOn: "2022-05-01", notes: "已开工" },
    });
    expect(audit[2].after).toMatchObject({ fileName: "test.xlsx", created: 1, updated: 1 });
    expect(changes).toEqual([{ kind: "import" }]);
    const detail = await taskforce.get(`/api/buildings/${existing.id}`);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toContain("building.import.update");
  });

  it("refuses to commit the same preview twice, changing nothing the second time", async () => {
    const { token } = await preview(taskforce, [row({ address: street() })]);
    expect((await commit(taskforce, token)).status).toBe(200);
    const before = await databaseFingerprint(t.database);
    const again = await commit(taskforce, token);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_committed");
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it("applies nothing (409) when a building changed between preview and commit", async () => {
    const a = await buildBuilding(t, { areaId, address: street() });
    const b = await buildBuilding(t, { areaId, address: street() });
    const { token } = await preview(taskforce, [
      row({ id: a.id, address: a.address, notes: "导入改 A" }),
      row({ id: b.id, address: b.address, notes: "导入改 B" }),
      row({ address: street() }),
    ]);
    const edit = await taskforce.patch(`/api/buildings/${b.id}`).set(XHR).set("If-Match", '"1"').send({ floors: 7 });
    expect(edit.status).toBe(200);
    const before = await databaseFingerprint(t.database);
    const response = await commit(taskforce, token);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("stale_version");
    expect(response.body.error.message).toContain("第 3 行");
    expect(response.body.error.current.stale).toEqual([
      { row: 3, buildingId: b.id, previewVersion: 1, currentVersion: 2 },
    ]);
    expect(await databaseFingerprint(t.database)).toEqual(before);
    expect(await building(a.id)).toMatchObject({ notes: "", version: 1 });
  });

  it("applies nothing (409) when an address it creates was registered after the preview", async () => {
    const a = await buildBuilding(t, { areaId, address: street() });
    const taken = street();
    const { token } = await preview(taskforce, [
      row({ id: a.id, address: a.address, notes: "改" }),
      row({ address: taken }),
    ]);
    expect((await taskforce.post("/api/buildings").set(XHR).send({ areaId, address: taken })).status).toBe(201);
    const before = await databaseFingerprint(t.database);
    const response = await commit(taskforce, token);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("duplicate_address");
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it("refuses (400) a preview with errors, and one with nothing to change", async () => {
    const before = await databaseFingerprint(t.database);
    const broken = await preview(taskforce, [row({ address: street() }), row({ address: street(), floors: 99 })]);
    const refused = await commit(taskforce, broken.token);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("import_has_errors");
    const a = await buildBuilding(t, { areaId, address: street() });
    const before2 = await databaseFingerprint(t.database);
    const same = await preview(taskforce, [row({ id: a.id, address: a.address, floors: 6, households: 24 })]);
    expect(same.counts).toMatchObject({ unchanged: 1, update: 0 });
    const nothing = await commit(taskforce, same.token);
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.code).toBe("unchanged");
    expect(await databaseFingerprint(t.database)).toEqual(before2);
    expect(before).not.toEqual(before2);
  });

  it("needs a reason to move a stage date earlier or clear it, and records it", async () => {
    const a = await buildBuilding(t, { areaId, address: street(), signedOn: "2022-02-01", startedOn: "2022-04-01" });
    const { token, needsReason } = await preview(taskforce, [
      row({ id: a.id, address: a.address, signedOn: "2022-01-15", startedOn: null }),
    ]);
    expect(needsReason).toBe(true);
    const before = await databaseFingerprint(t.database);
    const missing = await commit(taskforce, token);
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty("reason");
    expect(await databaseFingerprint(t.database)).toEqual(before);

    const response = await commit(taskforce, token, "台账核对：签约日期录错，开工尚未开始");
    expect(response.status).toBe(200);
    expect(await building(a.id)).toMatchObject({ signedOn: "2022-01-15", startedOn: null, version: 2 });
    const events = await t.db
      .select()
      .from(stageEvents)
      .where(and(eq(stageEvents.buildingId, a.id), eq(stageEvents.reason, "台账核对：签约日期录错，开工尚未开始")));
    expect(events.map((e) => [e.stage, e.fromDate, e.toDate])).toEqual([
      ["signed", "2022-02-01", "2022-01-15"],
      ["started", "2022-04-01", null],
    ]);
  });

  it("withdraws a building through the import, with the reason given", async () => {
    const a = await buildBuilding(t, { areaId, address: street(), signedOn: "2022-02-01" });
    const { token } = await preview(taskforce, [
      row({ id: a.id, address: a.address, signedOn: "2022-02-01", withdrawn: "是" }),
    ]);
    expect((await commit(taskforce, token)).status).toBe(400);
    expect((await commit(taskforce, token, "居民意见反复，撤销")).status).toBe(200);
    expect(await building(a.id)).toMatchObject({ withdrawn: true, version: 2 });
  });

  it("404 for an unknown or expired preview, 400 for a commit without a token", async () => {
    const unknown = await commit(taskforce, "no-such-token");
    expect(unknown.status).toBe(404);
    const { token } = await preview(taskforce, [row({ address: street() })]);
    t.clock.advance(61 * 60 * 1000);
    const before = await databaseFingerprint(t.database);
    const expired = await commit(taskforce, token);
    expect(expired.status).toBe(404);
    expect(expired.body.error.message).toContain("过期");
    expect(await databaseFingerprint(t.database)).toEqual(before);
    const invalid = await taskforce.post("/api/import/buildings/commit").set(XHR).send({});
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields).toHaveProperty("token");
  });

  it("lets only the uploader commit: another user gets 403, a leader 403, anonymous 401", async () => {
    const { token } = await preview(taskforce, [row({ address: street() })]);
    const before = await databaseFingerprint(t.database);
    expect((await commit(secretary, token)).status).toBe(403);
    const leader = await loginAs(t.app, (await buildUser(t, "leader")).username);
    const afterLogin = await databaseFingerprint(t.database);
    expect((await commit(leader, token)).status).toBe(403);
    expect((await commit(t.anonymous() as unknown as request.Agent, token)).status).toBe(401);
    expect(await databaseFingerprint(t.database)).toEqual(afterLogin);
    expect(before.buildings).toEqual(afterLogin.buildings);
  });

  it("lets a secretary import and commit rows of their own area", async () => {
    const a = await buildBuilding(t, { areaId, address: street() });
    const { token, counts } = await preview(secretary, [
      row({ id: a.id, address: a.address, signedOn: "2022-06-01" }),
      row({ address: street() }),
    ]);
    expect(counts).toMatchObject({ create: 1, update: 1, error: 0 });
    const response = await commit(secretary, token);
    expect(response.status).toBe(200);
    expect(await building(a.id)).toMatchObject({ signedOn: "2022-06-01", version: 2 });
  });
});
