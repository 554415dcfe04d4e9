// The SQL form of the stall rule (shared/src/counting.ts `stallOf`, docs/DOMAIN.md § Stalled buildings):
// signed and not started for more than the signed threshold, or started and not completed for more than the
// started one, counted to `today`. rules.test.ts checks it against stallOf on random buildings.

import { addDays, type StallThresholds } from "@jiati/shared";
import { and, lt, or, type SQL } from "drizzle-orm";
import { buildings } from "../core/db/schema";
import { inStage } from "./stage";

/** Stalled in the signed stage, the started stage, or either. */
export function stalled(today: string, thresholds: StallThresholds, kind: "signed" | "started" | "any" = "any"): SQL {
  const signed = and(inStage("signed"), lt(buildings.signedOn, addDays(today, -thresholds.signedDays))) as SQL;
  const started = and(inStage("started"), lt(buildings.startedOn, addDays(today, -thresholds.startedDays))) as SQL;
  if (kind === "signed") return signed;
  if (kind === "started") return started;
  return or(signed, started) as SQL;
}
