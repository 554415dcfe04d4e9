// Logging in and out. Failed logins are counted per username and client address in the database (so
// every instance sees them); after 10 within 15 minutes the pair is refused with 429 until they age out.
// An unknown user costs the same scrypt work as a wrong password, and gets the same answer.

import type { Role } from "@jiati/shared";
import { and, eq, gte, sql } from "drizzle-orm";
import type { SessionUser } from "../context";
import { loginFailures, users } from "../db/schema";
import { type Deps, inTransaction } from "../deps";
import { TooManyRequests, Unauthenticated } from "../errors";
import { dummyPasswordHash, verifyPassword } from "./passwords";
import { createSession, endSession } from "./sessions";

export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export class AuthService {
  constructor(private readonly deps: Deps) {}

  async login(username: string, password: string, address: string): Promise<{ sessionId: string; user: SessionUser }> {
    const db = this.deps.db;
    const now = this.deps.clock.now();
    const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS);
    const key = username.toLowerCase();
    const [{ failures, oldest }] = await db
      .select({ failures: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${loginFailures.at})::text` })
      .from(loginFailures)
      .where(
        and(eq(loginFailures.username, key), eq(loginFailures.address, address), gte(loginFailures.at, windowStart)),
      );
    if (failures >= MAX_FAILURES) {
      const retryAfter = oldest
        ? Math.ceil((new Date(oldest).getTime() + FAILURE_WINDOW_MS - now.getTime()) / 1000)
        : 900;
      throw new TooManyRequests("登录失败次数过多，请稍后再试", Math.max(1, retryAfter));
    }
    const [user] = await db.select().from(users).where(sql`lower(${users.username}) = ${key}`);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !valid || user.disabled) {
      await db.insert(loginFailures).values({ username: key, address, at: now });
      throw new Unauthenticated("用户名或密码错误");
    }
    await db.delete(loginFailures).where(and(eq(loginFailures.username, key), eq(loginFailures.address, address)));
    const sessionId = await createSession(db, user.id, now);
    return {
      sessionId,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role as Role,
        areaId: user.areaId,
        zoneId: user.zoneId,
      },
    };
  }

  /** Ends the session everywhere: the row goes, and every instance drops it from its session cache. */
  async logout(sessionId: string): Promise<void> {
    await inTransaction(this.deps, async (tx, announce) => {
      await endSession(tx, sessionId);
      await announce({ kind: "session" });
    });
  }

  /** Forgets failures older than the window. */
  async purgeFailures(): Promise<void> {
    const cutoff = new Date(this.deps.clock.now().getTime() - FAILURE_WINDOW_MS);
    await this.deps.db.delete(loginFailures).where(sql`${loginFailures.at} < ${cutoff}`);
  }
}
