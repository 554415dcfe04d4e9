// The SQL form of the blocked rule (shared/src/counting.ts `isBlocked`, docs/DOMAIN.md § Stages): a blocker on a
// building neither withdrawn nor completed — what the summary counts per category, the building list filters
// and an area counts. rules.test.ts checks it against isBlocked on random buildings.
import type { BlockerCategory } from "@jiati/shared";
import { and, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import { buildings } from "../core/db/schema";

/** Blocked, by any blocker or by `category`. */
export function blocked(category?: BlockerCategory): SQL {
  return and(
    eq(buildings.withdrawn, false),
    isNull(buildings.completedOn),
    category ? eq(buildings.blockerCategory, category) : isNotNull(buildings.blockerCategory),
  ) as SQL;
}
