// Writes a checked import plan inside the commit's transaction: new buildings, the updates with their version
// bump, a stage event per stage date set, moved or cleared, and an audit row per building — each kind in one
// statement whose rows travel as one JSON parameter. On PGlite, where every other request waits for the
// commit's transaction, a 10,000-row import is then a handful of statements, not tens of thousands.

import { addressKey, STAGE_DATE_FIELD } from "@jiati/shared";
import { sql } from "drizzle-orm";
import { type AuditEntry, auditValues } from "../audit/service";
import { requireBuildingWrite } from "../auth/policy";
import { type BuildingRow, presentBuilding, stageEventValues } from "../buildings/repo";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { auditLog, buildings, stageEvents } from "../db/schema";
import { insertFromJson, queryRows, updateFromJson } from "../db/sql";
import type { ImportPlan, PlannedCreate } from "./plan";

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
    blockedSince: values.blockerCategory ? ctx.today : null,
    version: 1,
    isDemo: false,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

/** The fields a new building was given (empty ones left out: the audit row stays small, and says the same). */
function filledFields(building: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(building).filter(([, value]) => value !== null && value !== "" && value !== false),
  );
}

export async function applyPlan(tx: Tx, ctx: RequestContext, plan: ImportPlan, reason: string): Promise<AppliedImport> {
  const events: (typeof stageEvents.$inferInsert)[] = [];
  const audits: AuditEntry[] = [];
  const event = (buildingId: number, stage: string, fromDate: string | null, toDate: string | null) =>
    events.push(stageEventValues(ctx, { buildingId, stage, fromDate, toDate, reason }));

  const createdIds: number[] = [];
  for (const chunk of chunked(plan.creates)) {
    for (const create of chunk) requireBuildingWrite(ctx.user, create.values.areaId);
    const rows = chunk.map((create) => newBuildingRow(ctx, create));
    const inserted = await queryRows<{ id: number; address_key: string }>(
      tx,
      sql`${insertFromJson(buildings, rows)} returning id, address_key`,
    );
    // Matched by address key (unique), not by the order rows come back in.
    const idByKey = new Map(inserted.map((row) => [row.address_key, row.id]));
    for (const row of rows) {
      const id = idByKey.get(row.addressKey);
      if (id === undefined) throw new Error("inserted building not returned");
      createdIds.push(id);
      for (const [stage, field] of Object.entries(STAGE_DATE_FIELD)) {
        const date = row[field];
        if (date) event(id, stage, null, date);
      }
      audits.push({
        action: "building.import.create",
        entity: "building",
        entityId: id,
        areaId: row.areaId,
        after: filledFields(presentBuilding({ ...row, id })),
        reason,
      });
    }
  }

  for (const chunk of chunked(plan.updates)) {
    const records = chunk.map((update) => ({
      id: update.buildingId,
      ...update.after,
      ...(update.after.address !== undefined ? { addressKey: addressKey(update.after.address) } : {}),
      ...(update.after.blockerCategory !== undefined
        ? { blockedSince: update.after.blockerCategory ? ctx.today : null }
        : {}),
    }));
    await tx.execute(
      updateFromJson(buildings, records, {
        version: sql`t.version + 1`,
        updatedAt: sql`${ctx.now.toISOString()}::timestamptz`,
      }),
    );
    for (const update of chunk) {
      for (const [stage, field] of Object.entries(STAGE_DATE_FIELD)) {
        const after = update.after[field];
        if (after !== undefined) event(update.buildingId, stage, update.before[field] ?? null, after);
      }
      audits.push({
        action: "building.import.update",
        entity: "building",
        entityId: update.buildingId,
        // The area it is in after the import.
        areaId: update.after.areaId ?? update.areaId,
        before: update.before,
        after: update.after,
        reason,
      });
    }
  }

  for (const chunk of chunked(events)) await tx.execute(insertFromJson(stageEvents, chunk));
  await insertAudit(tx, ctx, audits);
  return { createdIds, updatedIds: plan.updates.map((update) => update.buildingId) };
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
