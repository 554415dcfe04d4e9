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
  /** Blocker supervision (督办): the open blockers in a scope, a building's thread, an area's possible owners. */
  supervision: {
    all: ["supervision"] as const,
    blockers: ["supervision", "blockers"] as const,
    blockerList: (params: QueryParams) => ["supervision", "blockers", params] as const,
    threads: ["supervision", "thread"] as const,
    thread: (buildingId: number) => ["supervision", "thread", buildingId] as const,
    owners: (areaId: number) => ["supervision", "owners", areaId] as const,
  },
  /** Areas' status lines: the latest of each (of a zone), and one area's recent lines. */
  areaStatuses: {
    all: ["areaStatuses"] as const,
    latest: (zoneId?: number | null) => ["areaStatuses", "latest", zoneId ?? null] as const,
    history: (areaId: number) => ["areaStatuses", "history", areaId] as const,
  },
  summary: {
    all: ["summary"] as const,
    of: (year: number, zoneId: number | null, asOf: string | null = null) => ["summary", year, zoneId, asOf] as const,
  },
  targets: {
    all: ["targets"] as const,
    year: (year: number) => ["targets", "year", year] as const,
    letters: (year: number) => ["targets", "letters", year] as const,
  },
  /** Year-end reviews (年度总结): the years that can be reviewed, and one year's review. */
  reviews: {
    all: ["reviews"] as const,
    years: ["reviews", "years"] as const,
    year: (year: number) => ["reviews", "year", year] as const,
  },
  /** Weekly briefings: the lists (by their filters) and each briefing. */
  briefings: {
    all: ["briefings"] as const,
    lists: ["briefings", "list"] as const,
    list: (params: QueryParams) => ["briefings", "list", params] as const,
    detail: (id: number) => ["briefings", "detail", id] as const,
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
    organization: ["settings", "organization"] as const,
    /** The progress report's 下一步工作 of a year, for the town (null) or a zone. */
    reportNotes: (year: number, zoneId: number | null) => ["settings", "reportNotes", year, zoneId] as const,
  },
};
