// The year's summary (GET /api/summary): composed here, purely, from per-area monthly counts and targets
// that the server aggregates in SQL — so the arithmetic is unit-tested and identical wherever it runs.

import { z } from "zod";
import { cumulative, progress } from "./counting";
import { daysInMonth, elapsedShareOfYear } from "./dates";
import {
  forecastByPace,
  forecastByPipeline,
  type MedianDurations,
  neededPerMonth,
  type WaitingGroup,
} from "./forecast";
import { BLOCKER_CATEGORIES, BUILDING_STAGES, RECORDED_STAGES, type RecordedStage } from "./vocabulary";

/** Above this many areas in scope, the summary lists zones only (choose a zone to see its areas). */
export const MAX_AREA_ROWS = 300;

const progressSchema = z.object({
  actual: z.number(),
  target: z.number().nullable(),
  percent: z.number().nullable(),
  expected: z.number().nullable(),
  gap: z.number().nullable(),
  onTrack: z.boolean().nullable(),
});

const stageSummarySchema = progressSchema.extend({
  forecastPace: z.number(),
  forecastPipeline: z.number().nullable(),
  neededPerMonth: z.number().nullable(),
  /** Cumulative actual count at the end of each month (12 values; months after today repeat the total). */
  cumulative: z.array(z.number()),
  /** Even-pace plan: target × share of the year elapsed at each month's end. */
  plan: z.array(z.number()).nullable(),
});

const byStage = <T extends z.ZodType>(schema: T) => z.object({ signed: schema, started: schema, completed: schema });

const rowSchema = z.object({
  id: z.number(),
  name: z.string(),
  stages: byStage(progressSchema),
  behind: z.boolean(),
  rank: z.number(),
});

export const summarySchema = z.object({
  year: z.number(),
  today: z.string(),
  generatedAt: z.string(),
  scope: z.object({ zoneId: z.number().nullable(), zoneName: z.string().nullable() }),
  stages: byStage(stageSummarySchema),
  medianDays: z.object({ signedToStarted: z.number().nullable(), startedToCompleted: z.number().nullable() }),
  zones: z.array(rowSchema.extend({ areaCount: z.number() })),
  areas: z.array(rowSchema.extend({ zoneId: z.number(), zoneName: z.string() })).nullable(),
  areasOmitted: z.boolean(),
  allocation: byStage(z.object({ town: z.number().nullable(), areaSum: z.number(), balanced: z.boolean() })),
  funnel: z.object({ planned: z.number(), signed: z.number(), started: z.number(), completed: z.number() }),
  /** Stalled buildings, with the thresholds (days) they were counted against. */
  stalled: z.object({ signed: z.number(), started: z.number(), signedDays: z.number(), startedDays: z.number() }),
  blocked: z.record(z.string(), z.number()),
  recent: z.object({
    week: byStage(z.number()),
    month: byStage(z.number()),
  }),
});
export type Summary = z.infer<typeof summarySchema>;
export type SummaryRow = Summary["zones"][number];
export type AreaSummaryRow = NonNullable<Summary["areas"]>[number];

export interface MonthlyCount {
  areaId: number;
  stage: RecordedStage;
  /** 1–12 */
  month: number;
  count: number;
}

export interface TargetValue {
  stage: RecordedStage;
  areaId: number | null;
  zoneId: number | null;
  value: number;
}

export interface SummaryInput {
  year: number;
  today: string;
  generatedAt: string;
  zones: readonly { id: number; name: string }[];
  /** The areas in scope (all, or one zone's). */
  areas: readonly { id: number; name: string; zoneId: number }[];
  scopeZoneId: number | null;
  monthly: readonly MonthlyCount[];
  targets: readonly TargetValue[];
  waiting: readonly WaitingGroup[];
  medians: MedianDurations;
  funnel: Summary["funnel"];
  stalled: Summary["stalled"];
  blocked: Record<string, number>;
  recent: Summary["recent"];
}

type StageNumbers = Record<RecordedStage, number>;
const zeroStages = (): StageNumbers => ({ signed: 0, started: 0, completed: 0 });

function rankRows<
  T extends { stages: Record<RecordedStage, { percent: number | null; actual: number }>; rank: number },
>(rows: T[]): T[] {
  const score = (row: T) =>
    RECORDED_STAGES.map((stage) => row.stages[stage].percent ?? -1).reverse() as [number, number, number];
  const ordered = [...rows].sort((a, b) => {
    const [a1, a2, a3] = score(a);
    const [b1, b2, b3] = score(b);
    return b1 - a1 || b2 - a2 || b3 - a3 || b.stages.completed.actual - a.stages.completed.actual;
  });
  ordered.forEach((row, index) => {
    row.rank = index + 1;
  });
  return rows;
}

