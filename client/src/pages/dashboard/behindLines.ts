// Who is behind plan, worst first: the zones or areas of a summary that are behind (docs/DOMAIN.md § Progress),
// each with the latest explanation its secretary wrote — the dashboard's 落后与原因 and the printed report's list.

import type { AreaStatus, RecordedStage, Summary } from "@jiati/shared";

export interface BehindLine {
  kind: "zone" | "area";
  id: number;
  name: string;
  /** The zone's name beside an area, in the town view. */
  context?: string;
  stages: Record<RecordedStage, { gap: number | null }>;
  shortfall: number;
  stalled: number;
  blocked: number;
  /** Behind areas in a zone. */
  areasBehind?: number;
  status?: AreaStatus;
}

/** The lines behind plan, worst first; each area's latest explanation, a zone's its areas' latest. */
export function behindLines(summary: Summary, by: "zone" | "area", statuses: readonly AreaStatus[]): BehindLine[] {
  const statusOf = new Map(statuses.map((status) => [status.areaId, status]));
  const areas = summary.areas ?? [];
  const lines: BehindLine[] =
    by === "area"
      ? areas
          .filter((area) => area.behind)
          .map((area) => ({
            ...area,
            kind: "area",
            context: summary.scope.zoneId ? undefined : area.zoneName,
            status: statusOf.get(area.id),
          }))
      : summary.zones
          .filter((zone) => zone.behind)
          .map((zone) => {
            const behindAreas = areas.filter((area) => area.zoneId === zone.id && area.behind);
            const latest = behindAreas
              .map((area) => statusOf.get(area.id))
              .filter((status): status is AreaStatus => status !== undefined)
              .sort((a, b) => b.at.localeCompare(a.at))[0];
            return { ...zone, kind: "zone", areasBehind: behindAreas.length, status: latest };
          });
  return lines.sort((a, b) => b.shortfall - a.shortfall || a.name.localeCompare(b.name, "zh-CN"));
}
