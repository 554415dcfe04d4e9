// The server process: configuration, database (PGlite or PostgreSQL), migrations, demo data, HTTP, and a
// clean shutdown on SIGINT/SIGTERM (stop accepting, finish in-flight requests, close the database, exit 0).

import http from "node:http";
import net from "node:net";
import path from "node:path";
import { createApp, systemClock } from "./app";
import { ConfigError, loadConfig } from "./core/config";
import { type Database, openDatabase } from "./core/db";
import { FolderLockedError } from "./core/db/lock";
import { createLogger } from "./core/logger";
import { startAdminSocket } from "./ops/admin-socket";
import { startBackupSchedule } from "./ops/backup";
import { hasDemoAccounts, isEmpty, seedDemo } from "./seed/demo";

async function main() {
  const startedAt = Date.now();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);

  let database: Database;
  try {
    database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof FolderLockedError) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(`Could not open the database: ${(error as Error).message}`);
    process.exit(1);
  }

  try {
    await database.migrate();
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    console.error(
      `Database migration failed; the database was left as it was.\n  ${(error as Error).message}${cause ? `\n  cause: ${cause}` : ""}`,
    );
    await database.close();
    process.exit(1);
  }

  const clock = systemClock(config.FAKE_TODAY);
  if (config.SEED === "demo" && (await isEmpty(database.db))) {
    logger.info("empty database: loading the demo programme");
    await seedDemo(database.db, { today: clock.today(), password: config.DEMO_PASSWORD });
  }

  const app = await createApp({ database, clock, logger, trustProxy: config.TRUST_PROXY });
  const server = http.createServer(app.app);
  server.keepAliveTimeout = 65_000;
  // Once stopping, answers close their connection: keep-alive clients then do not hold the shutdown open.
  let stopping = false;
  const unanswered = new Set<http.ServerResponse>();
  server.on("request", (_req, res: http.ServerResponse) => {
    if (stopping && !res.headersSent) res.setHeader("Connection", "close");
    unanswered.add(res);
    res.on("close", () => unanswered.delete(res));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.PORT, config.HOST, resolve);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === "EADDRINUSE"
        ? `Port ${config.PORT} is in use by another program: stop it, or start with another PORT (e.g. PORT=3001 npm start).`
        : `Could not listen on ${config.HOST}:${config.PORT}: ${(error as Error).message}`,
    );
    await app.close();
    await database.close();
    process.exit(1);
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const backups =
    database.engine === "pglite" && config.BACKUP_INTERVAL_HOURS > 0
      ? startBackupSchedule({
          database,
          dataDir: config.dataDir,
          intervalHours: config.BACKUP_INTERVAL_HOURS,
          keep: config.BACKUP_KEEP,
          logger,
        })
      : undefined;
  // `npm run backup` asks the running server for the embedded database's dump through this socket.
  const adminSocket =
    database.engine === "pglite"
      ? await startAdminSocket({ database, dataDir: config.dataDir, logger }).catch((error: Error) => {
          logger.error(`${error.message}; npm run backup cannot ask this server for a dump`);
          return undefined;
        })
      : undefined;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    // Connections the kernel queued before the signal carry requests that clients have sent. Under a burst
    // of PGlite writes (synchronous WASM) the accept queue drains slowly, so keep accepting until a moment
    // passes without a new connection (at most 10 s), then stop listening — without http.Server#close(),
    // which would also reset the connections whose request is not read yet. Requests in flight are
    // answered with "Connection: close"; keep-alive connections left without a request are then closed.
    let accepted = 1;
    const countConnection = () => accepted++;
    server.on("connection", countConnection);
    for (const until = Date.now() + 10_000; accepted > 0 && Date.now() < until; ) {
      accepted = 0;
      await sleep(20);
    }
    server.off("connection", countConnection);
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    for (const res of unanswered) if (!res.headersSent) res.setHeader("Connection", "close");
    await Promise.all([app.close(), backups?.stop(), adminSocket?.close(), sleep(250)]);
    await nextTurn();
    server.closeIdleConnections();
    const timeout = setTimeout(() => server.closeAllConnections(), 10_000);
    await closed;
    clearTimeout(timeout);
    await database.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  // Announced only once a signal can stop the server cleanly: a supervisor may signal as soon as it reads this.
  const where = database.engine === "pglite" ? `PGlite in ${displayPath(config.dataDir)}` : "PostgreSQL";
  const login = (await hasDemoAccounts(database.db))
    ? ` · demo login admin / ${process.env.DEMO_PASSWORD ? "(DEMO_PASSWORD)" : config.DEMO_PASSWORD}`
    : "";
  console.log(`加梯进度 ready on http://localhost:${port} · ${where}${login} · ${Date.now() - startedAt} ms`);
}

/** A folder as the user would type it: relative when it lies below the working directory. */
function displayPath(folder: string): string {
  const relative = path.relative(process.cwd(), folder);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? `./${relative}` : folder;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
