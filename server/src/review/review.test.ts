// The year-end review through the API (docs/DOMAIN.md § Year-end review): a closed year's figures are its
// 31 December summary, area by area; the proposal follows the rule; hand changes and confirming are audited; a
// confirmed review stays as it was whatever is recorded later; stale versions, wrong roles and bad input are
// refused with nothing written.

import { RECORDED_STAGES, type Summary, type YearReview } from "@jiati/shared";
import { and, eq } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, sessions } from "../core/db/schema";
import { buildArea, buildBuilding, buildUser, buildZone, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";

const DEFAULT_RULE = { stages: ["signed", "started", "completed"], excellentCount: 2, excellentMinPercent: null };

describe.each(ENGINES)("the year-end review on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let leader: request.Agent;
  let secretary: request.Agent;
  /** Areas by what they did in 2021. */
  const area = {} as Record<"best" | "good" | "fair" | "short" | "untargeted", { id: number; name: string }>;

  /** `n` buildings of the area signed, started and completed on the given days (null: not reached). */
  async function build(
    areaId: number,
    n: number,
    signedOn: string,
    startedOn: string | null,
    completedOn: string | null,
  ) {
    for (let i = 0; i < n; i++) await buildBuilding(t, { areaId, signedOn, startedOn, completedOn });
  }

  async function setTargets(year: number, areaId: number, [signed, started, completed]: [number, number, number]) {
    const values = { signed, started, completed };
    const response = await taskforce
      .put("/api/targets")
      .set(XHR)
      .send({ year, targets: RECORDED_STAGES.map((stage) => ({ stage, areaId, value: values[stage] })) });
    expect(response.status).toBe(200);
  }

  const review = async (year: number, agent = taskforce) => {
    const response = await agent.get(`/api/reviews/${year}`);
    expect(response.status, response.text).toBe(200);
    return response.body as YearReview;
  };
  const put = (year: number, version: number, body: object, agent = taskforce) =>
    agent.put(`/api/reviews/${year}`).set(XHR).set("If-Match", `"${version}"`).send(body);
  const confirm = (year: number, version: number, agent = taskforce) =>
    agent.post(`/api/reviews/${year}/confirm`).set(XHR).set("If-Match", `"${version}"`).send();
  const titlesOf = (body: YearReview) =>
    Object.fromEntries(body.rows.filter((row) => row.award).map((row) => [row.name, row.award]));

  beforeAll(async () => {
    t = await startTestApp(engine, { today: "2022-06-15" });
    const zone = await buildZone(t);
    for (const key of ["best", "good", "fair", "short", "untargeted"] as const) {
      const { id, name } = await buildArea(t, { zoneId: zone.id, name: `居民区-${key}-${engine}` });
      area[key] = { id, name };
    }
    const users = {
      taskforce: await buildUser(t, "taskforce", { displayName: "专班张三" }),
      leader: await buildUser(t, "leader", { zoneId: zone.id }),
      secretary: await buildUser(t, "secretary", { areaId: area.good.id }),
    };
    taskforce = await loginAs(t.app, users.taskforce.username);
    leader = await loginAs(t.app, users.leader.username);
    secretary = await loginAs(t.app, users.secretary.username);

    // 2021, targets 4 / 4 / 4 each (the untargeted area none): best completes 6 (150 %), good 5 (125 %),
    // fair 4 (100 %), short signs 4 but completes 3; untargeted completes 8.
    await build(area.best.id, 6, "2021-02-01", "2021-04-01", "2021-09-01");
    await build(area.good.id, 5, "2021-02-01", "2021-04-01", "2021-09-01");
    await build(area.fair.id, 4, "2021-03-01", "2021-05-01", "2021-10-01");
    await build(area.short.id, 3, "2021-03-01", "2021-05-01", "2021-10-01");
    await build(area.short.id, 1, "2021-03-01", "2021-05-01", null);
    await build(area.untargeted.id, 8, "2021-03-01", "2021-05-01", "2021-10-01");
    // The programme starts in 2020 with one signing (so 2020 has a review, and 2019 none).
    await build(area.untargeted.id, 1, "2020-05-01", null, null);
    // Later work that a 2021 review must not see: a 2022 completion and a building signed in 2022.
    await build(area.fair.id, 1, "2021-11-01", "2021-12-01", "2022-03-01");
    await build(area.short.id, 1, "2022-01-10", null, null);
    for (const key of ["best", "good", "fair", "short"] as const) await setTargets(2021, area[key].id, [4, 4, 4]);
  });
  afterAll(() => t?.close());

  it("shows a closed year's results per area as the summary as of 31 December has them", async () => {
    const body = await review(2021);
    const summary = (await taskforce.get("/api/summary?year=2021&asOf=2021-12-31")).body as Summary;
    expect(body.asOf).toBe("2021-12-31");
    expect(body.closed).toBe(true);
    expect(body.rows).toHaveLength(summary.areas?.length ?? -1);
    for (const figures of summary.areas ?? []) {
      const row = body.rows.find((candidate) => candidate.areaId === figures.id);
      expect(row?.rank, figures.name).toBe(figures.rank);
      for (const stage of RECORDED_STAGES) {
        const { actual, target, percent } = figures.stages[stage];
        expect(row?.stages[stage], `${figures.name} ${stage}`).toMatchObject({ actual, target, percent });
        expect(row?.stages[stage].met).toBe(target ? actual >= target : null);
      }
    }
    expect(body.rows.map((row) => row.rank)).toEqual(body.rows.map((_, index) => index + 1));
    const fair = body.rows.find((row) => row.areaId === area.fair.id);
    // The 2022 completion counts in 2022 only.
    expect(fair?.stages.completed).toEqual({ actual: 4, target: 4, percent: 100, met: true });
  });

  it("proposes 先进 and 优秀 by the rule, recomputed when the rule changes", async () => {
    const before = await review(2021);
    expect(before.version).toBe(0);
    expect(before.rule).toEqual(DEFAULT_RULE);
    // All three met: best, good, fair; the top two by completion are 优秀. Short missed completion; untargeted has none.
    expect(titlesOf(before)).toEqual({
      [area.best.name]: "excellent",
      [area.good.name]: "excellent",
      [area.fair.name]: "advanced",
    });
    expect(before.awards.excellent.map((entry) => entry.name)).toEqual([area.best.name, area.good.name]);

    const response = await put(2021, 0, {
      rule: { stages: ["signed", "started"], excellentCount: 1, excellentMinPercent: 120 },
      overrides: [],
    });
    expect(response.status, response.text).toBe(200);
    const after = response.body as YearReview;
    expect(response.headers.etag).toBe('"1"');
    expect(after.version).toBe(1);
    expect(titlesOf(after)).toEqual({
      [area.best.name]: "excellent",
      [area.good.name]: "advanced",
      [area.fair.name]: "advanced",
      [area.short.name]: "advanced",
    });
    expect(after.rows.find((row) => row.areaId === area.untargeted.id)?.qualified).toBe(false);
  });

  it("takes a hand change with its note, then keeps the confirmed review as it was, audited", async () => {
    const current = await review(2021);
    const overrides = [
      { areaId: area.fair.id, award: null, note: "年内发生施工安全事故，经专班评议不予表彰" },
      { areaId: area.untargeted.id, award: "advanced", note: "未下达目标，完工 8 台，专班评议表彰" },
    ];
    const saved = await put(2021, current.version, { rule: DEFAULT_RULE, overrides });
    expect(saved.status, saved.text).toBe(200);
    const draft = saved.body as YearReview;
    const untargeted = draft.rows.find((row) => row.areaId === area.untargeted.id);
    expect(untargeted).toMatchObject({
      proposed: null,
      award: "advanced",
      override: { award: "advanced", note: overrides[1]?.note },
    });
    expect(draft.rows.find((row) => row.areaId === area.fair.id)).toMatchObject({ proposed: "advanced", award: null });
    expect(draft.awards.advanced.map((entry) => entry.name)).toEqual([area.untargeted.name]);

    const confirmed = await confirm(2021, draft.version);
    expect(confirmed.status, confirmed.text).toBe(200);
    const kept = confirmed.body as YearReview;
    expect(kept).toMatchObject({
      status: "confirmed",
      version: draft.version + 1,
      rows: draft.rows,
      awards: draft.awards,
    });
    expect(kept.confirmed?.by).toBe("专班张三");
    expect(kept.abilities).toEqual({ edit: false, confirm: false, reopen: true });

    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "review"), eq(auditLog.entityId, "2021")))
      .orderBy(auditLog.id);
    expect(audit.map((row) => row.action)).toEqual(["review.update", "review.update", "review.confirm"]);
    expect(audit[1]?.after).toEqual({ rule: DEFAULT_RULE, overrides });
    expect(audit[2]?.after).toMatchObject({ excellent: [area.best.name, area.good.name] });
  });

  it("does not change once confirmed, whatever is recorded or retargeted later", async () => {
    const kept = await review(2021);
    const liveBefore = (await taskforce.get("/api/summary?year=2021")).body as Summary;
    // Today, a 2021 signing is back-dated into the year, and the best area's completion target is raised to 10.
    const building = await buildBuilding(t, { areaId: area.short.id });
    const backDated = await taskforce
      .post(`/api/buildings/${building.id}/stage`)
      .set(XHR)
      .set("If-Match", '"1"')
      .send({ stage: "signed", date: "2021-11-20" });
    expect(backDated.status, backDated.text).toBe(200);
    await setTargets(2021, area.best.id, [4, 4, 10]);

    // The figures moved — live and as of 31 December — but the confirmed review did not.
    const liveAfter = (await taskforce.get("/api/summary?year=2021")).body as Summary;
    expect(liveAfter.stages.signed.actual).toBe(liveBefore.stages.signed.actual + 1);
    const yearEnd = (await taskforce.get("/api/summary?year=2021&asOf=2021-12-31")).body as Summary;
    expect(yearEnd.areas?.find((row) => row.id === area.best.id)?.stages.completed.target).toBe(10);
    expect(await review(2021)).toEqual(kept);
  });

  it("refuses edits of a confirmed review with a clear message, and reopens it for a reason", async () => {
    const kept = await review(2021);
    const edit = await put(2021, kept.version, { rule: DEFAULT_RULE, overrides: [] });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe("review_confirmed");
    expect(edit.body.error.message).toContain("重新打开");
    expect((await confirm(2021, kept.version)).status).toBe(409);

    const reopen = (body: object, version = kept.version) =>
      taskforce.post("/api/reviews/2021/reopen").set(XHR).set("If-Match", `"${version}"`).send(body);
    const noReason = await reopen({ reason: " " });
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.error.fields)).toEqual(["reason"]);
    const reopened = await reopen({ reason: "完工目标调整后重新评议" });
    expect(reopened.status, reopened.text).toBe(200);
    const draft = reopened.body as YearReview;
    expect(draft).toMatchObject({ status: "draft", version: kept.version + 1, confirmed: null });
    // A draft again, on the figures of now: the best area's raised completion target is missed.
    expect(draft.rows.find((row) => row.areaId === area.best.id)).toMatchObject({ qualified: false, proposed: null });
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "review.reopen"), eq(auditLog.entityId, "2021")));
    expect(audit?.reason).toBe("完工目标调整后重新评议");
    expect((await reopen({ reason: "再次" }, draft.version)).body.error.code).toBe("review_not_confirmed");
  });

  it("answers a stale version with 409 and writes nothing", async () => {
    const saved = await put(2020, 0, { rule: { ...DEFAULT_RULE, excellentCount: 3 }, overrides: [] });
    expect(saved.status, saved.text).toBe(200);
    const before = await databaseFingerprint(t.database);
    for (const stale of [
      put(2020, 0, { rule: DEFAULT_RULE, overrides: [] }),
      put(2020, 7, { rule: DEFAULT_RULE, overrides: [] }),
      confirm(2020, 0),
    ]) {
      const response = await stale;
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe("stale_version");
    }
    expect(await databaseFingerprint(t.database)).toEqual(before);
    expect((await review(2020)).rule.excellentCount).toBe(3);
  });

  it("lets leaders read every area and no one but the task force write; a secretary reads their own row once confirmed", async () => {
    const before = await databaseFingerprint(t.database);
    const body = { rule: DEFAULT_RULE, overrides: [] };
    const version = (await review(2021)).version;
    expect((await t.anonymous().get("/api/reviews/2021")).status).toBe(401);
    expect((await put(2021, version, body, leader)).status).toBe(403);
    expect((await put(2021, version, body, secretary)).status).toBe(403);
    expect((await confirm(2021, version, leader)).status).toBe(403);
    expect((await confirm(2021, version, secretary)).status).toBe(403);
    expect(await databaseFingerprint(t.database)).toEqual(before);

    const asLeader = await review(2021, leader);
    expect(asLeader.rows).toHaveLength(5);
    expect(asLeader.abilities).toEqual({ edit: false, confirm: false, reopen: false });
    const draftForSecretary = await secretary.get("/api/reviews/2021");
    expect(draftForSecretary.status).toBe(403);

    expect((await confirm(2021, version)).status).toBe(200);
    const own = await review(2021, secretary);
    expect(own.partial).toBe(true);
    expect(own.rows.map((row) => row.areaId)).toEqual([area.good.id]);
    expect([...own.awards.excellent, ...own.awards.advanced].every((entry) => entry.areaId === area.good.id)).toBe(
      true,
    );
  });

  it("refuses bad input naming the field, with nothing written", async () => {
    const before = await databaseFingerprint(t.database);
    const version = (await review(2020)).version;
    const fieldsOf = async (response: request.Response) => {
      expect(response.status, response.text).toBe(400);
      return Object.keys(response.body.error.fields);
    };
    expect(
      await fieldsOf(await put(2020, version, { rule: { ...DEFAULT_RULE, excellentCount: -1 }, overrides: [] })),
    ).toEqual(["rule.excellentCount"]);
    expect(await fieldsOf(await put(2020, version, { rule: { ...DEFAULT_RULE, stages: [] }, overrides: [] }))).toEqual([
      "rule.stages",
    ]);
    expect(
      await fieldsOf(
        await put(2020, version, {
          rule: DEFAULT_RULE,
          overrides: [{ areaId: 2_000_000_000, award: null, note: "无" }],
        }),
      ),
    ).toEqual(["overrides.0.areaId"]);
    expect(
      await fieldsOf(
        await put(2020, version, {
          rule: DEFAULT_RULE,
          overrides: [{ areaId: area.fair.id, award: "gold", note: "x" }],
        }),
      ),
    ).toEqual(["overrides.0.award"]);
    // Before the programme there is nothing to review.
    const before2020 = await taskforce.get("/api/reviews/2019");
    expect(before2020.status).toBe(404);
    expect(before2020.body.error.message).toContain("2019");
    // This year in June has no review yet; a year that is no number neither.
    expect(await fieldsOf(await taskforce.get("/api/reviews/2022"))).toEqual(["year"]);
    expect(await fieldsOf(await taskforce.get("/api/reviews/abc"))).toEqual(["year"]);
    expect(
      await fieldsOf(await taskforce.put("/api/reviews/2020").set(XHR).send({ rule: DEFAULT_RULE, overrides: [] })),
    ).toEqual(["If-Match"]);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it("lists the years to review, and drafts this year's from December without letting it be confirmed", async () => {
    const years = (await taskforce.get("/api/reviews")).body as { year: number; status: string }[];
    expect(years.map((entry) => [entry.year, entry.status])).toEqual([
      [2021, "confirmed"],
      [2020, "draft"],
    ]);

    t.clock.set("2022-12-05");
    await t.db.update(sessions).set({ createdAt: t.clock.now(), lastSeenAt: t.clock.now() });
    try {
      expect(((await taskforce.get("/api/reviews")).body as { year: number }[])[0]?.year).toBe(2022);
      const december = await review(2022);
      expect(december).toMatchObject({ asOf: "2022-12-05", closed: false, status: "draft" });
      expect(december.abilities).toEqual({ edit: true, confirm: false, reopen: false });
      const early = await confirm(2022, 0);
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe("year_not_closed");
    } finally {
      t.clock.set("2022-06-15");
      await t.db.update(sessions).set({ createdAt: t.clock.now(), lastSeenAt: t.clock.now() });
    }
  });
});
