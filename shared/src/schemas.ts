// The zod schemas of every entity and request body. The server validates with them, the client's forms
// use them, and the OpenAPI description is generated from them; types are inferred, never written twice.

import { z } from "zod";
import { EARLIEST_DATE, isCalendarDate } from "./dates";
import { msg } from "./messages";
import { checkElderlyHouseholds, normalizeAddress } from "./stages";
import { BLOCKER_CATEGORIES, BUILDING_STAGES, RECORDED_STAGES, ROLES, type Role, STALL_FILTERS } from "./vocabulary";

export const recordedStageSchema = z.enum(RECORDED_STAGES);
export const buildingStageSchema = z.enum(BUILDING_STAGES);
export const blockerCategorySchema = z.enum(BLOCKER_CATEGORIES);
export const roleSchema = z.enum(ROLES);

/** A calendar date, YYYY-MM-DD, not before 2011-01-01. "Not in the future" needs today and lives in the rules. */
export const isoDateSchema = z
  .string()
  .refine(isCalendarDate, { error: () => msg("schema.dateInvalid") })
  .refine((value) => value >= EARLIEST_DATE, { error: () => msg("schema.dateTooEarly", { earliest: EARLIEST_DATE }) });

export const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
const idField = z.number().int().positive().max(2_147_483_647);
/**
 * Text as people mean it: invisible characters (zero-width spaces and joiners, bidi controls, other format
 * and control characters but tab and line break) removed, then trimmed. Two strings that look the same
 * are then stored the same, so uniqueness checks cannot be passed with an invisible character.
 */
export function cleanText(text: string): string {
  return text.replace(/[\p{Cf}\p{Cc}]/gu, (char) => (char === "\n" || char === "\t" ? char : "")).trim();
}
const text = () => z.string().overwrite(cleanText);
const shortText = (max: number) => text().max(max);
const optionalCount = (max: number) => z.number().int().min(0).max(max).nullable();
const optionalMoney = z.number().min(0).max(100_000).nullable();
export const yearSchema = z.coerce.number().int().min(2011).max(2100);

export const buildingFieldsSchema = z.object({
  areaId: idField,
  estate: shortText(100).default(""),
  address: text()
    .overwrite(normalizeAddress)
    .min(1, { error: () => msg("schema.addressEmpty") })
    .max(200),
  floors: z.number().int().min(2).max(40).nullable().default(null),
  households: optionalCount(1000).default(null),
  elderlyHouseholds: optionalCount(1000).default(null),
  elevatorCompany: shortText(100).default(""),
  consentRate: z.number().min(0).max(100).nullable().default(null),
  costWan: optionalMoney.default(null),
  subsidyWan: optionalMoney.default(null),
  notes: shortText(2000).default(""),
});
/** A building's editable fields (everything but its stages, blocker and withdrawal), in form order. */
export const BUILDING_FIELDS = buildingFieldsSchema.keyof().options;
export type BuildingFieldValues = z.output<typeof buildingFieldsSchema>;

function elderlyWithinHouseholds(
  value: { households?: number | null; elderlyHouseholds?: number | null },
  ctx: z.RefinementCtx,
) {
  const broken = checkElderlyHouseholds(value);
  if (broken) ctx.addIssue({ code: "custom", path: [broken.field], message: broken.message });
}

export const createBuildingSchema = z
  .strictObject({
    ...buildingFieldsSchema.shape,
    signedOn: isoDateSchema.nullable().default(null),
    startedOn: isoDateSchema.nullable().default(null),
    completedOn: isoDateSchema.nullable().default(null),
  })
  .superRefine(elderlyWithinHouseholds);
export type CreateBuilding = z.infer<typeof createBuildingSchema>;
export type CreateBuildingInput = z.input<typeof createBuildingSchema>;

const fieldsPatch = buildingFieldsSchema.partial();
/**
 * A blocker as a PATCH sets it: its category and note, and who answers for it by when (docs/DOMAIN.md
 * § Blocker supervision). An absent owner or due date is kept as it is; null clears it.
 */
export const blockerSchema = z.strictObject({
  category: blockerCategorySchema,
  note: shortText(500).default(""),
  ownerId: idField.nullable().optional(),
  dueOn: isoDateSchema.nullable().optional(),
});

/** PATCH /api/buildings/:id — any subset of the fields, a blocker (null clears it), withdrawal. */
export const patchBuildingSchema = z
  .strictObject({
    ...fieldsPatch.shape,
    // `.default()` on the base fields would fill absent keys in a patch; strip the defaults.
    estate: shortText(100).optional(),
    floors: z.number().int().min(2).max(40).nullable().optional(),
    households: optionalCount(1000).optional(),
    elderlyHouseholds: optionalCount(1000).optional(),
    elevatorCompany: shortText(100).optional(),
    consentRate: z.number().min(0).max(100).nullable().optional(),
    costWan: optionalMoney.optional(),
    subsidyWan: optionalMoney.optional(),
    notes: shortText(2000).optional(),
    blocker: blockerSchema.nullable().optional(),
    withdrawn: z.boolean().optional(),
    reason: shortText(500).optional(),
  })
  .superRefine(elderlyWithinHouseholds)
  .refine((patch) => Object.keys(patch).some((key) => key !== "reason"), {
    error: () => msg("schema.nothingToChange"),
  });
