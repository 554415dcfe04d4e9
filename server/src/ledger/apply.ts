// Writes a checked import plan inside the commit's transaction: new buildings, the updates with their version
// bump, a stage event per stage date set, moved or cleared, a withdrawal or blocker event per such change, and
// an audit row per building — each kind in one statement whose rows travel as one JSON parameter. On PGlite, where every other request waits for the
// commit's transaction, a 10,000-row import is then a handful of statements, not tens of thousands.

import { addressKey, addressSortKey, STAGE_DATE_FIELD } from "@jiati/shared";
import { getTableColumns, sql } from "drizzle-orm";
import { requireBuildingWrite } from "../auth/policy";
import { type BuildingRow, stageEventValues } from "../buildings/repo";
import { type AuditEntry, auditValues } from "../core/audit";
import type { RequestContext } from "../core/context";
import type { Tx } from "../core/db";
import { auditLog, buildings, stageEvents } from "../core/db/schema";
import { insertFromJson, insertSelectFrom, queryRows, updateFromJson } from "../core/db/sql";
import type { ImportPlan, PlannedCreate, PlannedUpdate } from "./plan";

export interface AppliedImport {
  createdIds: number[];
  updatedIds: number[];
}

/** Rows per statement: large enough to make few statements, small enough to keep each JSON parameter modest. */
const CHUNK = 5_000;

function chunked<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) result.push(rows.slice(i, i + CHUNK));
  return result;
}

