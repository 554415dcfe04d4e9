// Sessions kept in the database: the cookie holds 256 random bits, the table only their SHA-256.
// Idle timeout 8 hours, absolute lifetime 7 days; a new id at each login.

import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@jiati/shared";
import { eq, lt, or, sql } from "drizzle-orm";
import type { SessionUser } from "../core/context";
import type { Db, Executor } from "../core/db";
import { sessions, users } from "../core/db/schema";
import { preparedPer } from "../core/db/sql";

export const SESSION_COOKIE = "jt_session";
export const IDLE_TIMEOUT_MS = 8 * 60 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** lastSeenAt is refreshed at most this often, so reads do not each write. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export function hashSessionId(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}

export async function createSession(db: Executor, userId: number, now: Date): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.insert(sessions).values({ idHash: hashSessionId(id), userId, createdAt: now, lastSeenAt: now });
  return id;
}

/** A session and its user, prepared once: asked whenever the session cache misses. */
const sessionStatement = preparedPer((ex) =>
  ex
    .select({
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      areaId: users.areaId,
      zoneId: users.zoneId,
      disabled: users.disabled,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, sql.placeholder("idHash")))
    .prepare("resolve_session"),
);

/** The live session's user, or null (unknown, expired, or the user disabled). Expired sessions are removed. */
export async function resolveSession(db: Db, id: string, now: Date): Promise<SessionUser | null> {
  const idHash = hashSessionId(id);
  const [row] = await sessionStatement(db).execute({ idHash });
  if (!row) return null;
  const expired =
    now.getTime() - row.lastSeenAt.getTime() > IDLE_TIMEOUT_MS ||
    now.getTime() - row.createdAt.getTime() > ABSOLUTE_LIFETIME_MS;
  if (expired || row.disabled) {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    areaId: row.areaId,
    zoneId: row.zoneId,
  };
}

export async function endSession(db: Executor, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashSessionId(id)));
}

export async function endUserSessions(db: Executor, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Removes sessions past their idle or absolute limit. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<void> {
  await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_TIMEOUT_MS)),
        lt(sessions.createdAt, new Date(now.getTime() - ABSOLUTE_LIFETIME_MS)),
      ),
    );
}

/**
 * How long a resolved session is trusted before the database is asked again: as long as lastSeenAt may go
 * unrefreshed anyway. Revocations do not wait for it (below); only expiry is seen up to this late.
 */
export const SESSION_CACHE_MS = TOUCH_INTERVAL_MS;

/**
 * Resolves session cookies with a cache, so a read does not cost a database round trip (docs/decisions/
 * 003-session-cache.md). Any `users` change (disabling, password reset, role change) or
 * `session` change (a logout, on any instance) empties the cache at once; so does a resync, and while the
 * change listener reconnects (`live` false) every request asks the database.
 */
export class SessionResolver {
  private cache = new Map<string, { user: SessionUser; checkedAt: number }>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly hub: {
      live: boolean;
      subscribe(listener: (change: { kind: string }) => void): () => void;
      onResync(listener: () => void): () => void;
    },
  ) {
    hub.subscribe((change) => {
      if (change.kind === "users" || change.kind === "session") this.cache.clear();
    });
    hub.onResync(() => this.cache.clear());
  }

  async resolve(id: string): Promise<SessionUser | null> {
    const key = hashSessionId(id);
    const now = this.now();
    const hit = this.cache.get(key);
    const age = hit ? now.getTime() - hit.checkedAt : Number.POSITIVE_INFINITY;
    if (hit && age >= 0 && age < SESSION_CACHE_MS && this.hub.live) return hit.user;
    const user = await resolveSession(this.db, id, now);
    if (this.cache.size > 10_000) this.cache.clear();
    if (user) this.cache.set(key, { user, checkedAt: now.getTime() });
    else this.cache.delete(key);
    return user;
  }

  forget(id: string): void {
    this.cache.delete(hashSessionId(id));
  }
}
