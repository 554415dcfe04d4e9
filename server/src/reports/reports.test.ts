import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, buildZone, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startWithTaskforce, type TestApp, XHR } from "../test/harness";

describe.each(ENGINES)("the report's next steps on %s", (engine) => {
  let t: TestApp;
  let agent: request.Agent;
  let leader: request.Agent;
  beforeAll(async () => {
    ({ t, agent } = await startWithTaskforce(engine));
    leader = await loginAs(t.app, (await buildUser(t, "leader")).username);
  });
  afterAll(() => t.close());

  const put = (path: string, nextSteps: unknown, version: number | null) => {
    const call = agent.put(path).set(XHR);
    return (version == null ? call : call.set("If-Match", `"${version}"`)).send({ nextSteps });
  };

  it("starts empty at version 0, which leaders read but may not write", async () => {
    const notes = await leader.get("/api/report-notes?year=2022");
    expect(notes.status).toBe(200);
    expect(notes.body).toEqual({
      year: 2022,
      zoneId: null,
      nextSteps: "",
      version: 0,
      updatedAt: null,
      updatedBy: null,
      editable: false,
    });
    expect((await agent.get("/api/report-notes?year=2022")).body.editable).toBe(true);
    expect((await t.anonymous().get("/api/report-notes?year=2022")).status).toBe(401);
  });

  it("keeps what the task force writes, per year and per scope, cleaned, versioned and audited", async () => {
    const zone = await buildZone(t);
    const first = await put("/api/report-notes?year=2023", "  一、加快审批。\n二、协调资金。\u200b ", 0);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      year: 2023,
      zoneId: null,
      nextSteps: "一、加快审批。\n二、协调资金。",
      version: 1,
    });
    expect(first.body.updatedBy).toBe("测试taskforce");
    const zoneNotes = await put(`/api/report-notes?year=2023&zoneId=${zone.id}`, "片区：每周例会", 0);
    expect(zoneNotes.body).toMatchObject({ zoneId: zone.id, version: 1 });

    // Each report keeps its own: the town's, the zone's, another year's (still empty).
    expect((await leader.get("/api/report-notes?year=2023")).body.nextSteps).toBe("一、加快审批。\n二、协调资金。");
    expect((await leader.get(`/api/report-notes?year=2023&zoneId=${zone.id}`)).body.nextSteps).toBe("片区：每周例会");
    expect((await leader.get("/api/report-notes?year=2024")).body).toMatchObject({ nextSteps: "", version: 0 });

    const second = await put("/api/report-notes?year=2023", "", 1);
    expect(second.body).toMatchObject({ nextSteps: "", version: 2 });
    const audit = await agent.get("/api/audit?action=report.update&limit=10");
    const rows = audit.body.items as { entity: string; entityId: string; before: unknown; after: unknown }[];
    expect(rows.map((row) => [row.entity, row.entityId, row.before, row.after])).toEqual([
      ["report", "2023", { nextSteps: "一、加快审批。\n二、协调资金。" }, { nextSteps: "" }],
      ["report", `2023-${zone.id}`, { nextSteps: "" }, { nextSteps: "片区：每周例会" }],
      ["report", "2023", { nextSteps: "" }, { nextSteps: "一、加快审批。\n二、协调资金。" }],
    ]);
  });

  it("refuses a write at a stale version with the current text, and lets only one of two racing writes through", async () => {
    expect((await put("/api/report-notes?year=2025", "第一稿", 0)).status).toBe(200);
    const before = await databaseFingerprint(t.database);
    const stale = await put("/api/report-notes?year=2025", "旧稿覆盖", 0);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    expect(stale.body.error.current).toMatchObject({ nextSteps: "第一稿", version: 1 });
    expect(await databaseFingerprint(t.database)).toEqual(before);

    const racing = await Promise.all([
      put("/api/report-notes?year=2025", "甲稿", 1),
      put("/api/report-notes?year=2025", "乙稿", 1),
    ]);
    expect(racing.map((response) => response.status).sort()).toEqual([200, 409]);
    const winner = racing.find((response) => response.status === 200)?.body.nextSteps;
    expect((await leader.get("/api/report-notes?year=2025")).body).toMatchObject({ nextSteps: winner, version: 2 });
  });

  it("refuses bad input naming the field, other roles and unknown zones, writing nothing", async () => {
    const secretary = await loginAs(t.app, (await buildUser(t, "secretary")).username);
    const before = await databaseFingerprint(t.database);
    const long = await put("/api/report-notes?year=2022", "字".repeat(2001), 0);
    expect(long.status).toBe(400);
    expect(long.body.error.fields).toHaveProperty("nextSteps");
    const noVersion = await put("/api/report-notes?year=2022", "无版本", null);
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.fields).toHaveProperty("If-Match");
    const badYear = await put("/api/report-notes?year=1999", "年份", 0);
    expect(badYear.status).toBe(400);
    expect(badYear.body.error.fields).toHaveProperty("year");
    expect((await leader.get("/api/report-notes")).body.error.fields).toHaveProperty("year");
    for (const other of [leader, secretary]) {
      const refused = await other
        .put("/api/report-notes?year=2022")
        .set(XHR)
        .set("If-Match", '"0"')
        .send({ nextSteps: "越权" });
      expect(refused.status).toBe(403);
    }
    expect((await put("/api/report-notes?year=2022&zoneId=999999", "无此片区", 0)).status).toBe(404);
    expect((await leader.get("/api/report-notes?year=2022&zoneId=999999")).status).toBe(404);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });
});
