import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "./http";
import { keys } from "./keys";
import type { AreaWithCounts, ZoneWithCounts } from "./types";

export const zonesQuery = queryOptions({
  queryKey: keys.zones,
  queryFn: () => request<ZoneWithCounts[]>("/zones"),
  staleTime: 60_000,
});

export const areasQuery = (zoneId?: number) =>
  queryOptions({
    queryKey: keys.areas.list(zoneId),
    queryFn: () => request<AreaWithCounts[]>(zoneId ? `/areas?zoneId=${zoneId}` : "/areas"),
    staleTime: 60_000,
  });

export const areaQuery = (id: number) =>
  queryOptions({
    queryKey: keys.areas.detail(id),
    queryFn: () => request<AreaWithCounts>(`/areas/${id}`),
  });

/** Structure changes move counts everywhere: zones, areas, summaries, targets and letters. */
function useStructureMutation<T>(mutationFn: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all(
        [keys.zones, keys.areas.all, keys.summary.all, keys.targets.all, keys.buildings.all].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
}

export const useCreateZone = () =>
  useStructureMutation((input: { name: string }) => request("/zones", { method: "POST", body: input }));

export const useRenameZone = () =>
  useStructureMutation(({ id, name }: { id: number; name: string }) =>
    request(`/zones/${id}`, { method: "PATCH", body: { name } }),
  );

export const useCreateArea = () =>
  useStructureMutation((input: { name: string; zoneId: number }) => request("/areas", { method: "POST", body: input }));

export const useUpdateArea = () =>
  useStructureMutation(({ id, ...patch }: { id: number; name?: string; zoneId?: number }) =>
    request(`/areas/${id}`, { method: "PATCH", body: patch }),
  );
