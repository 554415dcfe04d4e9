// GET /api/summary: aggregates the year in a handful of SQL queries (no per-building rows leave the
// database), composes them with the pure composeSummary of shared/, and caches the result until the next
// change. `recount` is the plain, uncached recount that tests compare the fast path with.

import {
  addDays,
  composeSummary,
  endOfYear,
  type MonthlyCount,
  type RecordedStage,
  type StallThresholds,
  type Summary,
  startOfMonth,
  startOfWeek,
  startOfYear,
  type WaitingGroup,
} from "@jiati/shared";
import { type SQL, sql } from "drizzle-orm";
import { GenerationCache } from "../core/cache";
import type { Executor } from "../core/db";
import { areas, buildings } from "../core/db/schema";
import { queryRows } from "../core/db/sql";
import type { Deps } from "../core/deps";
import { NotFound } from "../core/errors";
import { JsonText } from "../core/json-text";
import { countedIn, stageDate } from "../rules/count";
import { inStage } from "../rules/stage";
import { stalled } from "../rules/stall";
import type { SettingsService } from "../settings/service";
import type { StructureService } from "../structure/service";
import { loadTargets } from "../targets/service";

const rows = queryRows;

function scopeFilter(zoneId: number | null) {
  return zoneId == null
    ? sql`true`
    : sql`${buildings.areaId} in (select ${areas.id} from ${areas} where ${areas.zoneId} = ${zoneId})`;
}

export class SummaryService {
  private cache: GenerationCache<{ summary: Summary; json: JsonText }>;

  constructor(
    private readonly deps: Deps,
    private readonly structure: StructureService,
    private readonly settings: SettingsService,
  ) {
    this.cache = new GenerationCache(deps.hub, 100);
  }

  async summary(year: number, zoneId: number | null, today: string): Promise<Summary> {
    return (await this.cached(year, zoneId, today)).summary;
  }

  /** The summary serialised once per change, so a cached read costs no JSON work. */
  async summaryJson(year: number, zoneId: number | null, today: string): Promise<JsonText> {
    return (await this.cached(year, zoneId, today)).json;
  }

  private cached(year: number, zoneId: number | null, today: string) {
    return this.cache.get(`${year}|${zoneId ?? ""}|${today}`, async () => {
      const summary = await this.compute(year, zoneId, today);
      return { summary, json: new JsonText(JSON.stringify(summary)) };
    });
  }

  /** The summary computed afresh, bypassing the cache. */
  async compute(year: number, zoneId: number | null, today: string): Promise<Summary> {
    const ex = this.deps.db;
    const { zones, areas } = await this.structure.structure();
    if (zoneId != null && !zones.some((zone) => zone.id === zoneId)) throw new NotFound("片区");
    const thresholds = await this.settings.stallThresholds();
    const scope = scopeFilter(zoneId);
    const [monthly, targets, waiting, medians, status, blockedRows] = await Promise.all([
      this.monthly(ex, year, scope),
      loadTargets(ex, year),
      this.waiting(ex, today, thresholds, scope),
      this.medians(ex, today),
      this.status(ex, today, thresholds, scope),
      rows<{ category: string; count: number }>(
        ex,
        sql`select ${buildings.blockerCategory} as category, count(*)::int as count from ${buildings}
            where not ${buildings.withdrawn} and ${buildings.completedOn} is null
              and ${buildings.blockerCategory} is not null and ${scope}
            group by 1`,
      ),
    ]);
    return composeSummary({
      year,
      today,
      generatedAt: this.deps.clock.now().toISOString(),
      zones,
      areas: zoneId == null ? areas : areas.filter((area) => area.zoneId === zoneId),
      scopeZoneId: zoneId,
      monthly,
      targets,
      waiting,
      medians,
      funnel: { planned: status.planned, signed: status.signed, started: status.started, completed: status.completed },
      stalled: {
        signed: status.stalled_signed,
        started: status.stalled_started,
        signedDays: thresholds.signedDays,
        startedDays: thresholds.startedDays,
      },
      blocked: Object.fromEntries(blockedRows.map((row) => [row.category, row.count])),
      recent: {
        week: { signed: status.week_signed, started: status.week_started, completed: status.week_completed },
        month: { signed: status.month_signed, started: status.month_started, completed: status.month_completed },
      },
    });
  }

  private async monthly(ex: Executor, year: number, scope: SQL): Promise<MonthlyCount[]> {
    const from = startOfYear(year);
    const to = endOfYear(year);
    const perStage = (stage: RecordedStage) => sql`
      select ${buildings.areaId} as "areaId", ${stage}::text as stage,
             extract(month from ${stageDate(stage)})::int as month, count(*)::int as count
      from ${buildings}
      where ${countedIn(stage, from, to)} and ${scope}
      group by 1, 3`;
    return rows<MonthlyCount>(
      ex,
      sql`${perStage("signed")} union all ${perStage("started")} union all ${perStage("completed")}`,
    );
  }

  /** Buildings on their way, not stalled and not blocked, grouped by the date they entered their stage. */
  private async waiting(ex: Executor, today: string, t: StallThresholds, scope: SQL) {
    const waitingIn = (stage: "signed" | "started") => sql`
      select ${stage}::text as "from", ${stageDate(stage)}::text as since, count(*)::int as count
      from ${buildings}
      where ${inStage(stage)} and not (${stalled(today, t, stage)}) and ${buildings.blockerCategory} is null
        and ${scope}
      group by ${stageDate(stage)}`;
    return rows<WaitingGroup>(ex, sql`${waitingIn("signed")} union all ${waitingIn("started")}`);
  }

  /** Median days between stages, observed town-wide over the two years before today. */
  private async medians(ex: Executor, today: string) {
    const since = addDays(today, -730);
    const [row] = await rows<{ signed_to_started: number | null; started_to_completed: number | null }>(
      ex,
      sql`select
            (select percentile_cont(0.5) within group (order by started_on - signed_on) from buildings
              where not withdrawn and started_on >= ${since}) as signed_to_started,
            (select percentile_cont(0.5) within group (order by completed_on - started_on) from buildings
              where not withdrawn and completed_on >= ${since}) as started_to_completed`,
    );
    const number = (value: unknown) => (value == null ? null : Number(value));
    return { signedToStarted: number(row?.signed_to_started), startedToCompleted: number(row?.started_to_completed) };
  }

  private async status(ex: Executor, today: string, t: StallThresholds, scope: SQL) {
    const week = startOfWeek(today);
    const month = startOfMonth(today);
    const count = (condition: SQL) => sql`count(*) filter (where ${condition})::int`;
    const [row] = await rows<Record<string, number>>(
      ex,
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
      from ${buildings} where ${scope}`,
    );
    return row;
  }
}
