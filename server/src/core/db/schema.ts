// The database: one drizzle schema (PostgreSQL dialect) for PGlite and PostgreSQL alike.
// Migrations are generated from it with `npm run db:generate` and committed under server/drizzle/.

import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** Binary data (bytea): node-postgres hands back a Buffer, PGlite a Uint8Array; both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/** Text compared by code point (collation "C"), the same on every server whatever its locale: sort keys. */
const byteOrderedText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const zones = pgTable("zones", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  sortOrder: integer("sort_order").notNull().default(0),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: createdAt(),
});

export const areas = pgTable(
  "areas",
  {
    id: serial("id").primaryKey(),
    zoneId: integer("zone_id")
      .notNull()
      .references(() => zones.id),
    name: text("name").notNull().unique(),
    sortOrder: integer("sort_order").notNull().default(0),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("areas_zone_idx").on(t.zoneId)],
);

export const buildings = pgTable(
  "buildings",
  {
    id: serial("id").primaryKey(),
    areaId: integer("area_id")
      .notNull()
      .references(() => areas.id),
    estate: text("estate").notNull().default(""),
    address: text("address").notNull(),
    /** The address without spaces, lower-cased: unique, so one door number is one record. */
    addressKey: text("address_key").notNull(),
    /** The address as a sort key (shared addressSortKey: digit runs padded), so lists order 2号 before 10号. */
    addressSort: byteOrderedText("address_sort").notNull(),
    floors: integer("floors"),
    households: integer("households"),
    elderlyHouseholds: integer("elderly_households"),
    elevatorCompany: text("elevator_company").notNull().default(""),
    consentRate: numeric("consent_rate", { precision: 5, scale: 1, mode: "number" }),
    costWan: numeric("cost_wan", { precision: 10, scale: 2, mode: "number" }),
    subsidyWan: numeric("subsidy_wan", { precision: 10, scale: 2, mode: "number" }),
    notes: text("notes").notNull().default(""),
    signedOn: date("signed_on", { mode: "string" }),
    startedOn: date("started_on", { mode: "string" }),
    completedOn: date("completed_on", { mode: "string" }),
    blockerCategory: text("blocker_category"),
    blockerNote: text("blocker_note").notNull().default(""),
    blockedSince: date("blocked_since", { mode: "string" }),
    /** Who answers for the blocker, and by when (docs/DOMAIN.md § Blocker supervision); cleared with it. */
    blockerOwnerId: integer("blocker_owner_id").references((): AnyPgColumn => users.id),
    blockerDueOn: date("blocker_due_on", { mode: "string" }),
    withdrawn: boolean("withdrawn").notNull().default(false),
    version: integer("version").notNull().default(1),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("buildings_address_key_idx").on(t.addressKey),
    index("buildings_area_sort_idx").on(t.areaId, t.addressSort),
    index("buildings_signed_idx").on(t.signedOn),
    index("buildings_started_idx").on(t.startedOn),
    index("buildings_completed_idx").on(t.completedOn),
    // The 督办 list: open blockers by due date.
    index("buildings_blocker_due_idx").on(t.blockerDueOn).where(sql`${t.blockerCategory} is not null`),
    check(
      "buildings_stage_order",
      sql`(${t.startedOn} is null or ${t.signedOn} is not null and ${t.startedOn} >= ${t.signedOn})
      and (${t.completedOn} is null or ${t.startedOn} is not null and ${t.completedOn} >= ${t.startedOn})`,
    ),
  ],
);

/**
 * Append-only, a building's event log: one row per stage date recorded, corrected or cleared (`stage` is the
 * stage), per withdrawal or restoration (`stage` = 'withdrawn'), and per blocker set, changed or cleared
 * (`stage` = 'blocker') — what "as of a date" replays (docs/DOMAIN.md § As of a date).
 */
