// Idempotency keys (docs/ARCHITECTURE.md § Offline): a write sent with an Idempotency-Key records the key and
// its answer in its own transaction, as it records its audit row — so a key exists exactly when its write
// committed, and a resend of the same request (its answer lost on the way back) is answered from here.

import { createHash } from "node:crypto";
import { eq, lt } from "drizzle-orm";
import type { RequestContext } from "./context";
import type { Db, Executor } from "./db";
import { idempotencyKeys } from "./db/schema";

/** How long a key is kept: an outbox's item waits days at most before it is sent again. */
export const IDEMPOTENCY_KEY_DAYS = 7;

/** A request's key, and what its write records with it (set on the context by http/idempotency.ts). */
export interface IdempotencyClaim {
  key: string;
  method: string;
  /** The request's path, without its query: `/api/buildings/3/stage`. */
  path: string;
  /** The status the route answers on success. */
  status: number;
  /** The ETag the route sends with its answer, if it sends one. */
  etagOf?: (answer: unknown) => string;
  /** requestHash of the request's body. */
  requestHash: string;
}

/** JSON with every object's keys in order: the same value, however its keys were ordered, gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The fingerprint of a request's parsed body that a key is committed with. */
export function requestHash(body: unknown): string {
  return createHash("sha256").update(canonical(body)).digest("base64url");
}

export type StoredAnswer = typeof idempotencyKeys.$inferSelect;

/** The idempotency_keys row of `answer`, the answer to the request of `ctx`; none when it carries no key. */
export function idempotencyValues(ctx: RequestContext, answer: unknown): typeof idempotencyKeys.$inferInsert | null {
  const claim = ctx.idempotency;
  if (!claim) return null;
  return {
    key: claim.key,
    userId: ctx.user.id,
    method: claim.method,
    path: claim.path,
    status: claim.status,
    // Stored as the client will read it (dates as ISO strings).
    body: JSON.parse(JSON.stringify(answer ?? null)),
    etag: claim.etagOf?.(answer) ?? null,
    requestHash: claim.requestHash,
    createdAt: ctx.now,
  };
}

/**
 * Records the request's key with its answer, in the write's transaction `tx`; nothing when the request has no
 * key. A concurrent request with the same key then fails here (the key is unique) and its transaction rolls
 * back: never a second write.
 */
export async function recordIdempotency(tx: Executor, ctx: RequestContext, answer: unknown): Promise<void> {
  const values = idempotencyValues(ctx, answer);
  if (values) await tx.insert(idempotencyKeys).values(values);
}

export async function findIdempotencyKey(ex: Executor, key: string): Promise<StoredAnswer | null> {
  const [row] = await ex.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key)).limit(1);
  return row ?? null;
}

/** Removes keys older than IDEMPOTENCY_KEY_DAYS. */
export async function purgeIdempotencyKeys(db: Db, now: Date): Promise<void> {
  const before = new Date(now.getTime() - IDEMPOTENCY_KEY_DAYS * 24 * 60 * 60 * 1000);
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before));
}
