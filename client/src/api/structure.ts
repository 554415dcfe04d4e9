import type { CreateAreaInput, CreateZoneInput, PatchAreaInput, PatchZoneInput } from "@jiati/shared";
import { queryOptions, useMutation } from "@tanstack/react-query";
import { request } from "./http";
import { useInvalidateFor } from "./invalidation";
import { keys } from "./keys";
import type { AreaWithCounts, ZoneWithCounts } from "./types";

type NewZone = CreateZoneInput;
type ZonePatch = PatchZoneInput;
type NewArea = CreateAreaInput;
type AreaPatch = PatchAreaInput;

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
  const invalidate = useInvalidateFor();
  return useMutation({ mutationFn, onSuccess: () => invalidate({ kind: "structure" }) });
}

export const useCreateZone = () =>
  useStructureMutation((input: NewZone) => request("/zones", { method: "POST", body: input }));

export const useRenameZone = () =>
  useStructureMutation(({ id, ...patch }: ZonePatch & { id: number }) =>
    request(`/zones/${id}`, { method: "PATCH", body: patch }),
  );

export const useCreateArea = () =>
  useStructureMutation((input: NewArea) => request("/areas", { method: "POST", body: input }));

export const useUpdateArea = () =>
  useStructureMutation(({ id, ...patch }: AreaPatch & { id: number }) =>
    request(`/areas/${id}`, { method: "PATCH", body: patch }),
  );
