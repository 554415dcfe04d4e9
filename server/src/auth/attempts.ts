// Guesses at a secret — a login, the current password when changing it — limited per key and client
// address. Each attempt is reserved (recorded as a failure) before the password is checked, under a lock
// on its key, so parallel guesses cannot all start before the first is counted; a success takes the
// failures of its key back. Kept in the database, so every instance counts the same attempts.

import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../core/db";
import { loginFailures } from "../core/db/schema";
import { TooManyRequests } from "../core/errors";
import { ServerBusy } from "./passwords";

export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export interface AttemptKey {
  /** What is guessed at: a lower-cased username, or `password:<user id>`. */
  key: string;
  address: string;
}

/**
 * Reserves one attempt, or refuses it (429 with the seconds until the oldest failure ages out) when the key
 * has had MAX_FAILURES within the window.
 */
export async function reserveAttempt(db: Db, attempt: AttemptKey, now: Date, message: string): Promise<number> {
  const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${attempt.key}|${attempt.address}`}, 0))`);
    const [{ failures, oldest } = { failures: 0, oldest: null }] = await tx
      .select({ failures: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${loginFailures.at})::text` })
      .from(loginFailures)
      .where(
        and(
          eq(loginFailures.username, attempt.key),
          eq(loginFailures.address, attempt.address),
          gte(loginFailures.at, windowStart),
        ),
      );
    if (failures >= MAX_FAILURES) {
      const retryAfter = oldest
        ? Math.ceil((new Date(oldest).getTime() + FAILURE_WINDOW_MS - now.getTime()) / 1000)
        : 900;
      throw new TooManyRequests(message, Math.max(1, retryAfter));
    }
    const [reserved] = await tx
      .insert(loginFailures)
      .values({ username: attempt.key, address: attempt.address, at: now })
      .returning({ id: loginFailures.id });
    return reserved?.id ?? 0;
  });
}

/** Runs the check of a reserved attempt; when the server is too busy to make it, the attempt does not count. */
export async function countedUnlessBusy<T>(db: Db, reservation: number, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof ServerBusy) await db.delete(loginFailures).where(eq(loginFailures.id, reservation));
    throw error;
  }
}

/** The attempt succeeded: its key starts afresh. */
export async function clearAttempts(db: Db, attempt: AttemptKey): Promise<void> {
  await db
    .delete(loginFailures)
    .where(and(eq(loginFailures.username, attempt.key), eq(loginFailures.address, attempt.address)));
}
