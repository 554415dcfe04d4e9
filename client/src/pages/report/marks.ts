// Behind and on track in words and symbols as well as colour (docs/DOMAIN.md § Reports): a report printed in
// black and white, or read by someone who does not tell red from green, still says who is behind and by how much.

import type { RecordedStage } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import type { TFunction } from "i18next";

export type Standing = { kind: "behind"; count: number } | { kind: "onTrack" } | { kind: "noTarget" };

/** The symbols of a tight cell: ▼ behind plan, ✓ on track. */
export const MARK = { behind: "▼", onTrack: "✓" } as const;

/** A stage against plan: behind by −gap whole elevators, on track, or nothing to judge without a target. */
export function stageStanding(progress: { onTrack: boolean | null; gap: number | null }): Standing {
  if (progress.onTrack == null) return { kind: "noTarget" };
  if (progress.onTrack) return { kind: "onTrack" };
  return { kind: "behind", count: Math.max(0, -(progress.gap ?? 0)) };
}

/** A zone or area: behind by its shortfall (its stages' elevators behind, summed); on track when judged at all. */
export function rowStanding(row: {
  behind: boolean;
  shortfall: number;
  stages: Record<RecordedStage, { onTrack: boolean | null }>;
}): Standing {
  if (row.behind) return { kind: "behind", count: row.shortfall };
  return RECORDED_STAGES.some((stage) => row.stages[stage].onTrack != null)
    ? { kind: "onTrack" }
    : { kind: "noTarget" };
}

/** "▼落后 3台", "✓按计划", or "" without a target. */
export function standingLabel(t: TFunction, standing: Standing): string {
  if (standing.kind === "behind") return t("report.mark.behind", { count: standing.count });
  if (standing.kind === "onTrack") return t("report.mark.onTrack");
  return "";
}

/** The symbol before a figure behind plan (a percent, a month's count); nothing otherwise. */
export function behindSymbol(standing: Standing): string {
  return standing.kind === "behind" ? MARK.behind : "";
}
