// The SQL form of the stage rule (shared/src/stages.ts `stageOf`, docs/DOMAIN.md § Stages): which stage a
// building is in now, as a condition the database can use its date indexes for. Withdrawn buildings are in
// no stage. rules.test.ts checks it against stageOf on random buildings.

import type { BuildingStage } from "@jiati/shared";
import { and, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import { buildings } from "../core/db/schema";

export function inStage(stage: BuildingStage): SQL {
  const active = eq(buildings.withdrawn, false);
  switch (stage) {
    case "planned":
      return and(active, isNull(buildings.signedOn)) as SQL;
    case "signed":
      return and(active, isNotNull(buildings.signedOn), isNull(buildings.startedOn)) as SQL;
    case "started":
      return and(active, isNotNull(buildings.startedOn), isNull(buildings.completedOn)) as SQL;
    case "completed":
      return and(active, isNotNull(buildings.completedOn)) as SQL;
  }
}
