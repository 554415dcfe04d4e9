// Reading the change log: pages of it, newest first, and one record's history.

import type { AuditQuery, AuditRow } from "@jiati/shared";
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../core/db";
import { auditLog, users } from "../core/db/schema";
import { preparedPer } from "../core/db/sql";

/**
 * What the row changed, by the name people know it by — a building's address, an area's, a zone's or an
 * account's name — read now (a renamed area shows its new name); null for other entities.
 */
const entityLabel = sql<string | null>`case when ${auditLog.entityId} ~ '^[0-9]{1,9}$' then case ${auditLog.entity}
    when 'building' then (select b.address from buildings b where b.id = ${auditLog.entityId}::int)
    when 'area' then (select a.name from areas a where a.id = ${auditLog.entityId}::int)
    when 'zone' then (select z.name from zones z where z.id = ${auditLog.entityId}::int)
    when 'user' then (select u.display_name from users u where u.id = ${auditLog.entityId}::int)
  end end`;

const auditColumns = {
  id: auditLog.id,
  at: auditLog.at,
  userId: auditLog.userId,
  username: auditLog.username,
  displayName: users.displayName,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  entityLabel,
  areaId: auditLog.areaId,
  before: auditLog.before,
  after: auditLog.after,
  reason: auditLog.reason,
  requestId: auditLog.requestId,
};

function present(row: { at: Date } & Omit<AuditRow, "at">): AuditRow {
  return { ...row, at: row.at.toISOString() };
}

/** Day boundaries in Shanghai (UTC+8, no daylight saving). */
const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

export async function listAudit(db: Db, query: AuditQuery): Promise<{ items: AuditRow[]; nextBefore: number | null }> {
  const conditions = [
    query.areaId ? eq(auditLog.areaId, query.areaId) : undefined,
    query.userId ? eq(auditLog.userId, query.userId) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.entity ? eq(auditLog.entity, query.entity) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.from ? gte(auditLog.at, shanghaiMidnight(query.from)) : undefined,
    query.to ? lt(auditLog.at, new Date(shanghaiMidnight(query.to).getTime() + 86_400_000)) : undefined,
    query.before ? lt(auditLog.id, query.before) : undefined,
  ];
  const rows = await db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map(present);
  return { items, nextBefore: more ? (items.at(-1)?.id ?? null) : null };
}

/** The history of one record, oldest first. */
export async function entityHistory(db: Db, entity: string, entityId: number): Promise<AuditRow[]> {
  const rows = await historyStatement(db).execute({ entity, entityId: String(entityId) });
  return rows.map(present);
}

/** One record's history, prepared once: every building page reads it. */
const historyStatement = preparedPer((db: Db) =>
  db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.entity, sql.placeholder("entity")), eq(auditLog.entityId, sql.placeholder("entityId"))))
    .orderBy(auditLog.id)
    .prepare("entity_history"),
);
