// The server process: configuration, database (PGlite or PostgreSQL), migrations, demo data, HTTP, and a
// clean shutdown on SIGINT/SIGTERM (stop accepting, finish in-flight requests, close the database, exit 0).
// A failure at start-up is said in one line and exits non-zero.

import http from "node:http";
import net from "node:net";
import path from "node:path";
import { type App, createApp, systemClock } from "./app";
import { type Config, ConfigError, loadConfig } from "./core/config";
import { type Database, openDatabase } from "./core/db";
import { FolderLockedError } from "./core/db/lock";
import { DatabaseNeverCame, openWhenReachable } from "./core/db/wait";
import { DiskWatch } from "./core/disk";
import { createLogger, type Logger } from "./core/logger";
import { startAdminSocket } from "./ops/admin-socket";
import { startBackupSchedule } from "./ops/backup";
import { hasDemoAccounts, isEmpty, seedDemo } from "./seed/demo";

/** A start-up failure: its message is all the user needs, no stack. */
class StartupFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

async function main() {
  const startedAt = Date.now();
  const config = readConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openMigratedDatabase(config, logger);
  // The embedded database's disk; PostgreSQL's is the database server's to watch.
  const disk = new DiskWatch(
    database.engine === "pglite" ? config.dataDir : undefined,
    config.DISK_MIN_FREE_MB * 1024 * 1024,
    logger,
  ).start();
  const clock = systemClock(config.FAKE_TODAY);
  if (config.SEED === "demo" && (await isEmpty(database.db))) {
    logger.info("empty database: loading the demo programme");
    await seedDemo(database.db, { today: clock.today(), password: config.DEMO_PASSWORD });
  }

  const app = await createApp({ database, clock, logger, trustProxy: config.TRUST_PROXY, disk });
  const server = http.createServer(app.app);
  server.keepAliveTimeout = 65_000;
  const connections = trackResponses(server);
  const port = await listen(server, config, async () => {
    await app.close();
    await database.close();
  });
  const stopSideTasks = await startSideTasks(database, config, logger, disk);
  const shutdown = stopper({ server, app, database, logger, connections, stopSideTasks });
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  // Announced only once a signal can stop the server cleanly: a supervisor may signal as soon as it reads this.
  console.log(
    `加梯进度 ready on http://localhost:${port} · ${await startupHint(database, config)} · ${Date.now() - startedAt} ms`,
  );
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new StartupFailure(error.message, 2);
    throw error;
  }
}

async function openMigratedDatabase(config: Config, logger: Logger): Promise<Database> {
  let database: Database;
  try {
    const options = {
      url: config.DATABASE_URL,
      dataDir: config.dataDir,
      logger,
      // The embedded database's worker died and could not be restarted: say so and exit non-zero, for the
      // supervisor to start the server again (docs/OPERATIONS.md).
      onFatal: (error: Error) => {
        logger.error(`the embedded database cannot go on (${error.message}): exiting`);
        process.exit(1);
      },
    };
    database = await openWhenReachable(() => openDatabase(options), {
      waitSeconds: config.DATABASE_WAIT_SECONDS,
      logger,
    });
  } catch (error) {
    if (error instanceof FolderLockedError || error instanceof DatabaseNeverCame) {
      throw new StartupFailure(error.message);
    }
    throw new StartupFailure(`Could not open the database: ${(error as Error).message}`);
  }
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new StartupFailure(
      `Database migration failed; the database was left as it was.\n  ${(error as Error).message}${cause ? `\n  cause: ${cause}` : ""}`,
    );
  }
  return database;
}

/** The answers not yet sent; once stopping, every answer closes its connection (keep-alive cannot hold us). */
function trackResponses(server: http.Server) {
  const state = { stopping: false, unanswered: new Set<http.ServerResponse>() };
  server.on("request", (_req, res: http.ServerResponse) => {
    if (state.stopping && !res.headersSent) res.setHeader("Connection", "close");
    state.unanswered.add(res);
    res.on("close", () => state.unanswered.delete(res));
  });
  return state;
}

