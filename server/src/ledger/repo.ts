// Queries of the ledger: the areas, buildings looked up by id or address in chunks, one area's buildings
// page by page for the export, and the stored import previews.

import { and, asc, desc, eq, getTableColumns, gt, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "../core/db";
import { areas, blockerNotes, buildings, importPreviews } from "../core/db/schema";

export type BuildingRow = typeof buildings.$inferSelect;
export type PreviewRow = typeof importPreviews.$inferSelect;

const CHUNK = 1_000;

function chunks<T>(values: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) result.push(values.slice(i, i + CHUNK));
  return result;
}

export async function loadAreas(ex: Executor) {
  return ex
    .select({ id: areas.id, name: areas.name, zoneId: areas.zoneId })
    .from(areas)
    .orderBy(asc(areas.sortOrder), asc(areas.id));
}

export async function buildingsByIds(ex: Executor, ids: readonly number[]): Promise<BuildingRow[]> {
  const rows: BuildingRow[] = [];
  for (const chunk of chunks(ids))
    rows.push(...(await ex.select().from(buildings).where(inArray(buildings.id, chunk))));
  return rows;
}

/** The buildings of `areaIds` (not withdrawn) whose id is not among `ids`, by area and address. */
export async function buildingsOfAreasExcept(ex: Executor, areaIds: readonly number[], ids: readonly number[]) {
  return ex
    .select({ id: buildings.id, areaId: buildings.areaId, address: buildings.address })
    .from(buildings)
    .where(
      and(
        inArray(buildings.areaId, [...areaIds]),
        eq(buildings.withdrawn, false),
        sql`${buildings.id} not in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::int)`,
      ),
    )
    .orderBy(asc(buildings.areaId), asc(buildings.addressSort));
}

/** id and address key of the buildings holding any of `keys` (one statement, the keys as one JSON parameter). */
export async function buildingsByAddressKeys(ex: Executor, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return ex
    .select({ id: buildings.id, addressKey: buildings.addressKey })
    .from(buildings)
    .where(sql`${buildings.addressKey} in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`);
}

/** Locks the buildings an import updates, in id order, and returns their current version and area. */
export async function lockBuildings(ex: Executor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return ex
    .select({ id: buildings.id, version: buildings.version, areaId: buildings.areaId })
    .from(buildings)
    .where(sql`${buildings.id} in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::int)`)
    .orderBy(buildings.id)
    .for("update");
}

/**
 * One page of an area's buildings in ledger order (natural address order, then id), after the last one of the
 * previous page.
 */
export async function areaBuildingsPage(
  ex: Executor,
  areaId: number,
  after: { addressSort: string; id: number } | null,
  limit: number,
): Promise<BuildingRow[]> {
  const position = after
    ? or(
        gt(buildings.addressSort, after.addressSort),
        and(eq(buildings.addressSort, after.addressSort), gt(buildings.id, after.id)),
      )
    : undefined;
  return ex
    .select()
    .from(buildings)
    .where(and(eq(buildings.areaId, areaId), position))
    .orderBy(asc(buildings.addressSort), asc(buildings.id))
    .limit(limit);
}

/** How many buildings each area has (areas without any are absent). */
export async function buildingCountsByArea(ex: Executor): Promise<Map<number, number>> {
  const rows = await ex
    .select({ areaId: buildings.areaId, n: sql<number>`count(*)::int` })
    .from(buildings)
    .groupBy(buildings.areaId);
  return new Map(rows.map((row) => [row.areaId, Number(row.n)]));
}

/** All buildings of a few small areas, in the order of `areaIds`, then natural address order and id. */
export async function buildingsOfAreas(ex: Executor, areaIds: readonly number[]): Promise<BuildingRow[]> {
  const order = sql`array_position(${sql.raw(`array[${areaIds.map(Number).join(",")}]::int[]`)}, ${buildings.areaId})`;
  return ex
    .select()
    .from(buildings)
    .where(inArray(buildings.areaId, [...areaIds]))
    .orderBy(order, asc(buildings.addressSort), asc(buildings.id));
}

export async function insertPreview(ex: Executor, values: typeof importPreviews.$inferInsert): Promise<void> {
  await ex.insert(importPreviews).values(values);
}

export async function purgeExpiredPreviews(ex: Executor, now: Date): Promise<void> {
  await ex.delete(importPreviews).where(lt(importPreviews.expiresAt, now));
}

/** A preview with its plan (not its rows). */
export async function findPreview(ex: Executor, token: string): Promise<Omit<PreviewRow, "detail"> | undefined> {
  const { detail: _detail, ...columns } = getTableColumns(importPreviews);
  const [row] = await ex.select(columns).from(importPreviews).where(eq(importPreviews.token, token));
  return row;
}

/** Locks a preview for its commit; when it was committed already (by a commit that got there first). */
export async function lockPreview(ex: Executor, token: string): Promise<Date | null> {
  const [row] = await ex
    .select({ committedAt: importPreviews.committedAt })
    .from(importPreviews)
    .where(eq(importPreviews.token, token))
    .for("update");
  return row?.committedAt ?? null;
}

/** Who may read a preview's rows, until when, and the rows (gzipped JSON) — without its plan. */
export async function findPreviewDetail(ex: Executor, token: string) {
  const [row] = await ex
    .select({ userId: importPreviews.userId, expiresAt: importPreviews.expiresAt, detail: importPreviews.detail })
    .from(importPreviews)
    .where(eq(importPreviews.token, token));
  return row;
}

/** Marks the preview committed; false when it already was (a concurrent commit got there first). */
export async function markCommitted(ex: Executor, token: string, now: Date): Promise<boolean> {
  const rows = await ex
    .update(importPreviews)
    .set({ committedAt: now })
    .where(and(eq(importPreviews.token, token), isNull(importPreviews.committedAt)))
    .returning({ token: importPreviews.token });
  return rows.length === 1;
}

export async function countPreviews(ex: Executor): Promise<number> {
  const [row] = await ex.select({ n: sql<number>`count(*)::int` }).from(importPreviews);
  return row?.n ?? 0;
}

/**
 * The last progress note of the current blocker episode of each of `ids` that has one (docs/DOMAIN.md
 * § Blocker supervision), by building id: the export's 最新进展 column.
 */
export async function lastBlockerNotes(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ex
    .selectDistinctOn([blockerNotes.buildingId], { buildingId: blockerNotes.buildingId, text: blockerNotes.text })
    .from(blockerNotes)
    .innerJoin(
      buildings,
      and(eq(buildings.id, blockerNotes.buildingId), eq(buildings.blockedSince, blockerNotes.blockedSince)),
    )
    .where(and(inArray(blockerNotes.buildingId, [...ids]), isNotNull(buildings.blockerCategory)))
    .orderBy(blockerNotes.buildingId, desc(blockerNotes.id));
  return new Map(rows.map((row) => [row.buildingId, row.text]));
}
