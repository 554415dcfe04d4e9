// Builds the Express application around an open database: services, routers, security middleware, the
// built client. The caller owns the database and the HTTP server; `close()` stops what the app started.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type FirstScreenRenderer, msg, shanghaiDate } from "@jiati/shared";
import compression from "compression";
import express, { type RequestHandler } from "express";
import helmet from "helmet";
import { z } from "zod";
import { auditRoutes } from "./audit/routes";
import { AuditService } from "./audit/service";
import { readSessionCookie } from "./auth/cookies";
import { sessionRoutes } from "./auth/routes";
import { AuthService } from "./auth/service";
import { purgeExpiredSessions, SessionResolver } from "./auth/sessions";
import { briefingRoutes } from "./briefings/routes";
import { BriefingService } from "./briefings/service";
import { buildingRoutes } from "./buildings/routes";
import { BuildingService } from "./buildings/service";
import { ChangeHub } from "./core/changes";
import type { TrustProxy } from "./core/config";
import type { Clock } from "./core/context";
import type { Database } from "./core/db";
import type { Deps } from "./core/deps";
import { DiskWatch } from "./core/disk";
import { DATABASE_RETRY_AFTER_SECONDS, NotFound } from "./core/errors";
import { createLogger, type Logger } from "./core/logger";
import { chooseLanguage, errorHandler, pageErrorHandler, requestId, requireXhrHeader } from "./http/middleware";
import { route } from "./http/route";
import { LedgerExport } from "./ledger/export";
import { ledgerRoutes } from "./ledger/routes";
import { LedgerService } from "./ledger/service";
import { openApiDocument } from "./openapi";
import { firstScreenPages, inlineStylesheets, loadFirstScreenRenderer } from "./pages/firstScreen";
import { reportRoutes } from "./reports/routes";
import { ReportNotesService } from "./reports/service";
import { reviewRoutes } from "./review/routes";
import { ReviewService } from "./review/service";
import { settingsRoutes } from "./settings/routes";
import { SettingsService } from "./settings/service";
import { streamRoutes } from "./stream/routes";
import { type StreamLimits, StreamService } from "./stream/service";
import { structureRoutes } from "./structure/routes";
import { StructureService } from "./structure/service";
import { summaryRoutes } from "./summary/routes";
import { SummaryService } from "./summary/service";
import { supervisionRoutes } from "./supervision/routes";
import { SupervisionService } from "./supervision/service";
import { AreaStatusService } from "./supervision/statuses";
import { LetterService } from "./targets/letters";
import { targetRoutes } from "./targets/routes";
import { TargetService } from "./targets/service";
import { userRoutes } from "./users/routes";
import { UserService } from "./users/service";

export interface AppOptions {
  database: Database;
  clock?: Clock;
  logger?: Logger;
  /** Proxies believed about the client's address (`TRUST_PROXY`); never Express's "trust every hop". */
  trustProxy?: TrustProxy;
  /** Caps on open event streams (tests lower them). */
  streamLimits?: StreamLimits;
  /** Folder of the built client to serve; found next to the server when absent, skipped when false. */
  clientDir?: string | false;
  /**
   * The renderer of the dashboard's first screen into the page (pages/firstScreen.ts); the one built beside the
   * client (client/dist-ssr) when absent, none when false.
   */
  firstScreen?: FirstScreenRenderer | false;
  /** The embedded database's disk watch (the server makes one for DATA_DIR); a folderless one when absent. */
  disk?: DiskWatch;
}

export function systemClock(fakeToday?: string): Clock {
  return { now: () => new Date(), today: () => fakeToday ?? shanghaiDate(new Date()) };
}

function defaultClientDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../client/dist");
}