/** Listens on the configured port; a taken port is said plainly. Resolves with the port listened on. */
async function listen(server: http.Server, config: Config, cleanUp: () => Promise<void>): Promise<number> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.PORT, config.HOST, resolve);
    });
  } catch (error) {
    await cleanUp();
    const code = (error as NodeJS.ErrnoException).code;
    throw new StartupFailure(
      code === "EADDRINUSE"
        ? `Port ${config.PORT} is in use by another program: stop it, or start with another PORT (e.g. PORT=3001 npm start).`
        : `Could not listen on ${config.HOST}:${config.PORT}: ${(error as Error).message}`,
    );
  }
  const address = server.address();
  return typeof address === "object" && address ? address.port : config.PORT;
}

/** The embedded database's backup schedule and admin socket; resolves with what stops them. */
async function startSideTasks(
  database: Database,
  config: Config,
  logger: Logger,
  disk: DiskWatch,
): Promise<() => Promise<unknown>> {
  if (database.engine !== "pglite") return async () => undefined;
  const backups =
    config.BACKUP_INTERVAL_HOURS > 0
      ? startBackupSchedule({
          database,
          dataDir: config.dataDir,
          intervalHours: config.BACKUP_INTERVAL_HOURS,
          keep: config.BACKUP_KEEP,
          logger,
          disk,
        })
      : undefined;
  // `npm run backup` asks the running server for the embedded database's dump through this socket.
  const adminSocket = await startAdminSocket({ database, dataDir: config.dataDir, logger }).catch((error: Error) => {
    logger.error(`${error.message}; npm run backup cannot ask this server for a dump`);
    return undefined;
  });
  return () => Promise.all([backups?.stop(), adminSocket?.close()]);
}

function stopper(parts: {
  server: http.Server;
  app: App;
  database: Database;
  logger: Logger;
  connections: ReturnType<typeof trackResponses>;
  stopSideTasks: () => Promise<unknown>;
}) {
  const { server, app, database, logger, connections } = parts;
  return async (signal: string) => {
    if (connections.stopping) return;
    connections.stopping = true;
    logger.info(`${signal}: shutting down`);
    await drainAcceptQueue(server);
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    for (const res of connections.unanswered) if (!res.headersSent) res.setHeader("Connection", "close");
    await Promise.all([app.close(), parts.stopSideTasks(), sleep(250)]);
    await nextTurn();
    server.closeIdleConnections();
    const timeout = setTimeout(() => server.closeAllConnections(), 10_000);
    await closed;
    clearTimeout(timeout);
    await database.close();
    logger.info("stopped");
    process.exit(0);
  };
}

/**
 * Connections the kernel queued before the signal carry requests that clients have sent. Under a burst of
 * writes the accept queue drains slowly, so keep accepting until a moment passes
 * without a new connection (at most 10 s), then stop listening — without http.Server#close(), which would
 * also reset the connections whose request is not read yet.
 */
async function drainAcceptQueue(server: http.Server): Promise<void> {
  let accepted = 1;
  const countConnection = () => accepted++;
  server.on("connection", countConnection);
  for (const until = Date.now() + 10_000; accepted > 0 && Date.now() < until; ) {
    accepted = 0;
    await sleep(20);
  }
  server.off("connection", countConnection);
}

/** The database and, with demo data, the demo login — for the one line announcing the server. */
async function startupHint(database: Database, config: Config): Promise<string> {
  const where = database.engine === "pglite" ? `PGlite in ${displayPath(config.dataDir)}` : "PostgreSQL";
  if (!(await hasDemoAccounts(database.db))) return where;
  return `${where} · demo login admin / ${process.env.DEMO_PASSWORD ? "(DEMO_PASSWORD)" : config.DEMO_PASSWORD}`;
}

/** A folder as the user would type it: relative when it lies below the working directory. */
function displayPath(folder: string): string {
  const relative = path.relative(process.cwd(), folder);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? `./${relative}` : folder;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error) => {
  if (error instanceof StartupFailure) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  console.error(error);
  process.exit(1);
});
