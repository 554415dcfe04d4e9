// The year-end review (年度总结, docs/DOMAIN.md § Year-end review): each area's results of a closed year against
// its targets, ranked, and the 先进 / 优秀 areas the task force's rule proposes — the rule as a pure function,
// and the request and response shapes the server validates and the OpenAPI description is generated from.

import { z } from "zod";
import { monthOf, yearOf } from "./dates";
import { msg } from "./messages";
import { cleanText, recordedStageSchema } from "./schemas";
import { compareRanking } from "./summary";
import { RECORDED_STAGES, type RecordedStage } from "./vocabulary";

/** The titles, highest first: 优秀居民区, then 先进居民区. An area holds at most one. */
export const AWARDS = ["excellent", "advanced"] as const;
export type Award = (typeof AWARDS)[number];

/** The month from which this year's review may be drafted (its figures then live); confirmed only once it is over. */
export const REVIEW_DRAFT_MONTH = 12;

/**
 * Where a year's review stands on `today`: `closed` (the year is over — its review stands on 31 December and may be
 * confirmed), `drafting` (this year, from 1 December: a draft on today's figures, not yet confirmable), or
 * `unavailable` (earlier in this year, or a later year).
 */
export function reviewWindowOf(year: number, today: string): "closed" | "drafting" | "unavailable" {
  const current = yearOf(today);
  if (year < current) return "closed";
  if (year === current && monthOf(today) >= REVIEW_DRAFT_MONTH) return "drafting";
  return "unavailable";
}

/** The day a review's figures stand on: 31 December of a closed year, else today. */
export function reviewDayOf(year: number, today: string): string {
  return reviewWindowOf(year, today) === "closed" ? `${year}-12-31` : today;
}

// ---- the rule ----

const uniqueStages = (stages: readonly string[]) => new Set(stages).size === stages.length;

export const awardRuleSchema = z.strictObject({
  /** The stages whose target an area must meet to be 先进 (at least one). */
  stages: z
    .array(recordedStageSchema)
    .min(1, { error: () => msg("review.stagesNeeded") })
    .max(RECORDED_STAGES.length)
    .refine(uniqueStages, { error: () => msg("review.stagesRepeated") }),
  /** How many of the 先进, by completion percent, are proposed 优秀 (those tied with the last one too). */
  excellentCount: z.number().int().min(0).max(100),
  /** The completion percent an area needs to be proposed 优秀; null: no minimum. */
  excellentMinPercent: z.number().min(0).max(1000).nullable(),
});
export type AwardRule = z.infer<typeof awardRuleSchema>;

export const DEFAULT_AWARD_RULE: AwardRule = {
  stages: [...RECORDED_STAGES],
  excellentCount: 2,
  excellentMinPercent: null,
};

/** One stage of an area's year: its count, its target, the percent (one decimal) and whether it was met. */
export const stageResultSchema = z.object({
  actual: z.number().int(),
  target: z.number().int().nullable(),
  /** actual / target in percent, one decimal, as the summary shows it; null without a target (or a target of 0). */
  percent: z.number().nullable(),
  /** actual ≥ target; null without a target (or a target of 0): nothing to meet. */
  met: z.boolean().nullable(),
});
export type StageResult = z.infer<typeof stageResultSchema>;

/** A stage's result from its count and target (docs/DOMAIN.md § Year-end review). */
export function stageResult(actual: number, target: number | null, percent: number | null): StageResult {
  if (target == null || target <= 0) return { actual, target, percent: null, met: null };
  return { actual, target, percent, met: actual >= target };
}

/** What the rule looks at of an area. */
export interface AwardCandidate {
  areaId: number;
  /** By the ranking rule (docs/DOMAIN.md § Progress), 1 first: orders areas tied on completion percent. */
  rank: number;
  stages: Record<RecordedStage, StageResult>;
}

/** Whether an area met every target the rule asks for (a stage without a target is not met). */
export function meetsRule(candidate: AwardCandidate, rule: AwardRule): boolean {
  return rule.stages.every((stage) => candidate.stages[stage].met === true);
}

