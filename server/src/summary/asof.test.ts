// Figures as of a past day (docs/DOMAIN.md § As of a date): the summary and the building list for day D equal a
// recount over the buildings as they were on D — their event log replayed with shared's buildingAsOf — for
// random histories written through the API on a moving clock, and random D.

import fs from "node:fs";
import {
  addDays,
  addressSortKey,
  BLOCKER_CATEGORIES,
  buildingAsOf,
  countInYear,
  cumulative,
  DEFAULT_STALL_THRESHOLDS,
  type HistoryEvent,
  isBlocked,
  monthlyCounts,
  RECORDED_STAGES,
  stageOf,
  stallOf,
  yearOf,
} from "@jiati/shared";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, buildings as buildingsTable, sessions, stageEvents } from "../core/db/schema";
import { buildArea, buildBuilding, buildZone } from "../test/factories";
import { ENGINES, startWithTaskforce, TEST_TODAY, type TestApp, XHR } from "../test/harness";

const FIRST_DAY = "2021-01-04";

/** One step of a history: on the day after `gap` more days, do `action` to the building `which` points at. */
const stepArbitrary = fc.record({
  gap: fc.integer({ min: 0, max: 40 }),
  which: fc.nat(),
  action: fc.constantFrom("create", "next", "next", "next", "earlier", "clear", "withdraw", "block", "unblock"),
  back: fc.integer({ min: 0, max: 20 }),
  category: fc.constantFrom(...BLOCKER_CATEGORIES),
});

type Step = typeof stepArbitrary extends fc.Arbitrary<infer T> ? T : never;

