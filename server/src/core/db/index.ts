// Opens the database: PGlite in a data folder by default (one process per folder, guarded by a lock file; the
// engine itself runs in a worker thread, pglite-host.ts), or a PostgreSQL server when DATABASE_URL is set.
// Both are driven through the same drizzle schema.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { makePrivateFolder } from "../files";
import { type ListenEvents, listenWithReconnect } from "./listener";
import { acquireFolderLock, type FolderLock } from "./lock";
import { PgliteHost } from "./pglite-host";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: repos take this so services decide the transaction. */
export type Executor = Db | Tx;

export type Engine = "pglite" | "postgresql";

export interface Database {
  readonly db: Db;
  readonly engine: Engine;
  /** Runs the committed migrations (in one transaction; a failure leaves the database as it was). */
  migrate(): Promise<void>;
  /**
   * Calls `handler` for each NOTIFY on `channel`; returns a function that stops listening. On PostgreSQL the
   * listening connection comes back after a drop, and `events` hear of the drop and the return.
   */
  listen(channel: string, handler: (payload: string) => void, events?: ListenEvents): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** A trivial query, for health: on PGlite it goes ahead of the other work waiting for the worker. */
  ping(): Promise<void>;
  /** PGlite only: the host of the worker thread it runs in (tests end the worker to see a crash). */
  readonly pgliteHost?: PgliteHost;
  /** PGlite only: a consistent gzip tarball of the data folder, taken while serving. */
  dumpDataDir?(): Promise<Blob>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data folder; absent = in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Where the embedded database's worker reports its restarts (the console by default). */
  logger?: { warn(message: string): void; error(message: string): void };
  /** PGlite: its worker died and could not be brought back (docs/OPERATIONS.md); the server exits. */
  onFatal?(error: Error): void;
}

/**
 * The folder holding the committed drizzle migrations, found from this file in source and in the bundle.
 * MIGRATIONS_DIR overrides it (upgrade tests run a server against a copied, extended folder).
 */
export function migrationsFolder(): string {
  if (process.env.MIGRATIONS_DIR) return path.resolve(process.env.MIGRATIONS_DIR);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, "drizzle");
    if (fs.existsSync(path.join(candidate, "meta", "_journal.json"))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error("migrations folder (server/drizzle) not found");
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 20) : openPglite(options);
}

export function pgliteFolder(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

async function openPglite(options: OpenOptions): Promise<Database> {
  const { dataDir } = options;
  let lock: FolderLock | undefined;
  if (dataDir) {
    // It will hold every account's password hash: owner-only from the start.
    makePrivateFolder(dataDir);
    lock = acquireFolderLock(dataDir);
  }
  let host: PgliteHost;
  try {
    // PostgreSQL's default 128 MB of shared buffers live inside the WASM heap and count fully towards the
    // process's memory; the operating system's page cache serves the rest.
    host = await PgliteHost.start({
      dataDir: dataDir ? pgliteFolder(dataDir) : undefined,
      postgresqlconf: ["shared_buffers=32MB"],
      log: options.logger ?? { warn: console.warn, error: console.error },
      onFatal: options.onFatal,
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  // drizzle drives the worker's client as it would a PGlite instance (query, transaction).
  const db = drizzlePglite(host.client as unknown as PGlite, { schema }) as unknown as Db;
  return {
    db,
    engine: "pglite",
    pgliteHost: host,
    async migrate() {
      await host.call({ op: "migrate", folder: migrationsFolder() });
    },
    async ping() {
      await host.client.probe("select 1");
    },
    dumpDataDir: () => host.dump(),
    async listen(channel, handler, events) {
      const stop = await host.listen(channel, handler, events);
      return async () => stop();
    },
    async close() {
      try {
        await host.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // A server that does not answer at all (a dropped route) fails a request after 5 s instead of holding it.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000, keepAlive: true });
  pool.on("error", (error) => console.error("[db] idle client error:", error.message));
  // pg-pool listens for errors only on idle clients: a checked-out client whose server goes away between two
  // statements (a transaction awaiting the app, the migration's lock) would emit an unhandled 'error' and end
  // the process. With a listener of its own it is logged; its next query fails (a 503) and the pool drops it
  // on release as no longer queryable.
  pool.on("connect", (client) =>
    client.on("error", (error) => console.error("[db] connection lost while in use:", error.message)),
  );
  // Fail fast with the server's own message when the URL is wrong.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    engine: "postgresql",
    async migrate() {
      // Several instances may start at once: one migrates, the others wait for it.
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock(728101)");
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder: migrationsFolder() });
      } finally {
        await client.query("select pg_advisory_unlock(728101)").catch(() => {});
        client.release();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async listen(channel, handler, events) {
      const stop = await listenWithReconnect(url, channel, handler, events);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      listeners.clear();
      await pool.end();
    },
  };
}
