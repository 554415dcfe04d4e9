// Queries of blocker supervision (督办) and of the areas' status lines. Functions take an Executor so the
// service decides the transaction.

import type { BlockerListQuery, LastBlockerNote } from "@jiati/shared";
import { and, asc, count, desc, eq, gte, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../core/db";
import { areaStatuses, areas, blockerNotes, blockerPhotos, buildings, users, zones } from "../core/db/schema";
import { lastBlockerNote, openBlocker, overdueBlocker } from "../rules/blocker";

/** What supervision needs of a building: its area, its blocker and the blocker's owner. */
export async function blockerOf(ex: Executor, buildingId: number, lock = false) {
  const owner = alias(users, "owner");
  const query = ex
    .select({
      id: buildings.id,
      areaId: buildings.areaId,
      blockerCategory: buildings.blockerCategory,
      blockedSince: buildings.blockedSince,
      blockerOwnerId: buildings.blockerOwnerId,
      ownerName: owner.displayName,
      blockerDueOn: buildings.blockerDueOn,
      withdrawn: buildings.withdrawn,
    })
    .from(buildings)
    .leftJoin(owner, eq(owner.id, buildings.blockerOwnerId))
    .where(eq(buildings.id, buildingId));
  const [row] = lock ? await query.for("update", { of: buildings }) : await query;
  return row;
}
export type BlockerRow = NonNullable<Awaited<ReturnType<typeof blockerOf>>>;

export async function insertNote(ex: Executor, values: typeof blockerNotes.$inferInsert) {
  const [row] = await ex.insert(blockerNotes).values(values).returning();
  return row as typeof blockerNotes.$inferSelect;
}

export async function noteOf(ex: Executor, noteId: number) {
  const [row] = await ex
    .select({ id: blockerNotes.id, buildingId: blockerNotes.buildingId, blockedSince: blockerNotes.blockedSince })
    .from(blockerNotes)
    .where(eq(blockerNotes.id, noteId));
  return row;
}

/** The photos of one blocker episode of a building. */
export async function countEpisodePhotos(ex: Executor, buildingId: number, blockedSince: string): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(blockerPhotos)
    .where(and(eq(blockerPhotos.buildingId, buildingId), eq(blockerPhotos.blockedSince, blockedSince)));
  return Number(row?.n ?? 0);
}

const photoColumns = {
  id: blockerPhotos.id,
  buildingId: blockerPhotos.buildingId,
  noteId: blockerPhotos.noteId,
  blockedSince: blockerPhotos.blockedSince,
  contentType: blockerPhotos.contentType,
  bytes: blockerPhotos.bytes,
  userId: blockerPhotos.userId,
  at: blockerPhotos.at,
};

/** Stores a photo; returns it without its bytes. */
export async function insertPhoto(ex: Executor, values: typeof blockerPhotos.$inferInsert) {
  const [row] = await ex.insert(blockerPhotos).values(values).returning(photoColumns);
  return row as NonNullable<typeof row>;
}

/** A photo's bytes and type, and the area of its building (whose readers may see it). */
export async function photoData(ex: Executor, id: number) {
  const [row] = await ex
    .select({ contentType: blockerPhotos.contentType, data: blockerPhotos.data, areaId: buildings.areaId })
    .from(blockerPhotos)
    .innerJoin(buildings, eq(buildings.id, blockerPhotos.buildingId))
    .where(eq(blockerPhotos.id, id));
  return row;
}

/** Every progress note of a building, newest first, with its author's name. */
export function notesOf(ex: Executor, buildingId: number) {
  return ex
    .select({
      id: blockerNotes.id,
      buildingId: blockerNotes.buildingId,
      blockedSince: blockerNotes.blockedSince,
      text: blockerNotes.text,
      at: blockerNotes.at,
      userId: blockerNotes.userId,
      authorName: users.displayName,
    })
    .from(blockerNotes)
    .leftJoin(users, eq(users.id, blockerNotes.userId))
    .where(eq(blockerNotes.buildingId, buildingId))
    .orderBy(desc(blockerNotes.id));
}

/** Every photo of a building (without its bytes), newest first, with its author's name. */
export function photosOf(ex: Executor, buildingId: number) {
  return ex
    .select({ ...photoColumns, authorName: users.displayName })
    .from(blockerPhotos)
    .leftJoin(users, eq(users.id, blockerPhotos.userId))
    .where(eq(blockerPhotos.buildingId, buildingId))
    .orderBy(desc(blockerPhotos.id));
}

/** Display names of users, by id. */
export async function displayNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ex
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.displayName]));
}

