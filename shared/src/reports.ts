// The progress report's own words (docs/DOMAIN.md § Reports): the 下一步工作 the task force types before
// printing, kept on the server per year and scope (the town, or one zone) so every printout carries the same.

import { z } from "zod";
import { msg } from "./messages";
import { cleanText, idSchema, yearSchema } from "./schemas";

/** Characters of 下一步工作: about half an A4 page in the report's print type. */
export const REPORT_NEXT_STEPS_MAX = 2000;

/** GET and PUT /api/report-notes — which report: a year, and the town (no zone) or one zone. */
export const reportNotesQuerySchema = z.strictObject({
  year: yearSchema,
  zoneId: idSchema.optional(),
});
export type ReportNotesQuery = z.infer<typeof reportNotesQuerySchema>;

/** PUT /api/report-notes (If-Match: the version read) — empty clears it. */
export const reportNotesInputSchema = z.strictObject({
  nextSteps: z
    .string()
    .overwrite(cleanText)
    .max(REPORT_NEXT_STEPS_MAX, { error: () => msg("report.nextStepsTooLong", { max: REPORT_NEXT_STEPS_MAX }) }),
});
export type ReportNotesInput = z.input<typeof reportNotesInputSchema>;

export const reportNotesSchema = z.object({
  year: z.number().int(),
  zoneId: z.number().int().nullable(),
  nextSteps: z.string(),
  /** 0 until first written; each write adds one. Sent back as If-Match. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  /** The last writer's display name. */
  updatedBy: z.string().nullable(),
  /** Whether the session's user may write it (the task force). */
  editable: z.boolean(),
});
export type ReportNotes = z.infer<typeof reportNotesSchema>;
