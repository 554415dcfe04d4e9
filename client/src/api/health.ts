// The server's own account of its state (GET /api/health): whether the database answers and how its disk
// fares. Polled slowly while all is well and every few seconds while the database is away; any request
// that meets the database's absence asks again at once (App.tsx), so the banner appears without waiting.

import { queryOptions } from "@tanstack/react-query";
import { isApiError, request } from "./http";
import { keys } from "./keys";

export interface Health {
  /** unreachable: the server itself did not answer (network, or the server is down). */
  status: "ok" | "degraded" | "unavailable" | "unreachable";
  disk?: "ok" | "low" | "full";
}

export const HEALTH_POLL_MS = 60_000;
export const HEALTH_POLL_DOWN_MS = 3_000;

export const healthQuery = queryOptions({
  queryKey: keys.health,
  queryFn: async (): Promise<Health> => {
    try {
      return await request<Health>("/health");
    } catch (error) {
      // 503 is health's answer while the database is down, not a failure to ask.
      if (isApiError(error, 503)) return { status: "unavailable" };
      if (isApiError(error, 0)) return { status: "unreachable" };
      throw error;
    }
  },
  staleTime: 0,
  retry: false,
  refetchInterval: (query) => (isDown(query.state.data) ? HEALTH_POLL_DOWN_MS : HEALTH_POLL_MS),
});

export function isDown(health: Health | undefined): boolean {
  return health?.status === "unavailable" || health?.status === "unreachable";
}

/** Whether `error` says the database (or the server) is away: worth retrying, and worth asking health. */
export function isOutage(error: unknown): boolean {
  return isApiError(error) && (error.code === "database_unavailable" || error.status === 0 || error.status === 502);
}
