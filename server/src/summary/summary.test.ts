import { BUILDING_FIELDS, countInYear, cumulative, monthlyCounts, RECORDED_STAGES } from "@jiati/shared";
import fc from "fast-check";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildings as buildingsTable } from "../core/db/schema";
import { COUNTED_FIELDS } from "../rules/counted";
import { countsByArea } from "../structure/repo";
import { buildArea, buildBuilding, buildTarget, buildUser, buildZone, loginAs } from "../test/factories";
import { ENGINES, startWithTaskforce, type TestApp, XHR } from "../test/harness";

describe.each(ENGINES)("GET /api/summary on %s", (engine) => {
  let t: TestApp;
  let agent: request.Agent;

  beforeAll(async () => {
    ({ t, agent } = await startWithTaskforce(engine));
  });
  afterAll(() => t.close());

  /** The plain recount: every building read back and counted with the shared functions. */
  async function recount(year: number) {
    const rows = await t.db.select().from(buildingsTable);
    return Object.fromEntries(
      RECORDED_STAGES.map((stage) => [
        stage,
        { actual: countInYear(rows, stage, year), cumulative: cumulative(monthlyCounts(rows, stage, year)) },
      ]),
    );
  }

  async function expectSummaryToMatchRecount(year: number) {
    const response = await agent.get(`/api/summary?year=${year}`);
    expect(response.status).toBe(200);
    const expected = await recount(year);
    for (const stage of RECORDED_STAGES) {
      expect(response.body.stages[stage].actual, stage).toBe(expected[stage].actual);
      expect(response.body.stages[stage].cumulative, stage).toEqual(expected[stage].cumulative);
    }
    const areaTotal = response.body.areas.reduce(
      (sum: number, row: { stages: { signed: { actual: number } } }) => sum + row.stages.signed.actual,
      0,
    );
    expect(areaTotal).toBe(expected.signed.actual);
  }

  it("gives a zone leader any zone's report of that zone only, as leaders read every zone", async () => {
    const own = await buildArea(t, { name: "本片居民区" });
    const other = await buildArea(t, { name: "他片居民区" });
    await buildBuilding(t, { areaId: own.id, signedOn: "2022-03-01" });
    await buildBuilding(t, { areaId: other.id, signedOn: "2022-03-02" });
    const zoneLeader = await loginAs(t.app, (await buildUser(t, "leader", { zoneId: own.zoneId })).username);
    for (const [area, notShown] of [
      [own, other],
      [other, own],
    ] as const) {
      const response = await zoneLeader.get(`/api/summary?year=2022&zoneId=${area.zoneId}`);
      expect(response.status).toBe(200);
      expect(response.body.scope.zoneId).toBe(area.zoneId);
      expect(response.body.stages.signed.actual).toBe(1);
      const areaIds = response.body.areas.map((row: { id: number }) => row.id);
      expect(areaIds).toEqual([area.id]);
      expect(areaIds).not.toContain(notShown.id);
      expect(response.body.zones.map((row: { id: number }) => row.id)).toEqual([area.zoneId]);
    }
  });

  it("reports actual, target, percent, expected-by-now and gap for a year", async () => {
    const zone = await buildZone(t);
    const area = await buildArea(t, { zoneId: zone.id });
    await buildBuilding(t, { areaId: area.id, signedOn: "2022-01-10", startedOn: "2022-03-01" });
    await buildBuilding(t, { areaId: area.id, signedOn: "2022-02-10" });
    await buildBuilding(t, { areaId: area.id, signedOn: "2021-12-10" });
    await buildTarget(t, { year: 2022, stage: "signed", value: 122 });
    await buildTarget(t, { year: 2022, stage: "signed", areaId: area.id, value: 10 });
    const response = await agent.get(`/api/summary?year=2022&zoneId=${zone.id}`);
    expect(response.status).toBe(200);
    const signed = response.body.stages.signed;
    // 15 June 2022 is day 166 of 365: 10 × 166/365 = 4.5, so four whole elevators are due and two are missing.
    expect(signed).toMatchObject({ actual: 2, target: 10, percent: 20, expected: 4, gap: -2, onTrack: false });
    expect(response.body.areas).toMatchObject([
      { id: area.id, stages: { signed: { actual: 2, target: 10 } }, behind: true, shortfall: 2, rank: 1 },
    ]);
    expect(response.body.scope).toEqual({ zoneId: zone.id, zoneName: zone.name });
    const town = await agent.get("/api/summary?year=2022");
    expect(town.body.stages.signed.target).toBe(122);
    expect(town.body.allocation.signed).toMatchObject({ town: 122, areaSum: 10, balanced: false });
  });

  it("ranks areas on track above those behind, and counts each area's stalled and blocked buildings", async () => {
    const zone = await buildZone(t);
    // Ahead in percent but behind plan: 7 of 20 signed when 9 are due.
    const behind = await buildArea(t, { zoneId: zone.id, name: "落后但百分比高" });
    // Lower in percent but on track: 2 of 5 signed when 2 are due.
    const onTrack = await buildArea(t, { zoneId: zone.id, name: "百分比低但正常" });
    for (let i = 0; i < 7; i++) await buildBuilding(t, { areaId: behind.id, signedOn: "2022-01-10" });
    for (let i = 0; i < 2; i++) await buildBuilding(t, { areaId: onTrack.id, signedOn: "2022-01-10" });
    // Signed on 1 January, not started by 15 June: stalled (past 90 days); one blocked, one completed with an old blocker.
    await buildBuilding(t, { areaId: behind.id, signedOn: "2022-01-01", blockerCategory: "funding" });
    await buildBuilding(t, {
      areaId: behind.id,
      signedOn: "2021-01-04",
      startedOn: "2021-02-01",
      completedOn: "2021-05-01",
      blockerCategory: "funding",
    });
    await buildTarget(t, { year: 2022, stage: "signed", areaId: behind.id, value: 20 });
    await buildTarget(t, { year: 2022, stage: "signed", areaId: onTrack.id, value: 5 });
    const body = (await agent.get(`/api/summary?year=2022&zoneId=${zone.id}`)).body;
    const row = (id: number) => body.areas.find((area: { id: number }) => area.id === id);
    // behind: 8 signed in 2022 of 20, ⌊20 × 166/365⌋ = 9 due.
    expect(row(behind.id)).toMatchObject({ behind: true, shortfall: 1, stalled: 8, blocked: 1, rank: 2 });
    expect(row(behind.id).stages.signed.percent).toBe(40);
    expect(row(onTrack.id)).toMatchObject({ behind: false, shortfall: 0, stalled: 2, blocked: 0, rank: 1 });
    expect(body.zones[0]).toMatchObject({ stalled: 10, blocked: 1, shortfall: 1 });
    expect(body.recent).toMatchObject({ weekFrom: "2022-06-13", monthFrom: "2022-06-01", through: "2022-06-15" });
  });

  it("equals a plain recount after creations, stage updates, corrections, clearings and withdrawals", async () => {
    const area = await buildArea(t);
    await expectSummaryToMatchRecount(2022); // warms the cache
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await buildBuilding(t, { areaId: area.id })).id);
    // Factories write directly, bypassing the change hub; announce so the cache is dropped, as a write would.
    const versions = new Map(ids.map((id) => [id, 1]));
    const step = async (id: number, body: object) => {
      const response = await agent
        .post(`/api/buildings/${id}/stage`)
        .set(XHR)
        .set("If-Match", `"${versions.get(id)}"`)
        .send(body);
      if (response.status === 200) versions.set(id, response.body.version);
      return response.status;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            building: fc.integer({ min: 0, max: ids.length - 1 }),
            stage: fc.constantFrom("signed", "started", "completed"),
            day: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null, freq: 6 }),
          }),
          { minLength: 5, maxLength: 15 },
        ),
        async (updates) => {
          for (const update of updates) {
            const date =
              update.day == null
                ? null
                : new Date(Date.UTC(2021, 1, 1) + update.day * 86_400_000).toISOString().slice(0, 10);
            await step(ids[update.building], { stage: update.stage, date, reason: "更正" });
          }
          await expectSummaryToMatchRecount(2022);
          await expectSummaryToMatchRecount(2021);
        },
      ),
      { seed: 7, numRuns: 8 },
    );
    const victim = ids[0];
    const withdraw = await agent
      .patch(`/api/buildings/${victim}`)
      .set(XHR)
      .set("If-Match", `"${versions.get(victim)}"`)
      .send({ withdrawn: true, reason: "撤销" });
    expect(withdraw.status).toBe(200);
    await expectSummaryToMatchRecount(2022);
    await expectSummaryToMatchRecount(2021);
  });

  it("serves the cached summary until a change, then the new numbers", async () => {
    const area = await buildArea(t);
    const building = await buildBuilding(t, { areaId: area.id });
    const first = await agent.get("/api/summary?year=2022");
    const again = await agent.get("/api/summary?year=2022");
    expect(again.body.generatedAt).toBe(first.body.generatedAt);
    await agent
      .post(`/api/buildings/${building.id}/stage`)
      .set(XHR)
      .set("If-Match", '"1"')
      .send({ stage: "signed", date: "2022-06-01" });
    const after = await agent.get("/api/summary?year=2022");
    expect(after.body.stages.signed.actual).toBe(first.body.stages.signed.actual + 1);
    expect(after.body.recent.month.signed).toBe(first.body.recent.month.signed + 1);
  });

  it("keeps the summary and the areas' counts through changes that leave every count as it was, and only those", async () => {
    const zone = await buildZone(t);
    const area = await buildArea(t, { zoneId: zone.id });
    const owner = await buildUser(t, "secretary", { areaId: area.id });
    // Stalled (signed long ago) and blocked: every figure that could move has something to count.
    const building = await buildBuilding(t, {
      areaId: area.id,
      signedOn: "2021-11-02",
      blockerCategory: "funding",
      blockedSince: "2022-05-01",
    });
    let version = 1;
    const patch = async (body: object) => {
      const response = await agent
        .patch(`/api/buildings/${building.id}`)
        .set(XHR)
        .set("If-Match", `"${version}"`)
        .send(body);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      version = response.body.version;
    };
    const withoutTime = ({ generatedAt: _, ...rest }: { generatedAt: string }) => rest;
    const readings = async () => ({
      town: (await agent.get("/api/summary?year=2022")).body,
      zone: (await agent.get(`/api/summary?year=2022&zoneId=${zone.id}`)).body,
      areas: (await agent.get("/api/areas")).body,
    });
    const fresh = async () => ({
      town: await t.services.summary.compute(2022, null, "2022-06-15"),
      zone: await t.services.summary.compute(2022, zone.id, "2022-06-15"),
      areas: await countsByArea(t.db),
    });
    const first = await readings();
    // Every editable field but those a count reads, with the blocker's note, owner and due date.
    const samples: Record<string, unknown> = {
      estate: "新小区",
      address: `换名路 ${building.id}号`,
      floors: 7,
      households: 30,
      elderlyHouseholds: 9,
      elevatorCompany: "某电梯公司",
      consentRate: 95,
      costWan: 60,
      subsidyWan: 24,
      notes: "改了备注",
    };
    const bodies: object[] = [
      ...BUILDING_FIELDS.filter((field) => !COUNTED_FIELDS.has(field)).map((field) => {
        expect(samples, `a sample value for ${field}`).toHaveProperty(field);
        return { [field]: samples[field] };
      }),
      { blocker: { category: "funding", note: "资金正在落实" } },
      { blocker: { category: "funding", note: "资金正在落实", ownerId: owner.id, dueOn: "2022-07-01" } },
    ];
    for (const body of bodies) {
      t.clock.advance(1000);
      await patch(body);
      const now = await readings();
      // Served as kept (the same computation) and equal to a count made afresh now.
      expect(now.town.generatedAt, JSON.stringify(body)).toBe(first.town.generatedAt);
      expect(now.zone.generatedAt, JSON.stringify(body)).toBe(first.zone.generatedAt);
      const counted = await fresh();
      expect(withoutTime(now.town), JSON.stringify(body)).toEqual(withoutTime(counted.town));
      expect(withoutTime(now.zone), JSON.stringify(body)).toEqual(withoutTime(counted.zone));
      const areaCounts = now.areas.find((row: { id: number }) => row.id === area.id).counts;
      const { areaId: _, ...countedHere } = counted.areas.find((row) => row.areaId === area.id) ?? { areaId: 0 };
      expect(areaCounts).toMatchObject(countedHere);
    }
    // A change a count reads drops them at once: the next read counts it.
    const other = await buildArea(t, { zoneId: zone.id });
    const counting: [object, (before: typeof first, after: typeof first) => void][] = [
      [
        { blocker: { category: "approval", note: "" } },
        (b, a) => expect(a.town.blocked.approval).toBe((b.town.blocked.approval ?? 0) + 1),
      ],
      [{ blocker: null }, (b, a) => expect(a.town.funnel.signed).toBe(b.town.funnel.signed)],
      [
        { areaId: other.id },
        (_, a) => expect(a.areas.find((row: { id: number }) => row.id === other.id).counts.signed).toBe(1),
      ],
      [{ withdrawn: true, reason: "撤销" }, (b, a) => expect(a.town.funnel.signed).toBe(b.town.funnel.signed - 1)],
    ];
    for (const [body, check] of counting) {
      const before = await readings();
      t.clock.advance(1000);
      await patch(body);
      const after = await readings();
      expect(after.town.generatedAt, JSON.stringify(body)).not.toBe(before.town.generatedAt);
      check(before, after);
      expect(withoutTime(after.town)).toEqual(withoutTime(await t.services.summary.compute(2022, null, "2022-06-15")));
    }
  });

  it("answers 304 to a client that holds the current summary, and 200 after a change", async () => {
    const first = await agent.get("/api/summary?year=2022");
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"/);
    expect((await agent.get("/api/summary?year=2022").set("If-None-Match", etag)).status).toBe(304);
    const area = await buildArea(t);
    const created = await agent
      .post("/api/buildings")
      .set(XHR)
      .send({ areaId: area.id, address: "新到路 1号", signedOn: "2022-06-01" });
    expect(created.status).toBe(201);
    const changed = await agent.get("/api/summary?year=2022").set("If-None-Match", etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("counts stalled and blocked buildings and the current funnel", async () => {
    const zone = await buildZone(t);
    const area = await buildArea(t, { zoneId: zone.id });
    await buildBuilding(t, { areaId: area.id });
    await buildBuilding(t, { areaId: area.id, signedOn: "2022-01-01" }); // stalled signing (> 90 days)
    await buildBuilding(t, { areaId: area.id, signedOn: "2021-01-01", startedOn: "2021-06-01" }); // stalled start
    await buildBuilding(t, {
      areaId: area.id,
      signedOn: "2022-05-01",
      blockerCategory: "funding",
      blockedSince: "2022-05-10",
    });
    await buildBuilding(t, {
      areaId: area.id,
      signedOn: "2021-01-01",
      startedOn: "2021-02-01",
      completedOn: "2021-06-01",
    });
    await buildBuilding(t, { areaId: area.id, signedOn: "2021-01-01", withdrawn: true });
    const response = await agent.get(`/api/summary?year=2022&zoneId=${zone.id}`);
    expect(response.body.funnel).toEqual({ planned: 1, signed: 2, started: 1, completed: 1 });
    expect(response.body.stalled).toEqual({ signed: 1, started: 1, signedDays: 90, startedDays: 180 });
    expect(response.body.blocked).toMatchObject({ funding: 1, pipelines: 0 });

    // New thresholds recount the stalled buildings, and the summary says which thresholds it counted with.
    const put = await agent.put("/api/settings/stall").set(XHR).send({ signedDays: 1000, startedDays: 180 });
    expect(put.status).toBe(200);
    const after = await agent.get(`/api/summary?year=2022&zoneId=${zone.id}`);
    expect(after.body.stalled).toEqual({ signed: 0, started: 1, signedDays: 1000, startedDays: 180 });
    await agent.put("/api/settings/stall").set(XHR).send({ signedDays: 90, startedDays: 180 });
  });

  it("refuses a bad year and an unknown zone", async () => {
    const bad = await agent.get("/api/summary?year=1999");
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("year");
    expect((await agent.get("/api/summary?year=2022&zoneId=99999")).status).toBe(404);
  });
});
