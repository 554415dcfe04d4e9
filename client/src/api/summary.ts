import type { Summary } from "@jiati/shared";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiPath, request } from "./http";
import { keys } from "./keys";

export const summaryQuery = (year: number, zoneId: number | null = null) =>
  queryOptions({
    queryKey: keys.summary.of(year, zoneId),
    queryFn: ({ signal }) => request<Summary>(apiPath("/summary", { year, zoneId }), { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
