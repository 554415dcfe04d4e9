// GET /api/summary: the year's aggregates (repo.ts), composed with the pure composeSummary of shared/, and
// cached until the next change — today's, or as they stood at the end of a past day (`asOf`, docs/DOMAIN.md
// § As of a date).

import { checkAsOf, composeSummary, msg, type Summary, startOfMonth, startOfWeek } from "@jiati/shared";
import { GenerationCache } from "../core/cache";
import type { Deps } from "../core/deps";
import { InvalidInput, NotFound } from "../core/errors";
import { JsonText } from "../core/json-text";
import type { SettingsService } from "../settings/service";
import type { StructureService } from "../structure/service";
import { loadTargets } from "../targets/repo";
import {
  areaTroubles,
  blockedCounts,
  medianDurations,
  monthlyCounts,
  scopeOf,
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
    // Made of counts alone: kept through changes that leave them as they were (docs/DOMAIN.md § What a count reads).
    this.cache = new GenerationCache(deps.hub, 100, "counts");
  }

  async summary(year: number, zoneId: number | null, today: string, asOf?: string): Promise<Summary> {
    return (await this.cached(year, zoneId, today, asOf)).summary;
  }

  /** The summary serialised once per change, so a cached read costs no JSON work. */
  async summaryJson(year: number, zoneId: number | null, today: string, asOf?: string): Promise<JsonText> {
    return (await this.cached(year, zoneId, today, asOf)).json;
  }

  private cached(year: number, zoneId: number | null, today: string, asOf?: string) {
    const broken = checkAsOf(asOf, today);
    if (broken) throw InvalidInput.field(broken.field, broken.message);
    // Today's figures are the live ones, whether asked for by date or not.
    const past = asOf !== undefined && asOf < today ? asOf : null;
    return this.cache.get(`${year}|${zoneId ?? ""}|${today}|${past ?? ""}`, async () => {
      const summary = await this.compute(year, zoneId, today, past);
      return { summary, json: new JsonText(JSON.stringify(summary)) };
    });
  }

  /**
   * The summary computed afresh, bypassing the cache: of the buildings now, or (`asOf` before today) as they
   * stood at the end of that day, every figure then counted as if that day were today.
   */
  async compute(year: number, zoneId: number | null, today: string, asOf: string | null = null): Promise<Summary> {
    const ex = this.deps.db;
    const { zones, areas } = await this.structure.structure();
    if (zoneId != null && !zones.some((zone) => zone.id === zoneId)) throw new NotFound(msg("notFound.zone"));
    const thresholds = await this.settings.stallThresholds();
    const scope = scopeOf(zoneId, asOf);
    const day = asOf ?? today;
    const [monthly, targets, waiting, medians, status, blockedRows, troubles] = await Promise.all([
      monthlyCounts(ex, year, scope),
      loadTargets(ex, year),
      waitingGroups(ex, day, thresholds, scope),
      medianDurations(ex, day, asOf),
      stageStatus(ex, day, thresholds, scope),
      blockedCounts(ex, scope),
      areaTroubles(ex, day, thresholds, scope),
    ]);
    return composeSummary({
      year,
      today: day,
      asOf,
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
        weekFrom: startOfWeek(day),
        monthFrom: startOfMonth(day),
        through: day,
      },
      troubles,
    });
  }
}
