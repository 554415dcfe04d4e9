-- Address keys in their canonical form (docs/LEDGER.md § Addresses, shared/src/stages.ts addressKey): full-width
-- forms folded, spaces and invisible characters removed, lower case, and the door number's word made one
-- (10, 10号, 10号楼, 10幢, 10栋 → 10号). Two buildings whose addresses now meet are kept apart — the later one's
-- key is marked with its id, which no typed address can match — and each such pair is written to the change
-- log for the task force to look at.
WITH canonical AS (
	SELECT id, address_key AS old_key,
		regexp_replace(
			lower(regexp_replace(normalize(address, NFKC), '[[:space:][:cntrl:]\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+', '', 'g')),
			'([0-9]+)(号楼|号|幢|栋)?$', '\1号') AS new_key
	FROM "buildings"
), ranked AS (
	SELECT id, old_key, new_key, row_number() OVER (PARTITION BY new_key ORDER BY id) AS n,
		first_value(id) OVER (PARTITION BY new_key ORDER BY id) AS first_id
	FROM canonical
), rekeyed AS (
	UPDATE "buildings" b SET "address_key" = CASE WHEN r.n = 1 THEN r.new_key ELSE r.new_key || '#' || r.id END
	FROM ranked r
	WHERE b.id = r.id AND b.address_key IS DISTINCT FROM (CASE WHEN r.n = 1 THEN r.new_key ELSE r.new_key || '#' || r.id END)
	RETURNING b.id, b.area_id, r.n, r.first_id
)
INSERT INTO "audit_log" ("username", "action", "entity", "entity_id", "area_id", "after", "reason")
SELECT 'system', 'building.duplicate_address', 'building', rekeyed.id::text, rekeyed.area_id,
	jsonb_build_object('sameAddressAs', rekeyed.first_id),
	'升级后地址比较更严格：此楼与编号 ' || rekeyed.first_id || ' 的地址可能是同一门牌，请核对'
FROM rekeyed WHERE rekeyed.n > 1;
