import type { Summary } from "@jiati/shared";
import { queryOptions } from "@tanstack/react-query";
import { apiPath, request } from "./http";
import { keys } from "./keys";

/** The year's summary of the town or a zone: today's, or (`asOf`, a past day) as it stood at the end of that day. */
export const summaryQuery = (year: number, zoneId: number | null = null, asOf: string | null = null) =>
  queryOptions({
    queryKey: keys.summary.of(year, zoneId, asOf),
    queryFn: ({ signal }) => request<Summary>(apiPath("/summary", { year, zoneId, asOf }), { signal }),
    // While another year of the same scope loads, keep showing the last one (the page marks it busy);
    // never show one zone's figures under another zone's name.
    placeholderData: (previous, previousQuery) =>
      previousQuery && previousQuery.queryKey[2] === zoneId ? previous : undefined,
    staleTime: 30_000,
  });
