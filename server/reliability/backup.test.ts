// `npm run backup` writes a consistent dump while the app serves writes (PGlite: asked of the
// running server through its admin socket; PostgreSQL: pg_dump), `npm run restore` into an empty database
// gives identical data (a checksum of every table and sequence), and the embedded database is backed up on
// a schedule that keeps the last N.

import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { automaticBackups, backupFolder } from "../src/ops/backup";
import { runCli } from "./support/cli";
import {
  databaseChecksums,
  dropPostgresDatabase,
  ENGINES,
  newPostgresDatabase,
  newTarget,
  PASSWORD,
  seedProgramme,
  type Target,
  tempFolder,
  withDatabase,
} from "./support/databases";
import { Api } from "./support/http";
import { type ServerProcess, startServer } from "./support/server-process";
import { checkAllBuildingsInSql } from "./support/sql-checks";
import { type OwnedBuilding, runWorkload } from "./support/workload";

const CLIENTS = 10;

/** An empty database to restore into, described like a Target. */
async function emptyTarget(engine: Target["engine"]): Promise<Target> {
  if (engine === "pglite") {
    const root = tempFolder("restore");
    const dataDir = path.join(root, "data");
    const { openDatabase } = await import("../src/core/db");
    return {
      engine,
      env: { DATA_DIR: dataDir },
      dataDir,
      open: () => openDatabase({ dataDir }),
      dispose: async () => fs.rmSync(root, { recursive: true, force: true }),
    };
  }
  const url = await newPostgresDatabase();
  const { openDatabase } = await import("../src/core/db");
  return {
    engine,
    env: { DATABASE_URL: url },
    url,
    open: () => openDatabase({ url, poolSize: 2 }),
    dispose: () => dropPostgresDatabase(url),
  };
}

async function auditRequestIds(target: Target): Promise<Set<string>> {
  return withDatabase(target, async (database) => {
    const result = (await database.db.execute(sql`select request_id from audit_log`)) as unknown as {
      rows: { request_id: string | null }[];
    };
    return new Set(result.rows.map((row) => row.request_id ?? ""));
  });
}

