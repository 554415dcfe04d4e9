// Queries of the programme's structure: zones, areas, and each area's buildings counted by stage.

import { asc, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../core/db";
import { areas, buildings, zones } from "../core/db/schema";
import { blocked } from "../rules/blocked";
import { inStage } from "../rules/stage";

const countWhere = (condition: SQL) => sql<number>`count(*) filter (where ${condition})::int`;

export const listZones = (ex: Executor) => ex.select().from(zones).orderBy(asc(zones.sortOrder), asc(zones.id));
export const listAreas = (ex: Executor) => ex.select().from(areas).orderBy(asc(areas.sortOrder), asc(areas.id));

/**
 * Per area: its buildings in each stage now, withdrawn, blocked and in all — each by the rule the summary counts
 * with (rules/), as shared `standingCounts` counts a list of buildings (docs/DOMAIN.md § Where a building stands).
 */
export function countsByArea(ex: Executor) {
  return ex
    .select({
      areaId: buildings.areaId,
      planned: countWhere(inStage("planned")),
      signed: countWhere(inStage("signed")),
      started: countWhere(inStage("started")),
      completed: countWhere(inStage("completed")),
      withdrawn: sql<number>`count(*) filter (where ${buildings.withdrawn})::int`,
      blocked: countWhere(blocked()),
      total: sql<number>`count(*)::int`,
    })
    .from(buildings)
    .groupBy(buildings.areaId);
}

export async function findZone(ex: Executor, id: number, lock = false) {
  const query = ex.select().from(zones).where(eq(zones.id, id));
  const [zone] = lock ? await query.for("update") : await query;
  return zone;
}

export async function findArea(ex: Executor, id: number, lock = false) {
  const query = ex.select().from(areas).where(eq(areas.id, id));
  const [area] = lock ? await query.for("update") : await query;
  return area;
}

/** A new zone, placed after the others. */
export async function insertZone(ex: Executor, name: string) {
  const [{ next } = { next: 1 }] = await ex
    .select({ next: sql<number>`coalesce(max(${zones.sortOrder}), 0)::int + 1` })
    .from(zones);
  const [zone] = await ex.insert(zones).values({ name, sortOrder: next }).returning();
  return zone as typeof zones.$inferSelect;
}

export async function renameZone(ex: Executor, id: number, name: string) {
  const [zone] = await ex.update(zones).set({ name }).where(eq(zones.id, id)).returning();
  return zone as typeof zones.$inferSelect;
}

/** A new area, placed after the others. */
export async function insertArea(ex: Executor, input: { name: string; zoneId: number }) {
  const [{ next } = { next: 1 }] = await ex
    .select({ next: sql<number>`coalesce(max(${areas.sortOrder}), 0)::int + 1` })
    .from(areas);
  const [area] = await ex
    .insert(areas)
    .values({ ...input, sortOrder: next })
    .returning();
  return area as typeof areas.$inferSelect;
}

export async function updateArea(ex: Executor, id: number, patch: { name?: string; zoneId?: number }) {
  const [area] = await ex.update(areas).set(patch).where(eq(areas.id, id)).returning();
  return area as typeof areas.$inferSelect;
}
