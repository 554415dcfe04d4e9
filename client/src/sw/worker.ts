// The service worker (built to /sw.js by client/pwa/plugin.ts, docs/ARCHITECTURE.md § Offline): precaches the
// build's files, so the app opens with no network, and keeps the last answer of each read 我的楼栋 needs, so
// the secretary's buildings show offline with the time they were fetched. Writes never pass through here: the
// page queues them (client/src/offline/).

import { CACHED_AT_HEADER, changesUser, SHELL, strategyFor } from "./policy";

declare const self: ServiceWorkerGlobalScope;
/** The build's files (injected at build time). */
declare const __PRECACHE__: string[];
/** The build's hash: a new build is a new precache. */
declare const __BUILD__: string;

const PRECACHE = `jiati-app-${__BUILD__}`;
const DATA = "jiati-data";
const precached = new Set(__PRECACHE__);
/** Past this, a page or a read answers from the cache while the network goes on (a stairwell's weak signal). */
const PAGE_TIMEOUT_MS = 4_000;
const DATA_TIMEOUT_MS = 6_000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(PRECACHE);
      // Past the HTTP cache, so a new build never precaches an old file.
      await cache.addAll(__PRECACHE__.map((path) => new Request(path, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("jiati-app-") && name !== PRECACHE) await caches.delete(name);
      }
      // Pages already open are served from now on, so their next reads are kept for offline use.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (changesUser(request.method, url)) {
    event.respondWith(dropDataThen(request));
    return;
  }
  const strategy = strategyFor({
    method: request.method,
    url,
    origin: self.location.origin,
    navigate: request.mode === "navigate",
    precached,
  });
  if (strategy === "precache") event.respondWith(fromPrecache(request));
  else if (strategy === "page") event.respondWith(page(request));
  else if (strategy === "data") event.respondWith(data(event));
});

/** Log in or out: the reads kept belong to whoever was logged in before. */
async function dropDataThen(request: Request): Promise<Response> {
  await caches.delete(DATA);
  return fetch(request);
}

async function fromPrecache(request: Request): Promise<Response> {
  const cached = await caches.match(new URL(request.url).pathname, { cacheName: PRECACHE });
  return cached ?? fetch(request);
}

/** A page: the server's answer, or (offline, or too slow) the app's shell, which routes on the client. */
async function page(request: Request): Promise<Response> {
  const network = fetch(request);
  network.catch(() => undefined);
  try {
    return await withTimeout(network, PAGE_TIMEOUT_MS);
  } catch {
    const shell = await caches.match(SHELL, { cacheName: PRECACHE });
    return shell ?? network;
  }
}

/**
 * A read: the network's answer (kept, stamped with when it was fetched), else the last one kept — which then
 * carries that stamp, so the page can say how old its data is. A 401 drops what was kept (the session ended).
 */
async function data(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const network = fetch(request).then(async (response) => {
    if (response.status === 401) await caches.delete(DATA);
    else if (response.ok) await keep(request, response.clone());
    return response;
  });
  // A slow answer still arrives and is kept after the cached one has been shown.
  event.waitUntil(network.catch(() => undefined));
  try {
    return await withTimeout(network, DATA_TIMEOUT_MS);
  } catch {
    const cached = await caches.match(request, { cacheName: DATA });
    return cached ?? network;
  }
}

async function keep(request: Request, response: Response): Promise<void> {
  const headers = new Headers(response.headers);
  headers.set(CACHED_AT_HEADER, String(Date.now()));
  const body = await response.arrayBuffer();
  const cache = await caches.open(DATA);
  await cache.put(request, new Response(body, { status: response.status, statusText: response.statusText, headers }));
}

/** The promise, or a rejection after `ms` (the promise itself goes on). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