export const stageEvents = pgTable(
  "stage_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    buildingId: integer("building_id")
      .notNull()
      .references(() => buildings.id),
    stage: text("stage").notNull(),
    fromDate: date("from_date", { mode: "string" }),
    toDate: date("to_date", { mode: "string" }),
    /** 'withdrawn' rows: withdrawn (true) or restored (false). */
    withdrawn: boolean("withdrawn"),
    /** 'blocker' rows: the blocker after the change (category null: cleared). */
    blockerCategory: text("blocker_category"),
    blockerNote: text("blocker_note"),
    blockedSince: date("blocked_since", { mode: "string" }),
    reason: text("reason").notNull().default(""),
    userId: integer("user_id"),
    requestId: text("request_id"),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("stage_events_building_idx").on(t.buildingId, t.id)],
);

/** Annual targets per stage: for the town (zone and area null), a zone, or an area. */
export const targets = pgTable(
  "targets",
  {
    id: serial("id").primaryKey(),
    year: integer("year").notNull(),
    stage: text("stage").notNull(),
    zoneId: integer("zone_id").references(() => zones.id),
    areaId: integer("area_id").references(() => areas.id),
    value: integer("value").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    unique("targets_scope_unique").on(t.year, t.stage, t.zoneId, t.areaId).nullsNotDistinct(),
    check("targets_one_scope", sql`${t.zoneId} is null or ${t.areaId} is null`),
  ],
);

/** The year's target letter (目标任务书) of an area: who answers for it, and when it was signed. */
export const targetLetters = pgTable(
  "target_letters",
  {
    year: integer("year").notNull(),
    areaId: integer("area_id")
      .notNull()
      .references(() => areas.id),
    zoneLeader: text("zone_leader").notNull().default(""),
    secretary: text("secretary").notNull().default(""),
    liaison: text("liaison").notNull().default(""),
    signedOn: date("signed_on", { mode: "string" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.year, t.areaId] })],
);

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    role: text("role").notNull(),
    areaId: integer("area_id").references(() => areas.id),
    zoneId: integer("zone_id").references(() => zones.id),
    passwordHash: text("password_hash").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  // Logins match usernames case-insensitively, so no two may differ only in case.
  (t) => [uniqueIndex("users_username_lower_idx").on(sql`lower(${t.username})`)],
);

/** Sessions: the cookie carries a random id; only its SHA-256 is stored. */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const loginFailures = pgTable(
  "login_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    username: text("username").notNull(),
    address: text("address").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("login_failures_key_idx").on(t.username, t.address, t.at)],
);

/** Every change: who, when, what before, what after, why. Written in the transaction of the change. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    userId: integer("user_id"),
    username: text("username").notNull().default(""),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    areaId: integer("area_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason").notNull().default(""),
    requestId: text("request_id"),
  },
  (t) => [
    index("audit_entity_idx").on(t.entity, t.entityId, t.id),
    index("audit_at_idx").on(t.at),
    index("audit_user_idx").on(t.userId, t.id),
    index("audit_area_idx").on(t.areaId, t.id),
  ],
);

/** Small settings edited by the task force, such as the stall thresholds. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * An Excel import read and checked but not yet applied: the plan (rows to create, buildings to update with
 * the version each was read at) under a random token, for its uploader only, until it expires.
 */
