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
import { sql } from "drizzle-orm";
import { GenerationCache } from "../cache";
import type { Executor } from "../db";
import { queryRows } from "../db/sql";
import type { Deps } from "../deps";
import { NotFound } from "../errors";
import { JsonText } from "../http/route";
import type { SettingsService } from "../settings/service";
import type { StructureService } from "../structure/service";
import { loadTargets } from "../targets/service";

const rows = queryRows;

function scopeFilter(zoneId: number | null) {
  return zoneId == null ? sql`true` : sql`b.area_id in (select id from areas where zone_id = ${zoneId})`;
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
        sql`select blocker_category as category, count(*)::int as count from buildings b
            where not withdrawn and completed_on is null and blocker_category is not null and ${scope}
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

  private async monthly(ex: Executor, year: number, scope: ReturnType<typeof sql>): Promise<MonthlyCount[]> {
    const from = startOfYear(year);
    const to = endOfYear(year);
    const perStage = (stage: RecordedStage, column: string) => sql`
      select b.area_id as "areaId", ${stage}::text as stage, extract(month from b.${sql.raw(column)})::int as month,
             count(*)::int as count
      from buildings b
      where not b.withdrawn and b.${sql.raw(column)} between ${from} and ${to} and ${scope}
      group by 1, 3`;
    return rows<MonthlyCount>(
      ex,
      sql`${perStage("signed", "signed_on")} union all ${perStage("started", "started_on")} union all ${perStage("completed", "completed_on")}`,
    );
  }

  /** Buildings on their way, not stalled and not blocked, grouped by the date they entered their stage. */
  private async waiting(ex: Executor, today: string, t: StallThresholds, scope: ReturnType<typeof sql>) {
    return rows<WaitingGroup>(
      ex,
      sql`select 'signed' as "from", signed_on::text as since, count(*)::int as count from buildings b
          where not withdrawn and started_on is null and blocker_category is null
            and signed_on >= ${addDays(today, -t.signedDays)} and ${scope}
          group by signed_on
          union all
          select 'started', started_on::text, count(*)::int from buildings b
          where not withdrawn and completed_on is null and blocker_category is null
            and started_on >= ${addDays(today, -t.startedDays)} and ${scope}
          group by started_on`,
    );
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

  private async status(ex: Executor, today: string, t: StallThresholds, scope: ReturnType<typeof sql>) {
    const week = startOfWeek(today);
    const month = startOfMonth(today);
    const signedStall = addDays(today, -t.signedDays);
    const startedStall = addDays(today, -t.startedDays);
    const [row] = await rows<Record<string, number>>(
      ex,
      sql`select
        count(*) filter (where signed_on is null)::int as planned,
        count(*) filter (where signed_on is not null and started_on is null)::int as signed,
        count(*) filter (where started_on is not null and completed_on is null)::int as started,
        count(*) filter (where completed_on is not null)::int as completed,
        count(*) filter (where signed_on < ${signedStall} and started_on is null)::int as stalled_signed,
        count(*) filter (where started_on < ${startedStall} and completed_on is null)::int as stalled_started,
        count(*) filter (where signed_on >= ${week} and signed_on <= ${today})::int as week_signed,
        count(*) filter (where started_on >= ${week} and started_on <= ${today})::int as week_started,
        count(*) filter (where completed_on >= ${week} and completed_on <= ${today})::int as week_completed,
        count(*) filter (where signed_on >= ${month} and signed_on <= ${today})::int as month_signed,
        count(*) filter (where started_on >= ${month} and started_on <= ${today})::int as month_started,
        count(*) filter (where completed_on >= ${month} and completed_on <= ${today})::int as month_completed
      from buildings b where not withdrawn and ${scope}`,
    );
    return row;
  }
}
