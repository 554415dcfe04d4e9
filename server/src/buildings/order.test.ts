// Natural address order (docs/DOMAIN.md § Addresses): every list sorted by address orders by road, 弄, then 号
// as numbers — whichever way the building was written (created, edited, imported).

import { addressSortKey } from "@jiati/shared";
import { eq } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildings } from "../core/db/schema";
import { commit, download, ledgerRowOf, ledgerWorkbook, sheetValues, upload } from "../ledger/testing";
import { buildArea, buildUser, loginAs } from "../test/factories";
import { ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";

describe.each(ENGINES)("address order on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;

  beforeAll(async () => {
    t = await startTestApp(engine);
    taskforce = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
  });
  afterAll(() => t.close());

  const addressesOf = async (query: string) =>
    (await taskforce.get(`/api/buildings?${query}`)).body.items.map((b: { address: string }) => b.address);

  it("lists 1号, 2号, …, 10号, 19号 after creating, editing and importing them", async () => {
    const area = await buildArea(t, { name: "顺序居民区" });
    const create = (address: string) =>
      taskforce.post("/api/buildings").set(XHR).send({ areaId: area.id, address }).expect(201);
    for (const door of [10, 1, 19]) await create(`天山西路 799弄 ${door}号`);
    // An edit moves a building to its new place in the order.
    const moved = (await create("天山西路 799弄 200号")).body;
    await taskforce
      .patch(`/api/buildings/${moved.id}`)
      .set(XHR)
      .set("If-Match", '"1"')
      .send({ address: "天山西路 799弄 3号" })
      .expect(200);
    const file = await ledgerWorkbook([
      ledgerRowOf({ areaId: "顺序居民区", address: "天山西路 799弄 2号" }),
      ledgerRowOf({ areaId: "顺序居民区", address: "天山西路 800弄 1号" }),
      ledgerRowOf({ areaId: "顺序居民区", address: "哈密路 5弄 11号" }),
    ]);
    const preview = await upload(taskforce, file);
    expect(preview.status, JSON.stringify(preview.body)).toBe(201);
    expect((await commit(taskforce, preview.body.token)).status).toBe(200);

    const expected = [
      "哈密路 5弄 11号",
      "天山西路 799弄 1号",
      "天山西路 799弄 2号",
      "天山西路 799弄 3号",
      "天山西路 799弄 10号",
      "天山西路 799弄 19号",
      "天山西路 800弄 1号",
    ];
    expect(await addressesOf(`areaId=${area.id}`)).toEqual(expected);
    expect(await addressesOf(`areaId=${area.id}&sort=address&pageSize=3&page=2`)).toEqual(expected.slice(3, 6));
    expect(await addressesOf(`zoneId=${area.zoneId}&q=${encodeURIComponent("799弄")}`)).toEqual(expected.slice(1, 6));
    // Every write path stored the key the shared function computes.
    const rows = await t.db.select().from(buildings).where(eq(buildings.areaId, area.id));
    for (const row of rows) expect(row.addressSort).toBe(addressSortKey(row.address));
  });

  it("orders the ledger export the same way", async () => {
    const area = await buildArea(t, { name: "台账顺序" });
    for (const door of [12, 2, 1]) {
      await taskforce
        .post("/api/buildings")
        .set(XHR)
        .send({ areaId: area.id, address: `剑河路 3弄 ${door}号` })
        .expect(201);
    }
    const rows = (await sheetValues((await download(taskforce, `/api/export/buildings.xlsx?areaId=${area.id}`)).body))
      .slice(1)
      .map((row) => row[3]);
    expect(rows).toEqual(["剑河路 3弄 1号", "剑河路 3弄 2号", "剑河路 3弄 12号"]);
  });
});
