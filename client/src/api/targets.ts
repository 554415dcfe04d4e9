import type { PutLetter, PutTargets } from "@jiati/shared";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "./http";
import { useInvalidateFor } from "./invalidation";
import { keys } from "./keys";
import type { TargetLetter, TargetsResponse } from "./types";

export const targetsQuery = (year: number) =>
  queryOptions({
    queryKey: keys.targets.year(year),
    queryFn: () => request<TargetsResponse>(`/targets?year=${year}`),
  });

export const lettersQuery = (year: number) =>
  queryOptions({
    queryKey: keys.targets.letters(year),
    queryFn: () => request<TargetLetter[]>(`/targets/letters?year=${year}`),
  });

export function usePutTargets() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: (input: PutTargets) => request<TargetsResponse>("/targets", { method: "PUT", body: input }),
    onSuccess: (data) => {
      queryClient.setQueryData(keys.targets.year(data.year), data);
      return invalidate({ kind: "targets" });
    },
  });
}

export function usePutLetter() {
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: ({ areaId, ...input }: PutLetter & { areaId: number }) =>
      request<TargetLetter>(`/targets/letters/${areaId}`, { method: "PUT", body: input }),
    onSuccess: () => invalidate({ kind: "targets" }),
  });
}
