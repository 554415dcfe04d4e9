// Blockers in the Excel ledger (docs/DOMAIN.md § Blocker supervision): the export ends with two read-only
// columns, 受阻天数 and 最新进展, which an import of the same file ignores; an import that clears a blocker
// clears its owner and due date, as the app does.

import { LEDGER_COLUMNS, LEDGER_READ_ONLY_HEADERS, LEDGER_SHEET } from "@jiati/shared";
import { eq } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildings } from "../core/db/schema";
import { commit, download, editLedger, loadWorkbook, upload } from "../ledger/testing";
import { buildArea, buildBuilding, buildUser, loginAs } from "../test/factories";
import { ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";

describe.each(ENGINES)("blockers in the ledger on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let areaId: number;
  let ownerId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    areaId = (await buildArea(t)).id;
    const admin = await buildUser(t, "taskforce");
    ownerId = admin.id;
    taskforce = await loginAs(t.app, admin.username);
  });
  afterAll(() => t.close());

  /** The ledger sheet's rows with every cell, read-only columns included (index 0 = the header). */
  const allCells = async (file: Buffer) => {
    const sheet = (await loadWorkbook(file)).getWorksheet(LEDGER_SHEET);
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => {
      rows.push(Array.from({ length: LEDGER_COLUMNS.length + 2 }, (_, i) => row.getCell(i + 1).value ?? null));
    });
    return rows;
  };

  it("exports days blocked and the current episode's last note after 版本, and re-imports as nothing to do", async () => {
    const blocked = await buildBuilding(t, {
      areaId,
      address: "台账路 1号",
      blockerCategory: "funding",
      blockerNote: "出资分摊",
      blockedSince: "2022-06-01",
      blockerOwnerId: ownerId,
      blockerDueOn: "2022-06-30",
    });
    await buildBuilding(t, { areaId, address: "台账路 2号" });
    const post = (text: string) => taskforce.post(`/api/buildings/${blocked.id}/blocker/notes`).set(XHR).send({ text });
    await post("第一次协调");
    t.clock.advance(1_000);
    await post("业主同意分摊方案");

    const file = (await download(taskforce, `/api/export/buildings.xlsx?areaId=${areaId}`)).body as Buffer;
    const rows = await allCells(file);
    expect(rows[0]?.slice(-3)).toEqual([
      "版本",
      LEDGER_READ_ONLY_HEADERS.blockedDays,
      LEDGER_READ_ONLY_HEADERS.lastBlockerNote,
    ]);
    expect(rows[1]?.slice(-2)).toEqual([14, "业主同意分摊方案"]);
    expect(rows[2]?.slice(-2)).toEqual([null, null]);

    const preview = await upload(taskforce, file);
    expect(preview.status, JSON.stringify(preview.body)).toBe(201);
    expect(preview.body.counts).toMatchObject({ update: 0, unchanged: 2, error: 0 });
    expect(preview.body.ignoredColumns).toEqual(Object.values(LEDGER_READ_ONLY_HEADERS));
  });

  it("clears the owner and the due date when an import clears the blocker", async () => {
    const blocked = await buildBuilding(t, {
      areaId,
      address: "台账路 3号",
      blockerCategory: "approval",
      blockerNote: "审批中",
      blockedSince: "2022-06-01",
      blockerOwnerId: ownerId,
      blockerDueOn: "2022-06-20",
    });
    const exported = (await download(taskforce, `/api/export/buildings.xlsx?areaId=${areaId}`)).body as Buffer;
    const edited = await editLedger(exported, [
      { id: blocked.id, key: "blockerCategory", value: null },
      { id: blocked.id, key: "blockerNote", value: null },
    ]);
    const preview = await upload(taskforce, edited);
    expect(preview.body.counts).toMatchObject({ update: 1, error: 0 });
    expect((await commit(taskforce, preview.body.token)).status).toBe(200);
    const [row] = await t.db.select().from(buildings).where(eq(buildings.id, blocked.id));
    expect(row).toMatchObject({ blockerCategory: null, blockedSince: null, blockerOwnerId: null, blockerDueOn: null });
  });
});