export type PatchBuilding = z.infer<typeof patchBuildingSchema>;

/** POST /api/buildings/:id/stage — record, correct or (date: null) clear one stage date. */
export const stageUpdateSchema = z.strictObject({
  stage: recordedStageSchema,
  date: isoDateSchema.nullable(),
  reason: shortText(500).optional(),
});
export type StageUpdate = z.infer<typeof stageUpdateSchema>;

export const buildingSchema = z.object({
  id: z.number().int(),
  areaId: z.number().int(),
  estate: z.string(),
  address: z.string(),
  floors: z.number().int().nullable(),
  households: z.number().int().nullable(),
  elderlyHouseholds: z.number().int().nullable(),
  elevatorCompany: z.string(),
  consentRate: z.number().nullable(),
  costWan: z.number().nullable(),
  subsidyWan: z.number().nullable(),
  notes: z.string(),
  signedOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  blockerCategory: blockerCategorySchema.nullable(),
  blockerNote: z.string(),
  blockedSince: z.string().nullable(),
  /** The user who answers for the blocker (docs/DOMAIN.md § Blocker supervision). */
  blockerOwnerId: z.number().int().nullable(),
  blockerDueOn: z.string().nullable(),
  withdrawn: z.boolean(),
  version: z.number().int(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Building = z.infer<typeof buildingSchema>;

/** The stage dates and flags the rules need — a subset of Building, so pure code and tests can build them. */

/** A calendar date bounding a range (any real date: a range may start before the programme did). */
const rangeDateSchema = z.string().refine(isCalendarDate, { error: () => msg("list.rangeDateInvalid") });

/** `counted` needs both ends of its range, the range its stage; from ≤ to. */
function countedRange(query: { counted?: unknown; from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (query.counted === undefined) {
    for (const field of ["from", "to"] as const) {
      if (query[field] !== undefined) {
        ctx.addIssue({ code: "custom", path: ["counted"], message: msg("list.countedNeeded", { field }) });
      }
    }
    return;
  }
  if (query.from === undefined) ctx.addIssue({ code: "custom", path: ["from"], message: msg("list.fromNeeded") });
  if (query.to === undefined) ctx.addIssue({ code: "custom", path: ["to"], message: msg("list.toNeeded") });
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: msg("list.toBeforeFrom") });
  }
}

/**
 * GET /api/buildings — each filter is the rule of a summary figure, so the list behind a figure has as many
 * rows as the figure says (docs/DOMAIN.md § The building list): `stage` the funnel, `counted` with `from`–`to`
 * the annual (or weekly, monthly) count, `stalled` the stalled counts, `blocked`/`blockerCategory` the blocked ones.
 */
export const buildingListQuerySchema = z
  .strictObject({
    areaId: idSchema.optional(),
    zoneId: idSchema.optional(),
    stage: z.enum([...BUILDING_STAGES, "withdrawn"]).optional(),
    /** Counted for this stage in [from, to]: not withdrawn, the stage's date in the range (inclusive). */
    counted: recordedStageSchema.optional(),
    from: rangeDateSchema.optional(),
    to: rangeDateSchema.optional(),
    q: z.string().trim().max(100).optional(),
    /** true: stalled in either stage; signed / started: stalled in that stage; false: not stalled. */
    stalled: z.enum(STALL_FILTERS).optional(),
    blocked: z.enum(["true", "false"]).optional(),
    blockerCategory: blockerCategorySchema.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
    sort: z.enum(["address", "updated", "signedOn", "startedOn", "completedOn", "stalled"]).default("address"),
    /** The buildings as they stood at the end of this day (not after today): docs/DOMAIN.md § As of a date. */
    asOf: isoDateSchema.optional(),
  })
  .superRefine(countedRange);
export type BuildingListQuery = z.infer<typeof buildingListQuerySchema>;

export const targetEntrySchema = z
  .strictObject({
    stage: recordedStageSchema,
    /** Both null for the town's own target. */
    areaId: idField.nullable().default(null),
    zoneId: idField.nullable().default(null),
    /** null removes the target. */
    value: z.number().int().min(0).max(1_000_000).nullable(),
  })
  .refine((entry) => entry.areaId == null || entry.zoneId == null, {
    error: () => msg("schema.targetOwner"),
    path: ["zoneId"],
  });
export type TargetEntry = z.infer<typeof targetEntrySchema>;
export const putTargetsSchema = z.strictObject({
  year: z.number().int().min(2011).max(2100),
  targets: z.array(targetEntrySchema).min(1).max(20_000),
});
export type PutTargets = z.infer<typeof putTargetsSchema>;

/** PUT /api/targets/letters/:areaId — who answers for an area's targets in a year, and when they signed. */
export const putLetterSchema = z.strictObject({
  year: z.number().int().min(2011).max(2100),
  zoneLeader: text().max(64),
  secretary: text().max(64),
  liaison: text().max(64),
  signedOn: isoDateSchema.nullable(),
});
export type PutLetter = z.infer<typeof putLetterSchema>;

export const summaryQuerySchema = z.strictObject({
  year: yearSchema.optional(),
  zoneId: idSchema.optional(),
  /** The figures as they stood at the end of this day (not after today): docs/DOMAIN.md § As of a date. */
  asOf: isoDateSchema.optional(),
});

export const loginSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(1, { error: () => msg("schema.usernameRequired") })
    .max(64),
  password: z
    .string()
    .min(1, { error: () => msg("schema.passwordRequired") })
    .max(200),
});

