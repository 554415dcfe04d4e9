// What the database under the app does to it: PostgreSQL restarted under two instances, stopped, late at
// start-up, its postmaster SIGKILLed under writes; PGlite's disk filling up; two starts racing for a crashed
// server's data folder (docs/OPERATIONS.md). Real parts throughout: PostgreSQL servers of the test's own
// (run when TEST_DATABASE_URL says PostgreSQL is available), a real tmpfs for the full disk (needs root).
// Durations are measured and printed, not asserted: their goals are in docs/OPERATIONS.md.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/core/db";
import { newTarget, PASSWORD, seedProgramme, tempFolder } from "./support/databases";
import { openStream } from "./support/events";
import { Api, type Reply } from "./support/http";
import { PostgresServer } from "./support/postgres-server";
import { killAllServers, runUntilExit, type ServerProcess, startServer } from "./support/server-process";
import { type BuildingState, nextWrite, prng } from "./support/workload";

const figures: string[] = [];
afterAll(() => {
  if (figures.length) console.log(`database faults:\n  ${figures.join("\n  ")}`);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes (then throws `what`). */
async function eventually<T>(
  what: string | (() => string),
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${typeof what === "string" ? what : what()}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** A fresh database on `server`'s cluster, migrated and seeded; its URL and programme. */
async function seededDatabase(server: PostgresServer, buildings: number) {
  const name = `jt_fault_${Math.random().toString(16).slice(2, 10)}`;
  const admin = await openDatabase({ url: server.url, poolSize: 1 });
  await admin.db.execute(`create database ${name}`);
  await admin.close();
  const url = server.url.replace(/\/postgres$/, `/${name}`);
  const database = await openDatabase({ url, poolSize: 2 });
  await database.migrate();
  const programme = await seedProgramme(database.db, buildings);
  await database.close();
  return { url, programme };
}

async function signedIn2021(api: Api): Promise<number> {
  const reply = await api.get("/api/summary?year=2021");
  if (reply.status !== 200) throw new Error(`summary ${reply.status}`);
  return reply.body.stages.signed.actual as number;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("PostgreSQL going away", () => {
  let postgres: PostgresServer;
  const servers: ServerProcess[] = [];
  const apis: Api[] = [];
  afterEach(async () => {
    for (const api of apis.splice(0)) api.close();
    await killAllServers();
    servers.length = 0;
    postgres?.dispose();
  });

  async function serve(url: string, extra: Record<string, string> = {}) {
    const server = await startServer({ DATABASE_URL: url, ...extra });
    servers.push(server);
    return server;
  }

  async function login(server: ServerProcess, username: string) {
    const api = new Api(server.url, { connections: 10 });
    apis.push(api);
    await api.login(username, PASSWORD);
    return api;
  }

  it("restarted under two instances: a signing on A reaches B's summary and B's stream", async () => {
    postgres = await PostgresServer.create();
    const { url, programme } = await seededDatabase(postgres, 2);
    const [a, b] = [await serve(url), await serve(url)];
    const [apiA, apiB] = [await login(a, programme.username), await login(b, programme.username)];
    const before = await signedIn2021(apiB); // B caches this summary
    const stream = await openStream(b.url, apiB.cookie);

    postgres.restart();
    const id = programme.buildingIds[0];
    const written = await eventually("the signing on A after the restart", async () => {
      const reply = await apiA.post(
        `/api/buildings/${id}/stage`,
        { stage: "signed", date: "2021-05-10" },
        {
          headers: { "If-Match": '"1"' },
        },
      );
      return reply.status === 200 ? Date.now() : undefined;
    });

    const heard = await eventually("B's stream hears of it (the change, or a resync after it)", async () =>
      stream.events.find(
        (e) => (e.event === "change" && JSON.parse(e.data).id === id) || (e.event === "resync" && e.at >= written),
      ),
    );
    const counted = await eventually("B's summary counts it", async () =>
      (await signedIn2021(apiB)) === before + 1 ? Date.now() : undefined,
    );
    expect(await signedIn2021(apiB)).toBe(before + 1);
    // B's listener is back: it hears the next change as a change, not only through a resync.
    await eventually("B listens again", async () =>
      (await apiB.get("/api/health")).body.listening ? true : undefined,
    );
    const second = programme.buildingIds[1];
    expect(
      (
        await apiA.post(
          `/api/buildings/${second}/stage`,
          { stage: "signed", date: "2021-05-11" },
          { headers: { "If-Match": '"1"' } },
        )
      ).status,
    ).toBe(200);
    await eventually("B's stream hears the next change", async () =>
      stream.events.find((e) => e.event === "change" && JSON.parse(e.data).id === second),
    );
    expect(b.output()).toContain("change listener reconnected");
    stream.close();
    figures.push(
      `PostgreSQL restart, two instances: B's stream heard A's write ${heard.at - written} ms after it was acknowledged (${heard.event}); B's summary counted it after ${counted - written} ms`,
    );
  });

  it("stopped: every route answers 503 with Retry-After, health 503, liveness 200; all comes back by itself", async () => {
    postgres = await PostgresServer.create();
    const { url, programme } = await seededDatabase(postgres, 1);
    const server = await serve(url);
    const api = await login(server, programme.username);
    const openapi = (await api.get("/api/openapi.json")).body as { paths: Record<string, Record<string, unknown>> };

    postgres.stop();
    const slowest = { ms: 0, what: "" };
    const answers: string[] = [];
    for (const [template, methods] of Object.entries(openapi.paths)) {
      const route = template.replace(/\{[^}]+\}/g, "1");
      for (const method of Object.keys(methods)) {
        if (route === "/api/stream") continue; // an event stream: asked below
        const started = Date.now();
        const reply = await api.send(method.toUpperCase(), `${route}${route === "/api/health" ? "" : ""}`, {
          body: {},
        });
        const ms = Date.now() - started;
        if (ms > slowest.ms) Object.assign(slowest, { ms, what: `${method} ${route}` });
        answers.push(`${method} ${route} ${reply.status}`);
        if (route === "/api/openapi.json" || route === "/api/live") {
          expect(reply.status, `${method} ${route}`).toBe(200);
          continue;
        }
        expect(reply.status, `${method} ${route}: ${reply.text}`).toBe(503);
        expect(reply.headers["retry-after"], `${method} ${route}`).toBe("5");
        if (route !== "/api/health") {
          expect(reply.body.error.code).toBe("database_unavailable");
          expect(reply.body.error.message).toBe("数据库暂时不可用，请稍后再试");
        }
      }
    }
    expect((await api.get("/api/stream")).status).toBe(503);
    const health = await api.get("/api/health");
    expect(health.body).toMatchObject({ status: "unavailable", database: "down" });
    expect(server.output()).not.toContain("服务器内部错误");

    postgres.start();
    const back = Date.now();
    await eventually("health is 200 again", async () =>
      (await api.get("/api/health")).status === 200 ? true : undefined,
    );
    const id = programme.buildingIds[0];
    const write = await api.post(
      `/api/buildings/${id}/stage`,
      { stage: "signed", date: "2021-05-10" },
      { headers: { "If-Match": '"1"' } },
    );
    expect(write.status, write.text).toBe(200);
    await eventually("the listener is back", async () =>
      (await api.get("/api/health")).body.listening === true ? true : undefined,
    );
    figures.push(
      `PostgreSQL stopped: ${answers.length} route answers, slowest ${slowest.ms} ms (${slowest.what}); writes accepted again ${Date.now() - back} ms after it started`,
    );
  });

  it("late at start-up: the server waits for it, logging each attempt, and gives up after DATABASE_WAIT_SECONDS", async () => {
    postgres = await PostgresServer.create();
    const { url } = await seededDatabase(postgres, 1);
    postgres.stop();

    const refused = await runUntilExit({ DATABASE_URL: url, DATABASE_WAIT_SECONDS: "2", LOG_LEVEL: "warn" });
    expect(refused.code).toBe(1);
    expect(refused.readyPrinted).toBe(false);
    expect(refused.output).toContain("waiting for the database (attempt 1");
    expect(refused.output).toContain("The database could not be reached within 2 s (DATABASE_WAIT_SECONDS)");

    const started = Date.now();
    let output = () => "";
    const starting = startServer({ DATABASE_URL: url, LOG_LEVEL: "warn" }, 90_000, (read) => {
      output = read;
    });
    // Five seconds from its first attempt (the process itself may take seconds to boot on a busy machine).
    await eventually("the first attempt", async () =>
      output().includes("waiting for the database") ? true : undefined,
    );
    await sleep(5_000);
    postgres.start();
    const server = await starting;
    servers.push(server);
    expect(server.output()).toMatch(/waiting for the database \(attempt \d+, [\d.]+ s of 60 s\): connect ECONNREFUSED/);
    expect((await new Api(server.url).get("/api/health")).status).toBe(200);
    figures.push(`PostgreSQL up 5 s after the server started: ready after ${Date.now() - started} ms`);
  });

  it("its postmaster SIGKILLed under a write load: after crash recovery the app resumes and no acknowledged write is lost", async () => {
    postgres = await PostgresServer.create();
    const clients = 10;
    const { url, programme } = await seededDatabase(postgres, clients);
    const server = await serve(url);
    const api = await login(server, programme.username);

    const acked: { id: number; requestId: string }[] = [];
    const failures: Record<number, number> = {};
    let killed = false;
    let recovered: Promise<void> | undefined;
    let recovery = "not begun";
    const writesPerClient = 60;
    await Promise.all(
      programme.buildingIds.map(async (id, client) => {
        const random = prng(client + 1);
        let state = (await api.get(`/api/buildings/${id}`)).body.building as BuildingState;
        for (let step = 0; step < writesPerClient; step++) {
          const write = nextWrite(state, step, random, `k${client}w${step}`);
          let reply: Reply | undefined;
          try {
            reply = await api.send(write.method, write.path, {
              body: write.body,
              headers: { "If-Match": `"${state.version}"` },
            });
          } catch {
            reply = undefined;
          }
          if (reply?.status === 200) {
            acked.push({ id, requestId: String(reply.headers["x-request-id"]) });
            state = reply.body;
          } else {
            // Unanswered or refused (503 while the database is away, 409 if it had committed after all):
            // read the building again once it can be read.
            const status = reply?.status ?? 0;
            failures[status] = (failures[status] ?? 0) + 1;
            state = await eventually(
              () => `building ${id} readable again (${recovery}; server said: ${server.output().slice(-600)})`,
              async () => {
                const fresh = await api.get(`/api/buildings/${id}`);
                return fresh.status === 200 ? (fresh.body.building as BuildingState) : undefined;
              },
              60_000,
            );
          }
          if (!killed && acked.length >= (clients * writesPerClient) / 3) {
            killed = true;
            recovered = (async () => {
              await postgres.killPostmaster();
              recovery = "postmaster killed";
              await sleep(500);
              postgres.start(); // crash recovery replays the WAL
              recovery = "PostgreSQL started again";
            })().catch((error) => {
              recovery = `recovery failed: ${error}`;
            });
          }
        }
      }),
    );
    await recovered;
    expect(killed).toBe(true);
    expect(failures[503] ?? 0, "writes met the dead database").toBeGreaterThan(0);

    const missing: string[] = [];
    for (const id of programme.buildingIds) {
      const detail = await api.get(`/api/buildings/${id}`);
      const requests = new Set((detail.body.history as { requestId: string }[]).map((row) => row.requestId));
      for (const ack of acked.filter((a) => a.id === id)) if (!requests.has(ack.requestId)) missing.push(ack.requestId);
    }
    expect(missing).toEqual([]);
    expect(server.output()).not.toContain("服务器内部错误");
    figures.push(
      `postmaster SIGKILL: ${acked.length} writes acknowledged, all found after recovery; refused meanwhile: ${JSON.stringify(failures)}`,
    );
  });
});

/** Whether this process may mount a tmpfs (root, and a kernel that lets it). */
function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = tempFolder("mount-probe");
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe], { stdio: "ignore" });
    execFileSync("umount", [probe]);
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

describe.skipIf(!canMount())("PGlite's disk filling up (a small tmpfs as DATA_DIR)", () => {
  let mountPoint: string | undefined;
  afterAll(async () => {
    await killAllServers();
    if (mountPoint) {
      execFileSync("umount", [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    }
  });

  it("warns and skips the backup when space runs low, answers 507 when full leaving the data as it was, and resumes when space returns", async () => {
    const target = await newTarget("pglite");
    const programme = await (async () => {
      const database = await target.open();
      try {
        return await seedProgramme(database.db, 3);
      } finally {
        await database.close();
      }
    })();
    const templateBytes = Number(
      execFileSync("du", ["-sb", target.dataDir as string], { encoding: "utf8" }).split("\t")[0],
    );
    mountPoint = tempFolder("tmpfs");
    const size = Math.ceil(templateBytes / 1048576) + 20;
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}m`, "tmpfs", mountPoint]);
    const dataDir = path.join(mountPoint, "data");
    fs.cpSync(target.dataDir as string, dataDir, { recursive: true });
    await target.dispose();

    // 30 MB threshold: under it from the start, so the start-up's backup would leave too little and is skipped.
    const server = await startServer({
      DATA_DIR: dataDir,
      DISK_MIN_FREE_MB: "30",
      BACKUP_INTERVAL_HOURS: "24",
      LOG_LEVEL: "info",
    });
    const api = new Api(server.url);
    await api.login(programme.username, PASSWORD);
    await eventually("the backup was considered", async () =>
      server.output().includes("scheduled backup") ? true : undefined,
    );
    expect(server.output()).toContain("scheduled backup skipped");
    expect(fs.readdirSync(path.join(dataDir, "backups")).filter((name) => name.startsWith("auto-"))).toEqual([]);
    expect((await api.get("/api/health")).body).toMatchObject({ status: "degraded", disk: "low" });
    expect(server.output()).toContain("disk space is low");

    // Fill the disk but for half a megabyte, then write until the database needs a page it cannot have.
    const filler = path.join(mountPoint, "filler");
    const { bavail, bsize } = fs.statfsSync(mountPoint);
    fs.writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - 512 * 1024)));
    const id = programme.buildingIds[0];
    let building = (await api.get(`/api/buildings/${id}`)).body.building;
    let refused: Reply | undefined;
    for (let i = 0; i < 5_000 && !refused; i++) {
      const notes = `${"满".repeat(200)} ${i} ${Math.random()}`;
      const reply = await api.patch(
        `/api/buildings/${id}`,
        { notes },
        { headers: { "If-Match": `"${building.version}"` } },
      );
      if (reply.status === 200) building = reply.body;
      else refused = reply;
    }
    expect(refused?.status, refused?.text).toBe(507);
    expect(refused?.body.error).toMatchObject({ code: "disk_full" });
    expect(refused?.body.error.message).toContain("磁盘空间不足");
    const after = (await api.get(`/api/buildings/${id}`)).body;
    expect(after.building, "the refused write left the building as it was").toEqual(building);
    expect((await api.get("/api/health")).body).toMatchObject({ status: "degraded", disk: "full", database: "up" });

    fs.rmSync(filler);
    const resumed = await api.patch(
      `/api/buildings/${id}`,
      { notes: "空间已恢复" },
      { headers: { "If-Match": `"${building.version}"` } },
    );
    expect(resumed.status, resumed.text).toBe(200);
    expect((await api.get("/api/health")).body.disk).not.toBe("full");
    expect((await api.get("/api/summary?year=2021")).status).toBe(200);
    const exit = await server.stop("SIGTERM");
    expect(exit.code).toBe(0);
    figures.push(`PGlite on a ${size} MB tmpfs: 507 after the disk filled, writes resumed without a restart`);
  });
});

describe("two starts racing for a crashed server's data folder", () => {
  afterAll(() => killAllServers());

  it("serves from exactly one of them; the other says the folder is in use", async () => {
    const target = await newTarget("pglite");
    fs.writeFileSync(path.join(target.dataDir as string, "server.lock"), "999999999\n1\n"); // left by a crash
    const outcomes = await Promise.allSettled([startServer(target.env), startServer(target.env)]);
    const serving = outcomes.filter((o): o is PromiseFulfilledResult<ServerProcess> => o.status === "fulfilled");
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(serving).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(String(refused[0].reason)).toContain("is in use by another process");
    expect((await new Api(serving[0].value.url).get("/api/health")).status).toBe(200);
    expect((await serving[0].value.stop("SIGTERM")).code).toBe(0);
    await target.dispose();
  });
});
