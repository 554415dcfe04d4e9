// The summary's queries: a handful of aggregates over the buildings in scope (no per-building rows leave the
// database), each counting by the rules of rules/ — over the buildings as they are now, or as they stood at the
// end of a past day (rules/asof.ts).

import {
  type AreaTroubles,
  addDays,
  endOfYear,
  type MonthlyCount,
  type RecordedStage,
  type StallThresholds,
  startOfMonth,
  startOfWeek,
  startOfYear,
  type WaitingGroup,
} from "@jiati/shared";
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../core/db";
import { areas, buildings } from "../core/db/schema";
import { queryRows } from "../core/db/sql";
import { asOfQuery } from "../rules/asof";
import { blocked } from "../rules/blocked";
import { countedIn, stageDate } from "../rules/count";
import { inStage } from "../rules/stage";
import { stalled } from "../rules/stall";

/** What a summary counts: the buildings of one zone or all, as they are now (asOf null) or as of a past day. */
export interface Scope {
  where: SQL;
  asOf: string | null;
}

/** The buildings of one zone, or all; now, or as of `asOf`. */
export function scopeOf(zoneId: number | null, asOf: string | null): Scope {
  const where =
    zoneId == null
      ? sql`true`
      : sql`${buildings.areaId} in (select ${areas.id} from ${areas} where ${areas.zoneId} = ${zoneId})`;
  return { where, asOf };
}

const rows = <T>(ex: Executor, scope: Scope, query: SQL) => queryRows<T>(ex, asOfQuery(scope.asOf, query));

/** Blocked buildings (rules/blocked.ts: neither withdrawn nor completed) per blocker category. */
export function blockedCounts(ex: Executor, scope: Scope) {
  return rows<{ category: string; count: number }>(
    ex,
    scope,
    sql`select ${buildings.blockerCategory} as category, count(*)::int as count from ${buildings}
        where ${blocked()} and ${scope.where}
        group by 1`,
  );
}

/** Per area: buildings stalled in either stage, and blocked — what the behind list shows beside each area. */
export function areaTroubles(ex: Executor, today: string, t: StallThresholds, scope: Scope) {
  return rows<AreaTroubles>(
    ex,
    scope,
    sql`select ${buildings.areaId} as "areaId",
          count(*) filter (where ${stalled(today, t)})::int as stalled,
          count(*) filter (where ${blocked()})::int as blocked
        from ${buildings} where ${scope.where}
        group by 1`,
  );
}

/** Per area, stage and month of `year`: how many buildings count (docs/DOMAIN.md § Annual counting). */
export async function monthlyCounts(ex: Executor, year: number, scope: Scope): Promise<MonthlyCount[]> {
  const from = startOfYear(year);
  const to = endOfYear(year);
  const perStage = (stage: RecordedStage) => sql`
    select ${buildings.areaId} as "areaId", ${stage}::text as stage,
           extract(month from ${stageDate(stage)})::int as month, count(*)::int as count
    from ${buildings}
    where ${countedIn(stage, from, to)} and ${scope.where}
    group by 1, 3`;
  return rows<MonthlyCount>(
    ex,
    scope,
    sql`${perStage("signed")} union all ${perStage("started")} union all ${perStage("completed")}`,
  );
}

/** Buildings on their way, not stalled and not blocked, grouped by the date they entered their stage. */
export async function waitingGroups(ex: Executor, today: string, t: StallThresholds, scope: Scope) {
  const waitingIn = (stage: "signed" | "started") => sql`
    select ${stage}::text as "from", ${stageDate(stage)}::text as since, count(*)::int as count
    from ${buildings}
    where ${inStage(stage)} and not (${stalled(today, t, stage)}) and ${buildings.blockerCategory} is null
      and ${scope.where}
    group by ${stageDate(stage)}`;
  return rows<WaitingGroup>(ex, scope, sql`${waitingIn("signed")} union all ${waitingIn("started")}`);
}

/** Median days between stages, observed town-wide over the two years before today (or `asOf`). */
export async function medianDurations(ex: Executor, today: string, asOf: string | null) {
  const since = addDays(today, -730);
  const [row] = await rows<{ signed_to_started: number | null; started_to_completed: number | null }>(
    ex,
    { where: sql`true`, asOf },
    sql`select
          (select percentile_cont(0.5) within group (order by started_on - signed_on) from buildings
            where not withdrawn and started_on >= ${since}) as signed_to_started,
          (select percentile_cont(0.5) within group (order by completed_on - started_on) from buildings
            where not withdrawn and completed_on >= ${since}) as started_to_completed`,
  );
  const number = (value: unknown) => (value == null ? null : Number(value));
  return { signedToStarted: number(row?.signed_to_started), startedToCompleted: number(row?.started_to_completed) };
}

const STATUS_COLUMNS = [
  "planned",
  "signed",
  "started",
  "completed",
  "stalled_signed",
  "stalled_started",
  "week_signed",
  "week_started",
  "week_completed",
  "month_signed",
  "month_started",
  "month_completed",
] as const;
export type StageStatus = Record<(typeof STATUS_COLUMNS)[number], number>;

/** Buildings now in each stage, stalled, and recorded this week and this month. */
export async function stageStatus(ex: Executor, today: string, t: StallThresholds, scope: Scope): Promise<StageStatus> {
  const week = startOfWeek(today);
  const month = startOfMonth(today);
  const count = (condition: SQL) => sql`count(*) filter (where ${condition})::int`;
  const [row] = await rows<StageStatus>(
    ex,
    scope,
    sql`select
      ${count(inStage("planned"))} as planned,
      ${count(inStage("signed"))} as signed,
      ${count(inStage("started"))} as started,
      ${count(inStage("completed"))} as completed,
      ${count(stalled(today, t, "signed"))} as stalled_signed,
      ${count(stalled(today, t, "started"))} as stalled_started,
      ${count(countedIn("signed", week, today))} as week_signed,
      ${count(countedIn("started", week, today))} as week_started,
      ${count(countedIn("completed", week, today))} as week_completed,
      ${count(countedIn("signed", month, today))} as month_signed,
      ${count(countedIn("started", month, today))} as month_started,
      ${count(countedIn("completed", month, today))} as month_completed
    from ${buildings} where ${scope.where}`,
  );
  // An aggregate without GROUP BY always answers one row.
  return row ?? (Object.fromEntries(STATUS_COLUMNS.map((column) => [column, 0])) as StageStatus);
}
