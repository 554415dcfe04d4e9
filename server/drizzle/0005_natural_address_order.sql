-- Natural address order (docs/DOMAIN.md § Addresses, shared/src/stages.ts addressSortKey): each building keeps its
-- address as a sort key — the canonical address key (as in 0003) with every run of digits zero-padded to 10 —
-- compared by code point (collation "C"), so lists order 天山西路 799弄 2号 before 10号 on every server. Existing
-- rows are backfilled here; every write computes the key from then on. The area index now serves that order.
ALTER TABLE "buildings" ADD COLUMN "address_sort" text COLLATE "C";--> statement-breakpoint
UPDATE "buildings" SET "address_sort" = (
	SELECT coalesce(string_agg(CASE WHEN m.runs[1] ~ '^[0-9]' THEN lpad(m.runs[1], greatest(10, length(m.runs[1])), '0') ELSE m.runs[1] END, '' ORDER BY m.n), '')
	FROM regexp_matches(
		regexp_replace(
			lower(regexp_replace(normalize(address, NFKC), '[[:space:][:cntrl:]\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+', '', 'g')),
			'([0-9]+)(号楼|号|幢|栋)?$', '\1号'),
		'[0-9]+|[^0-9]+', 'g') WITH ORDINALITY AS m(runs, n)
);--> statement-breakpoint
ALTER TABLE "buildings" ALTER COLUMN "address_sort" SET NOT NULL;--> statement-breakpoint
DROP INDEX "buildings_area_idx";--> statement-breakpoint
CREATE INDEX "buildings_area_sort_idx" ON "buildings" USING btree ("area_id","address_sort");
