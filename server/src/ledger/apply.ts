// Writes a checked import plan inside the commit's transaction: new buildings in multi-row inserts, each
// update with its version bump, a stage event per stage date set, moved or cleared, and an audit row per
// building plus one for the batch — batched, so a large import is a few dozen statements, not thousands.

import { addressKey, STAGE_DATE_FIELD } from "@jiati/shared";
import { eq, sql } from "drizzle-orm";
import { type AuditEntry, auditValues } from "../audit/service";
import { requireBuildingWrite } from "../auth/policy";
import { presentBuilding, stageEventValues } from "../buildings/repo";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { auditLog, buildings, stageEvents } from "../db/schema";
import type { ImportPlan } from "./plan";

const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export interface AppliedImport {
  createdIds: number[];
  updatedIds: number[];
}

export async function applyPlan(tx: Tx, ctx: RequestContext, plan: ImportPlan, reason: string): Promise<AppliedImport> {
  const events: (typeof stageEvents.$inferInsert)[] = [];
  const audits: AuditEntry[] = [];
  const event = (buildingId: number, stage: string, fromDate: string | null, toDate: string | null) =>
    events.push(stageEventValues(ctx, { buildingId, stage, fromDate, toDate, reason }));

  const createdIds: number[] = [];
  for (let i = 0; i < plan.creates.length; i += CHUNK) {
    const chunk = plan.creates.slice(i, i + CHUNK);
    for (const create of chunk) requireBuildingWrite(ctx.user, create.values.areaId);
    const rows = await tx
      .insert(buildings)
      .values(
        chunk.map(({ values }) => ({
          ...values,
          addressKey: addressKey(values.address),
          blockedSince: values.blockerCategory ? ctx.today : null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })),
      )
      .returning();
    // Matched by address key (unique), not by the order rows come back in.
    const byKey = new Map(rows.map((row) => [row.addressKey, row]));
    for (const { values } of chunk) {
      const row = byKey.get(addressKey(values.address));
      if (!row) throw new Error("inserted building not returned");
      createdIds.push(row.id);
      for (const [stage, field] of Object.entries(STAGE_DATE_FIELD)) {
        if (row[field]) event(row.id, stage, null, row[field]);
      }
      audits.push({
        action: "building.import.create",
        entity: "building",
        entityId: row.id,
        areaId: row.areaId,
        after: presentBuilding(row),
        reason,
      });
    }
  }

  for (const update of plan.updates) {
    const set: Partial<typeof buildings.$inferInsert> = { ...update.after };
    if (update.after.address !== undefined) set.addressKey = addressKey(update.after.address);
    if (update.after.blockerCategory !== undefined) set.blockedSince = update.after.blockerCategory ? ctx.today : null;
    const [row] = await tx
      .update(buildings)
      .set({ ...set, version: sql`${buildings.version} + 1`, updatedAt: ctx.now })
      .where(eq(buildings.id, update.buildingId))
      .returning({ id: buildings.id, areaId: buildings.areaId });
    for (const [stage, field] of Object.entries(STAGE_DATE_FIELD)) {
      if (update.after[field] !== undefined) event(row.id, stage, update.before[field] ?? null, update.after[field]);
    }
    audits.push({
      action: "building.import.update",
      entity: "building",
      entityId: row.id,
      areaId: row.areaId,
      before: update.before,
      after: update.after,
      reason,
    });
  }

  await insertChunked(events, (chunk) => tx.insert(stageEvents).values(chunk));
  await insertAudit(tx, ctx, audits);
  return { createdIds, updatedIds: plan.updates.map((update) => update.buildingId) };
}

/** Audit rows as recordAudit writes them, many per statement. */
export async function insertAudit(tx: Tx, ctx: RequestContext, entries: AuditEntry[]): Promise<void> {
  await insertChunked(entries, (chunk) => tx.insert(auditLog).values(chunk.map((entry) => auditValues(ctx, entry))));
}
