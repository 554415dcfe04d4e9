// What the report reads, for the town or a zone, a year, as of a day: the summary and the organisation first (the
// page waits for them), then the areas' explanations, the blocked buildings and the next steps — the sheet shows
// as they arrive, and printing waits until all have (a printout without its reasons would mislead).

import { useQuery } from "@tanstack/react-query";
import { blockedBuildingsQuery, reportNotesQuery } from "../../api/reports";
import { organizationQuery } from "../../api/settings";
import { summaryQuery } from "../../api/summary";
import { areaStatusesQuery } from "../../api/supervision";

export function useReport(year: number, zoneId: number | null, asOf: string | null) {
  const summary = useQuery(summaryQuery(year, zoneId, asOf));
  const organization = useQuery(organizationQuery);
  const statuses = useQuery(areaStatusesQuery(zoneId));
  const blocked = useQuery(blockedBuildingsQuery(zoneId, asOf));
  const notes = useQuery(reportNotesQuery(year, zoneId));
  // A report of a past day shows the explanations written by then.
  const explanations = (statuses.data ?? []).filter((status) => !asOf || status.date <= asOf);
  const complete = !summary.isPlaceholderData && !statuses.isPending && !blocked.isPending && !notes.isPending;
  return { summary, organization, explanations, blocked: blocked.data, complete };
}
