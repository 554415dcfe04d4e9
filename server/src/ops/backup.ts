// Backups of the embedded database. PGlite's dumpDataDir() gives a consistent gzip tarball of the data folder
// while the app serves; a schedule writes one every BACKUP_INTERVAL_HOURS into DATA_DIR/backups and keeps the
// last BACKUP_KEEP. PostgreSQL is dumped with pg_dump instead (see ./postgres.ts and the CLI).

import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { Database } from "../core/db";
import type { DiskWatch } from "../core/disk";
import { makePrivateFolder, writeFileAtomic } from "../core/files";
import type { Logger } from "../core/logger";

export { writeFileAtomic };

export function backupFolder(dataDir: string): string {
  return path.join(dataDir, "backups");
}

/** A PGlite dump (gzip tarball) of the live database. */
export async function dumpPgliteBytes(database: Database): Promise<Buffer> {
  if (!database.dumpDataDir) throw new Error("only the embedded database can be dumped this way");
  const blob = await database.dumpDataDir();
  return Buffer.from(await blob.arrayBuffer());
}

/** Writes a PGlite dump of the live database to `file` (gzip tarball). */
export async function dumpPglite(database: Database, file: string): Promise<number> {
  const bytes = await dumpPgliteBytes(database);
  writeFileAtomic(file, bytes);
  return bytes.length;
}

/** Whether `bytes` start like a PGlite dump (gzip) rather than a pg_dump archive. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Loads a PGlite dump into `folder`, which must not hold a database yet. The restored copy is opened once
 * (PostgreSQL recovers it if needed) and closed cleanly; the server migrates it at its next start.
 */
export async function restorePgliteFolder(folder: string, dump: Uint8Array): Promise<void> {
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) {
    throw new Error(`${folder} already holds a database`);
  }
  makePrivateFolder(path.dirname(folder));
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const client = await PGlite.create(folder, { loadDataDir: new Blob([dump]) });
  try {
    await client.query("select 1");
    await client.exec("checkpoint");
  } finally {
    await client.close();
  }
}

const AUTO_PREFIX = "auto-";
const AUTO_SUFFIX = ".tar.gz";
/** setTimeout's longest delay; longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The automatic backups in `folder`, newest first. */
export function automaticBackups(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => name.startsWith(AUTO_PREFIX) && name.endsWith(AUTO_SUFFIX))
    .sort()
    .reverse();
}

/** When the newest automatic backup was written, or null when there is none. */
function lastBackupAt(folder: string): number | null {
  const [newest] = automaticBackups(folder);
  return newest ? fs.statSync(path.join(folder, newest)).mtimeMs : null;
}

/**
 * Backs the embedded database up every `intervalHours`, keeping the last `keep` automatic backups. The
 * first one is due one interval after the newest existing backup — at once when there is none or it is
 * older — so a server that restarts more often than the interval still gets backed up. A backup that would
 * leave less free space than the disk watch's threshold is skipped with a warning (the dump is taken in
 * memory first, so its size is known before anything is written).
 */
export function startBackupSchedule(options: {
  database: Database;
  dataDir: string;
  intervalHours: number;
  keep: number;
  logger: Logger;
  disk?: DiskWatch;
}): { stop(): Promise<void> } {
  const folder = backupFolder(options.dataDir);
  const intervalMs = options.intervalHours * 3_600_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;

  const run = async () => {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file = path.join(folder, `${AUTO_PREFIX}${stamp}${AUTO_SUFFIX}`);
    try {
      makePrivateFolder(folder);
      const bytes = await dumpPgliteBytes(options.database);
      if (options.disk?.wouldRunLow(bytes.length)) {
        options.logger.warn(
          `scheduled backup skipped: its ${Math.ceil(bytes.length / 1048576)} MB would leave less than ${Math.round(options.disk.minFreeBytes / 1048576)} MB free (DISK_MIN_FREE_MB); free some space or copy old backups elsewhere`,
        );
        return;
      }
      writeFileAtomic(file, bytes);
      for (const name of automaticBackups(folder).slice(options.keep)) fs.rmSync(path.join(folder, name));
      options.logger.info(`backup written: ${file}`);
    } catch (error) {
      options.logger.error("scheduled backup failed", error);
    }
  };

  const schedule = (dueAt: number) => {
    if (stopped) return;
    const wait = Math.max(0, dueAt - Date.now());
    timer = setTimeout(
      async () => {
        if (Date.now() < dueAt) return schedule(dueAt);
        running = run();
        await running;
        running = undefined;
        schedule(Date.now() + intervalMs);
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    timer.unref();
  };

  const last = lastBackupAt(folder);
  schedule(last === null ? Date.now() : last + intervalMs);
  return {
    /** Stops the schedule; waits for a backup being written, so the database can be closed after. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