/**
 * The areas the rule proposes (docs/DOMAIN.md § Year-end review): those meeting every target of the rule's stages
 * are 先进; of them, the `excellentCount` with the highest completion percent — and any tied with the last of those
 * — having at least `excellentMinPercent`, are 优秀 instead. An area without a completion percent (no completion
 * target) cannot be 优秀. Areas not in the map are proposed nothing.
 */
export function proposeAwards(candidates: readonly AwardCandidate[], rule: AwardRule): Map<number, Award> {
  const qualified = candidates.filter((candidate) => meetsRule(candidate, rule));
  const completion = (candidate: AwardCandidate) => candidate.stages.completed.percent;
  const pool = qualified
    .filter((candidate) => {
      const percent = completion(candidate);
      return percent != null && (rule.excellentMinPercent == null || percent >= rule.excellentMinPercent);
    })
    .sort((a, b) => (completion(b) ?? 0) - (completion(a) ?? 0) || a.rank - b.rank);
  const last = rule.excellentCount > 0 ? pool[Math.min(rule.excellentCount, pool.length) - 1] : undefined;
  const cutoff = last ? completion(last) : null;
  const awards = new Map<number, Award>();
  for (const candidate of qualified) {
    const percent = completion(candidate);
    const excellent = cutoff != null && percent != null && pool.includes(candidate) && percent >= cutoff;
    awards.set(candidate.areaId, excellent ? "excellent" : "advanced");
  }
  return awards;
}

// ---- the review ----

const noteText = z
  .string()
  .overwrite(cleanText)
  .min(1, { error: () => msg("review.noteNeeded") })
  .max(200, { error: () => msg("review.textTooLong", { max: 200 }) });

/** A hand change: the area's title set by the task force whatever the rule proposes (null: none), and why. */
export const awardOverrideSchema = z.strictObject({
  areaId: z.number().int().positive().max(2_147_483_647),
  award: z.enum(AWARDS).nullable(),
  note: noteText,
});
export type AwardOverride = z.infer<typeof awardOverrideSchema>;

/** PUT /api/reviews/:year (If-Match: version; 0 for a review not yet saved) — the rule and the hand changes. */
export const putReviewSchema = z.strictObject({
  rule: awardRuleSchema,
  overrides: z
    .array(awardOverrideSchema)
    .max(1_000)
    .superRefine((overrides, ctx) => {
      const seen = new Set<number>();
      overrides.forEach((override, index) => {
        if (seen.has(override.areaId)) {
          ctx.addIssue({ code: "custom", path: [index, "areaId"], message: msg("review.overrideRepeated") });
        }
        seen.add(override.areaId);
      });
    }),
});
export type PutReview = z.infer<typeof putReviewSchema>;
export type PutReviewInput = z.input<typeof putReviewSchema>;

/** POST /api/reviews/:year/reopen (If-Match) — why a confirmed review is opened again. */
export const reopenReviewSchema = z.strictObject({ reason: noteText });
export type ReopenReview = z.infer<typeof reopenReviewSchema>;

const byStage = <T extends z.ZodType>(schema: T) => z.object({ signed: schema, started: schema, completed: schema });

export const reviewRowSchema = z.object({
  areaId: z.number().int(),
  name: z.string(),
  zoneId: z.number().int(),
  zoneName: z.string(),
  /** By the ranking rule on the review's day. */
  rank: z.number().int(),
  /** Whole elevators short of the targets, summed over the stages (0 when every target was met). */
  shortfall: z.number().int(),
  stages: byStage(stageResultSchema),
  /** Met every target of the rule's stages. */
  qualified: z.boolean(),
  /** What the rule proposes. */
  proposed: z.enum(AWARDS).nullable(),
  /** The title: the hand change when there is one, else the proposal. */
  award: z.enum(AWARDS).nullable(),
  override: z.object({ award: z.enum(AWARDS).nullable(), note: z.string() }).nullable(),
});
export type ReviewRow = z.infer<typeof reviewRowSchema>;