export const importPreviews = pgTable(
  "import_previews",
  {
    token: text("token").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    fileName: text("file_name").notNull().default(""),
    plan: jsonb("plan").notNull(),
    /** Every row and error of the preview, gzipped JSON, read a page at a time. */
    detail: bytea("detail"),
    errorCount: integer("error_count").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    committedAt: timestamp("committed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("import_previews_expires_idx").on(t.expiresAt)],
);

/**
 * A dated progress note on a building's blocker (docs/DOMAIN.md § Blocker supervision). Kept as the
 * building's history when the blocker is cleared; `blockedSince` names the episode it belongs to.
 */
export const blockerNotes = pgTable(
  "blocker_notes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    buildingId: integer("building_id")
      .notNull()
      .references(() => buildings.id),
    blockedSince: date("blocked_since", { mode: "string" }).notNull(),
    text: text("text").notNull(),
    userId: integer("user_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("blocker_notes_building_idx").on(t.buildingId, t.blockedSince, t.id)],
);

/**
 * A site photo of a blocker or of one of its notes, stored in the database (so backups and every instance
 * have it): the bytes as resized by the browser, and their type as read from the bytes themselves.
 */
export const blockerPhotos = pgTable(
  "blocker_photos",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    buildingId: integer("building_id")
      .notNull()
      .references(() => buildings.id),
    noteId: bigint("note_id", { mode: "number" }).references(() => blockerNotes.id),
    blockedSince: date("blocked_since", { mode: "string" }).notNull(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    data: bytea("data").notNull(),
    userId: integer("user_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("blocker_photos_building_idx").on(t.buildingId, t.blockedSince, t.id)],
);

/** An area's short, dated status line (docs/DOMAIN.md § Area status lines): every line kept, the latest shown. */
export const areaStatuses = pgTable(
  "area_statuses",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    areaId: integer("area_id")
      .notNull()
      .references(() => areas.id),
    text: text("text").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    userId: integer("user_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("area_statuses_area_idx").on(t.areaId, t.id)],
);

/**
 * A year's review (年度总结, docs/DOMAIN.md § Year-end review): the task force's rule and hand changes while it is
 * a draft; once confirmed, `frozen` holds the review as confirmed — figures, proposal, titles, who confirmed —
 * and it is shown from that, unchanged by anything recorded later. `version` guards concurrent edits.
 */
export const yearReviews = pgTable(
  "year_reviews",
  {
    year: integer("year").primaryKey(),
    rule: jsonb("rule").notNull(),
    overrides: jsonb("overrides").notNull().default([]),
    status: text("status").notNull().default("draft"),
    frozen: jsonb("frozen"),
    confirmedBy: integer("confirmed_by").references(() => users.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true, mode: "date" }),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "year_reviews_confirmed_frozen",
      sql`${t.status} = 'draft' and ${t.frozen} is null and ${t.confirmedAt} is null
      or ${t.status} = 'confirmed' and ${t.frozen} is not null and ${t.confirmedAt} is not null`,
    ),
  ],
);

/**
 * A weekly 简报 of the town (zone null) or a zone (docs/DOMAIN.md § Weekly briefing): its content generated as
 * of a day of its ISO week, the task force's 下一步工作, and — once issued — frozen with its running number.
 */
export const briefings = pgTable(
  "briefings",
  {
    id: serial("id").primaryKey(),
    zoneId: integer("zone_id").references(() => zones.id),
    /** ISO week, `2022-W48`. */
    week: text("week").notNull(),
    /** The year its figures count (of `as_of`), which its running number restarts with. */
    year: integer("year").notNull(),
    asOf: date("as_of", { mode: "string" }).notNull(),
    content: jsonb("content").notNull(),
    nextSteps: text("next_steps").notNull().default(""),
    status: text("status").notNull().default("draft"),
    issueNo: integer("issue_no"),
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    issuedBy: integer("issued_by").references(() => users.id),
    issuedAt: timestamp("issued_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    // One briefing per scope and week; the town's (zone null) counts as one scope.
    unique("briefings_scope_week_unique").on(t.zoneId, t.week).nullsNotDistinct(),
    uniqueIndex("briefings_issue_no_idx")
      .on(sql`coalesce(${t.zoneId}, 0)`, t.year, t.issueNo)
      .where(sql`${t.issueNo} is not null`),
    index("briefings_week_idx").on(t.week, t.id),
    check("briefings_status", sql`${t.status} in ('draft', 'issued')`),
    check("briefings_issued", sql`(${t.status} = 'issued') = (${t.issueNo} is not null and ${t.issuedAt} is not null)`),
  ],
);

/**
 * A write sent with an Idempotency-Key and committed (docs/ARCHITECTURE.md § Offline): written in the write's
 * own transaction, with the answer it got, so a resend of it is answered the same and changes nothing. Kept
 * 7 days.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    key: text("key").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    method: text("method").notNull(),
    /** The request's path under /api, without its query: `/buildings/3/stage`. */
    path: text("path").notNull(),
    status: integer("status").notNull(),
    body: jsonb("body").notNull(),
    etag: text("etag"),
    /** SHA-256 of the request's body as parsed (canonical JSON): a key sent again with another body is refused. */
    requestHash: text("request_hash"),
    createdAt: createdAt(),
  },
  (t) => [index("idempotency_keys_created_idx").on(t.createdAt)],
);