export function composeSummary(input: SummaryInput): Summary {
  const { year, today } = input;
  const zoneById = new Map(input.zones.map((zone) => [zone.id, zone]));
  const areaIds = new Set(input.areas.map((area) => area.id));

  const areaTotals = new Map<number, StageNumbers>();
  const monthTotals: Record<RecordedStage, number[]> = {
    signed: new Array(12).fill(0),
    started: new Array(12).fill(0),
    completed: new Array(12).fill(0),
  };
  for (const row of input.monthly) {
    if (!areaIds.has(row.areaId)) continue;
    const totals = areaTotals.get(row.areaId) ?? zeroStages();
    totals[row.stage] += row.count;
    areaTotals.set(row.areaId, totals);
    const months = monthTotals[row.stage];
    months[row.month - 1] = (months[row.month - 1] ?? 0) + row.count;
  }

  const areaTargets = new Map<number, Partial<StageNumbers>>();
  const zoneTargets = new Map<number, Partial<StageNumbers>>();
  const townTargets: Partial<StageNumbers> = {};
  for (const target of input.targets) {
    if (target.areaId != null) {
      const entry = areaTargets.get(target.areaId) ?? {};
      entry[target.stage] = target.value;
      areaTargets.set(target.areaId, entry);
    } else if (target.zoneId != null) {
      const entry = zoneTargets.get(target.zoneId) ?? {};
      entry[target.stage] = target.value;
      zoneTargets.set(target.zoneId, entry);
    } else {
      townTargets[target.stage] = target.value;
    }
  }

  const areaRows = input.areas.map((area) => {
    const totals = areaTotals.get(area.id) ?? zeroStages();
    const targets = areaTargets.get(area.id) ?? {};
    const stages = {
      signed: progress(totals.signed, targets.signed ?? null, year, today),
      started: progress(totals.started, targets.started ?? null, year, today),
      completed: progress(totals.completed, targets.completed ?? null, year, today),
    };
    return {
      id: area.id,
      name: area.name,
      zoneId: area.zoneId,
      zoneName: zoneById.get(area.zoneId)?.name ?? "",
      stages,
      behind: RECORDED_STAGES.some((stage) => stages[stage].onTrack === false),
      rank: 0,
    };
  });

  const zonesInScope =
    input.scopeZoneId == null ? input.zones : input.zones.filter((zone) => zone.id === input.scopeZoneId);
  const zoneRows = zonesInScope.map((zone) => {
    const members = areaRows.filter((row) => row.zoneId === zone.id);
    const explicit = zoneTargets.get(zone.id) ?? {};
    const stages = {} as Record<RecordedStage, ReturnType<typeof progress>>;
    for (const stage of RECORDED_STAGES) {
      const actual = members.reduce((sum, row) => sum + row.stages[stage].actual, 0);
      const allocated = members.filter((row) => row.stages[stage].target != null);
      const target =
        explicit[stage] ??
        (allocated.length ? allocated.reduce((sum, row) => sum + (row.stages[stage].target ?? 0), 0) : null);
      stages[stage] = progress(actual, target, year, today);
    }
    return {
      id: zone.id,
      name: zone.name,
      areaCount: members.length,
      stages,
      behind: RECORDED_STAGES.some((stage) => stages[stage].onTrack === false),
      rank: 0,
    };
  });

  const monthEndShares = Array.from({ length: 12 }, (_, index) => {
    const month = String(index + 1).padStart(2, "0");
    return elapsedShareOfYear(year, `${year}-${month}-${daysInMonth(year, index + 1)}`);
  });

  const scopeZone = input.scopeZoneId == null ? null : (zoneById.get(input.scopeZoneId) ?? null);
  const stages = {} as Summary["stages"];
  const allocation = {} as Summary["allocation"];
  for (const stage of RECORDED_STAGES) {
    const actual = monthTotals[stage].reduce((sum, value) => sum + value, 0);
    const areaSum = areaRows.reduce((sum, row) => sum + (row.stages[stage].target ?? 0), 0);
    const anyAreaTarget = areaRows.some((row) => row.stages[stage].target != null);
    const target = scopeZone
      ? (zoneRows[0]?.stages[stage].target ?? null)
      : (townTargets[stage] ?? (anyAreaTarget ? areaSum : null));
    const town = scopeZone ? (zoneRows[0]?.stages[stage].target ?? null) : (townTargets[stage] ?? null);
    allocation[stage] = { town, areaSum, balanced: town == null || !anyAreaTarget || town === areaSum };
    stages[stage] = {
      ...progress(actual, target, year, today),
      forecastPace: forecastByPace(actual, year, today),
      forecastPipeline: forecastByPipeline({
        stage,
        year,
        today,
        actual,
        waiting: input.waiting,
        medians: input.medians,
      }),
      neededPerMonth: neededPerMonth(target, actual, year, today),
      cumulative: cumulative(monthTotals[stage]),
      plan: target == null ? null : monthEndShares.map((s) => Math.round(target * s * 10) / 10),
    };
  }

  const blocked: Record<string, number> = {};
  for (const category of BLOCKER_CATEGORIES) blocked[category] = input.blocked[category] ?? 0;

  const omitAreas = input.scopeZoneId == null && areaRows.length > MAX_AREA_ROWS;
  return {
    year,
    today,
    generatedAt: input.generatedAt,
    scope: { zoneId: scopeZone?.id ?? null, zoneName: scopeZone?.name ?? null },
    stages,
    medianDays: input.medians,
    zones: rankRows(zoneRows),
    areas: omitAreas ? null : rankRows(areaRows),
    areasOmitted: omitAreas,
    allocation,
    funnel: input.funnel,
    stalled: input.stalled,
    blocked,
    recent: input.recent,
  };
}
