// The round trip on the demo programme: export → import unchanged is nothing to do; three edited cells are
// exactly three changes, previewed and applied, and nothing else moves.

import type { ImportPreview } from "@jiati/shared";
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areas, buildings } from "../core/db/schema";
import { seedDemo } from "../seed/demo";
import { buildBuilding, buildUser, loginAs, TEST_PASSWORD } from "../test/factories";
import { ENGINES, startTestApp, TEST_TODAY, type TestApp } from "../test/harness";
import { commit, download, editLedger, upload } from "./testing";

describe.each(ENGINES)("ledger round trip on %s", (engine) => {
  let t: TestApp;
  let admin: request.Agent;

  beforeAll(async () => {
    t = await startTestApp(engine);
    await seedDemo(t.db, { today: TEST_TODAY, password: TEST_PASSWORD });
    admin = await loginAs(t.app, "admin");
    // Values that are easy to mangle on the way through Excel.
    const [area] = await t.db.select().from(areas).orderBy(asc(areas.id)).limit(1);
    await buildBuilding(t, {
      areaId: area.id,
      estate: "007",
      address: "  怪值路 1号",
      consentRate: 87.5,
      costWan: 65.25,
      subsidyWan: 0,
      elevatorCompany: '=HYPERLINK("x")',
      notes: "第一行\n第二行，含“引号”与 <尖括号> & 符号",
      blockerCategory: "low_floor_opposition",
      blockerNote: "一楼住户反对",
      signedOn: "2021-12-31",
      startedOn: "2022-01-01",
    });
    await buildBuilding(t, {
      areaId: area.id,
      address: "怪值路 2号",
      withdrawn: true,
      floors: null,
      households: null,
    });
  });
  afterAll(() => t.close());

  const exportLedger = async (agent: request.Agent, query = "") => {
    const response = await download(agent, `/api/export/buildings.xlsx${query}`);
    expect(response.status).toBe(200);
    return response.body as Buffer;
  };
  const snapshot = async () =>
    new Map((await t.db.select().from(buildings)).map((b) => [b.id, { ...b, updatedAt: undefined }]));

  it("re-imports an unchanged export as nothing to change", async () => {
    const total = (await t.db.select().from(buildings)).length;
    expect(total).toBeGreaterThan(1_000);
    const preview = (await upload(admin, await exportLedger(admin))).body as ImportPreview;
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toEqual({ rows: total, create: 0, update: 0, unchanged: total, error: 0, errors: 0 });
    expect(preview.canCommit).toBe(false);
  });

  it("previews and applies exactly the three cells edited, and nothing else", async () => {
    const [waiting] = await t.db
      .select()
      .from(buildings)
      .where(and(isNotNull(buildings.signedOn), isNull(buildings.startedOn), eq(buildings.withdrawn, false)))
      .orderBy(asc(buildings.id))
      .limit(1);
    const [first, second] = await t.db
      .select()
      .from(buildings)
      .where(and(isNull(buildings.signedOn), eq(buildings.floors, 6)))
      .orderBy(asc(buildings.id))
      .limit(2);
    const startedOn = waiting.signedOn && waiting.signedOn > "2022-06-01" ? waiting.signedOn : "2022-06-01";
    const edited = await editLedger(await exportLedger(admin), [
      { id: first.id, key: "notes", value: "居民已同意，待签约" },
      { id: waiting.id, key: "startedOn", value: startedOn },
      { id: second.id, key: "floors", value: 7 },
    ]);

    const preview = (await upload(admin, edited)).body as ImportPreview;
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toMatchObject({ create: 0, update: 3, error: 0 });
    // The whole town's rows are more than the preview lists; its updates are read as the import page reads them.
    const updates = await admin.get(`/api/import/buildings/${preview.token}/rows?action=update`);
    const changes = (updates.body.rows as ImportPreview["rows"]).map((row) => [
      row.buildingId,
      ...row.changes.map((c) => [c.column, c.before, c.after]),
    ]);
    expect(changes).toEqual(
      expect.arrayContaining([
        [first.id, ["备注", "", "居民已同意，待签约"]],
        [waiting.id, ["开工日期", "", startedOn]],
        [second.id, ["层数", "6", "7"]],
      ]),
    );
    expect(changes).toHaveLength(3);

    const before = await snapshot();
    const response = await commit(admin, preview.token);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const after = await snapshot();
    const differences: [number, string, unknown, unknown][] = [];
    for (const [id, row] of after) {
      const old = before.get(id);
      for (const key of Object.keys(row) as (keyof typeof row)[]) {
        if (key !== "version" && JSON.stringify(old?.[key]) !== JSON.stringify(row[key])) {
          differences.push([id, key, old?.[key], row[key]]);
        }
      }
      if (old?.version !== row.version) expect([first.id, waiting.id, second.id]).toContain(id);
    }
    expect(differences).toEqual(
      expect.arrayContaining([
        [first.id, "notes", "", "居民已同意，待签约"],
        [waiting.id, "startedOn", null, startedOn],
        [second.id, "floors", 6, 7],
      ]),
    );
    expect(differences).toHaveLength(3);

    const again = (await upload(admin, await exportLedger(admin))).body as ImportPreview;
    expect(again.counts).toMatchObject({ create: 0, update: 0, error: 0 });
  });

  it("round-trips one area's ledger for its secretary", async () => {
    const [area] = await t.db.select().from(areas).orderBy(asc(areas.id)).limit(1);
    const secretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId: area.id })).username);
    const preview = (await upload(secretary, await exportLedger(secretary, `?areaId=${area.id}`)))
      .body as ImportPreview;
    expect(preview.errors).toEqual([]);
    expect(preview.counts.rows).toBeGreaterThan(30);
    expect(preview.counts).toMatchObject({ create: 0, update: 0, error: 0 });
  });
});
