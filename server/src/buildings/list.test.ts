// The building list behind each summary figure (docs/DOMAIN.md § The building list): on the demo programme,
// with a few edge cases added, the list's total equals the figure — per year, stage and scope (town, zone,
// area), for this week and month, the funnel, the stalled kinds and the blocked per category.

import {
  BLOCKER_CATEGORIES,
  BUILDING_STAGES,
  RECORDED_STAGES,
  type Summary,
  startOfMonth,
  startOfWeek,
} from "@jiati/shared";
import { asc } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areas } from "../core/db/schema";
import { seedDemo } from "../seed/demo";
import { buildBuilding, loginAs, TEST_PASSWORD } from "../test/factories";
import { ENGINES, startTestApp, TEST_TODAY, type TestApp } from "../test/harness";

describe.each(ENGINES)("the building list behind each summary figure on %s", (engine) => {
  let t: TestApp;
  let leader: request.Agent;
  let zoneIds: number[];

  beforeAll(async () => {
    t = await startTestApp(engine);
    await seedDemo(t.db, { today: TEST_TODAY, password: TEST_PASSWORD });
    const [area] = await t.db.select().from(areas).orderBy(asc(areas.id)).limit(1);
    const areaId = area?.id as number;
    // Where rules could part: an old blocker on a completed building, a withdrawn blocked and signed one,
    // a blocked one with a stage date, a signing on the year's first and last day.
    await buildBuilding(t, {
      areaId,
      address: "边界路 1号",
      signedOn: "2021-01-01",
      startedOn: "2021-03-01",
      completedOn: "2022-01-01",
      blockerCategory: "funding",
    });
    await buildBuilding(t, {
      areaId,
      address: "边界路 2号",
      signedOn: "2022-02-01",
      blockerCategory: "pipelines",
      withdrawn: true,
    });
    await buildBuilding(t, { areaId, address: "边界路 3号", signedOn: "2021-12-31", blockerCategory: "approval" });
    await buildBuilding(t, { areaId, address: "边界路 4号", signedOn: "2022-01-01" });
    leader = await loginAs(t.app, "leader");
    zoneIds = (await leader.get("/api/zones")).body.map((zone: { id: number }) => zone.id);
  });
  afterAll(() => t.close());

  const total = async (query: string) => {
    const response = await leader.get(`/api/buildings?pageSize=1&${query}`);
    expect(response.status, `${query}: ${JSON.stringify(response.body)}`).toBe(200);
    return response.body.total as number;
  };
  const summary = async (year: number, zoneId?: number): Promise<Summary> =>
    (await leader.get(`/api/summary?year=${year}${zoneId ? `&zoneId=${zoneId}` : ""}`)).body;
  const inYear = (stage: string, year: number) => `counted=${stage}&from=${year}-01-01&to=${year}-12-31`;

  it("counts each stage's year as the summary does, for the town, each zone and each area", async () => {
    for (const year of [2021, 2022]) {
      const town = await summary(year);
      for (const stage of RECORDED_STAGES) {
        expect(await total(inYear(stage, year)), `${year} ${stage}`).toBe(town.stages[stage].actual);
        for (const zone of town.zones) {
          expect(await total(`zoneId=${zone.id}&${inYear(stage, year)}`), `${zone.name}`).toBe(
            zone.stages[stage].actual,
          );
        }
        for (const area of town.areas ?? []) {
          expect(await total(`areaId=${area.id}&${inYear(stage, year)}`), `${area.name}`).toBe(
            area.stages[stage].actual,
          );
        }
      }
      expect(town.stages.signed.actual).toBeGreaterThan(0);
    }
  });

  it("counts this week's and this month's records as the summary's recent figures", async () => {
    for (const scope of [undefined, ...zoneIds]) {
      const figures = await summary(2022, scope);
      const zone = scope ? `zoneId=${scope}&` : "";
      for (const stage of RECORDED_STAGES) {
        const week = `counted=${stage}&from=${startOfWeek(TEST_TODAY)}&to=${TEST_TODAY}`;
        const month = `counted=${stage}&from=${startOfMonth(TEST_TODAY)}&to=${TEST_TODAY}`;
        expect(await total(`${zone}${week}`), `week ${stage}`).toBe(figures.recent.week[stage]);
        expect(await total(`${zone}${month}`), `month ${stage}`).toBe(figures.recent.month[stage]);
      }
    }
  });

  it("lists the funnel's stages, the stalled kinds and the blocked per category as the summary counts them", async () => {
    for (const scope of [undefined, ...zoneIds]) {
      const figures = await summary(2022, scope);
      const zone = scope ? `zoneId=${scope}&` : "";
      for (const stage of BUILDING_STAGES) {
        expect(await total(`${zone}stage=${stage}`), `funnel ${stage}`).toBe(figures.funnel[stage]);
      }
      expect(await total(`${zone}stalled=signed`)).toBe(figures.stalled.signed);
      expect(await total(`${zone}stalled=started`)).toBe(figures.stalled.started);
      expect(await total(`${zone}stalled=true`)).toBe(figures.stalled.signed + figures.stalled.started);
      let blocked = 0;
      for (const category of BLOCKER_CATEGORIES) {
        expect(await total(`${zone}blockerCategory=${category}`), category).toBe(figures.blocked[category]);
        blocked += figures.blocked[category] ?? 0;
      }
      expect(await total(`${zone}blocked=true`)).toBe(blocked);
    }
    const town = await summary(2022);
    expect(town.stalled.signed + town.stalled.started).toBeGreaterThan(0);
    expect(town.blocked.funding).toBeGreaterThanOrEqual(0);
  });

  it("splits the buildings into stalled and not, blocked and not", async () => {
    const all = await total("");
    expect((await total("stalled=true")) + (await total("stalled=false"))).toBe(all);
    expect((await total("blocked=true")) + (await total("blocked=false"))).toBe(all);
  });

  it("needs both ends of a count's range, in order, and a stage for them, naming the field", async () => {
    const fields = async (query: string) => {
      const response = await leader.get(`/api/buildings?${query}`);
      expect(response.status, query).toBe(400);
      return Object.keys(response.body.error.fields ?? {});
    };
    expect(await fields("counted=signed")).toEqual(["from", "to"]);
    expect(await fields("counted=signed&from=2022-01-01")).toEqual(["to"]);
    expect(await fields("counted=signed&to=2022-01-01")).toEqual(["from"]);
    expect(await fields("from=2022-01-01&to=2022-12-31")).toEqual(["counted"]);
    expect(await fields("counted=signed&from=2022-12-31&to=2022-01-01")).toEqual(["to"]);
    expect(await fields("counted=signed&from=2022-02-30&to=2022-12-31")).toContain("from");
    expect(await fields("counted=planned&from=2022-01-01&to=2022-12-31")).toEqual(["counted"]);
    expect(await fields("stalled=yes")).toEqual(["stalled"]);
  });
});
