import { infiniteQueryOptions } from "@tanstack/react-query";
import { apiPath, request } from "./http";
import { keys } from "./keys";
import type { AuditRow } from "./types";

export interface AuditFilters {
  areaId?: number;
  userId?: number;
  action?: string;
  from?: string;
  to?: string;
  [key: string]: string | number | undefined;
}

const PAGE = 50;

/** The change log, newest first, one page at a time (each page continues below the last id seen). */
export const auditQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: keys.audit.list(filters),
    queryFn: ({ pageParam, signal }) =>
      request<{ items: AuditRow[]; nextBefore: number | null }>(
        apiPath("/audit", { ...filters, before: pageParam, limit: PAGE }),
        { signal },
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
