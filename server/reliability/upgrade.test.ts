// A newer version started on a database made by an older one migrates it and keeps its
// data; a migration that fails leaves the database exactly as it was (drizzle runs every pending migration
// in one transaction) and the server exits non-zero saying why. The versions are simulated with copies of
// the committed migrations folder (MIGRATIONS_DIR): the first migration only, and all of them plus probes.

import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { type Database, migrationsFolder } from "../src/core/db";
import {
  databaseChecksums,
  ENGINES,
  newTarget,
  seedProgramme,
  type Target,
  tempFolder,
  withDatabase,
} from "./support/databases";
import { Api } from "./support/http";
import { killAllServers, runUntilExit, startServer } from "./support/server-process";
import { checkAllBuildingsInSql } from "./support/sql-checks";

interface JournalEntry {
  idx: number;
  version: string;
  when: number;
  tag: string;
  breakpoints: boolean;
}

/** A copy of the committed migrations: the first `keep` of them (all when absent), then `extra` ones. */
function migrationsCopy(options: { keep?: number; extra?: { tag: string; sql: string }[] }): string {
  const source = migrationsFolder();
  const folder = path.join(tempFolder("migrations"), "drizzle");
  fs.cpSync(source, folder, { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(source, "meta/_journal.json"), "utf8")) as {
    entries: JournalEntry[];
  };
  const entries = journal.entries.slice(0, options.keep ?? journal.entries.length);
  const last = entries.at(-1) as JournalEntry;
  for (const [i, extra] of (options.extra ?? []).entries()) {
    fs.writeFileSync(path.join(folder, `${extra.tag}.sql`), extra.sql);
    entries.push({ ...last, idx: entries.length, when: last.when + 1000 * (i + 1), tag: extra.tag });
  }
  fs.writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries }, null, 2));
  return folder;
}

async function rows(database: Database, query: string): Promise<Record<string, unknown>[]> {
  return ((await database.db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows;
}

/** Checksums of `tables` over the columns they have now, to compare the same data after an upgrade. */
async function columnChecksums(database: Database, tables: string[], columns?: Record<string, string[]>) {
  const result: Record<string, { columns: string[]; sum: string }> = {};
  for (const table of tables) {
    const names =
      columns?.[table] ??
      (
        await rows(
          database,
          `select column_name as c from information_schema.columns where table_schema = 'public' and table_name = '${table}' order by ordinal_position`,
        )
      ).map((row) => String(row.c));
    const list = names.map((name) => `"${name}"`).join(", ");
    const [row] = await rows(
      database,
      `select md5(string_agg(r::text, '|' order by r::text)) as h from (select ${list} from ${table}) r`,
    );
    result[table] = { columns: names, sum: String(row.h) };
  }
  return result;
}

/** Every table's checksum; sequences left out, as PostgreSQL never rolls back nextval (the journal's id may move). */
function rowsOnly(checksums: Record<string, string>) {
  return Object.fromEntries(Object.entries(checksums).filter(([name]) => !name.startsWith("sequence ")));
}

const PROBE = [
  'ALTER TABLE "buildings" ADD COLUMN "reliability_probe" text DEFAULT \'migrated\' NOT NULL;',
  'CREATE INDEX "buildings_reliability_probe_idx" ON "buildings" USING btree ("reliability_probe");',
].join("--> statement-breakpoint\n");

describe.each(ENGINES)("upgrades on %s", (engine) => {
  let target: Target | undefined;
  const folders: string[] = [];
  afterEach(async () => {
    await killAllServers();
    await target?.dispose();
    target = undefined;
    for (const folder of folders.splice(0)) fs.rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  it("migrates a database made by an older version and keeps its data", async () => {
    target = await newTarget(engine, "bare");
    const older = migrationsCopy({ keep: 1 });
    const newer = migrationsCopy({ extra: [{ tag: "9000_reliability_probe", sql: PROBE }] });
    folders.push(older, newer);

    const first = await startServer({ ...target.env, MIGRATIONS_DIR: older });
    expect(await first.stop(), first.output()).toEqual({ code: 0, signal: null });
    const tables = ["zones", "areas", "buildings", "stage_events", "audit_log"];
    const before = await withDatabase(target, async (database) => {
      await rows(
        database,
        `with z as (insert into zones (name) values ('旧版片区') returning id),
              a as (insert into areas (zone_id, name) select id, '旧版居民区' from z returning id),
              b as (insert into buildings (area_id, address, address_key, signed_on, notes)
                    select id, '旧版路 1号', '旧版路1号', '2021-05-01', '旧版本写入' from a returning id)
         insert into stage_events (building_id, stage, to_date) select id, 'signed', '2021-05-01' from b`,
      );
      return columnChecksums(database, tables);
    });

    const upgraded = await startServer({ ...target.env, MIGRATIONS_DIR: newer });
    const health = await new Api(upgraded.url).get("/api/health");
    expect(health.status).toBe(200);
    expect((await upgraded.stop()).code).toBe(0);

    await withDatabase(target, async (database) => {
      const journal = JSON.parse(fs.readFileSync(path.join(newer, "meta/_journal.json"), "utf8"));
      const [applied] = await rows(database, "select count(*)::int as n from drizzle.__drizzle_migrations");
      expect(applied.n).toBe(journal.entries.length);
      const [probe] = await rows(database, "select reliability_probe as p from buildings");
      expect(probe.p).toBe("migrated");
      const columns = Object.fromEntries(Object.entries(before).map(([table, value]) => [table, value.columns]));
      expect(await columnChecksums(database, tables, columns)).toEqual(before);
      expect(await checkAllBuildingsInSql(database)).toEqual([]);
    });
  });

  it("leaves the database as it was when a migration fails, and the server exits saying why", async () => {
    target = await newTarget(engine);
    await withDatabase(target, (database) => seedProgramme(database.db, 5));
    const before = rowsOnly(await withDatabase(target, databaseChecksums));
    // Two pending migrations: the first would succeed, the second fails halfway — neither may remain.
    const broken = migrationsCopy({
      extra: [
        {
          tag: "9000_reliability_ok",
          sql: `${PROBE}--> statement-breakpoint\nCREATE TABLE "reliability_ok" ("id" integer);`,
        },
        {
          tag: "9001_reliability_broken",
          sql: 'CREATE TABLE "reliability_partial" ("id" integer);--> statement-breakpoint\nALTER TABLE "no_such_table" ADD COLUMN "x" integer;',
        },
      ],
    });
    folders.push(broken);

    const run = await runUntilExit({ ...target.env, MIGRATIONS_DIR: broken });
    expect(run, run.output).toMatchObject({ code: 1, signal: null });
    expect(run.readyPrinted).toBe(false);
    expect(run.output).toContain("Database migration failed; the database was left as it was.");
    expect(run.output).toContain('relation "no_such_table" does not exist');
    if (target.dataDir) expect(fs.existsSync(path.join(target.dataDir, "server.lock"))).toBe(false);

    await withDatabase(target, async (database) => {
      expect(rowsOnly(await databaseChecksums(database))).toEqual(before);
      const leftovers = await rows(
        database,
        `select table_name as t from information_schema.tables where table_name like 'reliability_%'
         union all select column_name from information_schema.columns where column_name = 'reliability_probe'`,
      );
      expect(leftovers).toEqual([]);
    });

    const fixed = await startServer(target.env);
    expect((await fixed.stop()).code).toBe(0);
    expect(rowsOnly(await withDatabase(target, databaseChecksums))).toEqual(before);
  });
});
