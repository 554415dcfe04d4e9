// The databases the process-level tests run servers on: a PGlite data folder copied from a template, or a new
// database on the PostgreSQL server of TEST_DATABASE_URL; plus seeding and whole-database checksums.

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { addressKey, addressSortKey } from "@jiati/shared";
import { sql } from "drizzle-orm";
import pg from "pg";
import { inject } from "vitest";
import { hashPassword } from "../../src/auth/passwords";
import { type Database, type Db, type Engine, openDatabase } from "../../src/core/db";
import { areas, buildings, users, zones } from "../../src/core/db/schema";

export interface Target {
  engine: Engine;
  /** What the server and the CLI need to find the database: DATA_DIR or DATABASE_URL. */
  env: Record<string, string>;
  dataDir?: string;
  url?: string;
  /** Opens the database directly — for PGlite only while no server holds the folder. */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** PGlite always; PostgreSQL when TEST_DATABASE_URL is set. */
export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgresql"] : ["pglite"];

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function tempFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `jt-${prefix}-`));
}

/**
 * A new, empty database on `engine`: "migrated" has every committed migration applied, "bare" none (for
 * PGlite, an initialised data folder; for PostgreSQL, an empty database).
 */
export async function newTarget(engine: Engine, state: "migrated" | "bare" = "migrated"): Promise<Target> {
  if (engine === "pglite") {
    const root = tempFolder("data");
    const dataDir = path.join(root, "data");
    fs.cpSync(inject(state === "migrated" ? "migratedTemplate" : "bareTemplate"), dataDir, { recursive: true });
    return {
      engine,
      env: { DATA_DIR: dataDir },
      dataDir,
      open: () => openDatabase({ dataDir }),
      dispose: async () => fs.rmSync(root, { recursive: true, force: true }),
    };
  }
  const url = await newPostgresDatabase();
  if (state === "migrated") {
    const database = await openDatabase({ url, poolSize: 4 });
    await database.migrate();
    await database.close();
  }
  return {
    engine,
    env: { DATABASE_URL: url },
    url,
    open: () => openDatabase({ url, poolSize: 4 }),
    dispose: () => dropPostgresDatabase(url),
  };
}

/** An empty database on the test PostgreSQL server, named at random. */
export async function newPostgresDatabase(): Promise<string> {
  const name = `jt_rel_${randomBytes(6).toString("hex")}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^jt_rel_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
  await admin((client) => client.query(`drop database if exists ${name} with (force)`));
}

export async function withDatabase<T>(target: Target, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

export const PASSWORD = "reliability-password";
let passwordHash: Promise<string> | undefined;

export interface Programme {
  username: string;
  zoneId: number;
  areaId: number;
  buildingIds: number[];
}

/** A task-force account, a zone, an area and `count` planned buildings, written directly. */
export async function seedProgramme(db: Db, count: number): Promise<Programme> {
  passwordHash ??= hashPassword(PASSWORD);
  const tag = randomBytes(3).toString("hex");
  const [zone] = await db
    .insert(zones)
    .values({ name: `可靠性片区-${tag}` })
    .returning();
  const [area] = await db
    .insert(areas)
    .values({ name: `可靠性居民区-${tag}`, zoneId: zone.id })
    .returning();
  const [user] = await db
    .insert(users)
    .values({ username: `tf-${tag}`, displayName: "可靠性测试", role: "taskforce", passwordHash: await passwordHash })
    .returning();
  const rows = Array.from({ length: count }, (_, i) => {
    const address = `可靠性路 ${tag} 弄 ${i + 1}号`;
    return {
      areaId: area.id,
      address,
      addressKey: addressKey(address),
      addressSort: addressSortKey(address),
      floors: 6,
      households: 24,
    };
  });
  const inserted = [];
  for (let i = 0; i < rows.length; i += 500) {
    inserted.push(
      ...(await db
        .insert(buildings)
        .values(rows.slice(i, i + 500))
        .returning({ id: buildings.id })),
    );
  }
  return { username: user.username, zoneId: zone.id, areaId: area.id, buildingIds: inserted.map((row) => row.id) };
}

/**
 * A checksum of every table (the app's and drizzle's migration journal) and every sequence's position:
 * equal checksums mean equal data, row for row.
 */
export async function databaseChecksums(database: Database): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const rows = async (query: string) =>
    ((await database.db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows;
  const tables = await rows(
    `select table_schema as s, table_name as t from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`,
  );
  for (const { s, t } of tables) {
    const [row] = await rows(
      `select count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from "${s}"."${t}" x`,
    );
    result[`${s}.${t}`] = `${row.n}:${row.h}`;
  }
  const sequences = await rows(
    `select schemaname as s, sequencename as q from pg_sequences where schemaname in ('public', 'drizzle') order by 1, 2`,
  );
  for (const { s, q } of sequences) {
    const [row] = await rows(`select last_value::text as v, is_called as c from "${s}"."${q}"`);
    result[`sequence ${s}.${q}`] = `${row.v}:${row.c}`;
  }
  return result;
}
