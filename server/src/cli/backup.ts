// npm run backup -- [file]      npm run restore -- <file> [--force]
// PostgreSQL (DATABASE_URL): pg_dump / pg_restore. Embedded PGlite (DATA_DIR): while the server runs it holds
// the data folder, so the backup is asked of it through its admin socket; otherwise the folder is opened
// here. A restore goes into an empty database (or, with --force, replaces the current one).

import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../core/config";
import { openDatabase, pgliteFolder } from "../core/db";
import { acquireFolderLock } from "../core/db/lock";
import { makePrivateFolder } from "../core/files";
import { requestDumpFromServer } from "../ops/admin-socket";
import { backupFolder, dumpPgliteBytes, isGzip, restorePgliteFolder, writeFileAtomic } from "../ops/backup";
import { dumpPostgres, restorePostgres } from "../ops/postgres";

const stamp = () => new Date().toISOString().replace(/[:.]/g, "-");

function size(file: string): string {
  const bytes = fs.statSync(file).size;
  return bytes > 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function hasDatabase(folder: string): boolean {
  return fs.existsSync(folder) && fs.readdirSync(folder).length > 0;
}

export async function backupCommand(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const config = loadConfig();
  if (config.DATABASE_URL) {
    const file = path.resolve(positionals[0] ?? path.join("backups", `jiati-${stamp()}.dump`));
    await dumpPostgres(config.DATABASE_URL, file);
    console.log(`backup written: ${file} (${size(file)}, PostgreSQL custom format; restore with npm run restore)`);
    return;
  }

  const file = path.resolve(positionals[0] ?? path.join(backupFolder(config.dataDir), `manual-${stamp()}.tar.gz`));
  const fromServer = await requestDumpFromServer(config.dataDir);
  if (fromServer) {
    writeFileAtomic(file, fromServer);
    console.log(`backup written by the running server: ${file} (${size(file)}, PGlite data folder)`);
    return;
  }
  if (!hasDatabase(pgliteFolder(config.dataDir))) {
    throw new Error(`no database in ${config.dataDir} (set DATA_DIR, or DATABASE_URL for PostgreSQL)`);
  }
  const database = await openDatabase({ dataDir: config.dataDir });
  try {
    writeFileAtomic(file, await dumpPgliteBytes(database));
  } finally {
    await database.close();
  }
  console.log(`backup written: ${file} (${size(file)}, PGlite data folder)`);
}

export async function restoreCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: "boolean", default: false } },
  });
  if (!positionals[0]) throw new Error("usage: npm run restore -- <backup file> [--force]");
  const file = path.resolve(positionals[0]);
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
  const dump = fs.readFileSync(file);
  const config = loadConfig();

  if (config.DATABASE_URL) {
    if (isGzip(dump)) {
      throw new Error(
        `${file} is a backup of the embedded database (PGlite): unset DATABASE_URL to restore it into DATA_DIR`,
      );
    }
    await restorePostgres(config.DATABASE_URL, file, { replace: values.force });
    console.log(`restored ${file} into ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
    return;
  }

  if (!isGzip(dump)) {
    throw new Error(`${file} is not a PGlite backup (a pg_dump archive? set DATABASE_URL to restore into PostgreSQL)`);
  }
  makePrivateFolder(config.dataDir);
  const lock = acquireFolderLock(config.dataDir);
  try {
    const folder = pgliteFolder(config.dataDir);
    let movedAside: string | undefined;
    if (hasDatabase(folder)) {
      if (!values.force) {
        throw new Error(
          `${config.dataDir} already holds a database. Restore into an empty DATA_DIR, or pass --force to move ` +
            "the current database aside and restore in its place.",
        );
      }
      movedAside = `${folder}.before-restore-${stamp()}`;
      fs.renameSync(folder, movedAside);
    }
    try {
      await restorePgliteFolder(folder, dump);
    } catch (error) {
      fs.rmSync(folder, { recursive: true, force: true });
      if (movedAside) fs.renameSync(movedAside, folder);
      throw new Error(`restore failed, nothing was changed: ${(error as Error).message}`);
    }
    console.log(`restored ${file} into ${folder}`);
    if (movedAside) console.log(`the previous database was moved to ${movedAside}`);
  } finally {
    lock.release();
  }
}