const awardedAreaSchema = z.object({ areaId: z.number().int(), name: z.string() });

export const yearReviewSchema = z.object({
  year: z.number().int(),
  status: z.enum(["draft", "confirmed"]),
  /** Sent back as If-Match with the next change; 0 while nothing has been saved. */
  version: z.number().int(),
  /** The day the figures stand on: 31 December of a closed year, today for this year's December draft. */
  asOf: z.string(),
  /** The year is over: its review may be confirmed. */
  closed: z.boolean(),
  rule: awardRuleSchema,
  /** Every area (a secretary: their own only), by rank. */
  rows: z.array(reviewRowSchema),
  /** The town's figures against the town's targets. */
  town: byStage(stageResultSchema),
  /** The titled areas by rank: 优秀 and 先进. */
  awards: z.object({ excellent: z.array(awardedAreaSchema), advanced: z.array(awardedAreaSchema) }),
  confirmed: z.object({ by: z.string(), at: z.string() }).nullable(),
  /** Whether only the caller's own area is shown (a secretary). */
  partial: z.boolean(),
  /** What the caller may do with it now (docs/DOMAIN.md § Year-end review). */
  abilities: z.object({ edit: z.boolean(), confirm: z.boolean(), reopen: z.boolean() }),
});
export type YearReview = z.infer<typeof yearReviewSchema>;

export const reviewYearSchema = z.object({
  year: z.number().int(),
  /** none: nothing saved yet. */
  status: z.enum(["none", "draft", "confirmed"]),
  closed: z.boolean(),
  confirmedAt: z.string().nullable(),
});
export type ReviewYear = z.infer<typeof reviewYearSchema>;

/** An area's figures on the review's day, as the summary has them (its per-area rows). */
export interface ReviewFigures {
  id: number;
  name: string;
  zoneId: number;
  zoneName: string;
  shortfall: number;
  stages: Record<RecordedStage, { actual: number; target: number | null; percent: number | null }>;
}

/**
 * The review's rows: every area's results, ranked by the ranking rule, with the rule's proposal and the task
 * force's hand changes applied; and the titled areas, by rank.
 */
export function composeReview(
  figures: readonly ReviewFigures[],
  rule: AwardRule,
  overrides: readonly AwardOverride[],
): { rows: ReviewRow[]; awards: YearReview["awards"] } {
  const ranked = [...figures].sort(compareRanking);
  const results = ranked.map((area, index) => ({
    area,
    candidate: {
      areaId: area.id,
      rank: index + 1,
      stages: {
        signed: stageResult(area.stages.signed.actual, area.stages.signed.target, area.stages.signed.percent),
        started: stageResult(area.stages.started.actual, area.stages.started.target, area.stages.started.percent),
        completed: stageResult(
          area.stages.completed.actual,
          area.stages.completed.target,
          area.stages.completed.percent,
        ),
      },
    } satisfies AwardCandidate,
  }));
  const proposals = proposeAwards(
    results.map((result) => result.candidate),
    rule,
  );
  const byArea = new Map(overrides.map((override) => [override.areaId, override]));
  const rows = results.map(({ area, candidate }): ReviewRow => {
    const override = byArea.get(area.id);
    const proposed = proposals.get(area.id) ?? null;
    return {
      areaId: area.id,
      name: area.name,
      zoneId: area.zoneId,
      zoneName: area.zoneName,
      rank: candidate.rank,
      shortfall: area.shortfall,
      stages: candidate.stages,
      qualified: meetsRule(candidate, rule),
      proposed,
      award: override ? override.award : proposed,
      override: override ? { award: override.award, note: override.note } : null,
    };
  });
  return { rows, awards: awardsOf(rows) };
}

/** The titled areas of `rows`, by rank. */
export function awardsOf(rows: readonly ReviewRow[]): YearReview["awards"] {
  const named = (award: Award) =>
    rows.filter((row) => row.award === award).map((row) => ({ areaId: row.areaId, name: row.name }));
  return { excellent: named("excellent"), advanced: named("advanced") };
}