function blockerScope(query: BlockerListQuery): SQL | undefined {
  return and(
    openBlocker(),
    query.zoneId ? eq(areas.zoneId, query.zoneId) : undefined,
    query.areaId ? eq(buildings.areaId, query.areaId) : undefined,
  );
}

/**
 * Open blockers in scope: overdue first, then by due date (none last), then the longest blocked — the order of
 * `compareSupervision` in shared/src/blockers.ts. With the count of all in scope and of the overdue ones.
 */
export async function listBlockers(ex: Executor, query: BlockerListQuery, today: string) {
  const scope = blockerScope(query);
  const overdueFilter =
    query.overdue === "true"
      ? overdueBlocker(today)
      : query.overdue === "false"
        ? or(isNull(buildings.blockerDueOn), gte(buildings.blockerDueOn, today))
        : undefined;
  const where = and(scope, overdueFilter);
  const owner = alias(users, "owner");
  const [rows, [totals]] = await Promise.all([
    ex
      .select({
        buildingId: buildings.id,
        address: buildings.address,
        estate: buildings.estate,
        areaId: buildings.areaId,
        areaName: areas.name,
        zoneId: areas.zoneId,
        zoneName: zones.name,
        category: buildings.blockerCategory,
        note: buildings.blockerNote,
        ownerId: buildings.blockerOwnerId,
        ownerName: owner.displayName,
        dueOn: buildings.blockerDueOn,
        blockedSince: buildings.blockedSince,
        withdrawn: buildings.withdrawn,
        version: buildings.version,
        lastNote: lastBlockerNote(),
      })
      .from(buildings)
      .innerJoin(areas, eq(areas.id, buildings.areaId))
      .innerJoin(zones, eq(zones.id, areas.zoneId))
      .leftJoin(owner, eq(owner.id, buildings.blockerOwnerId))
      .where(where)
      .orderBy(
        desc(sql`coalesce(${buildings.blockerDueOn} < ${today}, false)`),
        sql`${buildings.blockerDueOn} asc nulls last`,
        sql`${buildings.blockedSince} asc nulls last`,
        asc(buildings.id),
      )
      .limit(query.limit),
    ex
      .select({
        total: count(),
        overdue: sql<number>`count(*) filter (where ${buildings.blockerDueOn} < ${today})`,
      })
      .from(buildings)
      .innerJoin(areas, eq(areas.id, buildings.areaId))
      .where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row, lastNote: row.lastNote as LastBlockerNote | null })),
    total: Number(totals?.total ?? 0),
    overdueCount: Number(totals?.overdue ?? 0),
  };
}

/** Enabled users who may own a blocker of `areaId`: the task force, and that area's secretaries. */
export function ownerCandidates(ex: Executor, areaId: number) {
  return ex
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(
      and(
        eq(users.disabled, false),
        or(eq(users.role, "taskforce"), and(eq(users.role, "secretary"), eq(users.areaId, areaId))),
      ),
    )
    .orderBy(desc(eq(users.role, "secretary")), asc(users.displayName), asc(users.id));
}

export async function areaOf(ex: Executor, areaId: number) {
  const [row] = await ex.select({ id: areas.id, zoneId: areas.zoneId }).from(areas).where(eq(areas.id, areaId));
  return row;
}

const statusColumns = {
  id: areaStatuses.id,
  areaId: areaStatuses.areaId,
  text: areaStatuses.text,
  date: areaStatuses.date,
  at: areaStatuses.at,
  author: sql<string>`coalesce(${users.displayName}, '')`,
};

export async function insertAreaStatus(ex: Executor, values: typeof areaStatuses.$inferInsert) {
  const [row] = await ex.insert(areaStatuses).values(values).returning({ id: areaStatuses.id });
  return row as { id: number };
}

/** The latest status line of each area (of `zoneId`), in the areas' order. */
export function latestAreaStatuses(ex: Executor, zoneId?: number) {
  return ex
    .selectDistinctOn([areas.sortOrder, areas.id], statusColumns)
    .from(areaStatuses)
    .innerJoin(areas, eq(areas.id, areaStatuses.areaId))
    .leftJoin(users, eq(users.id, areaStatuses.userId))
    .where(zoneId ? eq(areas.zoneId, zoneId) : undefined)
    .orderBy(asc(areas.sortOrder), asc(areas.id), desc(areaStatuses.id));
}

/** An area's recent status lines, newest first. */
export function areaStatusHistory(ex: Executor, areaId: number, limit: number) {
  return ex
    .select(statusColumns)
    .from(areaStatuses)
    .leftJoin(users, eq(users.id, areaStatuses.userId))
    .where(eq(areaStatuses.areaId, areaId))
    .orderBy(desc(areaStatuses.id))
    .limit(limit);
}
