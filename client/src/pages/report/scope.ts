// Which report a URL asks for: one zone's (?zoneId=), the town's (?scope=town), or, without either, the
// reader's own — a zone leader's zone (homeZoneOf, docs/decisions/004), everyone else's town.

export const TOWN_SCOPE = "town";

/** The zone of the report, or null for the town's. */
export function reportZoneFrom(params: URLSearchParams, homeZone: number | null): number | null {
  if (params.get("scope") === TOWN_SCOPE) return null;
  const zoneId = Number(params.get("zoneId"));
  if (Number.isInteger(zoneId) && zoneId > 0) return zoneId;
  return homeZone;
}

/** The URL parameters choosing `zoneId` (null: the town), the others kept. */
export function withReportZone(params: URLSearchParams, zoneId: number | null): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete("zoneId");
  next.delete("scope");
  if (zoneId == null) next.set("scope", TOWN_SCOPE);
  else next.set("zoneId", String(zoneId));
  return next;
}
