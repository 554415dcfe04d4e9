import type { AuditPage, AuditQuery } from "@jiati/shared";
import { infiniteQueryOptions } from "@tanstack/react-query";
import { apiPath, request } from "./http";
import { keys } from "./keys";

/** The change log's filters (GET /api/audit takes these and pages with `before` and `limit`). */
export type AuditFilters = Pick<AuditQuery, "areaId" | "userId" | "action" | "from" | "to">;

const PAGE = 50;

/** The change log, newest first, one page at a time (each page continues below the last id seen). */
export const auditQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: keys.audit.list(filters),
    queryFn: ({ pageParam, signal }) =>
      request<AuditPage>(apiPath("/audit", { ...filters, before: pageParam, limit: PAGE }), { signal }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
