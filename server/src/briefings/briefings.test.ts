// Weekly briefings through the API (docs/DOMAIN.md § Weekly briefing): generated for the town or a zone from the
// figures /api/summary gives as of the same day, edited with a version, frozen when issued, listed by week, read
// by whom the roles allow, downloaded as a real .docx; every change audited, refused requests writing nothing.

import type { Briefing, BriefingContent, Summary } from "@jiati/shared";
import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../core/db/schema";
import { download } from "../ledger/testing";
import { buildArea, buildBuilding, buildTarget, buildUser, buildZone, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";

const TODAY = "2022-06-15";
const WEEK = "2022-W24";

describe.each(ENGINES)("weekly briefings on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let zoneLeader: request.Agent;
  let otherZoneLeader: request.Agent;
  let leader: request.Agent;
  let secretary: request.Agent;
  let zoneA: number;
  let zoneB: number;
  let areaA1: number;
  let areaA2: number;
  let areaB1: number;
  let town: Briefing;
  let zoneBriefing: Briefing;

  beforeAll(async () => {
    t = await startTestApp(engine, { today: TODAY });
    zoneA = (await buildZone(t, { name: "东片区", sortOrder: 1 })).id;
    zoneB = (await buildZone(t, { name: "西片区", sortOrder: 2 })).id;
    areaA1 = (await buildArea(t, { zoneId: zoneA, name: "甲居民区" })).id;
    areaA2 = (await buildArea(t, { zoneId: zoneA, name: "乙居民区" })).id;
    areaB1 = (await buildArea(t, { zoneId: zoneB, name: "丙居民区" })).id;
    for (const stage of ["signed", "started", "completed"] as const) {
      await buildTarget(t, { year: 2022, stage, value: 40 });
      await buildTarget(t, { year: 2022, stage, areaId: areaA1, value: 20 });
      await buildTarget(t, { year: 2022, stage, areaId: areaA2, value: 10 });
      await buildTarget(t, { year: 2022, stage, areaId: areaB1, value: 10 });
    }
    // 甲: four signed this year, one this week; one started; one blocked since March.
    for (const signedOn of ["2022-02-01", "2022-03-01", "2022-06-13"]) {
      await buildBuilding(t, { areaId: areaA1, signedOn });
    }
    await buildBuilding(t, { areaId: areaA1, signedOn: "2021-11-01", startedOn: "2022-04-01" });
    await buildBuilding(t, {
      areaId: areaA1,
      address: "甲路 1弄 3号",
      signedOn: "2022-01-10",
      blockerCategory: "low_floor_opposition",
      blockedSince: "2022-03-01",
    });
    // 乙: one completed this week. 丙: one signed, blocked since 2 June.
    await buildBuilding(t, {
      areaId: areaA2,
      signedOn: "2021-05-01",
      startedOn: "2021-10-01",
      completedOn: "2022-06-14",
    });
    await buildBuilding(t, {
      areaId: areaB1,
      address: "丙路 2号",
      signedOn: "2022-06-01",
      blockerCategory: "funding",
      blockedSince: "2022-06-02",
    });
    taskforce = await loginAs(t.app, (await buildUser(t, "taskforce", { displayName: "专班小王" })).username);
    zoneLeader = await loginAs(t.app, (await buildUser(t, "leader", { zoneId: zoneA })).username);
    otherZoneLeader = await loginAs(t.app, (await buildUser(t, "leader", { zoneId: zoneB })).username);
    leader = await loginAs(t.app, (await buildUser(t, "leader")).username);
    secretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId: areaA1 })).username);
    // 甲's secretary explains today where the area stands.
    expect(
      (await secretary.post(`/api/areas/${areaA1}/status`).set(XHR).send({ text: "低层居民仍有顾虑" })).status,
    ).toBe(201);
  });
  afterAll(() => t.close());

  const create = (agent: request.Agent, body: object) => agent.post("/api/briefings").set(XHR).send(body);
  const patch = (id: number, version: number | string, body: object, agent = taskforce) =>
    agent.patch(`/api/briefings/${id}`).set(XHR).set("If-Match", `"${version}"`).send(body);
  const summaryOf = async (query: string): Promise<Summary> =>
    (await taskforce.get(`/api/summary?year=2022&${query}`)).body;

  /** The figures a briefing states, and those of the summary of the same day, stage by stage. */
  function expectFiguresOf(content: BriefingContent, now: Summary, weekAgo: Summary) {
    for (const stage of ["signed", "started", "completed"] as const) {
      const { actual, target, percent, expected, gap } = now.stages[stage];
      expect(content.stages[stage], stage).toEqual({
        actual,
        target,
        percent,
        expected,
        gap,
        lastWeek: weekAgo.stages[stage].actual,
        added: actual - weekAgo.stages[stage].actual,
      });
    }
    expect(content.stalled).toEqual(now.stalled);
    expect(content.blocked).toEqual(now.blocked);
  }

  describe("who may", () => {
    it("answers 401 without a session", async () => {
      for (const path of ["/api/briefings", "/api/briefings/1", "/api/briefings/1.docx"]) {
        expect((await t.anonymous().get(path)).status, path).toBe(401);
      }
      expect((await t.anonymous().post("/api/briefings").set(XHR).send({ zoneId: null })).status).toBe(401);
    });

    it("refuses secretaries everything, and leaders generating (403), writing nothing", async () => {
      const before = await databaseFingerprint(t.database);
      const list = await secretary.get("/api/briefings");
      expect(list.status).toBe(403);
      expect(list.body.error.message).toBe("简报仅限加梯专班和领导查看");
      expect((await create(secretary, { zoneId: null })).status).toBe(403);
      const byLeader = await create(zoneLeader, { zoneId: zoneA });
      expect(byLeader.status).toBe(403);
      expect(byLeader.body.error.message).toContain("仅限加梯专班");
      expect(await databaseFingerprint(t.database)).toEqual(before);
    });
  });

  describe("generating", () => {
    it("writes the town's briefing of this week from the summary of today and of a week before", async () => {
      const response = await create(taskforce, { zoneId: null });
      expect(response.status).toBe(201);
      town = response.body;
      expect(town).toMatchObject({
        zoneId: null,
        scopeName: "新泾镇",
        week: WEEK,
        year: 2022,
        asOf: TODAY,
        status: "draft",
        issueNo: null,
        version: 1,
        nextSteps: "",
        createdBy: { displayName: "专班小王" },
        abilities: { edit: true, issue: true },
      });
      expectFiguresOf(town.content, await summaryOf(`asOf=${TODAY}`), await summaryOf("asOf=2022-06-08"));
      // This week: one signing (13 June) and one completion (14 June).
      expect(town.content.stages.signed.added).toBe(1);
      expect(town.content.stages.completed.added).toBe(1);
      expect(town.content.headline).toBe(
        `截至6月15日，新泾镇今年已签约5台，完成年度目标的12.5%；开工1台，完成年度目标的2.5%；完工1台，完成年度目标的2.5%。本周新增签约1台、完工1台。`,
      );
      const behind = town.content.behind.find((line) => line.name === "甲居民区");
      expect(behind).toMatchObject({
        zoneName: "东片区",
        blocked: 1,
        blockers: [{ category: "low_floor_opposition", count: 1 }],
        status: { text: "低层居民仍有顾虑", date: TODAY },
      });
      expect(town.content.longestBlocked.map((b) => [b.address, b.days])).toEqual([
        ["甲路 1弄 3号", 106],
        ["丙路 2号", 13],
      ]);
      const [audit] = await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, "briefing"), eq(auditLog.entityId, String(town.id))));
      expect(audit).toMatchObject({ action: "briefing.create", after: { scope: "新泾镇", week: WEEK, asOf: TODAY } });
    });

    it("counts a past day as /api/summary?asOf= does, with the status lines written by then only", async () => {
      const response = await create(taskforce, { zoneId: null, asOf: "2022-05-31" });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ week: "2022-W22", asOf: "2022-05-31" });
      const content: BriefingContent = response.body.content;
      expectFiguresOf(content, await summaryOf("asOf=2022-05-31"), await summaryOf("asOf=2022-05-24"));
      expect(content.stages.signed.actual).toBe(3);
      expect(content.behind.find((line) => line.name === "甲居民区")?.status).toBeNull();
      // 丙 was signed and blocked in June: not yet on 31 May.
      expect(content.longestBlocked.map((b) => b.address)).toEqual(["甲路 1弄 3号"]);
    });

    it("writes a zone's briefing of its own areas and figures", async () => {
      const response = await create(taskforce, { zoneId: zoneA });
      expect(response.status).toBe(201);
      zoneBriefing = response.body;
      expect(zoneBriefing).toMatchObject({ zoneId: zoneA, scopeName: "东片区", week: WEEK });
      expectFiguresOf(
        zoneBriefing.content,
        await summaryOf(`zoneId=${zoneA}&asOf=${TODAY}`),
        await summaryOf(`zoneId=${zoneA}&asOf=2022-06-08`),
      );
      expect(zoneBriefing.content.headline).toMatch(/^截至6月15日，东片区今年已签约4台，完成年度目标的13\.3%/);
      expect(zoneBriefing.content.behind.map((line) => line.name).sort()).toEqual(["乙居民区", "甲居民区"]);
      expect(JSON.stringify(zoneBriefing.content)).not.toContain("丙");
    });

    it("refuses a second briefing of the same scope and week, naming the one there is", async () => {
      const before = await databaseFingerprint(t.database);
      const again = await create(taskforce, { zoneId: null, asOf: "2022-06-13" });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("briefing_exists");
      expect(again.body.error.message).toContain("2022年第24周");
      expect(again.body.error.current).toMatchObject({ id: town.id, week: WEEK });
      expect(await databaseFingerprint(t.database)).toEqual(before);
    });

    it("refuses bad input with 400 naming the field, writing nothing", async () => {
      const before = await databaseFingerprint(t.database);
      const cases: [object, string][] = [
        [{ zoneId: "东片区" }, "zoneId"],
        [{}, "zoneId"],
        [{ zoneId: 2_000_000_000 }, "zoneId"],
        [{ zoneId: null, asOf: "2022-06-16" }, "asOf"],
        [{ zoneId: null, asOf: "2022-02-30" }, "asOf"],
        [{ zoneId: null, week: "2022-W24" }, "week"],
      ];
      for (const [body, field] of cases) {
        const response = await create(taskforce, body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(Object.keys(response.body.error.fields ?? {}), JSON.stringify(body)).toContain(field);
      }
      expect((await taskforce.get("/api/briefings?scope=nowhere")).status).toBe(400);
      expect((await taskforce.get("/api/briefings/abc")).status).toBe(400);
      expect((await taskforce.get("/api/briefings/2000000000")).status).toBe(404);
      expect(await databaseFingerprint(t.database)).toEqual(before);
    });
  });

  describe("editing a draft", () => {
    it("keeps 下一步工作 at the version it was made on, and refuses a stale version (409)", async () => {
      const saved = await patch(town.id, 1, { nextSteps: "  一、约谈甲居民区低层住户；\n二、督办丙路资金。  " });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ version: 2, nextSteps: "一、约谈甲居民区低层住户；\n二、督办丙路资金。" });
      const before = await databaseFingerprint(t.database);
      const stale = await patch(town.id, 1, { nextSteps: "覆盖" });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe("stale_version");
      expect(stale.body.error.current).toMatchObject({ version: 2, nextSteps: expect.stringContaining("约谈") });
      expect(await databaseFingerprint(t.database)).toEqual(before);
      const [audit] = await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "briefing.edit"), eq(auditLog.entityId, String(town.id))));
      expect(audit?.before).toMatchObject({ nextSteps: "" });
      expect(audit?.after).toMatchObject({ nextSteps: "一、约谈甲居民区低层住户；\n二、督办丙路资金。" });
      town = saved.body;
    });

    it("refuses a malformed edit naming the field, and edits by leaders", async () => {
      const before = await databaseFingerprint(t.database);
      const long = await patch(town.id, town.version, { nextSteps: "字".repeat(2001) });
      expect(long.status).toBe(400);
      expect(long.body.error.fields).toHaveProperty("nextSteps");
      const noVersion = await taskforce.patch(`/api/briefings/${town.id}`).set(XHR).send({ nextSteps: "x" });
      expect(noVersion.status).toBe(400);
      expect(noVersion.body.error.fields).toHaveProperty("If-Match");
      expect((await patch(town.id, town.version, { nextSteps: "x" }, zoneLeader)).status).toBe(403);
      expect((await patch(2_000_000_000, 1, { nextSteps: "x" })).status).toBe(404);
      expect(await databaseFingerprint(t.database)).toEqual(before);
    });

    it("regenerates a draft within its week, with today's figures", async () => {
      const outside = await taskforce
        .post(`/api/briefings/${town.id}/regenerate`)
        .set(XHR)
        .set("If-Match", `"${town.version}"`)
        .send({ asOf: "2022-06-12" });
      expect(outside.status).toBe(400);
      expect(outside.body.error.fields).toHaveProperty("asOf");
      // A start recorded this afternoon shows once the draft is generated again.
      await buildBuilding(t, { areaId: areaB1, signedOn: "2022-03-03", startedOn: TODAY });
      const response = await taskforce
        .post(`/api/briefings/${town.id}/regenerate`)
        .set(XHR)
        .set("If-Match", `"${town.version}"`)
        .send({});
      expect(response.status).toBe(200);
      expect(response.body.version).toBe(town.version + 1);
      expect(response.body.content.stages.started.actual).toBe(town.content.stages.started.actual + 1);
      expect(response.body.nextSteps).toBe(town.nextSteps);
      expectFiguresOf(response.body.content, await summaryOf(`asOf=${TODAY}`), await summaryOf("asOf=2022-06-08"));
      town = response.body;
    });
  });

  describe("issuing", () => {
    it("freezes the briefing with the scope's next number: no more edits, content unchanged by later changes", async () => {
      const issued = await taskforce
        .post(`/api/briefings/${town.id}/issue`)
        .set(XHR)
        .set("If-Match", `"${town.version}"`);
      expect(issued.status).toBe(200);
      expect(issued.body).toMatchObject({
        status: "issued",
        issueNo: 1,
        issuedBy: { displayName: "专班小王" },
        abilities: { edit: false, issue: false },
      });
      const frozen: Briefing = issued.body;

      const before = await databaseFingerprint(t.database);
      const edit = await patch(town.id, frozen.version, { nextSteps: "改" });
      expect(edit.status).toBe(409);
      expect(edit.body.error.code).toBe("briefing_issued");
      expect(edit.body.error.message).toMatch(/已于 2022-06-15 \d\d:\d\d 印发/);
      const regenerate = await taskforce
        .post(`/api/briefings/${town.id}/regenerate`)
        .set(XHR)
        .set("If-Match", `"${frozen.version}"`)
        .send({});
      expect(regenerate.status).toBe(409);
      const again = await taskforce
        .post(`/api/briefings/${town.id}/issue`)
        .set(XHR)
        .set("If-Match", `"${frozen.version}"`);
      expect(again.status).toBe(409);
      expect(await databaseFingerprint(t.database)).toEqual(before);

      // Another signing today: the summary moves, the issued briefing does not.
      await buildBuilding(t, { areaId: areaA2, signedOn: TODAY });
      const summary = await summaryOf(`asOf=${TODAY}`);
      expect(summary.stages.signed.actual).toBe(frozen.content.stages.signed.actual + 1);
      const read = await taskforce.get(`/api/briefings/${town.id}`);
      expect(read.body.content).toEqual(frozen.content);
      expect(read.body.nextSteps).toBe(frozen.nextSteps);
      town = read.body;

      const audits = await t.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.entity, "briefing"), eq(auditLog.entityId, String(town.id))));
      expect(audits.map((row) => row.action).sort()).toEqual([
        "briefing.create",
        "briefing.edit",
        "briefing.issue",
        "briefing.regenerate",
      ]);
    });

    it("numbers the scope's issues in order, and lets only one of two simultaneous issues through", async () => {
      const list = await taskforce.get("/api/briefings?scope=town&status=draft");
      const past = list.body.items.find((item: { week: string }) => item.week === "2022-W22");
      const [first, second] = await Promise.all([
        taskforce.post(`/api/briefings/${past.id}/issue`).set(XHR).set("If-Match", `"${past.version}"`),
        taskforce.post(`/api/briefings/${past.id}/issue`).set(XHR).set("If-Match", `"${past.version}"`),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const winner = first.status === 200 ? first : second;
      expect(winner.body.issueNo).toBe(2);
    });
  });

  describe("reading", () => {
    it("lists the task force's every briefing, newest week first, the town's first within a week", async () => {
      const response = await taskforce.get("/api/briefings");
      expect(response.status).toBe(200);
      expect(response.body.canCreate).toBe(true);
      expect(response.body.items.map((item: Briefing) => [item.week, item.scopeName, item.status])).toEqual([
        [WEEK, "新泾镇", "issued"],
        [WEEK, "东片区", "draft"],
        ["2022-W22", "新泾镇", "issued"],
      ]);
      const zone = await taskforce.get(`/api/briefings?scope=${zoneA}`);
      expect(zone.body.items.map((item: Briefing) => item.id)).toEqual([zoneBriefing.id]);
    });

    it("shows a zone leader their own zone's briefings only, drafts included", async () => {
      const list = await zoneLeader.get("/api/briefings");
      expect(list.status).toBe(200);
      expect(list.body.canCreate).toBe(false);
      expect(list.body.items.map((item: Briefing) => item.id)).toEqual([zoneBriefing.id]);
      expect((await zoneLeader.get("/api/briefings?scope=town")).body.items).toEqual([]);
      const own = await zoneLeader.get(`/api/briefings/${zoneBriefing.id}`);
      expect(own.status).toBe(200);
      expect(own.body.abilities).toEqual({ edit: false, issue: false });
      const townRead = await zoneLeader.get(`/api/briefings/${town.id}`);
      expect(townRead.status).toBe(403);
      expect(townRead.body.error.message).toBe("只能查看本片区的简报");
      expect((await otherZoneLeader.get(`/api/briefings/${zoneBriefing.id}`)).status).toBe(403);
      expect((await otherZoneLeader.get("/api/briefings")).body.items).toEqual([]);
    });

    it("shows a leader without a zone the issued briefings only", async () => {
      const list = await leader.get("/api/briefings");
      expect(list.body.items.map((item: Briefing) => item.status)).toEqual(["issued", "issued"]);
      expect((await leader.get(`/api/briefings/${town.id}`)).status).toBe(200);
      const draft = await leader.get(`/api/briefings/${zoneBriefing.id}`);
      expect(draft.status).toBe(403);
      expect(draft.body.error.message).toBe("简报尚未印发");
      expect((await secretary.get(`/api/briefings/${town.id}`)).status).toBe(403);
    });
  });

  describe("the .docx", () => {
    it("is a Word document with the head, the headline, the sections and 下一步工作, named in UTF-8", async () => {
      const response = await download(leader, `/api/briefings/${town.id}.docx`);
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toBe(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      );
      const disposition = response.headers["content-disposition"] as string;
      expect(disposition).toContain(`filename="briefing-${WEEK}-${town.id}.docx"`);
      const name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? "");
      expect(name).toBe(`新泾镇加装电梯工作简报第1期-${WEEK}.docx`);

      const zip = await JSZip.loadAsync(response.body as Buffer);
      const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
      const text = xml.replace(/<w:tab\/>/g, "\t").replace(/<[^>]+>/g, "");
      expect(text).toContain("加装电梯工作简报");
      expect(text).toContain("第1期");
      expect(text).toContain("新泾镇加梯专班");
      expect(text).toContain(town.content.headline);
      for (const section of town.content.sections) {
        expect(text).toContain(section.title);
        for (const paragraph of section.paragraphs) expect(text).toContain(paragraph);
      }
      expect(text).toContain("四、下一步工作");
      expect(text).toContain("一、约谈甲居民区低层住户；");
      expect(text).toContain("二、督办丙路资金。");
      // A4 (11906 × 16838 twips), and the fonts named for Chinese text.
      const pageSize = /<w:pgSz [^>]*>/.exec(xml)?.[0] ?? "";
      expect(pageSize).toContain('w:w="11906"');
      expect(pageSize).toContain('w:h="16838"');
      expect(xml).toContain('w:eastAsia="黑体"');
      const styles = (await zip.file("word/styles.xml")?.async("string")) ?? "";
      expect(styles).toContain('w:eastAsia="仿宋"');
    });

    it("is refused as its page is", async () => {
      expect((await download(otherZoneLeader, `/api/briefings/${town.id}.docx`)).status).toBe(403);
      expect((await download(secretary, `/api/briefings/${town.id}.docx`)).status).toBe(403);
      expect((await download(taskforce, "/api/briefings/2000000000.docx")).status).toBe(404);
      const draft = await download(zoneLeader, `/api/briefings/${zoneBriefing.id}.docx`);
      expect(draft.status).toBe(200);
      expect(decodeURIComponent(draft.headers["content-disposition"] as string)).toContain(
        "东片区加装电梯工作简报草稿",
      );
    });
  });
});
