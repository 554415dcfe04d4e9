// The dashboard's first screen in the page itself (docs/ARCHITECTURE.md § The first screen): a GET of a dashboard
// address with a live session gets the built client's page with the frame, the three stages and the behind
// list already in it, and the data they came from for the app to start with. The figures are those of
// GET /api/summary for the same year, zone and day — the same service, the same cache — and the statuses those
// of GET /api/area-statuses. The login page comes with its form in it. Both carry their styles in the page, so
// they show after one round trip. Anything else (no session, another address, a zone that does not exist, a
// failure) gets the plain page, as before.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  type DashboardQuery,
  type FirstScreenData,
  type FirstScreenRenderer,
  LANGUAGE_COOKIE,
  type SessionUser,
} from "@jiati/shared";
import type { Request, RequestHandler } from "express";
import { readSessionCookie } from "../auth/cookies";
import type { SessionResolver } from "../auth/sessions";
import { type ChangeHub, changeCount } from "../core/changes";
import type { Clock } from "../core/context";
import { NotFound } from "../core/errors";
import type { Logger } from "../core/logger";
import type { SummaryService } from "../summary/service";
import type { AreaStatusService } from "../supervision/statuses";

/** Where the root element of the built client's page is, empty. */
const EMPTY_ROOT = '<div id="root"></div>';

/**
 * `indexHtml` with its stylesheets (files of `clientDir`) written into the page: what the server renders shows
 * without waiting for another request. A stylesheet that is missing or could end its element stays linked.
 */
export function inlineStylesheets(indexHtml: string, clientDir: string): string {
  return indexHtml.replace(
    /<link rel="stylesheet"[^>]*href="(\/assets\/[\w.-]+\.css)"[^>]*>/g,
    (link, href: string) => {
      const file = path.join(clientDir, href);
      if (!fs.existsSync(file)) return link;
      const css = fs.readFileSync(file, "utf8");
      return /<\/style/i.test(css) ? link : `<style>${css}</style>`;
    },
  );
}

/**
 * `indexHtml` with its scripts (the entry and its module preloads) fetched at low priority: the dashboard's first
 * screen and the login form show and read without them, so they should not compete with what the first paint
 * needs. (The login form's button waits for them; on the login page they are all there is to fetch anyway.
 * Measured: bench/RESULTS.md § History, the login page's Lighthouse score 94 → 97.5 over six runs.)
 */
export function lowPriorityScripts(indexHtml: string): string {
  return indexHtml.replace(
    /<(script type="module"|link rel="modulepreload")(?![^>]*fetchpriority)/g,
    (tag) => `${tag} fetchpriority="low"`,
  );
}

/**
 * The renderer `vite build --ssr` made beside the built client (client/dist-ssr/ssr.js next to client/dist), or
 * null when there is none (a client built without it, or none at all).
 */
export async function loadFirstScreenRenderer(clientDir: string): Promise<FirstScreenRenderer | null> {
  const file = path.join(clientDir, "..", "dist-ssr", "ssr.js");
  if (!fs.existsSync(file)) return null;
  const module = (await import(pathToFileURL(file).href)) as { renderer?: FirstScreenRenderer };
  return module.renderer ?? null;
}

export interface FirstScreenParts {
  renderer: FirstScreenRenderer;
  sessions: SessionResolver;
  summary: SummaryService;
  statuses: AreaStatusService;
  hub: ChangeHub;
  clock: Clock;
  logger: Logger;
}

/** The value of the request's cookie `name`, if any. */
function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/**
 * GET of any page: the built client's `indexHtml` with the dashboard's first screen in it when the address is a
 * dashboard's and the session is live; otherwise on to the plain page (`next()`).
 */
export function firstScreenPages(indexHtml: string, parts: FirstScreenParts): RequestHandler {
  if (!indexHtml.includes(EMPTY_ROOT)) {
    parts.logger.warn(`the built client's index.html has no ${EMPTY_ROOT}: pages are served without the first screen`);
    return (_req, _res, next) => next();
  }
  const shell = lowPriorityScripts(indexHtml);
  const shells: Shells = { login: shell, dashboard: shell };
  return async (req, res, next) => {
    try {
      const page = await renderedPage(shells, parts, req);
      if (!page) return next();
      // One user's figures: kept by no cache, shared or the browser's. The login page is the same for everyone
      // but follows the language cookie, as both do.
      res.setHeader("Cache-Control", page.personal ? "private, no-store" : "no-cache");
      res.setHeader("Vary", "Cookie");
      res.type("html").send(page.html);
    } catch (error) {
      // The app finds its way by itself (an unknown zone's page says so; a database away shows its banner).
      if (!(error instanceof NotFound)) parts.logger.warn(`first screen of ${req.path} not rendered`, error);
      next();
    }
  };
}

/** The built client's page for each kind of page the server renders. */
interface Shells {
  /** Both with their scripts at low priority (lowPriorityScripts). */
  login: string;
  dashboard: string;
}

/**
 * The login page with its form, or a dashboard's with its first screen (`personal`: one user's figures); null
 * for any other address, or a dashboard's without a session.
 */
async function renderedPage(
  shells: Shells,
  parts: FirstScreenParts,
  req: Request,
): Promise<{ html: string; personal: boolean } | null> {
  const language = cookie(req, LANGUAGE_COOKIE) === "en" ? "en" : "zh";
  const page = (root: string, html: string) => {
    const filled = html.replace(EMPTY_ROOT, root);
    return language === "en" ? filled.replace('<html lang="zh-CN">', '<html lang="en">') : filled;
  };
  const { pathname, search } = new URL(req.originalUrl, "http://page");
  const login = parts.renderer.login(pathname, language);
  if (login !== null)
    return { html: page(`<div id="root">${login.markup}</div>${login.dataElement}`, shells.login), personal: false };

  const today = parts.clock.today();
  const query = parts.renderer.dashboardQuery(pathname, search, today);
  if (!query) return null;
  const sessionId = readSessionCookie(req);
  const user = sessionId ? await parts.sessions.resolve(sessionId) : null;
  if (!user) return null;
  const data = await firstScreenData(parts, user, query, today, language);
  const { markup, dataElement } = parts.renderer.render(data, req.originalUrl);
  return { html: page(`<div id="root">${markup}</div>${dataElement}`, shells.dashboard), personal: true };
}

/** What GET /api/session, /api/summary and /api/area-statuses would answer this user now, for `query`. */
async function firstScreenData(
  parts: FirstScreenParts,
  user: SessionUser,
  query: DashboardQuery,
  today: string,
  language: "zh" | "en",
): Promise<FirstScreenData> {
  // Read before the figures: a change while they are read makes the stream tell the page to refetch.
  const since = changeCount(parts.hub);
  const [summary, statuses] = await Promise.all([
    parts.summary.summary(query.year, query.zoneId, today, query.asOf ?? undefined),
    parts.statuses.latest(query.zoneId ?? undefined),
  ]);
  return { query, user, summary, statuses, language, since };
}
