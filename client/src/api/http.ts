// The one way the client talks to the API: same-origin fetch with the session cookie, the UI's language
// (X-Language, so the server's messages come in it) on every request, the X-Requested-With header on every
// state-changing request, If-Match for versioned edits, Idempotency-Key for the changes the outbox may resend, and every non-2xx answer thrown as an ApiError that
// carries the server's code, field errors and current record.

import i18n from "i18next";
import { noteAnswer } from "../offline/freshness";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** On 409 stale_version: the record as it is now. */
    readonly current?: unknown,
    /** On 429: seconds to wait (Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface RequestOptions {
  method?: Method;
  body?: unknown;
  /** A file sent as the raw request body (with its own type) instead of JSON. */
  file?: Blob;
  /** The record's version, sent as If-Match. */
  version?: number;
  /** The change's key, sent as Idempotency-Key: a resend of a change the server took is answered, not redone. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** `/api/x?a=1` without the empty parameters. */
export function apiPath(path: string, params?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return `/api${path}${query ? `?${query}` : ""}`;
}

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string>; current?: unknown };
}

/** The answer's JSON, or null when it has none or it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** A non-2xx answer as an ApiError: the server's code, message, field errors and current record. */
function apiErrorOf(response: Response, json: unknown): ApiError {
  const error = (json as ErrorBody | null)?.error;
  return new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? response.statusText,
    error?.fields ?? {},
    error?.current,
    Number(response.headers.get("Retry-After")) || undefined,
  );
}

/** The language the UI shows, which the server's messages should be in. */
export function uiLanguage(): "zh" | "en" {
  return i18n.language === "en" ? "en" : "zh";
}

function headersFor(method: Method, options: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = { Accept: "application/json", "X-Language": uiLanguage() };
  if (method !== "GET") headers["X-Requested-With"] = "fetch";
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.file) headers["Content-Type"] = options.file.type || "application/octet-stream";
  if (options.version !== undefined) headers["If-Match"] = `"${options.version}"`;
  if (options.idempotencyKey !== undefined) headers["Idempotency-Key"] = options.idempotencyKey;
  return headers;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  let response: Response;
  try {
    response = await fetch(path.startsWith("/api") ? path : `/api${path}`, {
      method,
      headers: headersFor(method, options),
      credentials: "same-origin",
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "network", "网络连接失败");
  }

  // Offline, the service worker may answer a read from its cache: the page can say how old that is.
  if (method === "GET") noteAnswer(path, response.headers);
  if (response.status === 204) return undefined as T;
  const json = parseJson(await response.text());
  if (!response.ok) throw apiErrorOf(response, json);
  return json as T;
}