export async function createApp(options: AppOptions) {
  const { database } = options;
  const clock = options.clock ?? systemClock();
  const logger = options.logger ?? createLogger("warn");
  const hub = new ChangeHub(database, logger);
  await hub.start();
  const disk = options.disk ?? new DiskWatch(undefined, 0, logger);
  hub.subscribe(() => disk.reportWritten());
  const deps: Deps = { database, db: database.db, hub, clock, logger };
  const services = createServices(deps);
  const sessions = new SessionResolver(deps.db, () => clock.now(), hub);
  const streams = new StreamService(
    hub,
    async (sessionId) => (await sessions.resolve(sessionId)) !== null,
    options.streamLimits,
  );

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  app.use(requestId);
  app.use(securityHeaders());
  app.use(
    compression({
      filter: (req, res) => !req.path.startsWith("/api/stream") && compression.filter(req, res),
    }),
  );
  app.use("/api", apiRouter({ deps, services, sessions, streams, disk }));
  const clientDir = options.clientDir === undefined ? defaultClientDir() : options.clientDir;
  const renderer =
    options.firstScreen === undefined ? clientDir && (await loadFirstScreenRenderer(clientDir)) : options.firstScreen;
  serveClient(
    app,
    clientDir,
    renderer
      ? (indexHtml) =>
          firstScreenPages(indexHtml, {
            renderer,
            sessions,
            summary: services.summary,
            statuses: services.areaStatuses,
            hub,
            clock,
            logger,
          })
      : undefined,
  );
  app.use(pageErrorHandler(logger));
  const stopHousekeeping = startHousekeeping(deps, services.auth);

  return {
    app,
    deps,
    services,
    hub,
    /** Ends open event streams and stops listening; the database stays open. */
    async close() {
      streams.closeAll();
      stopHousekeeping();
      await hub.stop();
    },
  };
}

function createServices(deps: Deps) {
  const settings = new SettingsService(deps);
  const structure = new StructureService(deps);
  const summary = new SummaryService(deps, structure, settings);
  return {
    audit: new AuditService(deps),
    auth: new AuthService(deps),
    buildings: new BuildingService(deps, settings),
    settings,
    structure,
    summary,
    targets: new TargetService(deps),
    review: new ReviewService(deps, summary),
    letters: new LetterService(deps),
    ledger: new LedgerService(deps),
    ledgerExport: new LedgerExport(deps, summary),
    supervision: new SupervisionService(deps),
    areaStatuses: new AreaStatusService(deps),
    briefings: new BriefingService(deps, summary, settings, structure),
    reportNotes: new ReportNotesService(deps),
    users: new UserService(deps),
  };
}

