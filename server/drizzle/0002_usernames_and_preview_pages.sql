-- Usernames become unique regardless of case (logins match them case-insensitively). Accounts made before
-- that may clash: the oldest keeps its name, each later one is renamed to "<name>-<id>", and every rename is
-- written to the change log, where the task force sees it.
WITH clashing AS (
	SELECT id, username, row_number() OVER (PARTITION BY lower(username) ORDER BY id) AS n FROM "users"
), renamed AS (
	UPDATE "users" u SET "username" = c.username || '-' || c.id, "updated_at" = now()
	FROM clashing c WHERE u.id = c.id AND c.n > 1
	RETURNING u.id, c.username AS old_name, u.username AS new_name
)
INSERT INTO "audit_log" ("username", "action", "entity", "entity_id", "before", "after", "reason")
SELECT 'system', 'user.rename', 'user', renamed.id::text, jsonb_build_object('username', old_name),
	jsonb_build_object('username', new_name), '用户名与另一账号仅大小写不同，升级时自动改名'
FROM renamed;--> statement-breakpoint
ALTER TABLE "import_previews" ADD COLUMN "detail" "bytea";--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_lower_idx" ON "users" USING btree (lower("username"));