// The building list's filters as they live in the URL (so the dashboard's numbers link straight to the list
// behind them), and the API request they make: the server filters, sorts and pages, a page at a time.

import type { BlockerCategory } from "@jiati/shared";
import { BLOCKER_CATEGORIES } from "@jiati/shared/vocabulary";
import { useSearchParams } from "react-router";
import type { BuildingListParams } from "../../api/buildings";

export const PAGE_SIZE = 20;
export const SORTS = ["address", "updated", "signedOn", "startedOn", "completedOn"] as const;

export interface ListState {
  areaId?: number;
  zoneId?: number;
  stage?: string;
  q?: string;
  stalled: boolean;
  /** Blocked buildings only; implied by a category. */
  blocked: boolean;
  category?: BlockerCategory;
  sort: string;
  page: number;
}

/** The pager's props, the same for the table and the cards. */
export interface ListPaging {
  current: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}

export type ListPatch = Record<string, string | number | boolean | undefined>;

const isCategory = (value: string): value is BlockerCategory =>
  (BLOCKER_CATEGORIES as readonly string[]).includes(value);

/** The filters in `params`; a fixed area (an area's page) replaces the URL's area and zone. */
export function listStateFrom(params: URLSearchParams, fixedAreaId?: number): ListState {
  const positive = (key: string) => {
    const value = Number(params.get(key));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const category = params.get("category") ?? "";
  return {
    areaId: fixedAreaId ?? positive("areaId"),
    zoneId: fixedAreaId ? undefined : positive("zoneId"),
    stage: params.get("stage") ?? undefined,
    q: params.get("q") ?? undefined,
    stalled: params.get("stalled") === "true",
    blocked: params.get("blocked") === "true" || Boolean(category),
    category: isCategory(category) ? category : undefined,
    sort: params.get("sort") ?? "address",
    page: positive("page") ?? 1,
  };
}

/** The page of GET /api/buildings that shows `state`. */
export function listRequest(state: ListState): BuildingListParams {
  return {
    areaId: state.areaId,
    zoneId: state.zoneId,
    stage: state.stage,
    q: state.q,
    stalled: state.stalled || undefined,
    blocked: state.blocked || undefined,
    blockerCategory: state.category,
    sort: state.sort,
    page: state.page,
    pageSize: PAGE_SIZE,
  };
}

/** `params` with `patch` applied (empty values removed); any change but the page's goes back to page 1. */
export function patchedParams(params: URLSearchParams, patch: ListPatch): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === "" || value === false) next.delete(key);
    else next.set(key, String(value));
  }
  if (!("page" in patch)) next.delete("page");
  return next;
}

/** The list's filters from the URL, and `update` to change some of them (replacing the history entry). */
export function useListParams(fixedAreaId?: number) {
  const [params, setParams] = useSearchParams();
  const update = (patch: ListPatch) => setParams((prev) => patchedParams(prev, patch), { replace: true });
  return { state: listStateFrom(params, fixedAreaId), update };
}
