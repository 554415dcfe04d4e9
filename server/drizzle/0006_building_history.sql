-- The building's event log also keeps withdrawals and blockers, so every figure can be replayed as it stood at
-- the end of a past day (docs/DOMAIN.md § As of a date). Additive: four nullable columns, then history for the
-- rows that exist, from the audit log where it says more than the current state.
--
-- What the backfill knows exactly and what it approximates:
-- * Stage dates: the app and the import have always written an event per date; a building whose current date
--   is not what its last event says (none expected) gets one more event, dated when the building last changed.
--   A date without any event gets one recorded on that day at 10:00 (approximate: assumed recorded the day it
--   happened).
-- * Withdrawals: each withdrawal or restoration in the audit log (edits and imports), at its time — exact.
--   A building whose current state still differs gets one event, dated when it last changed (approximate).
-- * Blockers: each category set, changed or cleared in the audit log, at its time — exact as to the category;
--   the note is the one written with it (later note-only changes are not replayed). A building whose current
--   blocker still differs gets one event on its blocked_since day at 10:00 (when no earlier blocker event
--   exists), else when it last changed (approximate).
ALTER TABLE "stage_events" ADD COLUMN "withdrawn" boolean;--> statement-breakpoint
ALTER TABLE "stage_events" ADD COLUMN "blocker_category" text;--> statement-breakpoint
ALTER TABLE "stage_events" ADD COLUMN "blocker_note" text;--> statement-breakpoint
ALTER TABLE "stage_events" ADD COLUMN "blocked_since" date;--> statement-breakpoint
WITH last AS (
	SELECT DISTINCT ON (building_id, stage) building_id, stage, to_date
	FROM "stage_events" WHERE stage IN ('signed', 'started', 'completed')
	ORDER BY building_id, stage, at DESC, id DESC
), current AS (
	SELECT b.id, b.updated_at, s.stage, s.day
	FROM "buildings" b
	CROSS JOIN LATERAL (VALUES ('signed', b.signed_on), ('started', b.started_on), ('completed', b.completed_on)) AS s(stage, day)
)
INSERT INTO "stage_events" ("building_id", "stage", "from_date", "to_date", "reason", "at")
SELECT c.id, c.stage, last.to_date, c.day, '升级补记',
	CASE WHEN last.building_id IS NULL THEN (c.day::text || 'T10:00:00+08:00')::timestamptz ELSE c.updated_at END
FROM current c LEFT JOIN last ON last.building_id = c.id AND last.stage = c.stage
WHERE c.day IS DISTINCT FROM last.to_date AND (c.day IS NOT NULL OR last.building_id IS NOT NULL)
ORDER BY c.id, array_position(ARRAY['signed', 'started', 'completed'], c.stage);--> statement-breakpoint
INSERT INTO "stage_events" ("building_id", "stage", "withdrawn", "reason", "user_id", "request_id", "at")
SELECT a.entity_id::int, 'withdrawn', (a.after->>'withdrawn')::boolean, a.reason, a.user_id, a.request_id, a.at
FROM "audit_log" a
WHERE a.entity = 'building' AND a.action <> 'building.create' AND a.after ? 'withdrawn'
	AND a.entity_id ~ '^[0-9]+$' AND EXISTS (SELECT 1 FROM "buildings" b WHERE b.id = a.entity_id::int)
ORDER BY a.id;--> statement-breakpoint
WITH last AS (
	SELECT DISTINCT ON (building_id) building_id, withdrawn
	FROM "stage_events" WHERE stage = 'withdrawn'
	ORDER BY building_id, at DESC, id DESC
)
INSERT INTO "stage_events" ("building_id", "stage", "withdrawn", "reason", "at")
SELECT b.id, 'withdrawn', b.withdrawn, '升级补记', b.updated_at
FROM "buildings" b LEFT JOIN last ON last.building_id = b.id
WHERE b.withdrawn IS DISTINCT FROM coalesce(last.withdrawn, false)
ORDER BY b.id;--> statement-breakpoint
INSERT INTO "stage_events" ("building_id", "stage", "blocker_category", "blocker_note", "blocked_since", "reason", "user_id", "request_id", "at")
SELECT a.entity_id::int, 'blocker', a.after->>'blockerCategory',
	CASE WHEN a.after->>'blockerCategory' IS NULL THEN '' ELSE coalesce(a.after->>'blockerNote', '') END,
	CASE WHEN a.after->>'blockerCategory' IS NULL THEN NULL
		ELSE coalesce((a.after->>'blockedSince')::date, ((a.at AT TIME ZONE 'UTC') + interval '8 hours')::date) END,
	a.reason, a.user_id, a.request_id, a.at
FROM "audit_log" a
WHERE a.entity = 'building' AND a.action <> 'building.create' AND a.after ? 'blockerCategory'
	AND a.entity_id ~ '^[0-9]+$' AND EXISTS (SELECT 1 FROM "buildings" b WHERE b.id = a.entity_id::int)
ORDER BY a.id;--> statement-breakpoint
WITH last AS (
	SELECT DISTINCT ON (building_id) building_id, blocker_category
	FROM "stage_events" WHERE stage = 'blocker'
	ORDER BY building_id, at DESC, id DESC
)
INSERT INTO "stage_events" ("building_id", "stage", "blocker_category", "blocker_note", "blocked_since", "reason", "at")
SELECT b.id, 'blocker', b.blocker_category, b.blocker_note, b.blocked_since, '升级补记',
	CASE WHEN last.building_id IS NULL AND b.blocked_since IS NOT NULL
		THEN least((b.blocked_since::text || 'T10:00:00+08:00')::timestamptz, b.updated_at)
		ELSE b.updated_at END
FROM "buildings" b LEFT JOIN last ON last.building_id = b.id
WHERE b.blocker_category IS DISTINCT FROM last.blocker_category
	AND (b.blocker_category IS NOT NULL OR last.building_id IS NOT NULL)
ORDER BY b.id;
