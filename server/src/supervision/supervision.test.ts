// Blocker supervision through the API (docs/DOMAIN.md § Blocker supervision): owner and due date set with the
// blocker (validated, cleared with it), the thread of progress notes, the building list's and the 督办 list's
// view of blockers with the clock moved on, and the audit rows of every write.

import { eq } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, blockerNotes, buildings } from "../core/db/schema";
import { buildArea, buildBuilding, buildUser, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, TEST_TODAY, type TestApp, XHR } from "../test/harness";

describe.each(ENGINES)("blocker supervision on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let secretary: request.Agent;
  let otherSecretary: request.Agent;
  let leader: request.Agent;
  let area: { id: number; zoneId: number };
  let otherArea: { id: number; zoneId: number };
  let users: Record<
    "taskforce" | "secretary" | "otherSecretary" | "leader" | "disabledTaskforce",
    { id: number; username: string }
  >;

  beforeAll(async () => {
    t = await startTestApp(engine);
    area = await buildArea(t);
    otherArea = await buildArea(t);
    users = {
      taskforce: await buildUser(t, "taskforce", { displayName: "专班小王" }),
      secretary: await buildUser(t, "secretary", { areaId: area.id, displayName: "书记老李" }),
      otherSecretary: await buildUser(t, "secretary", { areaId: otherArea.id, displayName: "书记老张" }),
      leader: await buildUser(t, "leader", { zoneId: area.zoneId }),
      disabledTaskforce: await buildUser(t, "taskforce", { disabled: true }),
    };
    taskforce = await loginAs(t.app, users.taskforce.username);
    secretary = await loginAs(t.app, users.secretary.username);
    otherSecretary = await loginAs(t.app, users.otherSecretary.username);
    leader = await loginAs(t.app, users.leader.username);
  });
  afterAll(() => t.close());

  const blocked = (overrides: Partial<typeof buildings.$inferInsert> = {}) =>
    buildBuilding(t, {
      areaId: area.id,
      signedOn: "2022-01-10",
      blockerCategory: "low_floor_opposition",
      blockerNote: "一楼住户担心采光",
      blockedSince: "2022-06-01",
      ...overrides,
    });
  const patch = (agent: request.Agent, id: number, version: number, body: object) =>
    agent.patch(`/api/buildings/${id}`).set(XHR).set("If-Match", `"${version}"`).send(body);
  const note = (agent: request.Agent, id: number, text: unknown) =>
    agent.post(`/api/buildings/${id}/blocker/notes`).set(XHR).send({ text });

  describe("owner and due date", () => {
    it("sets them with the blocker, keeps them when left out, and clears them with it", async () => {
      const building = await buildBuilding(t, { areaId: area.id });
      const set = await patch(secretary, building.id, 1, {
        blocker: { category: "pipelines", note: "燃气管线", ownerId: users.secretary.id, dueOn: "2022-06-20" },
      });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expect(set.body).toMatchObject({
        blockerCategory: "pipelines",
        blockedSince: TEST_TODAY,
        blockerOwnerId: users.secretary.id,
        blockerDueOn: "2022-06-20",
        version: 2,
      });
      const noteOnly = await patch(secretary, building.id, 2, { blocker: { category: "pipelines", note: "排期中" } });
      expect(noteOnly.body).toMatchObject({ blockerOwnerId: users.secretary.id, blockerDueOn: "2022-06-20" });
      const reassigned = await patch(taskforce, building.id, 3, {
        blocker: { category: "pipelines", note: "排期中", ownerId: users.taskforce.id, dueOn: null },
      });
      expect(reassigned.body).toMatchObject({ blockerOwnerId: users.taskforce.id, blockerDueOn: null });
      const cleared = await patch(secretary, building.id, 4, { blocker: null });
      expect(cleared.body).toMatchObject({
        blockerCategory: null,
        blockedSince: null,
        blockerOwnerId: null,
        blockerDueOn: null,
      });
      const [row] = await t.db.select().from(buildings).where(eq(buildings.id, building.id));
      expect(row).toMatchObject({ blockerOwnerId: null, blockerDueOn: null });
    });

    it("records the assignment with readable actions and the owner's name", async () => {
      const building = await blocked();
      await patch(secretary, building.id, 1, {
        blocker: {
          category: "low_floor_opposition",
          note: "一楼住户担心采光",
          ownerId: users.secretary.id,
          dueOn: "2022-06-30",
        },
      });
      const rows = await t.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(building.id)));
      expect(rows).toMatchObject([
        {
          action: "building.blocker.assign",
          userId: users.secretary.id,
          before: { blockerOwnerId: null, blockerDueOn: null, blockerOwner: null },
          after: { blockerOwnerId: users.secretary.id, blockerDueOn: "2022-06-30", blockerOwner: "书记老李" },
        },
      ]);
      const detail = await leader.get(`/api/buildings/${building.id}`);
      expect(detail.body.history.map((row: { action: string }) => row.action)).toContain("building.blocker.assign");
    });

    it("refuses an owner who may not write the area, or is disabled or unknown, naming blocker.ownerId", async () => {
      const building = await blocked();
      const before = await databaseFingerprint(t.database);
      for (const ownerId of [users.otherSecretary.id, users.leader.id, users.disabledTaskforce.id, 999_999]) {
        const response = await patch(taskforce, building.id, 1, {
          blocker: { category: "low_floor_opposition", note: "x", ownerId },
        });
        expect(response.status, String(ownerId)).toBe(400);
        expect(response.body.error.fields).toHaveProperty(["blocker.ownerId"]);
        expect(response.body.error.message).toContain("blocker.ownerId");
      }
      expect(await databaseFingerprint(t.database)).toEqual(before);
    });

    it("lets only the task force and the area's secretary assign: leaders and other areas' secretaries 403", async () => {
      const building = await blocked();
      const before = await databaseFingerprint(t.database);
      const assignment = {
        blocker: { category: "low_floor_opposition", note: "x", ownerId: users.taskforce.id, dueOn: "2022-07-01" },
      };
      expect((await patch(leader, building.id, 1, assignment)).status).toBe(403);
      expect((await patch(otherSecretary, building.id, 1, assignment)).status).toBe(403);
      expect((await t.anonymous().patch(`/api/buildings/${building.id}`).set(XHR).send(assignment)).status).toBe(401);
      expect(await databaseFingerprint(t.database)).toEqual(before);
    });

    it("refuses a due date before the server's today, or not a date, naming blocker.dueOn", async () => {
      const building = await blocked();
      const before = await databaseFingerprint(t.database);
      for (const dueOn of ["2022-06-14", "2022-02-30", "next week"]) {
        const response = await patch(secretary, building.id, 1, {
          blocker: { category: "low_floor_opposition", note: "x", dueOn },
        });
        expect(response.status, dueOn).toBe(400);
        expect(response.body.error.fields).toHaveProperty(["blocker.dueOn"]);
      }
      expect(await databaseFingerprint(t.database)).toEqual(before);
      const today = await patch(secretary, building.id, 1, {
        blocker: { category: "low_floor_opposition", note: "x", dueOn: TEST_TODAY },
      });
      expect(today.status).toBe(200);
    });

    it("keeps an overdue due date while the note is edited, and still answers 409 to a stale version", async () => {
      const building = await blocked({ blockerDueOn: "2022-06-10", blockerOwnerId: users.secretary.id });
      const edited = await patch(secretary, building.id, 1, {
        blocker: { category: "low_floor_opposition", note: "再次上门", dueOn: "2022-06-10" },
      });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      const stale = await patch(secretary, building.id, 1, {
        blocker: { category: "low_floor_opposition", note: "x", dueOn: "2022-07-01" },
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.current).toMatchObject({ version: 2, blockerDueOn: "2022-06-10" });
    });
  });

  describe("progress notes", () => {
    it("keeps the thread by author, the current episode's first, newest first, and audits each note", async () => {
      const building = await blocked();
      expect((await note(secretary, building.id, "  第一次上门沟通  ")).status).toBe(201);
      t.clock.advance(60_000);
      const second = await note(taskforce, building.id, "专班约谈施工方");
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ text: "专班约谈施工方", author: { displayName: "专班小王" }, current: true });
      // A new episode: the category changes, so the blocker is dated again (today, after 2022-06-01).
      await patch(secretary, building.id, 1, { blocker: { category: "funding", note: "资金分摊未谈妥" } });
      t.clock.advance(60_000);
      await note(secretary, building.id, "业主大会再议");

      const thread = await leader.get(`/api/buildings/${building.id}/blocker/notes`);
      expect(thread.status).toBe(200);
      expect(thread.body.blockedSince).toBe(TEST_TODAY);
      // The day its days blocked were counted against, so the page judges the due date by the same day.
      expect(thread.body.today).toBe(TEST_TODAY);
      expect(
        thread.body.notes.map((n: { text: string; author: { displayName: string }; current: boolean }) => [
          n.text,
          n.author.displayName,
          n.current,
        ]),
      ).toEqual([
        ["业主大会再议", "书记老李", true],
        ["专班约谈施工方", "专班小王", false],
        ["第一次上门沟通", "书记老李", false],
      ]);
      const audits = await t.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(building.id)));
      expect(audits.filter((row) => row.action === "blocker.note").map((row) => row.after)).toEqual([
        expect.objectContaining({ text: "第一次上门沟通" }),
        expect.objectContaining({ text: "专班约谈施工方" }),
        expect.objectContaining({ text: "业主大会再议" }),
      ]);
    });

    it("keeps the notes as history when the blocker is cleared, and shows none as current", async () => {
      const building = await blocked();
      await note(secretary, building.id, "已协调好");
      await patch(secretary, building.id, 1, { blocker: null });
      const thread = await secretary.get(`/api/buildings/${building.id}/blocker/notes`);
      expect(thread.body).toMatchObject({ blockedSince: null, owner: null, dueOn: null, photosLeft: 0 });
      expect(thread.body.notes).toMatchObject([{ text: "已协调好", current: false }]);
      const refused = await note(secretary, building.id, "再记一条");
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("not_blocked");
    });

    it("refuses empty, too long and unknown input, naming the field, and writes nothing", async () => {
      const building = await blocked();
      const before = await databaseFingerprint(t.database);
      for (const [body, field] of [
        [{ text: "   " }, "text"],
        [{ text: "长".repeat(501) }, "text"],
        [{ text: 42 }, "text"],
        [{ text: "好", extra: true }, "extra"],
      ] as const) {
        const response = await secretary.post(`/api/buildings/${building.id}/blocker/notes`).set(XHR).send(body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.fields).toHaveProperty([field]);
      }
      expect(await databaseFingerprint(t.database)).toEqual(before);
      expect((await note(secretary, building.id, "长".repeat(500))).status).toBe(201);
      const stored = await t.db.select().from(blockerNotes).where(eq(blockerNotes.buildingId, building.id));
      expect(stored.map((row) => row.text.length)).toEqual([500]);
    });

    it("lets the task force and the area's secretary write; others 403, anonymous 401, unknown 404", async () => {
      const building = await blocked();
      const before = await databaseFingerprint(t.database);
      expect((await note(leader, building.id, "领导批示")).status).toBe(403);
      expect((await note(otherSecretary, building.id, "越权")).status).toBe(403);
      expect(
        (await t.anonymous().post(`/api/buildings/${building.id}/blocker/notes`).set(XHR).send({ text: "x" })).status,
      ).toBe(401);
      expect((await note(taskforce, 999_999, "无此楼")).status).toBe(404);
      expect((await t.anonymous().get(`/api/buildings/${building.id}/blocker/notes`)).status).toBe(401);
      expect(await databaseFingerprint(t.database)).toEqual(before);
    });
  });

  describe("blockers where they are listed", () => {
    it("gives the building list days blocked, owner, due date, the current episode's last note and overdue", async () => {
      const building = await blocked({ blockerOwnerId: users.secretary.id, blockerDueOn: "2022-06-14" });
      await note(secretary, building.id, "第一次");
      t.clock.advance(1_000);
      await note(taskforce, building.id, "第二次");
      const list = await leader.get(`/api/buildings?areaId=${area.id}&blocked=true&pageSize=500`);
      const item = list.body.items.find((row: { id: number }) => row.id === building.id);
      expect(item).toMatchObject({
        blockedDays: 14,
        blockerOwner: { id: users.secretary.id, displayName: "书记老李" },
        blockerDueOn: "2022-06-14",
        lastBlockerNote: { text: "第二次", author: "专班小王" },
        overdue: true,
      });
      expect(new Date(item.lastBlockerNote.at).toISOString()).toBe(item.lastBlockerNote.at);
      const plain = (await leader.get(`/api/buildings?areaId=${area.id}&blocked=false`)).body.items[0];
      expect(plain).toMatchObject({ blockedDays: null, blockerOwner: null, lastBlockerNote: null, overdue: false });
    });

    it("lists open blockers in scope overdue first, then by due date, and follows the clock", async () => {
      const zoneArea = await buildArea(t);
      const make = (address: string, overrides: Partial<typeof buildings.$inferInsert>) =>
        blocked({ areaId: zoneArea.id, address, ...overrides });
      const later = await make("督办路 1号", { blockerDueOn: "2022-06-30", blockedSince: "2022-05-01" });
      const none = await make("督办路 2号", { blockedSince: "2022-03-01" });
      const late = await make("督办路 3号", { blockerDueOn: "2022-06-10", blockerOwnerId: users.taskforce.id });
      const later2 = await make("督办路 4号", { blockerDueOn: "2022-06-16" });
      await make("督办路 5号", { blockerDueOn: "2022-06-01", withdrawn: true });
      await buildBuilding(t, { areaId: zoneArea.id, address: "督办路 6号" });
      await note(taskforce, late.id, "约谈后仍未动工");

      const list = await leader.get(`/api/blockers?zoneId=${zoneArea.zoneId}`);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 4, overdueCount: 1, today: TEST_TODAY });
      expect(list.body.items.map((item: { buildingId: number }) => item.buildingId)).toEqual([
        late.id,
        later2.id,
        later.id,
        none.id,
      ]);
      expect(list.body.items[0]).toMatchObject({
        address: "督办路 3号",
        areaId: zoneArea.id,
        zoneId: zoneArea.zoneId,
        category: "low_floor_opposition",
        note: "一楼住户担心采光",
        owner: { id: users.taskforce.id, displayName: "专班小王" },
        dueOn: "2022-06-10",
        blockedDays: 14,
        overdue: true,
        daysOverdue: 5,
        lastNote: { text: "约谈后仍未动工", author: "专班小王" },
      });
      expect(list.body.items[0].zoneName).toBeTypeOf("string");

      const overdueOnly = await leader.get(`/api/blockers?areaId=${zoneArea.id}&overdue=true`);
      expect(overdueOnly.body.items.map((item: { buildingId: number }) => item.buildingId)).toEqual([late.id]);

      // Sessions idle out when the clock jumps: log in again on the later day.
      t.clock.set("2022-07-01");
      try {
        const leaderLater = await loginAs(t.app, users.leader.username);
        const moved = await leaderLater.get(`/api/blockers?zoneId=${zoneArea.zoneId}&overdue=true`);
        expect(
          moved.body.items.map((item: { buildingId: number; daysOverdue: number }) => [
            item.buildingId,
            item.daysOverdue,
          ]),
        ).toEqual([
          [late.id, 21],
          [later2.id, 15],
          [later.id, 1],
        ]);
      } finally {
        t.clock.set(TEST_TODAY);
      }
    });

    it("refuses a bad scope, naming the field, and anonymous users", async () => {
      const bad = await leader.get("/api/blockers?zoneId=abc");
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toHaveProperty("zoneId");
      expect((await leader.get("/api/blockers?overdue=yes")).body.error.fields).toHaveProperty("overdue");
      expect((await t.anonymous().get("/api/blockers")).status).toBe(401);
    });

    it("offers as owners the task force and the area's secretary, to those who may supervise the area", async () => {
      const owners = await secretary.get(`/api/areas/${area.id}/blocker-owners`);
      expect(owners.status).toBe(200);
      const ids = owners.body.map((owner: { id: number }) => owner.id);
      expect(ids).toEqual(expect.arrayContaining([users.taskforce.id, users.secretary.id]));
      expect(ids).not.toContain(users.otherSecretary.id);
      expect(ids).not.toContain(users.leader.id);
      expect(ids).not.toContain(users.disabledTaskforce.id);
      expect(owners.body[0]).toMatchObject({ id: users.secretary.id, role: "secretary" });
      expect((await otherSecretary.get(`/api/areas/${area.id}/blocker-owners`)).status).toBe(403);
      expect((await leader.get(`/api/areas/${area.id}/blocker-owners`)).status).toBe(403);
      expect((await taskforce.get("/api/areas/999999/blocker-owners")).status).toBe(404);
    });
  });
});
