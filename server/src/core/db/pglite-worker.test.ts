// The embedded database in its worker thread: transactions stay atomic and isolated, errors keep their
// PostgreSQL fields, prepared statements survive a change of table, health's probe goes ahead of waiting work,
// and a worker that dies fails what waited on it as "unavailable", then comes back on the same data folder.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildUser, loginAs } from "../../test/factories";
import { startTestApp } from "../../test/harness";
import { databaseFault } from "./faults";
import { type Database, openDatabase } from "./index";
import { PgliteHost } from "./pglite-host";

const rows = async <T>(database: Database, query: string) =>
  ((await database.db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const folders: string[] = [];
function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "jt-pglite-worker-"));
  folders.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

describe("PGlite in its worker", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({});
    await database.db.execute(sql`create table notes (id int primary key, body text not null)`);
  });
  afterAll(() => database.close());
  afterEach(() => database.db.execute(sql`delete from notes`));

  it("makes work outside an open transaction wait for its commit, then see all of it", async () => {
    let outside: Promise<{ n: number }[]> | undefined;
    let outsideDone = false;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into notes values (1, 'a')`);
      outside = rows<{ n: number }>(database, "select count(*)::int as n from notes");
      void outside.then(() => {
        outsideDone = true;
      });
      await sleep(50);
      expect(outsideDone, "a statement outside the transaction ran while it was open").toBe(false);
      await tx.execute(sql`insert into notes values (2, 'b')`);
    });
    expect(await outside).toEqual([{ n: 2 }]);
  });

  it("rolls back everything when the transaction's callback throws, and throws its error again", async () => {
    const failure = new Error("the service said no");
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into notes values (1, 'a')`);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await rows(database, "select * from notes")).toEqual([]);
  });

  it("rolls back a transaction whose statement failed, keeping the error's SQLSTATE and constraint", async () => {
    const error = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into notes values (1, 'a')`);
        await tx.execute(sql`insert into notes values (1, 'again')`);
      })
      .catch((e: unknown) => e);
    const cause = (error as { cause?: { code?: string; constraint?: string } }).cause;
    expect(cause?.code).toBe("23505");
    expect(cause?.constraint).toBe("notes_pkey");
    expect(await rows(database, "select * from notes")).toEqual([]);
  });

  it("rolls back a savepoint alone", async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into notes values (1, 'kept')`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into notes values (2, 'undone')`);
          throw new Error("inner");
        })
        .catch(() => undefined);
    });
    expect(await rows(database, "select id, body from notes")).toEqual([{ id: 1, body: "kept" }]);
  });

  it("runs many transactions at once one after another, losing none", async () => {
    await database.db.execute(sql`insert into notes values (0, '0')`);
    await Promise.all(
      Array.from({ length: 40 }, () =>
        database.db.transaction(async (tx) => {
          const read = (await tx.execute(sql`select body from notes where id = 0`)) as unknown as {
            rows: { body: string }[];
          };
          await sleep(1);
          await tx.execute(sql`update notes set body = ${String(Number(read.rows[0]?.body) + 1)} where id = 0`);
        }),
      ),
    );
    expect(await rows(database, "select body from notes where id = 0")).toEqual([{ body: "40" }]);
  });

  it("prepares a statement again after its table changed under it", async () => {
    await database.db.execute(sql`insert into notes values (1, 'a')`);
    const read = () => database.db.execute(sql`select * from notes where id = ${1}`);
    expect(((await read()) as unknown as { rows: unknown[] }).rows).toEqual([{ id: 1, body: "a" }]);
    await database.db.execute(sql`alter table notes add column extra text default 'x'`);
    expect(((await read()) as unknown as { rows: unknown[] }).rows).toEqual([{ id: 1, body: "a", extra: "x" }]);
    await database.db.execute(sql`alter table notes drop column extra`);
  });

  it("answers health's probe ahead of the work waiting for the worker", async () => {
    const finished: string[] = [];
    const slow = Array.from({ length: 30 }, (_, i) =>
      database.db.execute(sql`select pg_sleep(0.01)`).then(() => finished.push(`slow ${i}`)),
    );
    await database.ping();
    finished.push("probe");
    await Promise.all(slow);
    expect(finished.indexOf("probe")).toBeLessThan(3);
  });

  it("hears notices sent in committed transactions only", async () => {
    const heard: string[] = [];
    const stop = await database.listen("test_channel", (payload) => heard.push(payload));
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_notify('test_channel', 'committed')`);
    });
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`select pg_notify('test_channel', 'rolled back')`);
        throw new Error("no");
      })
      .catch(() => undefined);
    await sleep(20);
    await stop();
    expect(heard).toEqual(["committed"]);
  });
});

