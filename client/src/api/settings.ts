import type { Organization, StallThresholds } from "@jiati/shared";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "./http";
import { useInvalidateFor } from "./invalidation";
import { keys } from "./keys";

export const stallSettingsQuery = queryOptions({
  queryKey: keys.settings.stall,
  queryFn: () => request<StallThresholds>("/settings/stall"),
});

/** The town's name and the issuing unit, for the heads of printed documents. */
export const organizationQuery = queryOptions({
  queryKey: keys.settings.organization,
  queryFn: () => request<Organization>("/settings/organization"),
  staleTime: 5 * 60_000,
});

/** A PUT of one setting that leaves its answer in the cache and refreshes what depends on settings. */
function usePutSetting<T>(path: string, queryKey: readonly unknown[]) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: (input: T) => request<T>(path, { method: "PUT", body: input }),
    onSuccess: (data) => {
      queryClient.setQueryData(queryKey, data);
      return invalidate({ kind: "settings" });
    },
  });
}

export const usePutStallSettings = () => usePutSetting<StallThresholds>("/settings/stall", keys.settings.stall);
export const usePutOrganization = () =>
  usePutSetting<Organization>("/settings/organization", keys.settings.organization);
