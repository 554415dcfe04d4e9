// Queries of the weekly briefings: the facts a briefing names beyond the summary — blockers per area, the
// longest-blocked buildings, the areas' status lines, each as of the briefing's day — and the briefings' own rows.

import { type BlockerCategory, type BriefingStatus, endOfDayShanghai } from "@jiati/shared";
import { and, asc, count, desc, eq, isNull, lt, max, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../core/db";
import { areaStatuses, areas, briefings, buildings, users } from "../core/db/schema";
import { queryRows } from "../core/db/sql";
import { asOfQuery } from "../rules/asof";
import { blocked } from "../rules/blocked";
import { scopeOf } from "../summary/repo";

/** Blocked buildings (rules/blocked.ts) per area and category, as of `asOf` (null: now). */
export function blockersByArea(ex: Executor, zoneId: number | null, asOf: string | null) {
  const scope = scopeOf(zoneId, asOf);
  return queryRows<{ areaId: number; zoneId: number; category: BlockerCategory; count: number }>(
    ex,
    asOfQuery(
      asOf,
      sql`select ${buildings.areaId} as "areaId", ${areas.zoneId} as "zoneId",
            ${buildings.blockerCategory} as category, count(*)::int as count
          from ${buildings} join ${areas} on ${areas.id} = ${buildings.areaId}
          where ${blocked()} and ${scope.where}
          group by 1, 2, 3`,
    ),
  );
}

/** The buildings blocked longest, as of `asOf` (null: now): earliest blocked-since first. */
export function longestBlocked(ex: Executor, zoneId: number | null, asOf: string | null, limit: number) {
  const scope = scopeOf(zoneId, asOf);
  return queryRows<{
    buildingId: number;
    address: string;
    areaName: string;
    category: BlockerCategory;
    blockedSince: string;
  }>(
    ex,
    asOfQuery(
      asOf,
      sql`select ${buildings.id} as "buildingId", ${buildings.address} as address, ${areas.name} as "areaName",
            ${buildings.blockerCategory} as category, ${buildings.blockedSince}::text as "blockedSince"
          from ${buildings} join ${areas} on ${areas.id} = ${buildings.areaId}
          where ${blocked()} and ${buildings.blockedSince} is not null and ${scope.where}
          order by ${buildings.blockedSince}, ${buildings.addressSort}, ${buildings.id}
          limit ${limit}`,
    ),
  );
}

/** The latest status line of each area (of `zoneId`) written by the end of `day` (docs/DOMAIN.md § Area status lines). */
export function statusesAsOf(ex: Executor, zoneId: number | null, day: string) {
  return ex
    .selectDistinctOn([areaStatuses.areaId], {
      areaId: areaStatuses.areaId,
      zoneId: areas.zoneId,
      text: areaStatuses.text,
      date: areaStatuses.date,
      author: sql<string>`coalesce(${users.displayName}, '')`,
    })
    .from(areaStatuses)
    .innerJoin(areas, eq(areas.id, areaStatuses.areaId))
    .leftJoin(users, eq(users.id, areaStatuses.userId))
    .where(and(zoneId == null ? undefined : eq(areas.zoneId, zoneId), lt(areaStatuses.at, endOfDayShanghai(day))))
    .orderBy(asc(areaStatuses.areaId), desc(areaStatuses.id));
}

const creator = alias(users, "creator");
const issuer = alias(users, "issuer");

const listColumns = {
  id: briefings.id,
  zoneId: briefings.zoneId,
  scopeName: sql<string>`${briefings.content}->>'scopeName'`,
  week: briefings.week,
  year: briefings.year,
  asOf: briefings.asOf,
  status: sql<BriefingStatus>`${briefings.status}`,
  issueNo: briefings.issueNo,
  version: briefings.version,
  createdAt: briefings.createdAt,
  createdById: briefings.createdBy,
  createdByName: creator.displayName,
  updatedAt: briefings.updatedAt,
  issuedAt: briefings.issuedAt,
  issuedById: briefings.issuedBy,
  issuedByName: issuer.displayName,
};

function selectBriefings(ex: Executor) {
  return ex
    .select(listColumns)
    .from(briefings)
    .leftJoin(creator, eq(creator.id, briefings.createdBy))
    .leftJoin(issuer, eq(issuer.id, briefings.issuedBy));
}

function selectBriefingsWithContent(ex: Executor) {
  return ex
    .select({ ...listColumns, content: briefings.content, nextSteps: briefings.nextSteps })
    .from(briefings)
    .leftJoin(creator, eq(creator.id, briefings.createdBy))
    .leftJoin(issuer, eq(issuer.id, briefings.issuedBy));
}

/** One briefing with its content; `lock` holds it for an edit in this transaction. */
export async function briefingOf(ex: Executor, id: number, lock = false) {
  const query = selectBriefingsWithContent(ex).where(eq(briefings.id, id));
  const [row] = lock ? await query.for("update", { of: briefings }) : await query;
  return row;
}
export type BriefingRow = NonNullable<Awaited<ReturnType<typeof briefingOf>>>;

/** The briefing of a scope and week, if there is one. */
export async function briefingOfWeek(ex: Executor, zoneId: number | null, week: string) {
  const [row] = await selectBriefings(ex).where(
    and(zoneId == null ? isNull(briefings.zoneId) : eq(briefings.zoneId, zoneId), eq(briefings.week, week)),
  );
  return row;
}

/** Which briefings a list holds: of a scope (a zone id, or null for the town), of a status. */
export interface BriefingFilter {
  zoneId?: number | null;
  status?: BriefingStatus;
}

function filterConditions(filter: BriefingFilter): SQL | undefined {
  return and(
    filter.zoneId === undefined
      ? undefined
      : filter.zoneId === null
        ? isNull(briefings.zoneId)
        : eq(briefings.zoneId, filter.zoneId),
    filter.status ? eq(briefings.status, filter.status) : undefined,
  );
}

/** A page of briefings, newest week first (the town's before the zones' within a week). */
export async function listBriefings(ex: Executor, filter: BriefingFilter, page: number, pageSize: number) {
  const where = filterConditions(filter);
  const [items, [total]] = await Promise.all([
    selectBriefings(ex)
      .where(where)
      .orderBy(desc(briefings.week), sql`${briefings.zoneId} nulls first`, desc(briefings.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ex.select({ n: count() }).from(briefings).where(where),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

export async function insertBriefing(ex: Executor, values: typeof briefings.$inferInsert) {
  const [row] = await ex.insert(briefings).values(values).returning({ id: briefings.id });
  return row as { id: number };
}

/** Changes a briefing read at `version` (locked by the caller), moving it to the next version. */
export async function updateBriefing(
  ex: Executor,
  id: number,
  version: number,
  values: Partial<typeof briefings.$inferInsert>,
) {
  await ex
    .update(briefings)
    .set({ ...values, version: version + 1 })
    .where(and(eq(briefings.id, id), eq(briefings.version, version)));
}

/** The next running number of a scope's issued briefings in `year` (第N期). */
export async function nextIssueNo(ex: Executor, zoneId: number | null, year: number): Promise<number> {
  const [row] = await ex
    .select({ last: max(briefings.issueNo) })
    .from(briefings)
    .where(and(zoneId == null ? isNull(briefings.zoneId) : eq(briefings.zoneId, zoneId), eq(briefings.year, year)));
  return (row?.last ?? 0) + 1;
}
