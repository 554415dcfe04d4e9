import type { PutTargets } from "@jiati/shared";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "./http";
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
  return useMutation({
    mutationFn: (input: PutTargets) => request<TargetsResponse>("/targets", { method: "PUT", body: input }),
    onSuccess: (data) => {
      queryClient.setQueryData(keys.targets.year(data.year), data);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.targets.all }),
        queryClient.invalidateQueries({ queryKey: keys.summary.all }),
      ]);
    },
  });
}

export interface LetterInput {
  year: number;
  zoneLeader: string;
  secretary: string;
  liaison: string;
  signedOn: string | null;
}

export function usePutLetter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ areaId, ...input }: LetterInput & { areaId: number }) =>
      request<TargetLetter>(`/targets/letters/${areaId}`, { method: "PUT", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.targets.all }),
  });
}
