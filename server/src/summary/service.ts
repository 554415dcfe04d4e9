// GET /api/summary: the year's aggregates (repo.ts), composed with the pure composeSummary of shared/, and
// cached until the next change.

import { composeSummary, msg, type Summary, startOfMonth, startOfWeek } from "@jiati/shared";
import { GenerationCache } from "../core/cache";
import type { Deps } from "../core/deps";
import { NotFound } from "../core/errors";
import { JsonText } from "../core/json-text";
import type { SettingsService } from "../settings/service";
import type { StructureService } from "../structure/service";
import { loadTargets } from "../targets/repo";
import {
  areaTroubles,
  blockedCounts,
  medianDurations,
  monthlyCounts,
  scopeFilter,
  stageStatus,
  waitingGroups,
} from "./repo";

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
    if (zoneId != null && !zones.some((zone) => zone.id === zoneId)) throw new NotFound(msg("notFound.zone"));
    const thresholds = await this.settings.stallThresholds();
    const scope = scopeFilter(zoneId);
    const [monthly, targets, waiting, medians, status, blockedRows, troubles] = await Promise.all([
      monthlyCounts(ex, year, scope),
      loadTargets(ex, year),
      waitingGroups(ex, today, thresholds, scope),
      medianDurations(ex, today),
      stageStatus(ex, today, thresholds, scope),
      blockedCounts(ex, scope),
      areaTroubles(ex, today, thresholds, scope),
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
        weekFrom: startOfWeek(today),
        monthFrom: startOfMonth(today),
        through: today,
      },
      troubles,
    });
  }
}
