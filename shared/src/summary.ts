// The year's summary (GET /api/summary): composed here, purely, from per-area monthly counts and targets
// that the server aggregates in SQL — so the arithmetic is unit-tested and identical wherever it runs.

import { z } from "zod";
import { cumulative, progress, shortfallOf } from "./counting";
import { daysInMonth, elapsedShareOfYear } from "./dates";
import {
  forecastByPace,
  forecastByPipeline,
  type MedianDurations,
  neededPerMonth,
  type WaitingGroup,
} from "./forecast";
import { BLOCKER_CATEGORIES, RECORDED_STAGES, type RecordedStage } from "./vocabulary";

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
  /** Whole elevators behind plan, summed over the stages (0 when on track): what the ranking orders by first. */
  shortfall: z.number(),
  /** Unfinished buildings stalled in their stage (signed or started too long), and blocked. */
  stalled: z.number(),
  blocked: z.number(),
  rank: z.number(),
});

export const summarySchema = z.object({
  year: z.number(),
  /** The day the figures are counted on: today, or the past day asked for (`asOf`). */
  today: z.string(),
  /** The past day the figures stand on, replayed from the event log; null for today's live figures. */
  asOf: z.string().nullable(),
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
    /** The days counted: this week (from Monday) and this month, each through `through` (today). */
    weekFrom: z.string(),
    monthFrom: z.string(),
    through: z.string(),
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
  asOf: string | null;
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
  /** Per area: unfinished buildings stalled (either stage) and blocked. */
  troubles: readonly AreaTroubles[];
}

export interface AreaTroubles {
  areaId: number;
  stalled: number;
  blocked: number;
}

type StageNumbers = Record<RecordedStage, number>;
const zeroStages = (): StageNumbers => ({ signed: 0, started: 0, completed: 0 });

/** What the ranking compares of a row. */
export interface Rankable {
  stages: Record<RecordedStage, { percent: number | null; actual: number }>;
  shortfall: number;
}

/**
 * The ranking's order (docs/DOMAIN.md § Progress): fewest whole elevators behind plan first — so no row behind
 * plan ranks above one on track — then completion, start and signing percent (a stage without a target below
 * any percent), then the number completed. Negative when `a` ranks above `b`.
 */
export function compareRanking(a: Rankable, b: Rankable): number {
  const score = (row: Rankable) => RECORDED_STAGES.map((stage) => row.stages[stage].percent ?? -1).reverse();
  const [a1 = 0, a2 = 0, a3 = 0] = score(a);
  const [b1 = 0, b2 = 0, b3 = 0] = score(b);
  return (
    a.shortfall - b.shortfall || b1 - a1 || b2 - a2 || b3 - a3 || b.stages.completed.actual - a.stages.completed.actual
  );
}

/** Sets each row's rank (1 first) by `compareRanking`, leaving the rows in their order. */
export function rankRows<T extends Rankable & { rank: number }>(rows: T[]): T[] {
  [...rows].sort(compareRanking).forEach((row, index) => {
    row.rank = index + 1;
  });
  return rows;
}

type Progress = ReturnType<typeof progress>;
type Targets = Partial<StageNumbers>;

/** Each area's totals per stage, and the scope's totals per stage and month. */
function totalsOf(input: SummaryInput) {
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
  return { areaTotals, monthTotals };
}

/** The targets by whom they are set for: each area, each zone, the town. */
function targetsByScope(values: readonly TargetValue[]) {
  const areaTargets = new Map<number, Targets>();
  const zoneTargets = new Map<number, Targets>();
  const townTargets: Targets = {};
  const setIn = (map: Map<number, Targets>, id: number, target: TargetValue) =>
    map.set(id, { ...map.get(id), [target.stage]: target.value });
  for (const target of values) {
    if (target.areaId != null) setIn(areaTargets, target.areaId, target);
    else if (target.zoneId != null) setIn(zoneTargets, target.zoneId, target);
    else townTargets[target.stage] = target.value;
  }
  return { areaTargets, zoneTargets, townTargets };
}

const stagesProgress = (actual: StageNumbers, targets: Targets, year: number, today: string) => ({
  signed: progress(actual.signed, targets.signed ?? null, year, today),
  started: progress(actual.started, targets.started ?? null, year, today),
  completed: progress(actual.completed, targets.completed ?? null, year, today),
});

const isBehind = (stages: Record<RecordedStage, Progress>) =>
  RECORDED_STAGES.some((stage) => stages[stage].onTrack === false);

/** A zone's row: its areas summed; its target its own, else its areas' targets summed. */
function zoneRow(
  zone: { id: number; name: string },
  members: readonly { stages: Record<RecordedStage, Progress>; stalled: number; blocked: number }[],
  explicit: Targets,
  year: number,
  today: string,
) {
  const actual = zeroStages();
  const targets: Targets = {};
  for (const stage of RECORDED_STAGES) {
    actual[stage] = members.reduce((sum, row) => sum + row.stages[stage].actual, 0);
    const allocated = members.filter((row) => row.stages[stage].target != null);
    const summed = allocated.length
      ? allocated.reduce((sum, row) => sum + (row.stages[stage].target ?? 0), 0)
      : undefined;
    const target = explicit[stage] ?? summed;
    if (target !== undefined) targets[stage] = target;
  }
  const stages = stagesProgress(actual, targets, year, today);
  return {
    id: zone.id,
    name: zone.name,
    areaCount: members.length,
    stages,
    behind: isBehind(stages),
    shortfall: shortfallOf(stages),
    stalled: members.reduce((sum, row) => sum + row.stalled, 0),
    blocked: members.reduce((sum, row) => sum + row.blocked, 0),
    rank: 0,
  };
}

/** The scope's figures for one stage: progress against its target, forecasts, the monthly series. */
function stageSummary(
  input: SummaryInput,
  stage: RecordedStage,
  months: readonly number[],
  target: number | null,
): Summary["stages"][RecordedStage] {
  const { year, today } = input;
  const actual = months.reduce((sum, value) => sum + value, 0);
  const monthEndShares = Array.from({ length: 12 }, (_, index) => {
    const month = String(index + 1).padStart(2, "0");
    return elapsedShareOfYear(year, `${year}-${month}-${daysInMonth(year, index + 1)}`);
  });
  return {
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
    cumulative: cumulative(months),
    plan: target == null ? null : monthEndShares.map((share) => Math.round(target * share * 10) / 10),
  };
}

/** The scope's stage figures, and how the area targets add up against the scope's own. */
function scopeStages(
  input: SummaryInput,
  parts: {
    areaRows: readonly { stages: Record<RecordedStage, Progress> }[];
    /** The zone's progress when the scope is one zone; null for the town. */
    ownTargets: Record<RecordedStage, Progress> | null;
    townTargets: Targets;
    monthTotals: Record<RecordedStage, number[]>;
  },
) {
  const stages = {} as Summary["stages"];
  const allocation = {} as Summary["allocation"];
  for (const stage of RECORDED_STAGES) {
    const areaSum = parts.areaRows.reduce((sum, row) => sum + (row.stages[stage].target ?? 0), 0);
    const anyAreaTarget = parts.areaRows.some((row) => row.stages[stage].target != null);
    const town = parts.ownTargets ? parts.ownTargets[stage].target : (parts.townTargets[stage] ?? null);
    const target = parts.ownTargets || town != null ? town : anyAreaTarget ? areaSum : null;
    allocation[stage] = { town, areaSum, balanced: town == null || !anyAreaTarget || town === areaSum };
    stages[stage] = stageSummary(input, stage, parts.monthTotals[stage], target);
  }
  return { stages, allocation };
}

export function composeSummary(input: SummaryInput): Summary {
  const { year, today } = input;
  const zoneById = new Map(input.zones.map((zone) => [zone.id, zone]));
  const { areaTotals, monthTotals } = totalsOf(input);
  const { areaTargets, zoneTargets, townTargets } = targetsByScope(input.targets);

  const troubles = new Map(input.troubles.map((row) => [row.areaId, row]));
  const areaRows = input.areas.map((area) => {
    const stages = stagesProgress(areaTotals.get(area.id) ?? zeroStages(), areaTargets.get(area.id) ?? {}, year, today);
    return {
      id: area.id,
      name: area.name,
      zoneId: area.zoneId,
      zoneName: zoneById.get(area.zoneId)?.name ?? "",
      stages,
      behind: isBehind(stages),
      shortfall: shortfallOf(stages),
      stalled: troubles.get(area.id)?.stalled ?? 0,
      blocked: troubles.get(area.id)?.blocked ?? 0,
      rank: 0,
    };
  });

  const zonesInScope =
    input.scopeZoneId == null ? input.zones : input.zones.filter((zone) => zone.id === input.scopeZoneId);
  const zoneRows = zonesInScope.map((zone) =>
    zoneRow(
      zone,
      areaRows.filter((row) => row.zoneId === zone.id),
      zoneTargets.get(zone.id) ?? {},
      year,
      today,
    ),
  );

  const scopeZone = input.scopeZoneId == null ? null : (zoneById.get(input.scopeZoneId) ?? null);
  const { stages, allocation } = scopeStages(input, {
    areaRows,
    // A zone's summary has the zone's target; the town's its own, else its areas' summed.
    ownTargets: scopeZone ? (zoneRows[0]?.stages ?? null) : null,
    townTargets,
    monthTotals,
  });

  const blocked: Record<string, number> = {};
  for (const category of BLOCKER_CATEGORIES) blocked[category] = input.blocked[category] ?? 0;

  const omitAreas = input.scopeZoneId == null && areaRows.length > MAX_AREA_ROWS;
  return {
    year,
    today,
    asOf: input.asOf,
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
