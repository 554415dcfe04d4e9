// The import preview's rules as the page applies them: how many rows each filter shows, which errors belong
// to which row, and whether a refused commit can be cured by uploading the same file again.

import type { ImportError, ImportPreview, ImportRowFilter } from "@jiati/shared";
import { isApiError } from "../../api/http";

export const ROW_FILTERS = [
  "changes",
  "create",
  "update",
  "unchanged",
  "error",
  "all",
] as const satisfies readonly ImportRowFilter[];

type Counts = ImportPreview["counts"];

/** How many rows of the whole preview a filter shows. */
export function filterCount(counts: Counts, filter: ImportRowFilter): number {
  if (filter === "all") return counts.rows;
  if (filter === "changes") return counts.create + counts.update;
  return counts[filter];
}

/** The filter to open on: the changes, when there are any. */
export function firstFilter(counts: Counts): ImportRowFilter {
  return filterCount(counts, "changes") > 0 ? "changes" : "all";
}

/** A page's errors by sheet row (errors of the whole sheet have no row and are left out). */
export function errorsByRow(errors: readonly ImportError[]): Map<number, ImportError[]> {
  const map = new Map<number, ImportError[]>();
  for (const error of errors) {
    if (error.row == null) continue;
    map.set(error.row, [...(map.get(error.row) ?? []), error]);
  }
  return map;
}

/**
 * A preview that is stale, expired or lost an address to someone else: uploading the same file again makes a
 * new one. One already committed is not.
 */
export function isReuploadable(error: unknown): boolean {
  if (isApiError(error, 409)) return error.code !== "already_committed";
  return isApiError(error, 404);
}

/** The server refused the reason: the form shows it on its field. */
export function reasonError(error: unknown): string | undefined {
  return isApiError(error, 400) ? error.fields.reason : undefined;
}
