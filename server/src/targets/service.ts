// Annual targets per stage — the town's own, and their allocation to zones and areas.

import {
  latestPlanningYear,
  msg,
  type PutTargets,
  RECORDED_STAGES,
  type RecordedStage,
  type TargetsResponse,
  type TargetValue,
} from "@jiati/shared";
import { requireTaskforce } from "../auth/policy";
import { recordAudit } from "../core/audit";
import { GenerationCache } from "../core/cache";
import type { RequestContext } from "../core/context";
import { type Deps, inTransaction } from "../core/deps";
import { InvalidInput } from "../core/errors";
import { loadTargets, structureIds, writeTarget } from "./repo";

type StageValues = Record<RecordedStage, number | null>;
const empty = (): StageValues => ({ signed: null, started: null, completed: null });

/** 400 naming the entry when a target names an area or zone that does not exist. */
function checkScopes(input: PutTargets, ids: { areaIds: Set<number>; zoneIds: Set<number> }): void {
  for (const [index, entry] of input.targets.entries()) {
    if (entry.areaId != null && !ids.areaIds.has(entry.areaId)) {
      throw InvalidInput.field(`targets.${index}.areaId`, msg("notFound.area"));
    }
    if (entry.zoneId != null && !ids.zoneIds.has(entry.zoneId)) {
      throw InvalidInput.field(`targets.${index}.zoneId`, msg("notFound.zone"));
    }
  }
}

/**
 * 400 naming `year` for a year whose targets and letters are not open yet: next year's open on 1 October
 * (docs/DOMAIN.md § Targets for the coming year). Past years stay open, to correct them.
 */
export function checkPlanningYear(year: number, today: string): void {
  const latest = latestPlanningYear(today);
  if (year > latest)
    throw InvalidInput.field("year", msg("targets.yearNotOpen", { year: String(year), latest: String(latest) }));
}

interface TargetChange {
  stage: RecordedStage;
  areaId: number | null;
  zoneId: number | null;
  from: number | null;
  to: number | null;
}

/** The entries whose value differs from the one stored, with both values. */
function targetChanges(input: PutTargets, before: readonly TargetValue[]): TargetChange[] {
  return input.targets.flatMap((entry) => {
    const from =
      before.find((t) => t.stage === entry.stage && t.areaId === entry.areaId && t.zoneId === entry.zoneId)?.value ??
      null;
    if (from === entry.value) return [];
    return [{ stage: entry.stage, areaId: entry.areaId, zoneId: entry.zoneId, from, to: entry.value }];
  });
}

export class TargetService {
  private cache: GenerationCache<TargetsResponse>;

  constructor(private readonly deps: Deps) {
    // Targets read no building: kept through building changes that leave every count as it was, dropped by
    // any other change, a targets change first (docs/DOMAIN.md § What a count reads).
    this.cache = new GenerationCache(deps.hub, 20, "counts");
  }

  /** A year's targets (cached until a change; the answer is shared: never modified). */
  get(year: number): Promise<TargetsResponse> {
    return this.cache.get(String(year), () => this.load(year));
  }

  private async load(year: number): Promise<TargetsResponse> {
    const rows = await loadTargets(this.deps.db, year);
    const town = empty();
    const zoneMap = new Map<number, StageValues>();
    const areaMap = new Map<number, StageValues>();
    for (const row of rows) {
      if (row.areaId != null) {
        const entry = areaMap.get(row.areaId) ?? empty();
        entry[row.stage] = row.value;
        areaMap.set(row.areaId, entry);
      } else if (row.zoneId != null) {
        const entry = zoneMap.get(row.zoneId) ?? empty();
        entry[row.stage] = row.value;
        zoneMap.set(row.zoneId, entry);
      } else {
        town[row.stage] = row.value;
      }
    }
    const allocation = {} as TargetsResponse["allocation"];
    for (const stage of RECORDED_STAGES) {
      const values = [...areaMap.values()].map((entry) => entry[stage]).filter((v): v is number => v != null);
      const areaSum = values.reduce((sum, value) => sum + value, 0);
      allocation[stage] = {
        town: town[stage],
        areaSum,
        balanced: town[stage] == null || values.length === 0 || town[stage] === areaSum,
      };
    }
    return {
      year,
      town,
      zones: [...zoneMap].map(([zoneId, values]) => ({ zoneId, ...values })),
      areas: [...areaMap].map(([areaId, values]) => ({ areaId, ...values })),
      allocation,
    };
  }

  async put(ctx: RequestContext, input: PutTargets): Promise<TargetsResponse> {
    requireTaskforce(ctx.user, "setTargets");
    checkPlanningYear(input.year, ctx.today);
    await inTransaction(this.deps, async (tx, announce) => {
      checkScopes(input, await structureIds(tx));
      const changes = targetChanges(input, await loadTargets(tx, input.year));
      if (changes.length === 0) return;
      for (const change of changes) await writeTarget(tx, { year: input.year, ...change }, change.to, ctx.now);
      await recordAudit(tx, ctx, {
        action: "targets.update",
        entity: "targets",
        entityId: input.year,
        before: changes.map(({ to: _to, ...rest }) => rest),
        after: changes.map(({ from: _from, ...rest }) => rest),
      });
      await announce({ kind: "targets" });
    });
    return this.get(input.year);
  }
}
