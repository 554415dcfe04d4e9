// The query-key factory: every cached resource's key, nested so that invalidating a prefix
// (e.g. keys.buildings.all) refreshes every query below it.

import type { QueryParams } from "./http";

export const keys = {
  session: ["session"] as const,
  health: ["health"] as const,
  zones: ["zones"] as const,
  areas: {
    all: ["areas"] as const,
    list: (zoneId?: number) => ["areas", "list", zoneId ?? null] as const,
    detail: (id: number) => ["areas", "detail", id] as const,
  },
  buildings: {
    all: ["buildings"] as const,
    lists: ["buildings", "list"] as const,
    list: (params: QueryParams) => ["buildings", "list", params] as const,
    detail: (id: number) => ["buildings", "detail", id] as const,
  },
  summary: {
    all: ["summary"] as const,
    of: (year: number, zoneId: number | null) => ["summary", year, zoneId] as const,
  },
  targets: {
    all: ["targets"] as const,
    year: (year: number) => ["targets", "year", year] as const,
    letters: (year: number) => ["targets", "letters", year] as const,
  },
  users: ["users"] as const,
  audit: {
    all: ["audit"] as const,
    list: (params: QueryParams) => ["audit", params] as const,
  },
  imports: {
    rows: (token: string, action: string, offset: number) => ["imports", token, "rows", action, offset] as const,
    errors: (token: string, offset: number) => ["imports", token, "errors", offset] as const,
  },
  settings: {
    all: ["settings"] as const,
    stall: ["settings", "stall"] as const,
  },
};
