-- Blocker supervision (docs/DOMAIN.md § Blocker supervision): a blocker's owner and due date on the building,
-- its dated progress notes and site photos (bytes in the database, so backups and every instance have them),
-- and the areas' dated status lines. Additive only: existing rows keep their values, new columns start empty.
CREATE TABLE "area_statuses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"area_id" integer NOT NULL,
	"text" text NOT NULL,
	"date" date NOT NULL,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blocker_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL,
	"blocked_since" date NOT NULL,
	"text" text NOT NULL,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blocker_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL,
	"note_id" bigint,
	"blocked_since" date NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "blocker_owner_id" integer;--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "blocker_due_on" date;--> statement-breakpoint
ALTER TABLE "area_statuses" ADD CONSTRAINT "area_statuses_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_statuses" ADD CONSTRAINT "area_statuses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocker_notes" ADD CONSTRAINT "blocker_notes_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocker_notes" ADD CONSTRAINT "blocker_notes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocker_photos" ADD CONSTRAINT "blocker_photos_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocker_photos" ADD CONSTRAINT "blocker_photos_note_id_blocker_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."blocker_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocker_photos" ADD CONSTRAINT "blocker_photos_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "area_statuses_area_idx" ON "area_statuses" USING btree ("area_id","id");--> statement-breakpoint
CREATE INDEX "blocker_notes_building_idx" ON "blocker_notes" USING btree ("building_id","blocked_since","id");--> statement-breakpoint
CREATE INDEX "blocker_photos_building_idx" ON "blocker_photos" USING btree ("building_id","blocked_since","id");--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_blocker_owner_id_users_id_fk" FOREIGN KEY ("blocker_owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "buildings_blocker_due_idx" ON "buildings" USING btree ("blocker_due_on") WHERE "buildings"."blocker_category" is not null;