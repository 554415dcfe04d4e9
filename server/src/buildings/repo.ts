// Queries on buildings. Functions take an Executor so the service decides the transaction.

import {
  type BlockerCategory,
  type Building,
  type BuildingListItem,
  type BuildingListQuery,
  type BuildingStage,
  blockedDays,
  isOverdue,
  type LastBlockerNote,
  RECORDED_STAGES,
  type StageDateField,
  type StallFilter,
  type StallThresholds,
  stageOf,
  stallOf,
} from "@jiati/shared";
import { and, asc, count, desc, eq, getTableColumns, ilike, inArray, not, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { CHANGE_CHANNEL } from "../core/changes";
import type { RequestContext } from "../core/context";
import type { Db, Executor } from "../core/db";
import { areas, auditLog, buildings, idempotencyKeys, stageEvents, users, zones } from "../core/db/schema";
import {
  driverValues,
  insertSelectFrom,
  type PreparedStatement,
  placeholders,
  preparedPer,
  prepareOnce,
} from "../core/db/sql";
import { blocked } from "../rules/blocked";
import { lastBlockerNote } from "../rules/blocker";
import { countedIn } from "../rules/count";
import { inStage } from "../rules/stage";
import { stalled } from "../rules/stall";

export type BuildingRow = typeof buildings.$inferSelect;

export function presentBuilding(row: BuildingRow): Building {
  return {
    id: row.id,
    areaId: row.areaId,
    estate: row.estate,
    address: row.address,
    floors: row.floors,
    households: row.households,
    elderlyHouseholds: row.elderlyHouseholds,
    elevatorCompany: row.elevatorCompany,
    consentRate: row.consentRate == null ? null : Number(row.consentRate),
    costWan: row.costWan == null ? null : Number(row.costWan),
    subsidyWan: row.subsidyWan == null ? null : Number(row.subsidyWan),
    notes: row.notes,
    signedOn: row.signedOn,
    startedOn: row.startedOn,
    completedOn: row.completedOn,
    blockerCategory: row.blockerCategory as BlockerCategory | null,
    blockerNote: row.blockerNote,
    blockedSince: row.blockedSince,
    blockerOwnerId: row.blockerOwnerId,
    blockerDueOn: row.blockerDueOn,
    withdrawn: row.withdrawn,
    version: row.version,
    isDemo: row.isDemo,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findBuilding(ex: Executor, id: number, lock = false): Promise<BuildingRow | undefined> {
  if (!lock) {
    const [row] = await findStatement(ex).execute({ id });
    return row;
  }
  const [row] = await ex.select().from(buildings).where(eq(buildings.id, id)).for("update");
  return row;
}

/** The read of one building, prepared once: every write and every building page reads it first. */
const findStatement = preparedPer((ex) =>
  ex
    .select()
    .from(buildings)
    .where(eq(buildings.id, sql.placeholder("id")))
    .prepare("find_building"),
);

/** "In this stage now", or withdrawn. */
function stageCondition(stage: BuildingStage | "withdrawn"): SQL {
  return stage === "withdrawn" ? eq(buildings.withdrawn, true) : inStage(stage);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The stall filter: either stage, one of them, or not stalled (docs/DOMAIN.md § Stalled buildings). */
function stallCondition(filter: StallFilter, today: string, thresholds: StallThresholds): SQL {
  if (filter === "false") return not(stalled(today, thresholds));
  return stalled(today, thresholds, filter === "true" ? "any" : filter);
}

/**
 * The list's filters as conditions, each the rule its summary figure counts by (rules/), so a figure and the
 * list behind it agree: the funnel (`stage`), the year's or week's count (`counted`, `from`, `to`), the stalled
 * counts (`stalled`) and the blocked ones (`blocked`, `blockerCategory`).
 */
function listConditions(query: BuildingListQuery, today: string, thresholds: StallThresholds): SQL | undefined {
  const like = query.q ? `%${escapeLike(query.q)}%` : null;
  return and(
    query.areaId ? eq(buildings.areaId, query.areaId) : undefined,
    query.zoneId ? eq(areas.zoneId, query.zoneId) : undefined,
    query.stage ? stageCondition(query.stage) : undefined,
    query.counted && query.from && query.to ? countedIn(query.counted, query.from, query.to) : undefined,
    like ? or(ilike(buildings.address, like), ilike(buildings.estate, like)) : undefined,
    query.stalled ? stallCondition(query.stalled, today, thresholds) : undefined,
    query.blocked === "true" ? blocked() : undefined,
    query.blocked === "false" ? not(blocked()) : undefined,
    query.blockerCategory ? blocked(query.blockerCategory) : undefined,
  );
}

export async function listBuildings(
  db: Pick<Db, "select">,
  query: BuildingListQuery,
  today: string,
  thresholds: StallThresholds,
): Promise<{ items: BuildingListItem[]; total: number; page: number; pageSize: number }> {
  const where = listConditions(query, today, thresholds);
  const order = {
    // Natural order: road, 弄, then 号 as numbers (docs/DOMAIN.md § Addresses).
    address: [asc(buildings.addressSort)],
    updated: [desc(buildings.updatedAt)],
    signedOn: [asc(buildings.signedOn)],
    startedOn: [asc(buildings.startedOn)],
    completedOn: [asc(buildings.completedOn)],
    // Longest waiting first: the date the building entered its current stage, oldest first.
    stalled: [asc(sql`coalesce(${buildings.startedOn}, ${buildings.signedOn})`)],
  }[query.sort];
  const owner = alias(users, "owner");
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        building: buildings,
        areaName: areas.name,
        zoneId: areas.zoneId,
        ownerName: owner.displayName,
        lastNote: lastBlockerNote(),
      })
      .from(buildings)
      .innerJoin(areas, eq(areas.id, buildings.areaId))
      .leftJoin(owner, eq(owner.id, buildings.blockerOwnerId))
      .where(where)
      .orderBy(...order, asc(buildings.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(buildings).innerJoin(areas, eq(areas.id, buildings.areaId)).where(where),
  ]);
  return {
    items: rows.map(({ building, areaName, zoneId, ownerName, lastNote }) => {
      const presented = presentBuilding(building);
      return {
        ...presented,
        areaName,
        zoneId,
        stage: stageOf(presented),
        stalledDays: stallOf(presented, today, thresholds)?.days ?? null,
        blockedDays: blockedDays(presented, today),
        blockerOwner:
          presented.blockerOwnerId != null ? { id: presented.blockerOwnerId, displayName: ownerName ?? "" } : null,
        lastBlockerNote: lastNote as LastBlockerNote | null,
        overdue: isOverdue(presented, today),
      };
    }),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function areaWithZone(ex: Executor, areaId: number) {
  const [row] = await areaStatement(ex).execute({ areaId });
  return row;
}

/** An area with its zone's name, prepared once: every building page and every new building reads it. */
const areaStatement = preparedPer((ex) =>
  ex
    .select({ id: areas.id, name: areas.name, zoneId: areas.zoneId, zoneName: zones.name })
    .from(areas)
    .innerJoin(zones, eq(zones.id, areas.zoneId))
    .where(eq(areas.id, sql.placeholder("areaId")))
    .prepare("area_with_zone"),
);

/** The stage_events row of one stage date recorded, corrected or cleared in `ctx`. */
export function stageEventValues(
  ctx: RequestContext,
  event: { buildingId: number; stage: string; fromDate: string | null; toDate: string | null; reason: string },
): typeof stageEvents.$inferInsert {
  return { ...event, userId: ctx.user.id, requestId: ctx.requestId, at: ctx.now };
}

/**
 * The event-log rows of a patch that changed the withdrawal or the blocker (`changed`: the fields it changed),
 * each carrying the building's state after it (`row`) — what an as-of replay reads (docs/DOMAIN.md § As of a date).
 */
export function historyEventValues(
  ctx: RequestContext,
  row: BuildingRow,
  changed: Record<string, unknown>,
  reason: string,
): (typeof stageEvents.$inferInsert)[] {
  const base = { buildingId: row.id, reason, userId: ctx.user.id, requestId: ctx.requestId, at: ctx.now };
  const events: (typeof stageEvents.$inferInsert)[] = [];
  if ("withdrawn" in changed) events.push({ ...base, stage: "withdrawn", withdrawn: row.withdrawn });
  if (["blockerCategory", "blockerNote", "blockedSince"].some((key) => key in changed)) {
    events.push({
      ...base,
      stage: "blocker",
      blockerCategory: row.blockerCategory,
      blockerNote: row.blockerNote,
      blockedSince: row.blockedSince,
    });
  }
  return events;
}

export async function addressTaken(ex: Executor, key: string, exceptId?: number): Promise<boolean> {
  const [row] = await ex
    .select({ id: buildings.id })
    .from(buildings)
    .where(
      exceptId
        ? and(eq(buildings.addressKey, key), sql`${buildings.id} <> ${exceptId}`)
        : eq(buildings.addressKey, key),
    );
  return !!row;
}

/**
 * Sets one stage date in a single statement, only if the building is still at `version`: the stage event,
 * the audit row and the change notice are written by the same statement, so all happen or none.
 * Returns false when the version no longer matched (or the building is gone).
 */
export async function writeStageDate(
  db: Db,
  change: {
    id: number;
    version: number;
    field: StageDateField;
    date: string | null;
    now: Date;
    event: typeof stageEvents.$inferInsert;
    audit: typeof auditLog.$inferInsert;
    notice: string;
    /** The request's idempotency key with its answer, if it has one. */
    idempotency?: typeof idempotencyKeys.$inferInsert | null;
  },
): Promise<boolean> {
  const idempotency = change.idempotency ?? null;
  const statement = stageWriteStatement(
    change.field,
    Object.keys(change.event),
    Object.keys(change.audit),
    idempotency && Object.keys(idempotency),
  );
  const rows = await statement(db, {
    date: change.date,
    now: change.now.toISOString(),
    id: change.id,
    version: change.version,
    channel: CHANGE_CHANNEL,
    notice: change.notice,
    ...driverValues("event_", stageEvents, change.event),
    ...driverValues("audit_", auditLog, change.audit),
    ...(idempotency ? driverValues("key_", idempotencyKeys, idempotency) : {}),
  });
  return rows.length === 1;
}

/** The stage write's statement, built once per stage field (and shape of its rows) — the hottest write there is. */
const stageWrites = new Map<string, PreparedStatement>();

function stageWriteStatement(
  field: StageDateField,
  eventKeys: string[],
  auditKeys: string[],
  idempotencyKeyKeys: string[] | null,
): PreparedStatement {
  const key = `${field}|${eventKeys.join(",")}|${auditKeys.join(",")}|${idempotencyKeyKeys?.join(",") ?? "-"}`;
  let statement = stageWrites.get(key);
  if (!statement) {
    const p = (name: string) => sql.placeholder(name);
    const column = sql.raw(`"${getTableColumns(buildings)[field].name}"`);
    statement = prepareOnce(
      `stage_write_${stageWrites.size + 1}`,
      sql`
      with updated as (
        update ${buildings} set ${column} = ${p("date")}::date, "version" = "version" + 1,
          "updated_at" = ${p("now")}::timestamptz
        where "id" = ${p("id")} and "version" = ${p("version")}
        returning "id", "area_id"
      ),
      event as (${insertSelectFrom(stageEvents, placeholders("event_", eventKeys), "updated")}),
      audit as (${insertSelectFrom(auditLog, placeholders("audit_", auditKeys), "updated")})${
        idempotencyKeyKeys
          ? sql`, idempotency as (${insertSelectFrom(idempotencyKeys, placeholders("key_", idempotencyKeyKeys), "updated")})`
          : sql``
      }
      select pg_notify(${p("channel")}, ${p("notice")})::text as notified from updated`,
    );
    stageWrites.set(key, statement);
  }
  return statement;
}

export async function insertBuilding(ex: Executor, values: typeof buildings.$inferInsert): Promise<BuildingRow> {
  const [row] = await ex.insert(buildings).values(values).returning();
  return row as BuildingRow;
}

/** Writes `values` and bumps the version (the caller has locked the row at the version it checked). */
export async function updateBuilding(
  ex: Executor,
  id: number,
  values: Partial<typeof buildings.$inferInsert>,
  now: Date,
) {
  const [row] = await ex
    .update(buildings)
    .set({ ...values, version: sql`${buildings.version} + 1`, updatedAt: now })
    .where(eq(buildings.id, id))
    .returning();
  return row as BuildingRow;
}

export async function insertStageEvent(ex: Executor, values: typeof stageEvents.$inferInsert): Promise<void> {
  await ex.insert(stageEvents).values(values);
}

export async function insertStageEvents(ex: Executor, values: (typeof stageEvents.$inferInsert)[]): Promise<void> {
  if (values.length) await ex.insert(stageEvents).values(values);
}

/** A building's stage date events (its withdrawal and blocker events are told by its audit history). */
export function stageEventsOf(ex: Executor, buildingId: number) {
  return stageEventsStatement(ex).execute({ buildingId });
}

/** A building's stage date events, prepared once: every building page reads them. */
const stageEventsStatement = preparedPer((ex) =>
  ex
    .select({
      id: stageEvents.id,
      buildingId: stageEvents.buildingId,
      stage: stageEvents.stage,
      fromDate: stageEvents.fromDate,
      toDate: stageEvents.toDate,
      reason: stageEvents.reason,
      userId: stageEvents.userId,
      requestId: stageEvents.requestId,
      at: stageEvents.at,
    })
    .from(stageEvents)
    .where(
      and(eq(stageEvents.buildingId, sql.placeholder("buildingId")), inArray(stageEvents.stage, [...RECORDED_STAGES])),
    )
    .orderBy(stageEvents.id)
    .prepare("stage_events_of"),
);

/** The part of a user the policy looks at, and their name: to check who may own a blocker. */
export async function userForPolicy(ex: Executor, id: number) {
  const [row] = await ex
    .select({
      id: users.id,
      role: users.role,
      areaId: users.areaId,
      disabled: users.disabled,
      displayName: users.displayName,
    })
    .from(users)
    .where(eq(users.id, id));
  return row;
}
