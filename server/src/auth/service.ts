// Logging in and out. Attempts are limited per username and client address (attempts.ts): after 10
// failures within 15 minutes the pair is refused with 429 until they age out. An unknown user costs the same
// scrypt work as a wrong password, and gets the same answer.

import type { Role } from "@jiati/shared";
import { msg } from "@jiati/shared";
import type { SessionUser } from "../core/context";
import { type Deps, inTransaction } from "../core/deps";
import { Unauthenticated } from "../core/errors";
import { clearAttempts, countedUnlessBusy, FAILURE_WINDOW_MS, reserveAttempt } from "./attempts";
import { dummyPasswordHash, verifyPassword } from "./passwords";
import { deleteFailuresBefore, findUserByLogin } from "./repo";
import { createSession, endSession } from "./sessions";

export { FAILURE_WINDOW_MS, MAX_FAILURES } from "./attempts";

export class AuthService {
  constructor(private readonly deps: Deps) {}

  async login(username: string, password: string, address: string): Promise<{ sessionId: string; user: SessionUser }> {
    const db = this.deps.db;
    const now = this.deps.clock.now();
    const attempt = { key: username.toLowerCase(), address };
    const reservation = await reserveAttempt(db, attempt, now, msg("auth.tooManyFailures"));
    const user = await findUserByLogin(db, username);
    const valid = await countedUnlessBusy(db, reservation, async () =>
      verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash())),
    );
    if (!user || !valid || user.disabled) throw new Unauthenticated(msg("auth.wrongCredentials"));
    await clearAttempts(db, attempt);
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
    await deleteFailuresBefore(this.deps.db, cutoff);
  }
}