/** Ends the host's worker as a crash would (the host did not ask for it). */
async function crash(host: PgliteHost): Promise<void> {
  await (host as unknown as { worker: Worker }).worker.terminate();
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

// Each case starts PGlite two or three times: slow on a busy machine.
describe("a worker that dies", { timeout: 240_000 }, () => {
  const quiet = { warn: () => {}, error: () => {} };

  it("fails the work waiting on it as unavailable, then comes back on the same data, listening again", async () => {
    const events: string[] = [];
    const host = await PgliteHost.start({ dataDir: tempFolder(), postgresqlconf: [], log: quiet });
    try {
      await host.client.query("create table kept (id int)");
      await host.client.query("insert into kept values (1)");
      const heard: string[] = [];
      await host.listen("after_crash", (payload) => heard.push(payload), {
        onDown: () => events.push("down"),
        onUp: () => events.push("up"),
      });
      const waiting = host.client.query("select pg_sleep(5)");
      await sleep(100);
      await crash(host);
      const failure = await waiting.catch((e: unknown) => e);
      expect(databaseFault(failure)).toBe("unavailable");
      const meanwhile = await host.client.query("select 1").catch((e: unknown) => e);
      expect(databaseFault(meanwhile), "work sent while it restarts fails at once").toBe("unavailable");
      const kept = await eventually("the restarted worker answers", async () =>
        host.up ? await host.client.query<{ id: number }>("select id from kept") : undefined,
      );
      expect(kept.rows).toEqual([{ id: 1 }]);
      expect(events).toEqual(["down", "up"]);
      await host.client.query("select pg_notify('after_crash', 'heard')");
      await eventually("the notice", async () => (heard.length ? heard : undefined));
      expect(heard).toEqual(["heard"]);
    } finally {
      await host.close();
    }
  });

  it("fails an open transaction's later statements, and its rollback does not hang", async () => {
    const host = await PgliteHost.start({ dataDir: tempFolder(), postgresqlconf: [], log: quiet });
    try {
      await host.client.query("create table t (id int)");
      const outcome = host.client
        .transaction(async (tx) => {
          await tx.query("insert into t values (1)");
          await crash(host);
          await tx.query("insert into t values (2)");
        })
        .catch((e: unknown) => e);
      expect(databaseFault(await outcome)).toBe("unavailable");
      const after = await eventually("the restarted worker answers", async () =>
        host.up ? await host.client.query("select count(*)::int as n from t") : undefined,
      );
      expect(after.rows, "nothing of the unfinished transaction was kept").toEqual([{ n: 0 }]);
    } finally {
      await host.close();
    }
  });

  it("answers 503 with Retry-After while it restarts, then serves again without the server restarting", async () => {
    const dataDir = tempFolder();
    const database = await openDatabase({ dataDir, logger: quiet });
    await database.migrate();
    const t = await startTestApp("pglite", { database });
    try {
      const agent = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
      const host = database.pgliteHost as PgliteHost;
      await crash(host);
      const health = await t.anonymous().get("/api/health");
      expect(health.status).toBe(503);
      expect(health.headers["retry-after"]).toBe("5");
      expect(health.body).toMatchObject({ status: "unavailable", database: "down" });
      const read = await agent.get("/api/buildings");
      expect(read.status).toBe(503);
      expect(read.body.error.code).toBe("database_unavailable");
      await eventually("health is ok again", async () => {
        const again = await t.anonymous().get("/api/health");
        return again.status === 200 && again.body.status === "ok" ? again : undefined;
      });
      expect((await agent.get("/api/buildings")).status).toBe(200);
    } finally {
      await t.close();
      await database.close();
    }
  });

  it("is given up when its data was in memory, or when it keeps dying", async () => {
    const fatal: string[] = [];
    const inMemory = await PgliteHost.start({
      postgresqlconf: [],
      log: quiet,
      onFatal: (error) => fatal.push(error.message),
    });
    await crash(inMemory);
    await eventually("given up", async () => (fatal.length ? fatal : undefined));
    expect(fatal[0]).toContain("in-memory");
    expect(databaseFault(await inMemory.client.query("select 1").catch((e: unknown) => e))).toBe("unavailable");
    await inMemory.close();

    const onDisk = await PgliteHost.start({
      dataDir: tempFolder(),
      postgresqlconf: [],
      log: quiet,
      onFatal: (error) => fatal.push(error.message),
      maxCrashes: 1,
    });
    try {
      for (let i = 0; i < 2; i++) {
        await eventually("up again", async () => (onDisk.up ? true : undefined), 60_000);
        await crash(onDisk);
      }
      await eventually("given up", async () => (fatal.length > 1 ? fatal : undefined));
      expect(fatal[1]).toContain("2 times within a minute");
    } finally {
      await onDisk.close();
    }
  });
});
