-- The weekly briefings (docs/DOMAIN.md § Weekly briefing): one per scope (the town, or a zone) and ISO week, its
-- content frozen when issued, with a running number per scope and year. Additive: one new table.
CREATE TABLE "briefings" (
	"id" serial PRIMARY KEY NOT NULL,
	"zone_id" integer,
	"week" text NOT NULL,
	"year" integer NOT NULL,
	"as_of" date NOT NULL,
	"content" jsonb NOT NULL,
	"next_steps" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"issue_no" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" integer,
	"issued_at" timestamp with time zone,
	CONSTRAINT "briefings_scope_week_unique" UNIQUE NULLS NOT DISTINCT("zone_id","week"),
	CONSTRAINT "briefings_status" CHECK ("briefings"."status" in ('draft', 'issued')),
	CONSTRAINT "briefings_issued" CHECK (("briefings"."status" = 'issued') = ("briefings"."issue_no" is not null and "briefings"."issued_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "briefings_issue_no_idx" ON "briefings" USING btree (coalesce("zone_id", 0),"year","issue_no") WHERE "briefings"."issue_no" is not null;--> statement-breakpoint
CREATE INDEX "briefings_week_idx" ON "briefings" USING btree ("week","id");