describe.each(ENGINES)("backup and restore on %s", (engine) => {
  const disposables: Target[] = [];
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop("SIGKILL");
    server = undefined;
    for (const target of disposables.splice(0)) await target.dispose();
  });

  it("backs up while the app serves writes; a restore into an empty database is identical", async () => {
    const source = await newTarget(engine);
    disposables.push(source);
    const files = tempFolder("backups");
    disposables.push({ ...source, dispose: async () => fs.rmSync(files, { recursive: true, force: true }) });
    const extension = engine === "pglite" ? "tar.gz" : "dump";
    const programme = await withDatabase(source, (database) => seedProgramme(database.db, CLIENTS * 2));
    server = await startServer(source.env);
    const api = new Api(server.url, { connections: CLIENTS });
    await api.login(programme.username, PASSWORD);
    const owned: OwnedBuilding[][] = [];
    for (let client = 0; client < CLIENTS; client++) {
      const ids = programme.buildingIds.slice(client * 2, client * 2 + 2);
      const buildings = await Promise.all(ids.map((id) => api.get(`/api/buildings/${id}`)));
      owned.push(
        buildings.map(({ body }) => ({ id: body.building.id, state: body.building, acks: [], unanswered: false })),
      );
    }

    // Midway through the writes, back up (on PGlite through npm, as documented) and remember what was
    // acknowledged by then.
    const during = path.join(files, `during.${extension}`);
    let backupRun: ReturnType<typeof runCli> | undefined;
    let acknowledgedBefore: string[] = [];
    let backupEndedAt: number | undefined;
    let acknowledgedTotal = 0;
    const workload = await runWorkload({
      apis: [api],
      owned,
      writesPerClient: 1000,
      seed: 5,
      onAck: (acknowledged) => {
        acknowledgedTotal = acknowledged;
        if (acknowledged !== 60) return;
        acknowledgedBefore = owned.flat().flatMap((building) => building.acks.map((ack) => ack.requestId));
        backupRun = runCli(["backup", during], source.env, { npm: engine === "pglite" });
        void backupRun.then(() => {
          backupEndedAt = acknowledgedTotal;
        });
      },
      // Writes go on until 40 more are acknowledged after the backup has finished.
      stop: () => backupEndedAt !== undefined && acknowledgedTotal >= backupEndedAt + 40,
    });
    const backupDuring = await (backupRun as ReturnType<typeof runCli>);
    expect(backupDuring.code, backupDuring.output).toBe(0);
    expect(workload.refused).toEqual([]);
    expect(workload.unanswered).toBe(0);
    expect(workload.acknowledged).toBeGreaterThan((backupEndedAt ?? 0) + 30);

    const after = path.join(files, `after.${extension}`);
    const backupAfter = await runCli(["backup", after], source.env);
    expect(backupAfter.code, backupAfter.output).toBe(0);
    expect(backupAfter.output).toContain(engine === "pglite" ? "written by the running server" : "backup written");
    api.close();
    if (engine === "pglite") {
      expect((await server.stop()).code).toBe(0);
      server = undefined;
    }
    const sourceChecksums = await withDatabase(source, databaseChecksums);

    // The final backup restores to identical data.
    const restored = await emptyTarget(engine);
    disposables.push(restored);
    const restore = await runCli(["restore", after], restored.env);
    expect(restore.code, restore.output).toBe(0);
    expect(await withDatabase(restored, databaseChecksums)).toEqual(sourceChecksums);

    // The backup taken during the writes is a consistent snapshot holding every write acknowledged before it.
    const snapshot = await emptyTarget(engine);
    disposables.push(snapshot);
    expect((await runCli(["restore", during], snapshot.env)).code).toBe(0);
    expect(await withDatabase(snapshot, checkAllBuildingsInSql)).toEqual([]);
    const inSnapshot = await auditRequestIds(snapshot);
    expect(acknowledgedBefore.filter((id) => !inSnapshot.has(id))).toEqual([]);
    expect(inSnapshot.size).toBeLessThan((await auditRequestIds(source)).size);
    console.log(
      `backup during writes on ${engine}: ${acknowledgedBefore.length} writes acknowledged before it, all in it; ` +
        `${inSnapshot.size} audit rows in it, restored consistent; final backup restored identical (` +
        `${Object.keys(sourceChecksums).length} tables and sequences)`,
    );

    // A restore never overwrites a database silently, nor loads the other engine's backup.
    const refused = await runCli(["restore", after], restored.env);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(engine === "pglite" ? /already holds a database/ : /needs an empty database/);
    if (engine === "pglite") {
      const forced = await runCli(["restore", during, "--force"], restored.env);
      expect(forced.code, forced.output).toBe(0);
      expect(forced.output).toContain("previous database was moved to");
    }
  });

  if (engine === "pglite")
    it("backs up on a schedule: at start when the newest backup is older than the interval, keeping the last N", async () => {
      const source = await newTarget(engine);
      disposables.push(source);
      await withDatabase(source, (database) => seedProgramme(database.db, 3));
      const folder = backupFolder(source.dataDir as string);
      fs.mkdirSync(folder, { recursive: true });
      const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
      for (const day of ["01", "02", "03"]) {
        const file = path.join(folder, `auto-2020-01-${day}T00-00-00-000Z.tar.gz`);
        fs.writeFileSync(file, "an old backup");
        fs.utimesSync(file, twoDaysAgo, twoDaysAgo);
      }
      const schedule = { ...source.env, BACKUP_INTERVAL_HOURS: "24", BACKUP_KEEP: "2", LOG_LEVEL: "info" };
      const waitFor = async (running: ServerProcess, count: number) => {
        for (let i = 0; i < 300 && running.output().split("backup written").length - 1 < count; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return running.output().split("backup written").length - 1;
      };

      server = await startServer(schedule);
      expect(await waitFor(server, 1), "a backup right at start, the last one being two days old").toBe(1);
      const kept = automaticBackups(folder);
      expect(kept).toHaveLength(2);
      expect(kept[1]).toBe("auto-2020-01-03T00-00-00-000Z.tar.gz");
      expect((await server.stop()).code).toBe(0);

      server = await startServer(schedule);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(server.output(), "no backup at start when the last one is fresh").not.toContain("backup written");
      expect((await server.stop()).code).toBe(0);

      // 0.0004 h ≈ 1.4 s: repeated backups, still only the last two kept.
      server = await startServer({ ...schedule, BACKUP_INTERVAL_HOURS: "0.0004" });
      expect(await waitFor(server, 2)).toBe(2);
      expect((await server.stop()).code).toBe(0);
      server = undefined;
      const newest = automaticBackups(folder);
      expect(newest).toHaveLength(2);
      expect(newest.every((name) => !name.startsWith("auto-2020"))).toBe(true);

      const sourceChecksums = await withDatabase(source, databaseChecksums);
      const restored = await emptyTarget(engine);
      disposables.push(restored);
      const restore = await runCli(["restore", path.join(folder, newest[0])], restored.env);
      expect(restore.code, restore.output).toBe(0);
      expect(await withDatabase(restored, databaseChecksums)).toEqual(sourceChecksums);
    });
});