/** The session cookie → the user and the request's context, when the session is live. */
function authenticator(sessions: SessionResolver, clock: Clock): RequestHandler {
  return async (req, _res, next) => {
    try {
      const id = readSessionCookie(req);
      const user = id ? await sessions.resolve(id) : null;
      if (user) {
        req.user = user;
        req.context = { user, requestId: req.id, today: clock.today(), now: clock.now() };
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

function apiRouter(parts: {
  deps: Deps;
  services: ReturnType<typeof createServices>;
  sessions: SessionResolver;
  streams: StreamService;
  disk: DiskWatch;
}): express.Router {
  const { deps, services } = parts;
  const api = express.Router();
  api.use(chooseLanguage);
  api.use(requireXhrHeader);
  api.use(express.json({ limit: "1mb" }));
  // Before the session lookup: they answer without it while the database is away.
  api.use(healthRoutes(deps, parts.disk));
  api.use(authenticator(parts.sessions, deps.clock));
  api.use(sessionRoutes(services.auth, services.users));
  api.use(structureRoutes(services.structure));
  api.use(buildingRoutes(services.buildings));
  api.use(supervisionRoutes(services.supervision, services.areaStatuses));
  api.use(targetRoutes(services.targets, services.letters));
  api.use(summaryRoutes(services.summary));
  api.use(reviewRoutes(services.review));
  api.use(briefingRoutes(services.briefings));
  api.use(userRoutes(services.users));
  api.use(auditRoutes(services.audit));
  api.use(ledgerRoutes(services.ledger, services.ledgerExport));
  api.use(settingsRoutes(services.settings));
  api.use(reportRoutes(services.reportNotes));
  api.use(streamRoutes(deps.hub, parts.streams));
  api.use((req, _res, next) => next(new NotFound(msg("error.noSuchRoute", { method: req.method, path: req.path }))));
  api.use(
    errorHandler(deps.logger, (fault) => {
      if (fault === "disk_full") parts.disk.reportFull();
    }),
  );
  return api;
}

const healthSchema = z.object({
  /** ok; degraded: serving, but the disk is low or full, or changes of other instances are not heard; unavailable: the database cannot be reached (503). */
  status: z.enum(["ok", "degraded", "unavailable"]),
  engine: z.enum(["pglite", "postgresql"]),
  /** This server instance, to tell instances apart behind a load balancer. */
  instance: z.string(),
  /** Whether a query reached the database just now. */
  database: z.enum(["up", "down"]),
  /** Whether this instance hears other instances' changes (false while its listener reconnects). */
  listening: z.boolean(),
  /** The embedded database's disk: low under DISK_MIN_FREE_MB free, full after a write failed for lack of space. */
  disk: z.enum(["ok", "low", "full"]),
});

const liveSchema = z.object({ status: z.literal("ok"), instance: z.string() });

/** How long health waits for the database's answer before calling it down. */
const HEALTH_PROBE_MS = 2_000;

/** Whether a trivial query reaches the database within `timeoutMs` (PGlite, in this process, is waited for). */
async function databaseAnswers(database: Database, timeoutMs: number): Promise<boolean> {
  const query = database.db.execute("select 1").then(
    () => true,
    () => false,
  );
  if (database.engine === "pglite") return query;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function healthRoutes({ database, hub }: Deps, disk: DiskWatch): express.Router {
  const router = express.Router();
  route(
    router,
    {
      method: "get",
      path: "/health",
      tag: "health",
      access: "public",
      summary:
        "Readiness: the database's state (a query each time), whether changes of other instances are heard, the disk; 503 while the database cannot be reached. `deep` is accepted for older monitors: the database is always asked",
      query: z.strictObject({ deep: z.enum(["true", "false"]).optional() }),
      response: healthSchema,
    },
    async ({ res }) => {
      const up = await databaseAnswers(database, HEALTH_PROBE_MS);
      const diskState = disk.check().state;
      const status = !up ? "unavailable" : diskState !== "ok" || !hub.live ? "degraded" : "ok";
      res.status(up ? 200 : 503);
      if (!up) res.setHeader("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
      return {
        status,
        engine: database.engine,
        instance: hub.instanceId,
        database: up ? "up" : "down",
        listening: hub.live,
        disk: diskState,
      } satisfies z.infer<typeof healthSchema>;
    },
  );
  route(
    router,
    {
      method: "get",
      path: "/live",
      tag: "health",
      access: "public",
      summary: "Liveness: 200 while the process serves HTTP, whatever the database's state",
      response: liveSchema,
    },
    () => ({ status: "ok" as const, instance: hub.instanceId }),
  );
  route(
    router,
    { method: "get", path: "/openapi.json", tag: "health", access: "public", summary: "This API's description" },
    () => openApiDocument(),
  );
  return router;
}

function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its component styles into <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: false,
  });
}

/**
 * The built client: hashed assets cached for good, the page for every other path that is not the API — with
 * the dashboard's first screen in it, by `firstScreen`, where it applies.
 */
function serveClient(
  app: express.Express,
  clientDir: string | false,
  firstScreen?: (indexHtml: string) => RequestHandler,
): void {
  if (!clientDir || !fs.existsSync(path.join(clientDir, "index.html"))) return;
  app.use(
    "/assets",
    express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "365d", fallthrough: false }),
  );
  app.use(express.static(clientDir, { index: false, maxAge: "1h", setHeaders: revalidateOfflineFiles }));
  const indexHtml = fs.readFileSync(path.join(clientDir, "index.html"));
  if (firstScreen) app.get(/^\/(?!api\/).*/, firstScreen(inlineStylesheets(indexHtml.toString("utf8"), clientDir)));
  app.get(/^\/(?!api\/).*/, (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send(indexHtml);
  });
}

/**
 * The service worker and the web app manifest are asked for again on every visit (no-cache): a new build's
 * worker must reach phones at once, not an hour later (docs/ARCHITECTURE.md § Offline). The worker is served
 * from the root, so its scope is the whole app.
 */
function revalidateOfflineFiles(res: express.Response, filePath: string): void {
  const name = path.basename(filePath);
  if (name === "sw.js" || name === "manifest.webmanifest") res.setHeader("Cache-Control", "no-cache");
  if (name === "manifest.webmanifest") res.setHeader("Content-Type", "application/manifest+json; charset=utf-8");
}

/** Hourly: expired sessions and old login failures are removed. Returns what stops it. */
function startHousekeeping(deps: Deps, auth: AuthService): () => void {
  const timer = setInterval(
    () => {
      purgeExpiredSessions(deps.db, deps.clock.now()).catch((error) => deps.logger.warn("session purge failed", error));
      auth.purgeFailures().catch((error) => deps.logger.warn("login failure purge failed", error));
    },
    60 * 60 * 1000,
  );
  timer.unref();
  return () => clearInterval(timer);
}

export type App = Awaited<ReturnType<typeof createApp>>;
