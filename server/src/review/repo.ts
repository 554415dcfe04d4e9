// Queries of the year-end review (docs/DOMAIN.md § Year-end review): the stored reviews, and the first year the
// programme has anything to review.

import { eq, sql } from "drizzle-orm";
import type { Executor } from "../core/db";
import { buildings, targets, yearReviews } from "../core/db/schema";

export type ReviewRecord = typeof yearReviews.$inferSelect;

/** The stored review of `year`, or null; `lock` holds it until the transaction ends. */
export async function findReview(ex: Executor, year: number, lock = false): Promise<ReviewRecord | null> {
  const query = ex.select().from(yearReviews).where(eq(yearReviews.year, year));
  const [row] = await (lock ? query.for("update") : query);
  return row ?? null;
}

export function listReviews(ex: Executor) {
  return ex
    .select({ year: yearReviews.year, status: yearReviews.status, confirmedAt: yearReviews.confirmedAt })
    .from(yearReviews);
}

export async function insertReview(ex: Executor, values: typeof yearReviews.$inferInsert): Promise<void> {
  await ex.insert(yearReviews).values(values);
}

export async function updateReview(
  ex: Executor,
  year: number,
  values: Partial<typeof yearReviews.$inferInsert>,
): Promise<void> {
  await ex.update(yearReviews).set(values).where(eq(yearReviews.year, year));
}

/** The first year with a target or a signing, or null when there is neither. */
export async function firstProgrammeYear(ex: Executor): Promise<number | null> {
  const [row] = await ex
    .select({
      target: sql<number | null>`(select min(${targets.year}) from ${targets})`,
      signed: sql<string | null>`(select min(${buildings.signedOn}) from ${buildings})`,
    })
    .from(sql`(select 1) as one`);
  const years = [row?.target == null ? null : Number(row.target), row?.signed ? Number(row.signed.slice(0, 4)) : null];
  const known = years.filter((year): year is number => year != null);
  return known.length ? Math.min(...known) : null;
}
