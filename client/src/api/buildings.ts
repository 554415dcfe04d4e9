import type {
  BlockerCategory,
  Building,
  CreateBuildingInput,
  PatchBuilding,
  RecordedStage,
  StageUpdate,
  StallFilter,
} from "@jiati/shared";
import { stageOf } from "@jiati/shared/stages";
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { type Outcome, sendOrQueue } from "../offline/queue";
import { apiPath, type QueryParams, request } from "./http";
import { useInvalidateFor } from "./invalidation";
import { keys } from "./keys";
import type { BuildingDetail, BuildingListItem, Page } from "./types";

export interface BuildingListParams extends QueryParams {
  areaId?: number;
  zoneId?: number;
  stage?: string;
  /** With `from` and `to`: buildings counted for this stage in that range (docs/DOMAIN.md § The building list). */
  counted?: RecordedStage;
  from?: string;
  to?: string;
  q?: string;
  stalled?: StallFilter;
  blocked?: boolean;
  blockerCategory?: BlockerCategory;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export const buildingListQuery = (params: BuildingListParams) =>
  queryOptions({
    queryKey: keys.buildings.list(params),
    queryFn: ({ signal }) => request<Page<BuildingListItem>>(apiPath("/buildings", params), { signal }),
    placeholderData: keepPreviousData,
  });

/** Every building of one area (the phone's "my buildings"): all pages of the list, in one cache entry. */
export const areaBuildingsQuery = (areaId: number) =>
  queryOptions({
    queryKey: keys.buildings.list({ areaId, all: true }),
    queryFn: async ({ signal }) => {
      const pageSize = 500;
      const get = (page: number) =>
        request<Page<BuildingListItem>>(apiPath("/buildings", { areaId, page, pageSize, sort: "address" }), {
          signal,
        });
      const first = await get(1);
      const pages = Math.ceil(first.total / pageSize);
      const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, index) => get(index + 2)));
      return [first, ...rest].flatMap((page) => page.items);
    },
  });

export const buildingQuery = (id: number) =>
  queryOptions({
    queryKey: keys.buildings.detail(id),
    queryFn: ({ signal }) => request<BuildingDetail>(`/buildings/${id}`, { signal }),
  });

/**
 * Writes the returned building into the detail cache and into every cached list that shows it, at once, so
 * the page shows the new version (and a card moves to its new stage) before the refetch.
 */
function useApplyBuilding() {
  const queryClient = useQueryClient();
  return (building: Building) => {
    queryClient.setQueryData(keys.buildings.detail(building.id), (old: BuildingDetail | undefined) =>
      old ? { ...old, building } : old,
    );
    const patch = (item: BuildingListItem): BuildingListItem =>
      item.id === building.id ? { ...item, ...building, stage: stageOf(building) } : item;
    queryClient.setQueriesData<Page<BuildingListItem> | BuildingListItem[]>(
      { queryKey: keys.buildings.lists },
      (old) => (Array.isArray(old) ? old.map(patch) : old ? { ...old, items: old.items.map(patch) } : old),
    );
  };
}

/**
 * Records a stage date on `base` (the building as the user saw it; its version is sent as If-Match). Offline,
 * or when the request does not reach the server, the change is queued (docs/ARCHITECTURE.md § Offline): the
 * outcome says which. The mutation runs offline too (networkMode "always"), so it can queue.
 */
export function useRecordStage(id: number) {
  const invalidate = useInvalidateFor();
  const apply = useApplyBuilding();
  return useMutation({
    networkMode: "always",
    mutationFn: ({ base, update }: { base: Building; update: StageUpdate }): Promise<Outcome<Building>> =>
      sendOrQueue<Building>({
        kind: "stage",
        buildingId: id,
        path: `/buildings/${id}/stage`,
        method: "POST",
        body: update,
        version: base.version,
        base,
      }),
    onSuccess: async (outcome) => {
      if (outcome.queued) return;
      apply(outcome.value);
      await invalidate({ kind: "building", id });
    },
  });
}

/** Edits `base`'s fields (or its blocker, or withdraws it); queued offline as useRecordStage. */
export function usePatchBuilding(id: number) {
  const invalidate = useInvalidateFor();
  const apply = useApplyBuilding();
  return useMutation({
    networkMode: "always",
    mutationFn: ({ base, patch }: { base: Building; patch: PatchBuilding }): Promise<Outcome<Building>> =>
      sendOrQueue<Building>({
        kind: "patch",
        buildingId: id,
        path: `/buildings/${id}`,
        method: "PATCH",
        body: patch,
        version: base.version,
        base,
      }),
    onSuccess: async (outcome) => {
      if (outcome.queued) return;
      apply(outcome.value);
      await invalidate({ kind: "building", id });
    },
  });
}

export function useCreateBuilding() {
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: (input: CreateBuildingInput) => request<Building>("/buildings", { method: "POST", body: input }),
    onSuccess: (building) => invalidate({ kind: "building", id: building.id }),
  });
}
