import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startWithTaskforce, type TestApp, XHR } from "../test/harness";

describe.each(ENGINES)("organisation settings on %s", (engine) => {
  let t: TestApp;
  let agent: request.Agent;
  beforeAll(async () => {
    ({ t, agent } = await startWithTaskforce(engine));
  });
  afterAll(() => t.close());

  it("starts with the default town and issuing unit, and keeps what the task force sets, trimmed and audited", async () => {
    expect((await agent.get("/api/settings/organization")).body).toEqual({
      townName: "新泾镇",
      issuingUnit: "新泾镇加梯专班",
    });
    const put = await agent
      .put("/api/settings/organization")
      .set(XHR)
      .send({ townName: " 江桥镇 ", issuingUnit: "江桥镇加装电梯工作专班" });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ townName: "江桥镇", issuingUnit: "江桥镇加装电梯工作专班" });
    const leader = await loginAs(t.app, (await buildUser(t, "leader")).username);
    expect((await leader.get("/api/settings/organization")).body.townName).toBe("江桥镇");
    const audit = await agent.get("/api/audit?limit=5");
    const row = audit.body.items.find((item: { entityId: string }) => item.entityId === "organization");
    expect(row).toMatchObject({ action: "settings.update" });
    expect(JSON.stringify(row)).toContain("江桥镇加装电梯工作专班");
  });

  it("refuses an empty or over-long name with the field named, and a leader, writing nothing", async () => {
    const leader = await loginAs(t.app, (await buildUser(t, "leader")).username);
    const before = await databaseFingerprint(t.database);
    const empty = await agent.put("/api/settings/organization").set(XHR).send({ townName: "   ", issuingUnit: "专班" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toHaveProperty("townName");
    const long = await agent
      .put("/api/settings/organization")
      .set(XHR)
      .send({ townName: "镇", issuingUnit: "专".repeat(41) });
    expect(long.status).toBe(400);
    expect(long.body.error.fields).toHaveProperty("issuingUnit");
    const refused = await leader
      .put("/api/settings/organization")
      .set(XHR)
      .send({ townName: "镇", issuingUnit: "专班" });
    expect(refused.status).toBe(403);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });
});
