// The building list's filters as they live in the URL (so each dashboard figure links straight to the list
// behind it: docs/DOMAIN.md § The building list), the API request they make — the server filters, sorts and
// pages, a page at a time — and the chips that show the active filters.

import type { BlockerCategory, RecordedStage, StallFilter } from "@jiati/shared";
import { isCalendarDate } from "@jiati/shared/dates";
import { BLOCKER_CATEGORIES, BUILDING_STAGES, RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useCallback } from "react";
import { useSearchParams } from "react-router";
import type { BuildingListParams } from "../../api/buildings";

export const PAGE_SIZE = 20;
export const SORTS = ["address", "updated", "signedOn", "startedOn", "completedOn"] as const;
const LIST_STAGES = [...BUILDING_STAGES, "withdrawn"] as const;
/** The stall filters the list offers (`false` is the API's, for tools). */
export const STALL_CHOICES = ["true", "signed", "started"] as const satisfies readonly StallFilter[];
type StallChoice = (typeof STALL_CHOICES)[number];

/** Buildings counted for `stage` in [from, to]: the annual (or weekly) count behind a figure. */
export interface CountedRange {
  stage: RecordedStage;
  from: string;
  to: string;
}

export interface ListState {
  areaId?: number;
  zoneId?: number;
  stage?: (typeof LIST_STAGES)[number];
  counted?: CountedRange;
  q?: string;
  stalled?: StallChoice;
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

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** `counted` with both ends of its range, real dates in order; otherwise no count filter. */
function countedFrom(params: URLSearchParams): CountedRange | undefined {
  const stage = oneOf(RECORDED_STAGES, params.get("counted"));
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  if (!stage || !isCalendarDate(from) || !isCalendarDate(to) || from > to) return undefined;
  return { stage, from, to };
}

/** The filters in `params`; a fixed area (an area's page) replaces the URL's area and zone. */
export function listStateFrom(params: URLSearchParams, fixedAreaId?: number): ListState {
  const positive = (key: string) => {
    const value = Number(params.get(key));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  // `category` is the name older links used for `blockerCategory`.
  const category = oneOf(BLOCKER_CATEGORIES, params.get("blockerCategory") ?? params.get("category"));
  return {
    areaId: fixedAreaId ?? positive("areaId"),
    zoneId: fixedAreaId ? undefined : positive("zoneId"),
    stage: oneOf(LIST_STAGES, params.get("stage")),
    counted: countedFrom(params),
    q: params.get("q") || undefined,
    stalled: oneOf(STALL_CHOICES, params.get("stalled")),
    blocked: params.get("blocked") === "true" || Boolean(category),
    category,
    sort: oneOf(SORTS, params.get("sort")) ?? "address",
    page: positive("page") ?? 1,
  };
}

/** The page of GET /api/buildings that shows `state`. */
export function listRequest(state: ListState): BuildingListParams {
  return {
    areaId: state.areaId,
    zoneId: state.zoneId,
    stage: state.stage,
    counted: state.counted?.stage,
    from: state.counted?.from,
    to: state.counted?.to,
    q: state.q,
    stalled: state.stalled,
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
  // The old name of the category goes with any change of the blocker filters.
  if ("blocked" in patch || "blockerCategory" in patch) next.delete("category");
  if (!("page" in patch)) next.delete("page");
  return next;
}

/** One active filter shown as a chip: what it says, and the patch that removes it. */
export type FilterChip =
  | { kind: "zone"; zoneId: number; remove: ListPatch }
  | { kind: "area"; areaId: number; remove: ListPatch }
  | { kind: "counted"; counted: CountedRange; remove: ListPatch }
  | { kind: "stage"; stage: NonNullable<ListState["stage"]>; remove: ListPatch }
  | { kind: "stalled"; stalled: StallChoice; remove: ListPatch }
  | { kind: "blocked"; category?: BlockerCategory; remove: ListPatch };

/** The active filters, in the order a sentence would name them: where, what was counted, the state, the flags. */
export function activeFilters(state: ListState, fixedAreaId?: number): FilterChip[] {
  const chips: FilterChip[] = [];
  if (!fixedAreaId && state.zoneId) chips.push({ kind: "zone", zoneId: state.zoneId, remove: { zoneId: undefined } });
  if (!fixedAreaId && state.areaId) chips.push({ kind: "area", areaId: state.areaId, remove: { areaId: undefined } });
  if (state.counted) {
    chips.push({
      kind: "counted",
      counted: state.counted,
      remove: { counted: undefined, from: undefined, to: undefined },
    });
  }
  if (state.stage) chips.push({ kind: "stage", stage: state.stage, remove: { stage: undefined } });
  if (state.stalled) chips.push({ kind: "stalled", stalled: state.stalled, remove: { stalled: undefined } });
  if (state.blocked) {
    chips.push({
      kind: "blocked",
      category: state.category,
      remove: { blocked: undefined, blockerCategory: undefined },
    });
  }
  return chips;
}

/** The year a count covers when its range is that whole year (「2026年签约」), else null. */
export function wholeYearOf(range: CountedRange): number | null {
  const year = range.from.slice(0, 4);
  return range.from === `${year}-01-01` && range.to === `${year}-12-31` ? Number(year) : null;
}

/** The list's filters from the URL, and `update` to change some of them (replacing the history entry). */
export function useListParams(fixedAreaId?: number) {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (patch: ListPatch) => setParams((prev) => patchedParams(prev, patch), { replace: true }),
    [setParams],
  );
  return { state: listStateFrom(params, fixedAreaId), update };
}
