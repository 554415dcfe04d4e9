// The shapes of API responses that are not entities of schemas.ts: the server declares its routes with
// them (and the OpenAPI description is generated from them), the client reads its data as their types.

import { z } from "zod";
import { buildingSchema, recordedStageSchema, roleSchema } from "./schemas";
import { lastBlockerNoteSchema, personSchema } from "./supervision";
import { BUILDING_STAGES } from "./vocabulary";

export const sessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  areaId: z.number().int().nullable(),
  zoneId: z.number().int().nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const stageCountsSchema = z.object({
  planned: z.number(),
  signed: z.number(),
  started: z.number(),
  completed: z.number(),
  withdrawn: z.number(),
  blocked: z.number(),
  total: z.number(),
});
export type StageCounts = z.infer<typeof stageCountsSchema>;

export const zoneWithCountsSchema = z.object({
  id: z.number(),
  name: z.string(),
  sortOrder: z.number(),
  areaCount: z.number(),
  counts: stageCountsSchema,
});
export type ZoneWithCounts = z.infer<typeof zoneWithCountsSchema>;

export const areaWithCountsSchema = z.object({
  id: z.number(),
  name: z.string(),
  zoneId: z.number(),
  zoneName: z.string(),
  sortOrder: z.number(),
  counts: stageCountsSchema,
});
export type AreaWithCounts = z.infer<typeof areaWithCountsSchema>;

export const buildingListItemSchema = buildingSchema.extend({
  areaName: z.string(),
  zoneId: z.number(),
  stage: z.enum(BUILDING_STAGES),
  stalledDays: z.number().nullable(),
  /** Days since the blocker was set; null when not blocked (docs/DOMAIN.md § Blocker supervision). */
  blockedDays: z.number().nullable(),
  blockerOwner: personSchema.nullable(),
  /** The current blocker's last progress note. */
  lastBlockerNote: lastBlockerNoteSchema.nullable(),
  /** An open blocker past its due date. */
  overdue: z.boolean(),
});
export type BuildingListItem = z.infer<typeof buildingListItemSchema>;

const pageFields = { total: z.number(), page: z.number(), pageSize: z.number() };
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), ...pageFields });
export type Page<T> = { items: T[] } & z.infer<z.ZodObject<typeof pageFields>>;

export const auditRowSchema = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  username: z.string(),
  displayName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  /** The entity by the name people know it by (a building's address; an area's, zone's or account's name). */
  entityLabel: z.string().nullable(),
  areaId: z.number().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string(),
  requestId: z.string().nullable(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

/** GET /api/audit — a page of the change log, newest first. */
export const auditPageSchema = z.object({ items: z.array(auditRowSchema), nextBefore: z.number().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;

export const stageEventSchema = z.object({
  id: z.number(),
  buildingId: z.number(),
  stage: recordedStageSchema,
  fromDate: z.string().nullable(),
  toDate: z.string().nullable(),
  reason: z.string(),
  userId: z.number().nullable(),
  requestId: z.string().nullable(),
  at: z.string(),
});
export type StageEvent = z.infer<typeof stageEventSchema>;

export const buildingDetailSchema = z.object({
  building: buildingSchema,
  /** Stalled today, as the lists show it (shared stallOf with the task force's thresholds), or null. */
  stall: z.object({ kind: z.enum(["signed", "started"]), since: z.string(), days: z.number().int() }).nullable(),
  area: z.object({ id: z.number(), name: z.string(), zoneId: z.number(), zoneName: z.string() }).nullable(),
  history: z.array(auditRowSchema),
  stageEvents: z.array(stageEventSchema),
});
export type BuildingDetail = z.infer<typeof buildingDetailSchema>;

const stageValues = z.object({
  signed: z.number().nullable(),
  started: z.number().nullable(),
  completed: z.number().nullable(),
});
const allocationSchema = z.object({ town: z.number().nullable(), areaSum: z.number(), balanced: z.boolean() });
export const targetsResponseSchema = z.object({
  year: z.number(),
  town: stageValues,
  zones: z.array(stageValues.extend({ zoneId: z.number() })),
  areas: z.array(stageValues.extend({ areaId: z.number() })),
  allocation: z.object({ signed: allocationSchema, started: allocationSchema, completed: allocationSchema }),
});
export type TargetsResponse = z.infer<typeof targetsResponseSchema>;

export const targetLetterSchema = z.object({
  areaId: z.number(),
  areaName: z.string(),
  zoneId: z.number(),
  zoneName: z.string(),
  year: z.number(),
  zoneLeader: z.string(),
  secretary: z.string(),
  liaison: z.string(),
  signedOn: z.string().nullable(),
});
export type TargetLetter = z.infer<typeof targetLetterSchema>;

export const stallThresholdsSchema = z.strictObject({
  /** Signed and not started after this many days. */
  signedDays: z.number().int().min(1).max(3650),
  /** Started and not completed after this many days. */
  startedDays: z.number().int().min(1).max(3650),
});
export type StallThresholds = z.infer<typeof stallThresholdsSchema>;

/** Who issues the printed reports, letters and briefings, and the town they speak of (docs/DOMAIN.md § Reports). */
export const organizationSchema = z.strictObject({
  /** The town's name as printed in titles, e.g. 新泾镇. */
  townName: z.string().trim().min(1).max(20),
  /** The issuing unit printed on reports and briefings, e.g. 新泾镇加梯专班. */
  issuingUnit: z.string().trim().min(1).max(40),
});
export type Organization = z.infer<typeof organizationSchema>;
export const DEFAULT_ORGANIZATION: Organization = { townName: "新泾镇", issuingUnit: "新泾镇加梯专班" };

export const changeNoticeSchema = z.object({
  /** `session`: a session ended (logout); instances drop it from their session caches. Not sent to browsers. */
  kind: z.enum([
    "building",
    "targets",
    "structure",
    "users",
    "settings",
    "import",
    "session",
    "areaStatus",
    "review",
    "briefing",
  ]),
  id: z.number().optional(),
  areaId: z.number().nullable().optional(),
  previousAreaId: z.number().nullable().optional(),
  /**
   * A building change that left every count as it was (none of its stage dates, withdrawal, blocker category or
   * area changed): the summary and the areas' counts stay cached (docs/DOMAIN.md § What a count reads).
   * Absent: it may have changed any count.
   */
  countsUnchanged: z.literal(true).optional(),
});
export type ChangeNotice = z.infer<typeof changeNoticeSchema>;
