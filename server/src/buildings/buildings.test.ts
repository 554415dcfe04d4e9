import { buildingListQuerySchema, DEFAULT_STALL_THRESHOLDS } from "@jiati/shared";
import { eq } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, buildings, stageEvents } from "../core/db/schema";
import { buildArea, buildBuilding, buildUser, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";
import { listBuildings } from "./repo";

describe.each(ENGINES)("buildings API on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let areaId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const admin = await buildUser(t, "taskforce");
    taskforce = await loginAs(t.app, admin.username);
    areaId = (await buildArea(t)).id;
  });
  afterAll(() => t.close());

  const stage = (id: number, version: number, body: object) =>
    taskforce.post(`/api/buildings/${id}/stage`).set(XHR).set("If-Match", `"${version}"`).send(body);

  describe("POST /api/buildings", () => {
    it("creates a building with its stage dates, events and an audit row", async () => {
      const response = await taskforce.post("/api/buildings").set(XHR).send({
        areaId,
        address: "天山西路 799弄 12号",
        estate: "天山一村",
        floors: 6,
        households: 24,
        elderlyHouseholds: 10,
        signedOn: "2022-03-01",
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ address: "天山西路 799弄 12号", signedOn: "2022-03-01", version: 1 });
      const events = await t.db.select().from(stageEvents).where(eq(stageEvents.buildingId, response.body.id));
      expect(events).toMatchObject([{ stage: "signed", fromDate: null, toDate: "2022-03-01" }]);
      const audit = await t.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(response.body.id)));
      expect(audit).toMatchObject([{ action: "building.create", entity: "building" }]);
    });

    it("refuses a missing address, naming the field, and writes nothing", async () => {
      const before = await databaseFingerprint(t.database);
      const response = await taskforce.post("/api/buildings").set(XHR).send({ areaId, address: "  " });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("invalid_input");
      expect(response.body.error.fields).toHaveProperty("address");
      expect(response.body.error.message).toContain("address");
      expect(await databaseFingerprint(t.database)).toEqual(before);
    });

    it("refuses wrong types and unknown fields, naming them", async () => {
      const wrongType = await taskforce
        .post("/api/buildings")
        .set(XHR)
        .send({ areaId, address: "x路1号", floors: "six" });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.error.fields).toHaveProperty("floors");
      const extra = await taskforce.post("/api/buildings").set(XHR).send({ areaId, address: "x路2号", colour: "red" });
      expect(extra.status).toBe(400);
      expect(extra.body.error.fields).toHaveProperty("colour");
    });

    it("refuses stage dates out of order or in the future, naming the date", async () => {
      const before = await databaseFingerprint(t.database);
      const disordered = await taskforce
        .post("/api/buildings")
        .set(XHR)
        .send({ areaId, address: "y路1号", signedOn: "2022-03-01", startedOn: "2022-02-01" });
      expect(disordered.status).toBe(400);
      expect(disordered.body.error.fields).toHaveProperty("startedOn");
      const future = await taskforce
        .post("/api/buildings")
        .set(XHR)
        .send({ areaId, address: "y路2号", signedOn: "2022-06-16" });
      expect(future.status).toBe(400);
      expect(future.body.error.fields.signedOn).toContain("不能晚于今天");
      const impossible = await taskforce
        .post("/api/buildings")
        .set(XHR)
        .send({ areaId, address: "y路3号", signedOn: "2022-02-30" });
      expect(impossible.status).toBe(400);
      expect(impossible.body.error.fields).toHaveProperty("signedOn");
      expect(await databaseFingerprint(t.database)).toEqual(before);
    });

    it("refuses an unknown area and a duplicate address", async () => {
      const unknown = await taskforce.post("/api/buildings").set(XHR).send({ areaId: 999999, address: "z路1号" });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.fields).toHaveProperty("areaId");
      await buildBuilding(t, { areaId, address: "仙霞西路 88弄 3号" });
      const duplicate = await taskforce.post("/api/buildings").set(XHR).send({ areaId, address: "仙霞西路88弄3号" });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.fields).toHaveProperty("address");
    });

    it("stores text without invisible characters, so they cannot pass the address check", async () => {
      const first = await taskforce
        .post("/api/buildings")
        .set(XHR)
        .send({ areaId, address: "平塘路\u200b1号", notes: "第一行\u202e\n第二行\ufeff" });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ address: "平塘路1号", notes: "第一行\n第二行" });
      for (const address of ["平塘路1号", "平塘路\u200d1号", "\u2066平塘路1号\u2069"]) {
        const again = await taskforce.post("/api/buildings").set(XHR).send({ areaId, address });
        expect(again.status, JSON.stringify(address)).toBe(409);
      }
    });
  });

  describe("POST /api/buildings/:id/stage", () => {
    it("records the next stage, bumps the version, and writes event and audit in one go", async () => {
      const building = await buildBuilding(t, { areaId, signedOn: "2022-01-10" });
      const response = await stage(building.id, 1, { stage: "started", date: "2022-03-01" });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ startedOn: "2022-03-01", version: 2 });
      expect(response.headers.etag).toBe('"2"');
      const events = await t.db.select().from(stageEvents).where(eq(stageEvents.buildingId, building.id));
      expect(events.map((e) => [e.stage, e.toDate])).toEqual([
        ["signed", "2022-01-10"],
        ["started", "2022-03-01"],
      ]);
      const detail = await taskforce.get(`/api/buildings/${building.id}`);
      expect(detail.body.history).toMatchObject([
        { action: "building.stage", before: { startedOn: null }, after: { startedOn: "2022-03-01" } },
      ]);
    });

    it("refuses a start date before the signing date and writes nothing", async () => {
      const building = await buildBuilding(t, { areaId, signedOn: "2022-03-01" });
      const before = await databaseFingerprint(t.database);
      const response = await stage(building.id, 1, { stage: "started", date: "2022-02-01" });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: "stage_rule",
        fields: { date: expect.stringContaining("开工日期不能早于签约日期") },
      });
      expect(await databaseFingerprint(t.database)).toEqual(before);
    });

    it("refuses a completion without a start, a future date, and a date before 2011", async () => {
      const building = await buildBuilding(t, { areaId, signedOn: "2022-03-01" });
      expect((await stage(building.id, 1, { stage: "completed", date: "2022-04-01" })).body.error.fields.date).toBe(
        "尚未开工，不能记录完工",
      );
      expect((await stage(building.id, 1, { stage: "started", date: "2022-06-16" })).status).toBe(400);
      const early = await stage(building.id, 1, { stage: "signed", date: "2010-12-31" });
      expect(early.status).toBe(400);
      expect(early.body.error.fields).toHaveProperty("date");
    });

    it("requires a reason to move a date earlier or clear it, and records the reason", async () => {
      const building = await buildBuilding(t, { areaId, signedOn: "2022-03-01" });
      const withoutReason = await stage(building.id, 1, { stage: "signed", date: "2022-02-01" });
      expect(withoutReason.status).toBe(400);
      expect(withoutReason.body.error.fields).toHaveProperty("reason");
      const corrected = await stage(building.id, 1, { stage: "signed", date: "2022-02-01", reason: "合同日期录错" });
      expect(corrected.status).toBe(200);
      const cleared = await stage(building.id, 2, { stage: "signed", date: null, reason: "签约作废" });
      expect(cleared.status).toBe(200);
      expect(cleared.body.signedOn).toBeNull();
      const events = await t.db.select().from(stageEvents).where(eq(stageEvents.buildingId, building.id));
      expect(events.at(-1)).toMatchObject({ fromDate: "2022-02-01", toDate: null, reason: "签约作废" });
    });

    it("answers 409 with the current building to a stale version, and writes nothing", async () => {
      const building = await buildBuilding(t, { areaId, signedOn: "2022-03-01" });
      expect((await stage(building.id, 1, { stage: "started", date: "2022-04-01" })).status).toBe(200);
      const before = await databaseFingerprint(t.database);
      const stale = await stage(building.id, 1, { stage: "started", date: "2022-05-01" });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({
        code: "stale_version",
        current: { startedOn: "2022-04-01", version: 2 },
      });
      expect(await databaseFingerprint(t.database)).toEqual(before);
    });

    it("requires If-Match and a valid id", async () => {
      const building = await buildBuilding(t, { areaId });
      const noVersion = await taskforce
        .post(`/api/buildings/${building.id}/stage`)
        .set(XHR)
        .send({ stage: "signed", date: "2022-01-01" });
      expect(noVersion.status).toBe(400);
      expect(noVersion.body.error.fields).toHaveProperty("If-Match");
      expect((await stage(0, 1, { stage: "signed", date: "2022-01-01" })).status).toBe(400);
      expect((await stage(987654, 1, { stage: "signed", date: "2022-01-01" })).status).toBe(404);
    });

    it("refuses stage updates on a withdrawn building", async () => {
      const building = await buildBuilding(t, { areaId, withdrawn: true });
      const response = await stage(building.id, 1, { stage: "signed", date: "2022-01-01" });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("withdrawn");
    });
  });

  describe("GET /api/buildings/:id", () => {
    it("shows the task force the full history, and others no login names or request ids", async () => {
      const building = await buildBuilding(t, { areaId });
      const staged = await stage(building.id, building.version, { stage: "signed", date: "2022-03-01" });
      expect(staged.status).toBe(200);
      const full = await taskforce.get(`/api/buildings/${building.id}`);
      expect(full.body.history.at(-1)).toMatchObject({ action: "building.stage", requestId: expect.any(String) });
      expect(full.body.history.at(-1).username).not.toBe("");
      for (const role of ["leader", "secretary"] as const) {
        const reader = await loginAs(
          t.app,
          (await buildUser(t, role, role === "secretary" ? { areaId } : {})).username,
        );
        const detail = await reader.get(`/api/buildings/${building.id}`);
        expect(detail.status).toBe(200);
        expect(detail.body.history.length).toBe(full.body.history.length);
        for (const entry of detail.body.history) {
          expect(entry).toMatchObject({ username: "", requestId: null });
          expect(entry.displayName).toBeTruthy();
        }
        // The stage event told by the audit row of the same request is not listed twice.
        expect(detail.body.stageEvents).toEqual([]);
      }
    });
  });

  describe("GET /api/buildings/:id stall", () => {
    it("tells how long the building has stalled, as the list does, and nothing for one on time", async () => {
      const area = await buildArea(t);
      const late = await buildBuilding(t, { areaId: area.id, signedOn: "2022-01-02" });
      const onTime = await buildBuilding(t, { areaId: area.id, signedOn: "2022-05-02" });
      const detail = await taskforce.get(`/api/buildings/${late.id}`);
      const listed = await taskforce.get(`/api/buildings?areaId=${area.id}&stalled=signed`);
      expect(listed.body.items).toMatchObject([{ id: late.id }]);
      expect(detail.body.stall).toEqual({
        kind: "signed",
        since: "2022-01-02",
        days: listed.body.items[0].stalledDays,
      });
      expect((await taskforce.get(`/api/buildings/${onTime.id}`)).body.stall).toBeNull();
    });
  });

  describe("PATCH /api/buildings/:id", () => {
    it("edits fields with If-Match and records before and after", async () => {
      const building = await buildBuilding(t, { areaId, notes: "" });
      const response = await taskforce
        .patch(`/api/buildings/${building.id}`)
        .set(XHR)
        .set("If-Match", '"1"')
        .send({ notes: "已完成方案公示", floors: 7 });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ notes: "已完成方案公示", floors: 7, version: 2 });
      const [audit] = await t.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(building.id)));
      expect(audit).toMatchObject({
        action: "building.update",
        before: { notes: "", floors: 6 },
        after: { notes: "已完成方案公示", floors: 7 },
      });
    });

    it("sets and clears a blocker, dating it", async () => {
      const building = await buildBuilding(t, { areaId, signedOn: "2022-01-01" });
      const blocked = await taskforce
        .patch(`/api/buildings/${building.id}`)
        .set(XHR)
        .set("If-Match", '"1"')
        .send({ blocker: { category: "pipelines", note: "燃气管线迁移" } });
      expect(blocked.body).toMatchObject({
        blockerCategory: "pipelines",
        blockerNote: "燃气管线迁移",
        blockedSince: "2022-06-15",
      });
      const cleared = await taskforce
        .patch(`/api/buildings/${building.id}`)
        .set(XHR)
        .set("If-Match", '"2"')
        .send({ blocker: null });
      expect(cleared.body).toMatchObject({ blockerCategory: null, blockedSince: null });
    });

    it("withdraws only with a reason, and a withdrawn building leaves the counts", async () => {
      const building = await buildBuilding(t, { areaId, signedOn: "2022-02-01" });
      const before = await taskforce.get("/api/summary?year=2022");
      const noReason = await taskforce
        .patch(`/api/buildings/${building.id}`)
        .set(XHR)
        .set("If-Match", '"1"')
        .send({ withdrawn: true });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.fields).toHaveProperty("reason");
      const withdrawn = await taskforce
        .patch(`/api/buildings/${building.id}`)
        .set(XHR)
        .set("If-Match", '"1"')
        .send({ withdrawn: true, reason: "业主撤回申请" });
      expect(withdrawn.status).toBe(200);
      const after = await taskforce.get("/api/summary?year=2022");
      expect(after.body.stages.signed.actual).toBe(before.body.stages.signed.actual - 1);
    });

    it("refuses a stale version with 409 and an empty patch with 400", async () => {
      const building = await buildBuilding(t, { areaId });
      expect(
        (await taskforce.patch(`/api/buildings/${building.id}`).set(XHR).set("If-Match", '"7"').send({ notes: "x" }))
          .status,
      ).toBe(409);
      const empty = await taskforce.patch(`/api/buildings/${building.id}`).set(XHR).set("If-Match", '"1"').send({});
      expect(empty.status).toBe(400);
      const [row] = await t.db.select().from(buildings).where(eq(buildings.id, building.id));
      expect(row.version).toBe(1);
    });

    it("refuses more elderly households than households, naming the field", async () => {
      const building = await buildBuilding(t, { areaId, households: 12 });
      const response = await taskforce
        .patch(`/api/buildings/${building.id}`)
        .set(XHR)
        .set("If-Match", '"1"')
        .send({ elderlyHouseholds: 13 });
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toHaveProperty("elderlyHouseholds");
    });
  });

  describe("GET /api/buildings", () => {
    it("filters by area, stage, address search and stalled, and pages", async () => {
      const area = await buildArea(t);
      await buildBuilding(t, { areaId: area.id, address: "哈密路 1弄 1号" });
      await buildBuilding(t, { areaId: area.id, address: "哈密路 1弄 2号", signedOn: "2022-01-02" }); // stalled: > 90 days
      await buildBuilding(t, { areaId: area.id, address: "哈密路 1弄 3号", signedOn: "2022-05-02" });
      await buildBuilding(t, {
        areaId: area.id,
        address: "剑河路 5弄 1号",
        signedOn: "2021-01-02",
        startedOn: "2021-02-01",
        completedOn: "2021-06-01",
      });
      const all = await taskforce.get(`/api/buildings?areaId=${area.id}`);
      expect(all.body.total).toBe(4);
      const signed = await taskforce.get(`/api/buildings?areaId=${area.id}&stage=signed`);
      expect(signed.body.items.map((b: { address: string }) => b.address)).toEqual([
        "哈密路 1弄 2号",
        "哈密路 1弄 3号",
      ]);
      const search = await taskforce.get(`/api/buildings?areaId=${area.id}&q=${encodeURIComponent("剑河")}`);
      expect(search.body.items).toHaveLength(1);
      const stalled = await taskforce.get(`/api/buildings?areaId=${area.id}&stalled=true`);
      expect(stalled.body.items).toMatchObject([{ address: "哈密路 1弄 2号", stalledDays: 164 }]);
      const page = await taskforce.get(`/api/buildings?areaId=${area.id}&pageSize=3&page=2`);
      expect(page.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(page.body.items).toHaveLength(1);
    });

    it("filters by blocker category and sorts the longest waiting first", async () => {
      const area = await buildArea(t);
      await buildBuilding(t, {
        areaId: area.id,
        address: "协和路 1号",
        signedOn: "2022-03-01",
        blockerCategory: "funding",
      });
      await buildBuilding(t, {
        areaId: area.id,
        address: "协和路 2号",
        signedOn: "2022-03-01",
        blockerCategory: "approval",
      });
      await buildBuilding(t, {
        areaId: area.id,
        address: "协和路 3号",
        signedOn: "2021-05-01",
        startedOn: "2021-06-01",
      });
      await buildBuilding(t, { areaId: area.id, address: "协和路 4号", signedOn: "2022-01-01" });
      const funding = await taskforce.get(`/api/buildings?areaId=${area.id}&blockerCategory=funding`);
      expect(funding.body.items.map((b: { address: string }) => b.address)).toEqual(["协和路 1号"]);
      const stalled = await taskforce.get(`/api/buildings?areaId=${area.id}&stalled=true&sort=stalled`);
      expect(stalled.body.items.map((b: { address: string }) => b.address)).toEqual([
        "协和路 3号",
        "协和路 4号",
        "协和路 1号",
        "协和路 2号",
      ]);
      const bad = await taskforce.get(`/api/buildings?blockerCategory=weather`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toHaveProperty("blockerCategory");
    });

    it("serves cached pages that equal a fresh query after edits, stage changes and withdrawals", async () => {
      const area = await buildArea(t);
      const ids: number[] = [];
      for (let i = 1; i <= 4; i++) ids.push((await buildBuilding(t, { areaId: area.id, address: `缓存路 ${i}号` })).id);
      const queries = [`areaId=${area.id}`, `areaId=${area.id}&stage=signed`, `areaId=${area.id}&stage=planned`];
      const fresh = async (query: string) =>
        listBuildings(
          t.db,
          buildingListQuerySchema.parse(Object.fromEntries(new URLSearchParams(query))),
          t.clock.today(),
          DEFAULT_STALL_THRESHOLDS,
        );
      const expectCachedEqualsFresh = async () => {
        for (const query of queries) {
          const cached = await taskforce.get(`/api/buildings?${query}`);
          expect(cached.body, query).toEqual(JSON.parse(JSON.stringify(await fresh(query))));
        }
      };
      await expectCachedEqualsFresh();
      await stage(ids[0], 1, { stage: "signed", date: "2022-05-01" });
      await expectCachedEqualsFresh();
      await taskforce.patch(`/api/buildings/${ids[1]}`).set(XHR).set("If-Match", '"1"').send({ notes: "改过" });
      await expectCachedEqualsFresh();
      await taskforce
        .patch(`/api/buildings/${ids[2]}`)
        .set(XHR)
        .set("If-Match", '"1"')
        .send({ withdrawn: true, reason: "撤" });
      await expectCachedEqualsFresh();
      await stage(ids[0], 2, { stage: "signed", date: "2022-04-01", reason: "更正" });
      await expectCachedEqualsFresh();
    });

    it("treats % and _ in the search as text", async () => {
      const area = await buildArea(t);
      await buildBuilding(t, { areaId: area.id, address: "北渔路 1弄 1号" });
      const response = await taskforce.get(`/api/buildings?areaId=${area.id}&q=%25`);
      expect(response.body.total).toBe(0);
    });

    it("refuses bad query parameters, naming them", async () => {
      const response = await taskforce.get("/api/buildings?pageSize=100000");
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toHaveProperty("pageSize");
      expect((await taskforce.get("/api/buildings?stage=flying")).body.error.fields).toHaveProperty("stage");
    });
  });
});
