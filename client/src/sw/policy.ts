// What the service worker does with each request (docs/ARCHITECTURE.md § Offline): the app's own files from
// the precache, pages from the network with the cached shell as fallback, the reads a secretary's 我的楼栋 and
// a building's page need from the network with the last answer as fallback, everything else untouched.
// Pure, so its tests run without a worker.

/** How one request is answered. */
export type Strategy = "precache" | "page" | "data" | "network";

/** The header a fallback answer carries: when the cached answer was fetched (ms since the epoch). */
export const CACHED_AT_HEADER = "X-Offline-Cached-At";

/** The shell every client route is answered with offline. */
export const SHELL = "/index.html";

/**
 * The API reads kept for offline use: the session, the structure, an area's buildings, a building and its
 * blocker thread, the area's blockers, status lines and possible owners, the year's summary, the settings the
 * pages read. Not the change stream, health (it must say the truth), exports, photos or the audit log.
 */
const DATA_PATHS: readonly RegExp[] = [
  /^\/api\/session$/,
  /^\/api\/zones$/,
  /^\/api\/areas$/,
  /^\/api\/areas\/\d+$/,
  /^\/api\/areas\/\d+\/(statuses|blocker-owners)$/,
  /^\/api\/buildings\/\d+$/,
  /^\/api\/buildings\/\d+\/blocker\/notes$/,
  /^\/api\/blockers$/,
  /^\/api\/area-statuses$/,
  /^\/api\/summary$/,
  /^\/api\/settings\/(organization|stall)$/,
];

export interface RequestFacts {
  method: string;
  url: URL;
  /** The worker's own origin. */
  origin: string;
  /** `request.mode === "navigate"`: a page load. */
  navigate: boolean;
  /** The precached paths (the build's files). */
  precached: ReadonlySet<string>;
}

export function strategyFor({ method, url, origin, navigate, precached }: RequestFacts): Strategy {
  if (method !== "GET" || url.origin !== origin) return "network";
  if (url.pathname.startsWith("/api/")) return isData(url) ? "data" : "network";
  if (navigate) return "page";
  return precached.has(url.pathname) ? "precache" : "network";
}

function isData(url: URL): boolean {
  // An area's building list (我的楼栋 reads all of it); other lists (filters, search, pages) are not kept.
  if (url.pathname === "/api/buildings") return url.searchParams.has("areaId");
  return DATA_PATHS.some((pattern) => pattern.test(url.pathname));
}

/**
 * Whether a request changes who is logged in (log in, log out): the kept answers belong to the previous user
 * and are dropped.
 */
export function changesUser(method: string, url: URL): boolean {
  return method !== "GET" && url.pathname === "/api/session";
}
