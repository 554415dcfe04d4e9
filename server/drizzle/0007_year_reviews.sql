-- The year-end review (docs/DOMAIN.md § Year-end review): one row per reviewed year — the rule and hand changes
-- of a draft; once confirmed, the review as confirmed (frozen). Additive: one new table.
-- (drizzle-kit also proposed dropping buildings_area_idx, which 0005 already dropped: 0006's snapshot still
-- listed it. That line is left out; this migration's snapshot is right.)
CREATE TABLE "year_reviews" (
	"year" integer PRIMARY KEY NOT NULL,
	"rule" jsonb NOT NULL,
	"overrides" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"frozen" jsonb,
	"confirmed_by" integer,
	"confirmed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "year_reviews_confirmed_frozen" CHECK ("year_reviews"."status" = 'draft' and "year_reviews"."frozen" is null and "year_reviews"."confirmed_at" is null
      or "year_reviews"."status" = 'confirmed' and "year_reviews"."frozen" is not null and "year_reviews"."confirmed_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "year_reviews" ADD CONSTRAINT "year_reviews_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;