/** The building rows the creates insert, complete, so the audit row can show them as the API would. */
function newBuildingRow(ctx: RequestContext, { values }: PlannedCreate): Omit<BuildingRow, "id"> {
  return {
    ...values,
    addressKey: addressKey(values.address),
    addressSort: addressSortKey(values.address),
    blockedSince: values.blockerCategory ? ctx.today : null,
    blockerOwnerId: null,
    blockerDueOn: null,
    version: 1,
    isDemo: false,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

/** Columns an audit row of a new building leaves out: the keys are derived, the times are the row's own. */
const NOT_AUDITED = new Set(["addressKey", "addressSort", "createdAt", "updatedAt"]);

/**
 * A new building's fields as its audit row keeps them — by their API names, the empty ones (null, "", false)
 * left out so the row stays small and says the same — built in SQL from the inserted row `alias`.
 */
function filledFieldsSql(alias: string): string {
  const pairs = Object.entries(getTableColumns(buildings))
    .filter(([name]) => !NOT_AUDITED.has(name))
    .map(([name, column]) => {
      const value = `${alias}."${column.name}"`;
      const type = column.getSQLType();
      const filled = type === "text" ? `nullif(${value}, '')` : type === "boolean" ? `nullif(${value}, false)` : value;
      return `'${name}', ${filled}`;
    });
  return `jsonb_strip_nulls(jsonb_build_object(${pairs.join(", ")}))`;
}

export async function applyPlan(tx: Tx, ctx: RequestContext, plan: ImportPlan, reason: string): Promise<AppliedImport> {
  const createdIds: number[] = [];
  for (const chunk of chunked(plan.creates)) createdIds.push(...(await createBuildings(tx, ctx, chunk, reason)));
  for (const chunk of chunked(plan.updates)) await updateBuildings(tx, ctx, chunk, reason);
  return { createdIds, updatedIds: plan.updates.map((update) => update.buildingId) };
}

/**
 * The new buildings, their stage events and their audit rows in one statement: the events and audit rows are
 * made from the inserted rows by PostgreSQL, with no second trip of the data. Resolves with the new ids.
 */
async function createBuildings(tx: Tx, ctx: RequestContext, creates: PlannedCreate[], reason: string) {
  for (const create of creates) requireBuildingWrite(ctx.user, create.values.areaId);
  const rows = creates.map((create) => newBuildingRow(ctx, create));
  const eventBase = historyEventBase(ctx, reason);
  const inserted = await queryRows<{ id: number }>(
    tx,
    sql`with inserted as (${insertFromJson(buildings, rows)} returning *),
      events as (${insertSelectFrom(
        stageEvents,
        { fromDate: null, reason, userId: ctx.user.id, requestId: ctx.requestId, at: ctx.now },
        "inserted",
        { buildingId: "inserted.id", stage: "s.stage", toDate: "s.day" },
        `cross join lateral (values ('signed', inserted.signed_on), ('started', inserted.started_on),
           ('completed', inserted.completed_on)) as s(stage, day) where s.day is not null`,
      )}),
      withdrawals as (${insertSelectFrom(
        stageEvents,
        { stage: "withdrawn", ...eventBase },
        "inserted",
        { buildingId: "inserted.id", withdrawn: "inserted.withdrawn" },
        "where inserted.withdrawn",
      )}),
      blockers as (${insertSelectFrom(
        stageEvents,
        { stage: "blocker", ...eventBase },
        "inserted",
        BLOCKER_EVENT_COLUMNS("inserted"),
        "where inserted.blocker_category is not null",
      )}),
      audits as (${insertSelectFrom(
        auditLog,
        { ...auditValues(ctx, { action: "building.import.create", entity: "building", entityId: "", reason }) },
        "inserted",
        { entityId: "inserted.id::text", areaId: "inserted.area_id", after: filledFieldsSql("inserted") },
      )})
      select id from inserted order by id`,
  );
  return inserted.map((row) => row.id);
}

/** The updates in one statement (each building's version bumped), then their stage events and audit rows. */
async function updateBuildings(tx: Tx, ctx: RequestContext, updates: PlannedUpdate[], reason: string) {
  const records = updates.map((update) => ({
    id: update.buildingId,
    ...update.after,
    ...(update.after.address !== undefined
      ? { addressKey: addressKey(update.after.address), addressSort: addressSortKey(update.after.address) }
      : {}),
    ...(update.after.blockerCategory !== undefined
      ? { blockedSince: update.after.blockerCategory ? ctx.today : null }
      : {}),
    // Clearing the blocker clears who answered for it and by when (docs/DOMAIN.md § Blocker supervision).
    ...(update.after.blockerCategory === null ? { blockerOwnerId: null, blockerDueOn: null } : {}),
  }));
  await tx.execute(
    updateFromJson(buildings, records, {
      version: sql`t.version + 1`,
      updatedAt: sql`${ctx.now.toISOString()}::timestamptz`,
    }),
  );
  const events = updates.flatMap((update) =>
    Object.entries(STAGE_DATE_FIELD).flatMap(([stage, field]) => {
      const toDate = update.after[field];
      if (toDate === undefined) return [];
      const fromDate = update.before[field] ?? null;
      return [stageEventValues(ctx, { buildingId: update.buildingId, stage, fromDate, toDate, reason })];
    }),
  );
  if (events.length) await tx.execute(insertFromJson(stageEvents, events));
  await insertHistoryEvents(tx, ctx, updates, reason);
  await insertAudit(
    tx,
    ctx,
    updates.map((update) => ({
      action: "building.import.update",
      entity: "building",
      entityId: update.buildingId,
      // The area it is in after the import.
      areaId: update.after.areaId ?? update.areaId,
      before: update.before,
      after: update.after,
      reason,
    })),
  );
}

/** The columns every withdrawal and blocker event of an import shares. */
const historyEventBase = (ctx: RequestContext, reason: string) => ({
  reason,
  userId: ctx.user.id,
  requestId: ctx.requestId,
  at: ctx.now,
});

/** A blocker event's columns, read from the building row `alias` as it is after the write. */
const BLOCKER_EVENT_COLUMNS = (alias: string) => ({
  buildingId: `${alias}.id`,
  blockerCategory: `${alias}.blocker_category`,
  blockerNote: `${alias}.blocker_note`,
  blockedSince: `${alias}.blocked_since`,
});

/**
 * The withdrawal and blocker events of the updated buildings whose withdrawal or blocker the import changed,
 * each carrying the state the update left (docs/DOMAIN.md § As of a date).
 */
async function insertHistoryEvents(tx: Tx, ctx: RequestContext, updates: PlannedUpdate[], reason: string) {
  const base = historyEventBase(ctx, reason);
  const idsWhere = (changed: (update: PlannedUpdate) => boolean) =>
    updates.filter(changed).map((update) => Number(update.buildingId));
  const withdrawn = idsWhere((update) => update.after.withdrawn !== undefined);
  if (withdrawn.length) {
    await tx.execute(
      insertSelectFrom(
        stageEvents,
        { stage: "withdrawn", ...base },
        "buildings",
        { buildingId: "buildings.id", withdrawn: "buildings.withdrawn" },
        `where buildings.id in (${withdrawn.join(", ")})`,
      ),
    );
  }
  const blocked = idsWhere(
    (update) => update.after.blockerCategory !== undefined || update.after.blockerNote !== undefined,
  );
  if (blocked.length) {
    await tx.execute(
      insertSelectFrom(
        stageEvents,
        { stage: "blocker", ...base },
        "buildings",
        BLOCKER_EVENT_COLUMNS("buildings"),
        `where buildings.id in (${blocked.join(", ")})`,
      ),
    );
  }
}

/** Audit rows as recordAudit writes them, many per statement. */
export async function insertAudit(tx: Tx, ctx: RequestContext, entries: AuditEntry[]): Promise<void> {
  for (const chunk of chunked(entries)) {
    await tx.execute(
      insertFromJson(
        auditLog,
        chunk.map((entry) => auditValues(ctx, entry)),
      ),
    );
  }
}
