// What the progress report reads beyond the summary: its 下一步工作 (kept on the server per year and scope) and
// the blocked buildings of its scope as of its day (their categories per area and the longest blocked).

import type { BuildingListItem, Page, ReportNotes, ReportNotesInput } from "@jiati/shared";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPath, request } from "./http";
import { useInvalidateFor } from "./invalidation";
import { keys } from "./keys";

export const reportNotesQuery = (year: number, zoneId: number | null) =>
  queryOptions({
    queryKey: keys.settings.reportNotes(year, zoneId),
    queryFn: ({ signal }) => request<ReportNotes>(apiPath("/report-notes", { year, zoneId }), { signal }),
  });

/** Writes the report's next steps at the version read; a 409 carries the text as it is now. */
export function usePutReportNotes(year: number, zoneId: number | null) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: ({ input, version }: { input: ReportNotesInput; version: number }) =>
      request<ReportNotes>(apiPath("/report-notes", { year, zoneId }), { method: "PUT", body: input, version }),
    onSuccess: (notes) => {
      queryClient.setQueryData(keys.settings.reportNotes(year, zoneId), notes);
      return invalidate({ kind: "settings" });
    },
  });
}

/** Pages of blocked buildings read at most: a town has tens, a district hundreds. */
const MAX_PAGES = 10;

/** Every blocked building of the town or a zone, as it stood at the end of `asOf` (null: now). */
export const blockedBuildingsQuery = (zoneId: number | null, asOf: string | null) =>
  queryOptions({
    queryKey: keys.buildings.list({ blocked: true, zoneId, asOf, all: true }),
    queryFn: async ({ signal }) => {
      const pageSize = 500;
      const get = (page: number) =>
        request<Page<BuildingListItem>>(apiPath("/buildings", { blocked: true, zoneId, asOf, page, pageSize }), {
          signal,
        });
      const first = await get(1);
      const pages = Math.min(MAX_PAGES, Math.ceil(first.total / pageSize));
      const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, index) => get(index + 2)));
      return { total: first.total, items: [first, ...rest].flatMap((page) => page.items) };
    },
    staleTime: 30_000,
  });
