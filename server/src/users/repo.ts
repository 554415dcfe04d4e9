// Queries of accounts.

import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../core/db";
import { users } from "../core/db/schema";

export type UserRow = typeof users.$inferSelect;

export const listUsers = (ex: Executor) => ex.select().from(users).orderBy(asc(users.id));

export async function findUser(ex: Executor, id: number, lock = false): Promise<UserRow | undefined> {
  const query = ex.select().from(users).where(eq(users.id, id));
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

/** Whether an account is called `username` in any case. */
export async function usernameTaken(ex: Executor, username: string): Promise<boolean> {
  const [taken] = await ex
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return taken !== undefined;
}

export async function insertUser(ex: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await ex.insert(users).values(values).returning();
  return row as UserRow;
}

export async function updateUser(ex: Executor, id: number, values: Partial<typeof users.$inferInsert>) {
  const [row] = await ex.update(users).set(values).where(eq(users.id, id)).returning();
  return row as UserRow;
}
