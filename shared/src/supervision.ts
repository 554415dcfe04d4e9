// Blocker supervision (督办) and the areas' status lines: the request bodies and queries the server validates,
// and the shapes it answers — the OpenAPI description is generated from them (docs/DOMAIN.md § Blocker supervision).

import { z } from "zod";
import { AREA_STATUS_MAX, BLOCKER_NOTE_MAX, PHOTO_TYPES } from "./blockers";
import { msg } from "./messages";
import { blockerCategorySchema, cleanText, idSchema } from "./schemas";

const cleanedText = (max: number, empty: () => string) =>
  z
    .string()
    .overwrite(cleanText)
    .min(1, { error: empty })
    .max(max, { error: () => msg("blocker.textTooLong", { max }) });

/** POST /api/buildings/:id/blocker/notes — a dated progress note on the building's blocker. */
export const blockerNoteInputSchema = z.strictObject({
  text: cleanedText(BLOCKER_NOTE_MAX, () => msg("blocker.noteRequired")),
});
export type BlockerNoteInput = z.input<typeof blockerNoteInputSchema>;

/** POST /api/buildings/:id/blocker/photos — the photo is the raw body; `noteId` attaches it to a note. */
export const photoUploadQuerySchema = z.strictObject({
  noteId: idSchema.optional(),
});

/** GET /api/blockers — open blockers in a zone or area; `overdue=true` keeps only the overdue ones. */
export const blockerListQuerySchema = z.strictObject({
  zoneId: idSchema.optional(),
  areaId: idSchema.optional(),
  overdue: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(500),
});
export type BlockerListQuery = z.infer<typeof blockerListQuerySchema>;

/** POST /api/areas/:id/status — the area's short, dated explanation of where it stands. */
export const areaStatusInputSchema = z.strictObject({
  text: cleanedText(AREA_STATUS_MAX, () => msg("blocker.statusRequired")),
});
export type AreaStatusInput = z.input<typeof areaStatusInputSchema>;

/** GET /api/area-statuses — the latest line of every area, or of a zone's areas. */
export const areaStatusesQuerySchema = z.strictObject({
  zoneId: idSchema.optional(),
});

/** A user as others see them: by display name. */
export const personSchema = z.object({ id: z.number().int(), displayName: z.string() });
export type Person = z.infer<typeof personSchema>;

export const blockerPhotoSchema = z.object({
  id: z.number().int(),
  /** The progress note it illustrates, or null for a photo of the blocker itself. */
  noteId: z.number().int().nullable(),
  contentType: z.enum(PHOTO_TYPES),
  bytes: z.number().int(),
  /** The day the blocker episode it belongs to began. */
  blockedSince: z.string(),
  at: z.string(),
  author: personSchema.nullable(),
  /** Where to GET the image (a session that may read the building is needed). */
  url: z.string(),
});
export type BlockerPhoto = z.infer<typeof blockerPhotoSchema>;

export const blockerNoteSchema = z.object({
  id: z.number().int(),
  buildingId: z.number().int(),
  text: z.string(),
  at: z.string(),
  author: personSchema.nullable(),
  /** The day the blocker episode it belongs to began. */
  blockedSince: z.string(),
  /** Of the blocker as it stands now (the building is blocked since that day). */
  current: z.boolean(),
  photos: z.array(blockerPhotoSchema),
});
export type BlockerNote = z.infer<typeof blockerNoteSchema>;

/**
 * GET /api/buildings/:id/blocker/notes — the building's blocker history: notes of the current episode first,
 * newest first, then earlier episodes', newest first; photos not attached to a note likewise.
 */
export const blockerThreadSchema = z.object({
  buildingId: z.number().int(),
  blockedSince: z.string().nullable(),
  owner: personSchema.nullable(),
  dueOn: z.string().nullable(),
  blockedDays: z.number().int().nullable(),
  overdue: z.boolean(),
  /** Photos the current episode may still take. */
  photosLeft: z.number().int(),
  /** The server's today, which days blocked and overdue are counted against. */
  today: z.string(),
  notes: z.array(blockerNoteSchema),
  photos: z.array(blockerPhotoSchema),
});
export type BlockerThread = z.infer<typeof blockerThreadSchema>;

/** The last progress note of a blocker, as lists show it. */
export const lastBlockerNoteSchema = z.object({
  text: z.string(),
  at: z.string(),
  /** The author's display name. */
  author: z.string(),
});
export type LastBlockerNote = z.infer<typeof lastBlockerNoteSchema>;

/** One open blocker on the 督办 list. */
export const blockerItemSchema = z.object({
  buildingId: z.number().int(),
  address: z.string(),
  estate: z.string(),
  areaId: z.number().int(),
  areaName: z.string(),
  zoneId: z.number().int(),
  zoneName: z.string(),
  category: blockerCategorySchema,
  note: z.string(),
  owner: personSchema.nullable(),
  dueOn: z.string().nullable(),
  blockedSince: z.string().nullable(),
  blockedDays: z.number().int().nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number().int().nullable(),
  lastNote: lastBlockerNoteSchema.nullable(),
  version: z.number().int(),
});
export type BlockerItem = z.infer<typeof blockerItemSchema>;

export const blockerListSchema = z.object({
  items: z.array(blockerItemSchema),
  /** Open blockers in scope (of those asked for), even beyond `limit`. */
  total: z.number().int(),
  overdueCount: z.number().int(),
  /** The server's today, which overdue is counted against. */
  today: z.string(),
});
export type BlockerList = z.infer<typeof blockerListSchema>;

/** A user who may own a blocker of an area: the task force, and that area's secretary. */
export const blockerOwnerOptionSchema = personSchema.extend({ role: z.enum(["taskforce", "secretary"]) });
export type BlockerOwnerOption = z.infer<typeof blockerOwnerOptionSchema>;

/**
 * An area's status line: what the area's secretary (or the task force) says about where it stands, dated.
 * The dashboard shows the latest beside areas that are behind — keep this shape.
 */
export const areaStatusSchema = z.object({
  id: z.number().int(),
  areaId: z.number().int(),
  text: z.string(),
  /** The day it was written (Shanghai), YYYY-MM-DD. */
  date: z.string(),
  /** Its author's display name. */
  author: z.string(),
  at: z.string(),
});
export type AreaStatus = z.infer<typeof areaStatusSchema>;
