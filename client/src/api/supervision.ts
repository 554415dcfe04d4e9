// Blocker supervision (督办) and areas' status lines: the open blockers of a scope, a building's blocker
// thread, who may own an area's blockers, notes and photos added, status lines read and written.

import type {
  AreaStatus,
  AreaStatusInput,
  BlockerList,
  BlockerNote,
  BlockerNoteInput,
  BlockerOwnerOption,
  BlockerPhoto,
  BlockerThread,
  Building,
} from "@jiati/shared";
import { keepPreviousData, queryOptions, useMutation } from "@tanstack/react-query";
import { type Outcome, sendOrQueue } from "../offline/queue";
import { apiPath, request } from "./http";
import { useInvalidateFor } from "./invalidation";
import { keys } from "./keys";

export interface BlockerListParams {
  zoneId?: number;
  areaId?: number;
  overdue?: boolean;
  [key: string]: string | number | boolean | undefined;
}

/** Open blockers of the town, a zone or an area, overdue first (as the server orders them). */
export const blockersQuery = (params: BlockerListParams) =>
  queryOptions({
    queryKey: keys.supervision.blockerList(params),
    queryFn: ({ signal }) => request<BlockerList>(apiPath("/blockers", params), { signal }),
    placeholderData: keepPreviousData,
  });

export const blockerThreadQuery = (buildingId: number) =>
  queryOptions({
    queryKey: keys.supervision.thread(buildingId),
    queryFn: ({ signal }) => request<BlockerThread>(`/buildings/${buildingId}/blocker/notes`, { signal }),
  });

export const blockerOwnersQuery = (areaId: number) =>
  queryOptions({
    queryKey: keys.supervision.owners(areaId),
    queryFn: ({ signal }) => request<BlockerOwnerOption[]>(`/areas/${areaId}/blocker-owners`, { signal }),
    staleTime: 60_000,
  });

export const areaStatusesQuery = (zoneId?: number | null) =>
  queryOptions({
    queryKey: keys.areaStatuses.latest(zoneId),
    queryFn: ({ signal }) => request<AreaStatus[]>(apiPath("/area-statuses", { zoneId }), { signal }),
  });

export const areaStatusHistoryQuery = (areaId: number) =>
  queryOptions({
    queryKey: keys.areaStatuses.history(areaId),
    queryFn: ({ signal }) => request<AreaStatus[]>(`/areas/${areaId}/statuses`, { signal }),
  });

/**
 * A progress note on the building's blocker; the building's lists and thread refresh as for any change to it.
 * Offline it is queued (docs/ARCHITECTURE.md § Offline), and the outcome says so.
 */
export function useAddBlockerNote(building: Building) {
  const invalidate = useInvalidateFor();
  return useMutation({
    networkMode: "always",
    mutationFn: (input: BlockerNoteInput): Promise<Outcome<BlockerNote>> =>
      sendOrQueue<BlockerNote>({
        kind: "note",
        buildingId: building.id,
        path: `/buildings/${building.id}/blocker/notes`,
        method: "POST",
        body: input,
        base: building,
      }),
    onSuccess: async (outcome) => {
      if (!outcome.queued) await invalidate({ kind: "building", id: building.id });
    },
  });
}

/** A photo (already resized) of the building's blocker, or of one of its notes. */
export function useUploadBlockerPhoto(buildingId: number) {
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: ({ photo, noteId }: { photo: Blob; noteId?: number }) =>
      request<BlockerPhoto>(apiPath(`/buildings/${buildingId}/blocker/photos`, { noteId }), {
        method: "POST",
        file: photo,
      }),
    onSuccess: () => invalidate({ kind: "building", id: buildingId }),
  });
}

/** The area's status line for today. */
export function useWriteAreaStatus(areaId: number) {
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: (input: AreaStatusInput) =>
      request<AreaStatus>(`/areas/${areaId}/status`, { method: "POST", body: input }),
    onSuccess: () => invalidate({ kind: "areaStatus", id: areaId }),
  });
}
