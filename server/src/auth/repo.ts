// Queries of logging in: the account a typed username names, and the forgetting of old failed attempts.
// Sessions (sessions.ts) and attempts (attempts.ts) keep their own tables' queries beside their rules.

import { sql } from "drizzle-orm";
import type { Executor } from "../core/db";
import { loginFailures, users } from "../core/db/schema";

/** The account whose username is `username` in any case (usernames are unique regardless of case). */
export async function findUserByLogin(ex: Executor, username: string) {
  const [user] = await ex.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return user;
}

export async function deleteFailuresBefore(ex: Executor, cutoff: Date): Promise<void> {
  await ex.delete(loginFailures).where(sql`${loginFailures.at} < ${cutoff}`);
}
