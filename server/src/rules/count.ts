// The SQL form of annual counting (shared/src/counting.ts `countInYear`, docs/DOMAIN.md § Annual counting):
// a building counts for a stage in a period when it is not withdrawn and that stage's date falls in it.
// rules.test.ts checks it against monthlyCounts on random buildings.

import { type RecordedStage, STAGE_DATE_FIELD } from "@jiati/shared";
import { and, between, eq, type SQL } from "drizzle-orm";
import { buildings } from "../core/db/schema";

/** The column holding `stage`'s date. */
export const stageDate = (stage: RecordedStage) => buildings[STAGE_DATE_FIELD[stage]];

/** Counts for `stage` between `from` and `to` (inclusive, YYYY-MM-DD). */
export function countedIn(stage: RecordedStage, from: string, to: string): SQL {
  return and(eq(buildings.withdrawn, false), between(stageDate(stage), from, to)) as SQL;
}