export const passwordSchema = z
  .string()
  .min(8, { error: () => msg("schema.passwordTooShort", { min: 8 }) })
  .max(200);
const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9_.-]+$/, { error: () => msg("schema.usernameCharacters") });

export const createUserSchema = z
  .strictObject({
    username: usernameSchema,
    displayName: text().min(1).max(64),
    role: roleSchema,
    areaId: idField.nullable().default(null),
    zoneId: idField.nullable().default(null),
    password: passwordSchema,
  })
  .superRefine(roleScope);
export const patchUserSchema = z
  .strictObject({
    displayName: text().min(1).max(64).optional(),
    role: roleSchema.optional(),
    areaId: idField.nullable().optional(),
    zoneId: idField.nullable().optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { error: () => msg("schema.nothingToChange") });

function roleScope(user: { role: Role; areaId: number | null; zoneId: number | null }, ctx: z.RefinementCtx) {
  if (user.role === "secretary" && user.areaId == null) {
    ctx.addIssue({ code: "custom", path: ["areaId"], message: msg("schema.secretaryNeedsArea") });
  }
  if (user.role !== "secretary" && user.areaId != null) {
    ctx.addIssue({ code: "custom", path: ["areaId"], message: msg("schema.onlySecretaryHasArea") });
  }
  if (user.role !== "leader" && user.zoneId != null) {
    ctx.addIssue({ code: "custom", path: ["zoneId"], message: msg("schema.onlyLeaderHasZone") });
  }
}
/** A role with the area or zone it is bound to, checked for consistency. */
export const userScopeSchema = z
  .object({ role: roleSchema, areaId: idField.nullable(), zoneId: idField.nullable() })
  .superRefine(roleScope);

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  areaId: z.number().int().nullable(),
  zoneId: z.number().int().nullable(),
  disabled: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const zoneSchema = z.object({ id: z.number().int(), name: z.string(), sortOrder: z.number().int() });
export const areaSchema = z.object({
  id: z.number().int(),
  zoneId: z.number().int(),
  name: z.string(),
  sortOrder: z.number().int(),
});
export type Zone = z.infer<typeof zoneSchema>;
export type Area = z.infer<typeof areaSchema>;

export const createZoneSchema = z.strictObject({ name: text().min(1).max(50) });
export const patchZoneSchema = z.strictObject({ name: text().min(1).max(50) });
export const createAreaSchema = z.strictObject({ name: text().min(1).max(50), zoneId: idField });
export const patchAreaSchema = z
  .strictObject({ name: text().min(1).max(50).optional(), zoneId: idField.optional() })
  .refine((patch) => Object.keys(patch).length > 0, { error: () => msg("schema.nothingToChange") });

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    requestId: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>["error"];

/** GET /api/audit — filters of the change log; `before` pages down from the previous page's last id. */
export const auditQuerySchema = z.strictObject({
  areaId: idSchema.optional(),
  userId: idSchema.optional(),
  action: z.string().max(50).optional(),
  entity: z.string().max(30).optional(),
  entityId: z.string().max(30).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The request bodies of accounts and structure, as a client builds them (before defaults are applied). */
export type CreateUserInput = z.input<typeof createUserSchema>;
export type PatchUserInput = z.input<typeof patchUserSchema>;
export type LoginInput = z.input<typeof loginSchema>;
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
export type CreateZoneInput = z.input<typeof createZoneSchema>;
export type PatchZoneInput = z.input<typeof patchZoneSchema>;
export type CreateAreaInput = z.input<typeof createAreaSchema>;
export type PatchAreaInput = z.input<typeof patchAreaSchema>;
