// The weekly 简报 (docs/DOMAIN.md § Weekly briefing): its week, the content frozen when it is issued, and the
// requests and answers of /api/briefings. The text itself is composed on the server (server/src/briefings/).

import { z } from "zod";
import { BRIEFING_STATUSES, NEXT_STEPS_MAX } from "./briefingHead";
import { msg } from "./messages";
import { blockerCategorySchema, cleanText, idSchema, isoDateSchema, recordedStageSchema } from "./schemas";

const stageFigureSchema = z.object({
  actual: z.number(),
  target: z.number().nullable(),
  percent: z.number().nullable(),
  expected: z.number().nullable(),
  gap: z.number().nullable(),
  /** The year's count as it stood a week before (as of D − 7). */
  lastWeek: z.number(),
  /** actual − lastWeek: this week's change (negative after a withdrawal or a correction). */
  added: z.number(),
});
export type BriefingStageFigure = z.infer<typeof stageFigureSchema>;

/** An area (or, when the town has too many to list, a zone) behind plan, and why. */
const behindLineSchema = z.object({
  kind: z.enum(["area", "zone"]),
  id: z.number(),
  name: z.string(),
  /** The area's zone, named in the town's briefing. */
  zoneName: z.string().nullable(),
  shortfall: z.number(),
  stagesShort: z.array(z.object({ stage: recordedStageSchema, count: z.number() })),
  stalled: z.number(),
  blocked: z.number(),
  blockers: z.array(z.object({ category: blockerCategorySchema, count: z.number() })),
  /** The latest status line written by the end of the briefing's day. */
  status: z.object({ text: z.string(), date: z.string(), author: z.string() }).nullable(),
});
export type BriefingBehindLine = z.infer<typeof behindLineSchema>;

const blockedBuildingSchema = z.object({
  buildingId: z.number(),
  address: z.string(),
  areaName: z.string(),
  category: blockerCategorySchema,
  since: z.string(),
  days: z.number(),
});

const sectionSchema = z.object({
  key: z.enum(["progress", "behind", "troubles"]),
  title: z.string(),
  paragraphs: z.array(z.string()),
});
export type BriefingSection = z.infer<typeof sectionSchema>;

/** What a briefing says, generated from the data as of its day and frozen when it is issued. */
export const briefingContentSchema = z.object({
  townName: z.string(),
  issuingUnit: z.string(),
  /** The town's name, or the zone's. */
  scopeName: z.string(),
  zoneId: z.number().nullable(),
  year: z.number(),
  asOf: z.string(),
  /** The day the week's change is counted from (asOf − 7). */
  lastWeekAsOf: z.string(),
  stages: z.object({ signed: stageFigureSchema, started: stageFigureSchema, completed: stageFigureSchema }),
  hasTargets: z.boolean(),
  behind: z.array(behindLineSchema),
  /** Behind lines beyond those named. */
  behindUnnamed: z.number(),
  stalled: z.object({ signed: z.number(), started: z.number(), signedDays: z.number(), startedDays: z.number() }),
  blocked: z.record(z.string(), z.number()),
  longestBlocked: z.array(blockedBuildingSchema),
  headline: z.string(),
  sections: z.array(sectionSchema),
});
export type BriefingContent = z.infer<typeof briefingContentSchema>;

const personRef = z.object({ id: z.number(), displayName: z.string() }).nullable();

const briefingFields = {
  id: z.number(),
  zoneId: z.number().nullable(),
  /** The town's name or the zone's, as generated. */
  scopeName: z.string(),
  /** ISO week, `2022-W48`. */
  week: z.string(),
  year: z.number(),
  asOf: z.string(),
  status: z.enum(BRIEFING_STATUSES),
  /** The running number per scope and year, given when issued (第N期); null for a draft. */
  issueNo: z.number().nullable(),
  version: z.number(),
  createdAt: z.string(),
  createdBy: personRef,
  updatedAt: z.string(),
  issuedAt: z.string().nullable(),
  issuedBy: personRef,
};

export const briefingListItemSchema = z.object(briefingFields);
export type BriefingListItem = z.infer<typeof briefingListItemSchema>;

export const briefingSchema = z.object({
  ...briefingFields,
  content: briefingContentSchema,
  nextSteps: z.string(),
  /** What the caller may do with it (docs/DOMAIN.md § Weekly briefing): the client offers only these. */
  abilities: z.object({ edit: z.boolean(), issue: z.boolean() }),
});
export type Briefing = z.infer<typeof briefingSchema>;

export const briefingListSchema = z.object({
  items: z.array(briefingListItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** May the caller generate briefings (the task force)? */
  canCreate: z.boolean(),
});
export type BriefingList = z.infer<typeof briefingListSchema>;

/** A scope: the town, or one zone. */
const scopeSchema = z.union([z.literal("town"), idSchema]);

/** GET /api/briefings — newest week first; `scope` keeps the town's or one zone's. */
export const briefingListQuerySchema = z.strictObject({
  scope: scopeSchema.optional(),
  status: z.enum(BRIEFING_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type BriefingListQuery = z.infer<typeof briefingListQuerySchema>;

/** POST /api/briefings — the week's draft for the town (zoneId null) or a zone, as of `asOf` (today). */
export const createBriefingSchema = z.strictObject({
  zoneId: z.number().int().positive().max(2_147_483_647).nullable(),
  asOf: isoDateSchema.optional(),
});
export type CreateBriefing = z.infer<typeof createBriefingSchema>;

/** POST /api/briefings/:id/regenerate — the draft's text afresh, as of a day of its week (today's, else its Sunday). */
export const regenerateBriefingSchema = z.strictObject({
  asOf: isoDateSchema.optional(),
});

/** PATCH /api/briefings/:id — the draft's 下一步工作. */
export const patchBriefingSchema = z.strictObject({
  nextSteps: z
    .string()
    .overwrite(cleanText)
    .max(NEXT_STEPS_MAX, { error: () => msg("briefing.nextStepsTooLong", { max: NEXT_STEPS_MAX }) }),
});
export type PatchBriefing = z.input<typeof patchBriefingSchema>;
