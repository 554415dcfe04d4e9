import type { StallThresholds } from "@jiati/shared";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "./http";
import { useInvalidateFor } from "./invalidation";
import { keys } from "./keys";

export const stallSettingsQuery = queryOptions({
  queryKey: keys.settings.stall,
  queryFn: () => request<StallThresholds>("/settings/stall"),
});

export function usePutStallSettings() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: (input: StallThresholds) => request<StallThresholds>("/settings/stall", { method: "PUT", body: input }),
    onSuccess: (data) => {
      queryClient.setQueryData(keys.settings.stall, data);
      return invalidate({ kind: "settings" });
    },
  });
}