describe.each(ENGINES)("figures as of a past day on %s", (engine) => {
  let t: TestApp;
  let agent: request.Agent;
  let areaId: number;
  let addressCount = 0;

  beforeAll(async () => {
    ({ t, agent } = await startWithTaskforce(engine));
    areaId = (await buildArea(t, { zoneId: (await buildZone(t)).id })).id;
  });
  afterAll(() => t.close());

  /**
   * Noon on `day`, for the app and for the test's session, which would otherwise end after 8 idle hours (logging
   * in afresh each day costs seconds of password hashing).
   */
  async function moveClockTo(day: string) {
    t.clock.set(day);
    await t.db.update(sessions).set({ createdAt: t.clock.now(), lastSeenAt: t.clock.now() });
  }

  /** Each history starts from none: the clock goes back to its first day, and the past must not know the future. */
  async function forgetBuildings() {
    await t.db.delete(stageEvents);
    await t.db.delete(auditLog);
    await t.db.delete(buildingsTable);
    t.hub.committed({ kind: "import" });
  }

  /** The buildings as they were at the end of `day`, replayed from what the database holds now. */
  async function replay(day: string) {
    const [rows, events] = await Promise.all([t.db.select().from(buildingsTable), t.db.select().from(stageEvents)]);
    const byBuilding = new Map<number, HistoryEvent[]>();
    for (const event of events) {
      const list = byBuilding.get(event.buildingId) ?? [];
      list.push(event);
      byBuilding.set(event.buildingId, list);
    }
    return rows.flatMap((row) => {
      const then = buildingAsOf(row, byBuilding.get(row.id) ?? [], day);
      return then ? [then] : [];
    });
  }

  /** The summary's figures recounted with shared's functions over the buildings as they were on `day`. */
  async function recount(year: number, day: string) {
    const then = await replay(day);
    const active = then.filter((b) => !b.withdrawn);
    const stalls = then.map((b) => stallOf(b, day, DEFAULT_STALL_THRESHOLDS)?.kind);
    const blocked = Object.fromEntries(
      BLOCKER_CATEGORIES.map((category) => [
        category,
        then.filter((b) => isBlocked(b) && b.blockerCategory === category).length,
      ]),
    );
    return {
      stages: Object.fromEntries(
        RECORDED_STAGES.map((stage) => [
          stage,
          {
            actual: countInYear(then, stage, year),
            cumulative: cumulative(monthlyCounts(then, stage, year)),
          },
        ]),
      ),
      funnel: {
        planned: active.filter((b) => stageOf(b) === "planned").length,
        signed: active.filter((b) => stageOf(b) === "signed").length,
        started: active.filter((b) => stageOf(b) === "started").length,
        completed: active.filter((b) => stageOf(b) === "completed").length,
      },
      stalled: {
        signed: stalls.filter((kind) => kind === "signed").length,
        started: stalls.filter((kind) => kind === "started").length,
      },
      blocked,
    };
  }

  async function expectAsOfToMatchRecount(day: string) {
    for (const year of new Set([yearOf(day), 2021, 2022])) {
      const response = await agent.get(`/api/summary?year=${year}&asOf=${day}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const expected = await recount(year, day);
      const body = response.body;
      const label = `${year} as of ${day}`;
      for (const stage of RECORDED_STAGES) {
        expect(body.stages[stage].actual, `${label} ${stage}`).toBe(expected.stages[stage]?.actual);
        expect(body.stages[stage].cumulative, `${label} ${stage}`).toEqual(expected.stages[stage]?.cumulative);
      }
      expect(body.funnel, label).toEqual(expected.funnel);
      expect(body.stalled, label).toMatchObject(expected.stalled);
      expect(body.blocked, label).toEqual(expected.blocked);
      expect(body.today, label).toBe(day);
    }
    const list = await agent.get(`/api/buildings?asOf=${day}&pageSize=500&sort=address`);
    expect(list.status).toBe(200);
    const then = await replay(day);
    expect(list.body.total).toBe(then.length);
    const listed = new Map(list.body.items.map((item: { id: number }) => [item.id, item]));
    for (const b of then) {
      expect(listed.get(b.id), `building ${b.id} as of ${day}`).toMatchObject({
        signedOn: b.signedOn,
        startedOn: b.startedOn,
        completedOn: b.completedOn,
        withdrawn: b.withdrawn,
        blockerCategory: b.blockerCategory,
        stage: stageOf(b),
        stalledDays: stallOf(b, day, DEFAULT_STALL_THRESHOLDS)?.days ?? null,
      });
    }
  }

  /** Writes one step of a history through the API, on the clock's day; a step the rules refuse changes nothing. */
  async function apply(step: Step, ids: number[], day: string) {
    if (step.action === "create" || ids.length === 0) {
      const created = await agent
        .post("/api/buildings")
        .set(XHR)
        .send({ areaId, address: `回放路 ${++addressCount}号` });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids.push(created.body.id);
      return;
    }
    const id = ids[step.which % ids.length] as number;
    const { body } = await agent.get(`/api/buildings/${id}`);
    const b = body.building;
    const version = `"${b.version}"`;
    const last = RECORDED_STAGES.filter((stage) => b[`${stage}On`] !== null).at(-1);
    const next = RECORDED_STAGES.find((stage) => b[`${stage}On`] === null);
    const lastDate: string | undefined = last ? b[`${last}On`] : undefined;
    const send = (path: string, payload: object) =>
      agent.post(`/api/buildings/${id}${path}`).set(XHR).set("If-Match", version).send(payload);
    const patch = (payload: object) =>
      agent.patch(`/api/buildings/${id}`).set(XHR).set("If-Match", version).send(payload);
    switch (step.action) {
      case "next": {
        if (!next) return;
        const date = addDays(day, -step.back);
        await send("/stage", { stage: next, date: lastDate && date < lastDate ? lastDate : date });
        return;
      }
      case "earlier":
        if (last && lastDate)
          await send("/stage", { stage: last, date: addDays(lastDate, -step.back), reason: "更正" });
        return;
      case "clear":
        if (last) await send("/stage", { stage: last, date: null, reason: "录错" });
        return;
      case "withdraw":
        await patch({ withdrawn: !b.withdrawn, reason: "业主意见变化" });
        return;
      case "block":
        await patch({ blocker: { category: step.category, note: `${day} 受阻` } });
        return;
      case "unblock":
        if (b.blockerCategory) await patch({ blocker: null });
        return;
    }
  }

  it("equals a recount over the buildings as they were on that day, replaying their events", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArbitrary, { minLength: 10, maxLength: 30 }),
        fc.array(fc.integer({ min: -30, max: 560 }), { minLength: 3, maxLength: 5 }),
        async (steps, offsets) => {
          await forgetBuildings();
          const ids: number[] = [];
          let day = FIRST_DAY;
          for (const step of steps) {
            day = addDays(day, step.gap);
            await moveClockTo(day);
            await apply(step, ids, day);
          }
          const today = day;
          // Today's figures are the live ones: the log holds every change that made them.
          await expectAsOfToMatchRecount(today);
          const live = await agent.get("/api/summary?year=2022");
          expect(live.body.asOf).toBeNull();
          expect(live.body.funnel).toEqual((await recount(2022, today)).funnel);
          for (const offset of offsets) {
            const asOf = addDays(FIRST_DAY, offset);
            if (asOf < today) await expectAsOfToMatchRecount(asOf);
          }
        },
      ),
      { seed: 16, numRuns: 8 },
    );
    await moveClockTo(TEST_TODAY);
  }, 300_000);

  describe("on the API", () => {
    let fresh: TestApp;
    let freshAgent: request.Agent;
    let building: number;

    beforeAll(async () => {
      ({ t: fresh, agent: freshAgent } = await startWithTaskforce(engine));
      const area = await buildArea(fresh);
      // Signed on 1 March 2022, as the office recorded it that day; started on 1 May.
      fresh.clock.set("2022-03-01");
      const created = await freshAgent
        .post("/api/buildings")
        .set(XHR)
        .send({ areaId: area.id, address: "截至路 1号", signedOn: "2022-03-01" });
      building = created.body.id;
      fresh.clock.set("2022-05-01");
      await freshAgent
        .post(`/api/buildings/${building}/stage`)
        .set(XHR)
        .set("If-Match", '"1"')
        .send({ stage: "started", date: "2022-05-01" });
      // On 10 June the signing is corrected to 20 February.
      fresh.clock.set("2022-06-10");
      await freshAgent
        .post(`/api/buildings/${building}/stage`)
        .set(XHR)
        .set("If-Match", '"2"')
        .send({ stage: "signed", date: "2022-02-20", reason: "合同日期更正" });
      fresh.clock.set(TEST_TODAY);
    });
    afterAll(() => fresh.close());

    it("counts nothing before the first event, in the summary and the list", async () => {
      const summary = await freshAgent.get("/api/summary?year=2022&asOf=2011-01-01");
      expect(summary.status).toBe(200);
      expect(summary.body).toMatchObject({ asOf: "2011-01-01", today: "2011-01-01" });
      expect(summary.body.funnel).toEqual({ planned: 0, signed: 0, started: 0, completed: 0 });
      for (const stage of RECORDED_STAGES) expect(summary.body.stages[stage].actual).toBe(0);
      const list = await freshAgent.get("/api/buildings?asOf=2022-02-28");
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 0, items: [] });
    });

    it("shows a past day as it was recorded then, not as corrected later", async () => {
      const march = await freshAgent.get("/api/buildings?asOf=2022-03-31");
      expect(march.body.items).toMatchObject([
        { id: building, signedOn: "2022-03-01", startedOn: null, stage: "signed" },
      ]);
      const summary = await freshAgent.get("/api/summary?year=2022&asOf=2022-03-31");
      expect(summary.body.stages.signed.cumulative.slice(0, 3)).toEqual([0, 0, 1]);
      expect(summary.body.funnel).toMatchObject({ signed: 1, started: 0 });
      const june = await freshAgent.get("/api/summary?year=2022&asOf=2022-06-10");
      expect(june.body.stages.signed.cumulative.slice(0, 3)).toEqual([0, 1, 1]);
      expect(june.body.funnel).toMatchObject({ signed: 0, started: 1 });
      // Filters apply to the buildings as they were: started on 31 May, signed on 31 March.
      const started = await freshAgent.get("/api/buildings?asOf=2022-05-31&stage=started");
      expect(started.body.items.map((item: { id: number }) => item.id)).toEqual([building]);
      const signed = await freshAgent.get("/api/buildings?asOf=2022-05-31&stage=signed");
      expect(signed.body.total).toBe(0);
    });

    it("answers today's live figures for asOf today", async () => {
      const live = await freshAgent.get("/api/summary?year=2022");
      const today = await freshAgent.get(`/api/summary?year=2022&asOf=${TEST_TODAY}`);
      expect(today.status).toBe(200);
      expect({ ...today.body, generatedAt: "" }).toEqual({ ...live.body, generatedAt: "" });
      expect(today.body.asOf).toBeNull();
      const list = await freshAgent.get(`/api/buildings?asOf=${TEST_TODAY}`);
      expect(list.body.items).toMatchObject([{ id: building, signedOn: "2022-02-20", startedOn: "2022-05-01" }]);
    });

    it("refuses a day after today, or not a date, naming asOf", async () => {
      for (const path of ["/api/summary?year=2022&asOf=", "/api/buildings?asOf="]) {
        for (const value of [addDays(TEST_TODAY, 1), "2022-13-01", "yesterday"]) {
          const response = await freshAgent.get(`${path}${value}`);
          expect(response.status, `${path}${value}`).toBe(400);
          expect(response.body.error.fields).toHaveProperty("asOf");
        }
      }
    });

    it("needs a login", async () => {
      expect((await fresh.anonymous().get("/api/summary?asOf=2022-01-01")).status).toBe(401);
      expect((await fresh.anonymous().get("/api/buildings?asOf=2022-01-01")).status).toBe(401);
    });

    it("keeps one cached answer per day asked for, each dropped by a change", async () => {
      const before = await freshAgent.get("/api/summary?year=2022&asOf=2022-04-30");
      const after = await freshAgent.get("/api/summary?year=2022&asOf=2022-05-31");
      expect(before.body.funnel.started).toBe(0);
      expect(after.body.funnel.started).toBe(1);
      // A building entered today does not reach back into the past.
      fresh.clock.advance(1000);
      await buildBuilding(fresh, { areaId: (await buildArea(fresh)).id, createdAt: new Date() });
      const again = await freshAgent.get("/api/summary?year=2022&asOf=2022-04-30");
      expect(again.body.funnel).toEqual(before.body.funnel);
      expect(again.body.generatedAt).not.toBe(before.body.generatedAt);
    });
  });
});

describe.each(ENGINES)("the upgrade's back-filled history on %s", (engine) => {
  let t: TestApp;
  let agent: request.Agent;

  beforeAll(async () => {
    ({ t, agent } = await startWithTaskforce(engine));
  });
  afterAll(() => t.close());

  /** Noon on `day`, keeping the test's session alive across the days. */
  async function moveClockTo(day: string) {
    t.clock.set(day);
    await t.db.update(sessions).set({ createdAt: t.clock.now(), lastSeenAt: t.clock.now() });
  }

  /** The back-fill of migration 0006: its statements after the four new columns. */
  async function runBackfill() {
    const migration = fs.readFileSync(new URL("../../drizzle/0006_building_history.sql", import.meta.url), "utf8");
    const statements = migration
      .split("--> statement-breakpoint")
      .map((statement) => statement.trim())
      .filter((statement) => !/^(--[^\n]*\n)*ALTER TABLE/.test(statement));
    expect(statements).toHaveLength(5);
    for (const statement of statements) await t.db.execute(sql.raw(statement));
  }

  const asOf = async (day: string) =>
    (await agent.get(`/api/buildings?asOf=${day}&pageSize=500`)).body.items.map(
      (b: { id: number; signedOn: string | null; withdrawn: boolean; blockerCategory: string | null }) => ({
        id: b.id,
        signedOn: b.signedOn,
        withdrawn: b.withdrawn,
        blockerCategory: b.blockerCategory,
      }),
    );

  it("replays withdrawals and blockers from the change record as the event log now does", async () => {
    const area = await buildArea(t);
    const days = ["2022-01-10", "2022-02-10", "2022-03-10", "2022-04-10", "2022-05-10", "2022-06-01"];
    await moveClockTo(days[0] as string);
    const created = await agent.post("/api/buildings").set(XHR).send({ areaId: area.id, address: "升级路 1号" });
    const id = created.body.id as number;
    let version = 1;
    const patch = async (day: string, body: object) => {
      await moveClockTo(day);
      const response = await agent.patch(`/api/buildings/${id}`).set(XHR).set("If-Match", `"${version++}"`).send(body);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    };
    await patch(days[1] as string, { blocker: { category: "funding", note: "资金未落实" } });
    await patch(days[2] as string, { blocker: null });
    await patch(days[3] as string, { withdrawn: true, reason: "撤销" });
    await patch(days[4] as string, { withdrawn: false, reason: "恢复" });
    await patch(days[5] as string, { blocker: { category: "approval", note: "" } });
    await moveClockTo(TEST_TODAY);
    // A building written before the log existed: a signing and a blocker, and no event at all.
    const [old] = await t.db
      .insert(buildingsTable)
      .values({
        areaId: area.id,
        address: "升级路 2号",
        addressKey: "升级路2号",
        addressSort: addressSortKey("升级路 2号"),
        signedOn: "2022-02-01",
        blockerCategory: "pipelines",
        blockedSince: "2022-03-01",
        createdAt: new Date("2022-06-14T12:00:00+08:00"),
        updatedAt: new Date("2022-06-14T12:00:00+08:00"),
      })
      .returning();
    t.hub.committed({ kind: "import" });
    const checkDays = ["2022-01-09", ...days, "2022-01-31", "2022-02-15", "2022-03-05", "2022-04-30", "2022-06-14"];
    const written = await Promise.all(checkDays.map(asOf));

    // Before the upgrade the log held stage dates only.
    await t.db.delete(stageEvents).where(sql`${stageEvents.stage} in ('withdrawn', 'blocker')`);
    await t.db.delete(stageEvents).where(eq(stageEvents.buildingId, old?.id as number));
    await runBackfill();
    t.hub.committed({ kind: "import" });

    const upgraded = await Promise.all(checkDays.map(asOf));
    const ofFirst = (lists: { id: number }[][]) => lists.map((list) => list.filter((b) => b.id === id));
    expect(ofFirst(upgraded)).toEqual(ofFirst(written));
    // The old building: its signing and blocker dated on their days, as the migration's comment says.
    expect((await asOf("2022-02-15")).find((b: { id: number }) => b.id === old?.id)).toEqual({
      id: old?.id,
      signedOn: "2022-02-01",
      withdrawn: false,
      blockerCategory: null,
    });
    expect((await asOf("2022-03-01")).find((b: { id: number }) => b.id === old?.id)).toMatchObject({
      blockerCategory: "pipelines",
    });
  });
});
