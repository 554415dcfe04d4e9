// A preview's answer stays small however long the file: the first rows and errors come with it, the rest are
// read a page at a time, by what the rows do — by the uploader only.

import { IMPORT_MAX_ROWS, IMPORT_PREVIEW_ROWS, type ImportPreview } from "@jiati/shared";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildArea, buildBuilding, buildUser, loginAs } from "../test/factories";
import { ENGINES, startTestApp, type TestApp } from "../test/harness";
import { ledgerRowOf, ledgerWorkbook, upload } from "./testing";

describe.each(ENGINES)("preview pages on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let preview: ImportPreview;
  let updatedIds: number[];

  beforeAll(async () => {
    t = await startTestApp(engine);
    const area = await buildArea(t, { name: "平塘" });
    taskforce = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
    updatedIds = [];
    for (let i = 0; i < 30; i++)
      updatedIds.push((await buildBuilding(t, { areaId: area.id, address: `旧路 ${i}号` })).id);
    // 150 new rows, 30 updates, 20 rows with an error each (a floor count of 99).
    const rows = [
      ...Array.from({ length: 150 }, (_, i) => ledgerRowOf({ areaId: "平塘", address: `新路 ${i}号` })),
      ...updatedIds.map((id, i) => ledgerRowOf({ id, areaId: "平塘", address: `旧路 ${i}号`, notes: "改了" })),
      ...Array.from({ length: 20 }, (_, i) => ledgerRowOf({ areaId: "平塘", address: `错路 ${i}号`, floors: 99 })),
    ];
    const response = await upload(taskforce, await ledgerWorkbook(rows));
    expect(response.status).toBe(201);
    preview = response.body;
  });
  afterAll(() => t.close());

  it("answers with the first rows and errors, and says there are more", () => {
    expect(preview.counts).toMatchObject({ rows: 200, create: 150, update: 30, error: 20, errors: 20 });
    expect(preview.rows).toHaveLength(IMPORT_PREVIEW_ROWS);
    expect(preview.rowsTruncated).toBe(true);
    expect(preview.errors).toHaveLength(20);
    expect(preview.errorsTruncated).toBe(false);
  });

  it("pages through the rows by what they do, each row once, with its errors", async () => {
    const page = (query: string) => taskforce.get(`/api/import/buildings/${preview.token}/rows?${query}`);
    const updates = await page("action=update&offset=10&limit=15");
    expect(updates.status).toBe(200);
    expect(updates.body.total).toBe(30);
    expect(updates.body.rows.map((row: { buildingId: number }) => row.buildingId)).toEqual(updatedIds.slice(10, 25));

    const seen: number[] = [];
    for (let offset = 0; ; offset += 70) {
      const response = await page(`action=changes&offset=${offset}&limit=70`);
      expect(response.body.total).toBe(180);
      if (response.body.rows.length === 0) break;
      seen.push(...response.body.rows.map((row: { row: number }) => row.row));
    }
    expect(new Set(seen).size).toBe(180);

    const errors = await page("action=error&limit=5");
    expect(errors.body.rows).toHaveLength(5);
    expect(errors.body.errors.map((error: { row: number }) => error.row)).toEqual(
      errors.body.rows.map((row: { row: number }) => row.row),
    );
    const allErrors = await taskforce.get(`/api/import/buildings/${preview.token}/errors?offset=15&limit=10`);
    expect(allErrors.body).toMatchObject({ total: 20 });
    expect(allErrors.body.errors).toHaveLength(5);
  });

  it("shows a preview's pages to its uploader only, and names bad paging", async () => {
    const other = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
    expect((await other.get(`/api/import/buildings/${preview.token}/rows`)).status).toBe(403);
    expect((await taskforce.get("/api/import/buildings/no-such-token/rows")).status).toBe(404);
    const bad = await taskforce.get(`/api/import/buildings/${preview.token}/rows?limit=5000&action=maybe`);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["action", "limit"]);
  });

  it(`keeps the answer to a ${IMPORT_MAX_ROWS}-row file small`, async () => {
    const rows = Array.from({ length: IMPORT_MAX_ROWS }, (_, i) =>
      ledgerRowOf({
        areaId: "平塘",
        address: `长路 ${i}号`,
        estate: "某小区",
        floors: 6,
        households: 24,
        notes: "备注",
      }),
    );
    const response = await upload(taskforce, await ledgerWorkbook(rows));
    expect(response.status).toBe(201);
    expect(response.body.counts.create).toBe(IMPORT_MAX_ROWS);
    expect(response.text.length).toBeLessThan(200_000);
    const last = await taskforce.get(`/api/import/buildings/${response.body.token}/rows?offset=${IMPORT_MAX_ROWS - 1}`);
    expect(last.body.rows[0].address).toBe(`长路 ${IMPORT_MAX_ROWS - 1}号`);
  });
});
