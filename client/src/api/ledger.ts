// The Excel ledger (台账): links to download it and its template, the upload that returns an import
// preview (an XMLHttpRequest, for upload progress), and the commit of a preview.

import type {
  ImportCommit,
  ImportCommitResult,
  ImportErrorsPage,
  ImportPreview,
  ImportRowFilter,
  ImportRowsPage,
} from "@jiati/shared";
import { keepPreviousData, queryOptions, useMutation } from "@tanstack/react-query";
import { ApiError, apiPath, request, uiLanguage } from "./http";
import { useInvalidateFor } from "./invalidation";
import { keys } from "./keys";

/** The raw .xlsx upload's content type (XLSX_MIME in @jiati/shared, repeated so light pages need no zod). */
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The ledger of the town, one zone or one area, with the summary sheet of `year`: a plain link downloads it. */
export const ledgerExportUrl = (scope: { areaId?: number; zoneId?: number; year?: number } = {}) =>
  apiPath("/export/buildings.xlsx", scope);

export const ledgerTemplateUrl = "/api/import/template.xlsx";

type UploadPhase = { kind: "sending"; loaded: number; total: number } | { kind: "reading" };

/**
 * Sends the file as the raw request body and resolves with the preview. `onPhase` hears the bytes sent,
 * then "reading" once the whole file is up and the server is reading it.
 */
export function uploadLedger(file: File, onPhase: (phase: UploadPhase) => void, signal?: AbortSignal) {
  return new Promise<ImportPreview>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", apiPath("/import/buildings", { name: file.name }));
    xhr.setRequestHeader("Content-Type", XLSX_TYPE);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-Language", uiLanguage());
    xhr.responseType = "text";
    xhr.upload.onprogress = (event) =>
      onPhase({ kind: "sending", loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.upload.onload = () => onPhase({ kind: "reading" });
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(json as ImportPreview);
        return;
      }
      const error = (json as { error?: { code?: string; message?: string; fields?: Record<string, string> } })?.error;
      reject(
        new ApiError(
          xhr.status,
          error?.code ?? `http_${xhr.status}`,
          error?.message ?? xhr.statusText,
          error?.fields ?? {},
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "网络连接失败"));
    xhr.onabort = () => reject(new DOMException("aborted", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    onPhase({ kind: "sending", loaded: 0, total: file.size });
    xhr.send(file);
  });
}

/** Applies a preview; afterwards every building-derived query is stale (the change stream says so too). */
export function useCommitImport() {
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: (input: ImportCommit) =>
      request<ImportCommitResult>("/import/buildings/commit", { method: "POST", body: input }),
    onSuccess: () => invalidate({ kind: "import" }),
  });
}

/** A page of a preview's rows (by what they do) with their errors; a preview never changes, so pages never go stale. */
export const importRowsQuery = (token: string, action: ImportRowFilter, offset: number, limit: number) =>
  queryOptions({
    queryKey: keys.imports.rows(token, action, offset),
    queryFn: ({ signal }) =>
      request<ImportRowsPage>(apiPath(`/import/buildings/${token}/rows`, { action, offset, limit }), { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });

export const importErrorsQuery = (token: string, offset: number, limit: number) =>
  queryOptions({
    queryKey: keys.imports.errors(token, offset),
    queryFn: ({ signal }) =>
      request<ImportErrorsPage>(apiPath(`/import/buildings/${token}/errors`, { offset, limit }), { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
