// Backups. PGlite: dumpDataDir() gives a consistent tarball of the data folder while the app serves; a
// schedule keeps the last N. PostgreSQL: pg_dump/psql (see the CLI).

import fs from "node:fs";
import path from "node:path";
import type { Database } from "../db";
import type { Logger } from "../logger";

export function backupFolder(dataDir: string): string {
  return path.join(dataDir, "backups");
}

/** Writes a PGlite dump of the live database to `file` (gzip tarball). */
export async function dumpPglite(database: Database, file: string): Promise<void> {
  if (!database.dumpDataDir) throw new Error("only the embedded database can be dumped this way");
  const blob = await database.dumpDataDir();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.partial`;
  fs.writeFileSync(temporary, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(temporary, file);
}

export function startBackupSchedule(options: {
  database: Database;
  dataDir: string;
  intervalHours: number;
  keep: number;
  logger: Logger;
}): { stop(): void } {
  const folder = backupFolder(options.dataDir);
  const run = async () => {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file = path.join(folder, `auto-${stamp}.tar.gz`);
    try {
      await dumpPglite(options.database, file);
      const old = fs
        .readdirSync(folder)
        .filter((name) => name.startsWith("auto-") && name.endsWith(".tar.gz"))
        .sort()
        .reverse()
        .slice(options.keep);
      for (const name of old) fs.rmSync(path.join(folder, name));
      options.logger.info(`backup written: ${file}`);
    } catch (error) {
      options.logger.error("scheduled backup failed", error);
    }
  };
  const timer = setInterval(run, options.intervalHours * 3_600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
