// Every change is recorded (docs/DOMAIN.md § The change record): one audit_log row per change, written in
// the change's own transaction — who, when, which request, what before, what after, and why.

import type { RequestContext } from "./context";
import type { Executor } from "./db";
import { auditLog } from "./db/schema";

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: number | string;
  areaId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string;
}

/** The audit_log row of one change made in `ctx`. */
export function auditValues(ctx: RequestContext, entry: AuditEntry): typeof auditLog.$inferInsert {
  return {
    at: ctx.now,
    userId: ctx.user.id,
    username: ctx.user.username,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    areaId: entry.areaId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? "",
    requestId: ctx.requestId,
  };
}

export async function recordAudit(tx: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values(auditValues(ctx, entry));
}
