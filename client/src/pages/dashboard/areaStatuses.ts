// The latest explanation line of each area (GET /api/area-statuses), shown beside the areas behind plan.

import { queryOptions } from "@tanstack/react-query";
import { apiPath, request } from "../../api/http";

export interface AreaStatus {
  areaId: number;
  text: string;
  /** When it was written (ISO instant or YYYY-MM-DD). */
  at: string;
  /** Who wrote it, by display name. */
  author: string;
}

export const areaStatusesQuery = (zoneId: number | null) =>
  queryOptions({
    queryKey: ["areaStatuses", zoneId] as const,
    queryFn: ({ signal }) => request<AreaStatus[]>(apiPath("/area-statuses", { zoneId }), { signal }),
    staleTime: 30_000,
    // Before any area has written one (or on an older server), the list is simply empty.
    retry: false,
  });
