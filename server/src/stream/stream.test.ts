import type http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../core/db";
import { buildArea, buildBuilding, buildUser, loginAs } from "../test/factories";
import { ENGINES, freshDatabase, startTestApp, type TestApp, XHR } from "../test/harness";
import { listen, openStream } from "../test/streams";

describe.each(ENGINES)("live updates on %s", (engine) => {
  let database: Database;
  let first: TestApp;
  let second: TestApp;
  let server: http.Server;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    first = await startTestApp(engine, { database });
    second = await startTestApp(engine, { database });
    server = await listen(second.app);
  });
  afterAll(async () => {
    await second.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await first.close();
    await database.close();
  });

  it("refuses the stream without a session", async () => {
    const port = (server.address() as AddressInfo).port;
    const response = await fetch(`http://127.0.0.1:${port}/api/stream`);
    expect(response.status).toBe(401);
  });

  // Only PostgreSQL has a listening connection to cut (PGlite's notices stay in the process).
  if (engine === "postgresql")
    it("after its listening connection is cut, tells its pages to refetch everything and hears changes again", async () => {
      const user = await buildUser(database.db, "taskforce");
      const writer = await loginAs(first.app, user.username);
      const reader = await loginAs(second.app, user.username);
      const cookie = (await reader.get("/api/session")).request.cookies as unknown as string;
      const stream = await openStream((server.address() as AddressInfo).port, cookie);
      const generation = second.hub.generation;

      // What a PostgreSQL restart does to every connection: the server ends the LISTEN ones.
      const admin = new pg.Client({ connectionString: (database as { url?: string }).url });
      await admin.connect();
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%'",
      );
      await admin.end();
      await stream.waitFor((event) => (event as { resync?: boolean }).resync === true, 30_000);
      expect(second.hub.live).toBe(true);
      expect(second.hub.generation, "its caches were dropped").toBeGreaterThan(generation);

      const area = await buildArea(database.db);
      const building = await buildBuilding(database.db, { areaId: area.id });
      const response = await writer
        .post(`/api/buildings/${building.id}/stage`)
        .set(XHR)
        .set("If-Match", '"1"')
        .send({ stage: "signed", date: "2022-06-01" });
      expect(response.status).toBe(200);
      await stream.waitFor((event) => (event as { id?: number }).id === building.id, 30_000);
      await stream.close();
    });

  it("tells a page open on one instance about a stage recorded through another, within 2 seconds", async () => {
    const user = await buildUser(database.db, "taskforce");
    const writer = await loginAs(first.app, user.username);
    const reader = await loginAs(second.app, user.username);
    const cookie = (await reader.get("/api/session")).request.cookies as unknown as string;
    const port = (server.address() as AddressInfo).port;
    const stream = await openStream(port, cookie);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain("text/event-stream");

    const area = await buildArea(database.db);
    const building = await buildBuilding(database.db, { areaId: area.id });
    const summaryBefore = await reader.get("/api/summary?year=2022");
    const response = await writer
      .post(`/api/buildings/${building.id}/stage`)
      .set(XHR)
      .set("If-Match", '"1"')
      .send({ stage: "signed", date: "2022-06-01" });
    expect(response.status).toBe(200);
    await stream.waitFor((event) => (event as { id?: number }).id === building.id);
    expect(stream.events).toContainEqual({ kind: "building", id: building.id, areaId: area.id });
    // The other instance's cached summary was dropped by the notice.
    const summaryAfter = await reader.get("/api/summary?year=2022");
    expect(summaryAfter.body.stages.signed.actual).toBe(summaryBefore.body.stages.signed.actual + 1);
    await stream.close();
  });

  it("announces nothing for a write that was refused", async () => {
    const user = await buildUser(database.db, "taskforce");
    const writer = await loginAs(first.app, user.username);
    const reader = await loginAs(second.app, user.username);
    const cookie = (await reader.get("/api/session")).request.cookies as unknown as string;
    const stream = await openStream((server.address() as AddressInfo).port, cookie);
    const building = await buildBuilding(database.db, { signedOn: "2022-03-01" });
    const refused = await writer
      .post(`/api/buildings/${building.id}/stage`)
      .set(XHR)
      .set("If-Match", '"1"')
      .send({ stage: "started", date: "2022-01-01" });
    expect(refused.status).toBe(400);
    const marker = await writer
      .post("/api/zones")
      .set(XHR)
      .send({ name: `标记片区${building.id}` });
    expect(marker.status).toBe(201);
    await stream.waitFor((event) => (event as { kind?: string }).kind === "structure");
    expect(stream.events.some((event) => (event as { id?: number }).id === building.id)).toBe(false);
    await stream.close();
  });

  it("refuses on one instance, within a second, a session ended or a user disabled on the other", async () => {
    const admin = await buildUser(database.db, "taskforce");
    const user = await buildUser(database.db, "leader");
    const adminOnFirst = await loginAs(first.app, admin.username);
    const userOnSecond = await loginAs(second.app, user.username);
    expect((await userOnSecond.get("/api/session")).status).toBe(200); // now cached on the second instance
    const disabled = await adminOnFirst.patch(`/api/users/${user.id}`).set(XHR).send({ disabled: true });
    expect(disabled.status).toBe(200);
    const refusedWithin = async () => {
      const start = Date.now();
      while (Date.now() - start < 1000) {
        if ((await userOnSecond.get("/api/session")).status === 401) return true;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return false;
    };
    expect(await refusedWithin()).toBe(true);

    const other = await buildUser(database.db, "leader");
    const onSecond = await loginAs(second.app, other.username);
    const cookie = (await onSecond.get("/api/session")).request.cookies as unknown as string;
    const onFirst = first.anonymous();
    expect((await onFirst.get("/api/session").set("Cookie", cookie)).status).toBe(200); // cached on the first
    expect((await onSecond.delete("/api/session").set(XHR)).status).toBe(204);
    const start = Date.now();
    let status = 200;
    while (Date.now() - start < 1000 && status === 200) {
      status = (await first.anonymous().get("/api/session").set("Cookie", cookie)).status;
    }
    expect(status).toBe(401);
  });
});
