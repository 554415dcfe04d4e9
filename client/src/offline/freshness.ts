// How old the data on screen is: the service worker answers a read it could not get from the network with
// the last answer it kept, stamped with when that was fetched (CACHED_AT_HEADER). The API layer notes each
// answer here; a page offline can then say "数据更新于 HH:mm".

import { useSyncExternalStore } from "react";
import { CACHED_AT_HEADER } from "../sw/policy";

/** Reads last answered from the cache, by path, with when that answer was fetched. */
const fromCache = new Map<string, number>();
let oldest: number | null = null;
const listeners = new Set<() => void>();

/** Notes a read's answer: from the network (no stamp) or from the cache (its stamp). */
export function noteAnswer(path: string, headers: Headers): void {
  const stamp = Number(headers.get(CACHED_AT_HEADER)) || null;
  const had = fromCache.has(path);
  if (stamp === null && !had) return;
  if (stamp === null) fromCache.delete(path);
  else fromCache.set(path, stamp);
  const next = fromCache.size ? Math.min(...fromCache.values()) : null;
  if (next === oldest) return;
  oldest = next;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** When the oldest data on screen that came from the cache was fetched (ms), or null when all is fresh. */
export function useCachedSince(): number | null {
  return useSyncExternalStore(subscribe, () => oldest);
}
