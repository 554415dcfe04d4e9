// Weekly briefings (简报): the list by week, one briefing, and the task force's writes — generate, edit 下一步工作
// (with its version), regenerate, issue. Each write refreshes the lists and the briefing.

import type { Briefing, BriefingList, CreateBriefing, PatchBriefing } from "@jiati/shared";
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPath, request } from "./http";
import { useInvalidateFor } from "./invalidation";
import { keys } from "./keys";

export interface BriefingListParams {
  /** "town", or a zone's id. */
  scope?: string;
  page?: number;
  [key: string]: string | number | undefined;
}

export const briefingsQuery = (params: BriefingListParams) =>
  queryOptions({
    queryKey: keys.briefings.list(params),
    queryFn: ({ signal }) => request<BriefingList>(apiPath("/briefings", params), { signal }),
    placeholderData: keepPreviousData,
  });

export const briefingQuery = (id: number) =>
  queryOptions({
    queryKey: keys.briefings.detail(id),
    queryFn: ({ signal }) => request<Briefing>(`/briefings/${id}`, { signal }),
  });

/** The briefing's .docx, downloaded by the browser. */
export const briefingDocxUrl = (id: number) => `/api/briefings/${id}.docx`;

/** A write answering the briefing: kept in the cache, the lists refreshed. */
function useBriefingWrite<V>(write: (input: V) => Promise<Briefing>) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: write,
    onSuccess: (briefing) => {
      queryClient.setQueryData(keys.briefings.detail(briefing.id), briefing);
      return invalidate({ kind: "briefing", id: briefing.id });
    },
  });
}

export const useCreateBriefing = () =>
  useBriefingWrite((input: CreateBriefing) => request<Briefing>("/briefings", { method: "POST", body: input }));

export const usePatchBriefing = (id: number) =>
  useBriefingWrite(({ version, ...input }: PatchBriefing & { version: number }) =>
    request<Briefing>(`/briefings/${id}`, { method: "PATCH", body: input, version }),
  );

export const useRegenerateBriefing = (id: number) =>
  useBriefingWrite(({ version }: { version: number }) =>
    request<Briefing>(`/briefings/${id}/regenerate`, { method: "POST", body: {}, version }),
  );

export const useIssueBriefing = (id: number) =>
  useBriefingWrite(({ version }: { version: number }) =>
    request<Briefing>(`/briefings/${id}/issue`, { method: "POST", version }),
  );
