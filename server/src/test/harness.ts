// The API test harness: a fresh, migrated database per test file — PGlite in memory always, and a new
// database on the PostgreSQL server of TEST_DATABASE_URL when one is configured — an app on it with a
// fixed clock, and supertest agents logged in as any user.

import { randomBytes } from "node:crypto";
import { shanghaiDate } from "@jiati/shared";
import { sql } from "drizzle-orm";
import pg from "pg";
import request from "supertest";
import { type AppOptions, createApp } from "../app";
import type { Clock } from "../core/context";
import { type Database, type Engine, openDatabase } from "../core/db";
import { createLogger } from "../core/logger";

/** The engines the API suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgresql"] : ["pglite"];

/** Tests live on 15 June 2022 (noon in Shanghai) unless they say otherwise. */
export const TEST_TODAY = "2022-06-15";

export function fixedClock(today = TEST_TODAY): Clock & { set(today: string): void; advance(ms: number): void } {
  let now = new Date(`${today}T12:00:00+08:00`);
  return {
    now: () => now,
    today: () => shanghaiDate(now),
    /** Noon in Shanghai on `today`. */
    set(next: string) {
      now = new Date(`${next}T12:00:00+08:00`);
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** A new empty database on `engine`; close() drops it again. */
export async function freshDatabase(engine: Engine): Promise<Database & { url?: string }> {
  if (engine === "pglite") {
    const database = await openDatabase({});
    await database.migrate();
    return database;
  }
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `jt_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 10 });
  await database.migrate();
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export async function startTestApp(
  engine: Engine,
  options: { today?: string; database?: Database } & Pick<AppOptions, "trustProxy" | "streamLimits"> = {},
) {
  const database = options.database ?? (await freshDatabase(engine));
  const clock = fixedClock(options.today);
  const app = await createApp({
    database,
    clock,
    logger: createLogger("silent"),
    clientDir: false,
    trustProxy: options.trustProxy,
    streamLimits: options.streamLimits,
  });
  return {
    ...app,
    database,
    db: database.db,
    clock,
    /** An anonymous client. */
    anonymous: () => request(app.app),
    async close() {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * A fingerprint of every table's contents, to check that a refused request wrote nothing.
 * Sessions and login failures are left out: they change by logging in, not by the request under test.
 */
export async function databaseFingerprint(database: Database): Promise<Record<string, string>> {
  const tables = [
    "zones",
    "areas",
    "buildings",
    "stage_events",
    "targets",
    "target_letters",
    "users",
    "audit_log",
    "settings",
    "blocker_notes",
    "blocker_photos",
    "area_statuses",
    "year_reviews",
    "briefings",
    "idempotency_keys",
  ];
  const result: Record<string, string> = {};
  for (const table of tables) {
    const rows = (await database.db.execute(
      sql.raw(
        `select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${table} t`,
      ),
    )) as unknown as { rows: { n: number; h: string }[] };
    result[table] = `${rows.rows[0].n}:${rows.rows[0].h}`;
  }
  return result;
}

export const XHR = { "X-Requested-With": "test" };

/**
 * A test app on `engine` with a logged-in task-force agent: the setup most API test files share.
 * Use in beforeAll: `({ t, agent } = await startWithTaskforce(engine))`.
 */
export async function startWithTaskforce(engine: Engine) {
  const { buildUser, loginAs } = await import("./factories");
  const t = await startTestApp(engine);
  const agent = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
  return { t, agent };
}
