// The API's errors: a few classes with a stable code and status, mapped to
// { error: { code, message, fields? } } by the error middleware.

import { msg } from "@jiati/shared";
import type { z } from "zod";

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** 400: the input is malformed or breaks a rule; `fields` names where. */
export class InvalidInput extends AppError {
  constructor(message: string, fields?: Record<string, string>, code = "invalid_input") {
    super(400, code, message, fields);
  }
  static field(field: string, message: string, code?: string): InvalidInput {
    return new InvalidInput(`${field}: ${message}`, { [field]: message }, code);
  }

  /** zod's issues as a 400: the first message, named by its field, plus one message per field. */
  static fromZod(error: z.ZodError): InvalidInput {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) {
      // An unknown key is reported on the key itself, not on the object holding it.
      const keys = issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
      for (const path of keys) {
        const name = fieldName(path);
        fields[name] ??= issue.code === "unrecognized_keys" ? msg("error.unknownField") : issue.message;
      }
    }
    const [first] = Object.entries(fields);
    return new InvalidInput(first ? `${first[0]}: ${first[1]}` : msg("error.invalidInput"), fields);
  }
}

/** A field's name from its path in the input: "targets.0.value", or "body" for the whole. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "body";
}

export class Unauthenticated extends AppError {
  constructor(message = msg("error.loginFirst")) {
    super(401, "unauthenticated", message);
  }
}

export class Forbidden extends AppError {
  constructor(message = msg("error.forbidden")) {
    super(403, "forbidden", message);
  }
}

export class NotFound extends AppError {
  constructor(message: string) {
    super(404, "not_found", message);
  }
}

/** 409: the record changed since the client read it (or a unique value is taken). */
export class Conflict extends AppError {
  constructor(
    message: string,
    code = "conflict",
    readonly current?: unknown,
    fields?: Record<string, string>,
  ) {
    super(409, code, message, fields);
  }
}

/** 422: an Idempotency-Key already used by another user or for another route; nothing was written. */
export class IdempotencyKeyReused extends AppError {
  constructor() {
    const message = msg("error.idempotencyKeyReused");
    super(422, "idempotency_key_reused", message, { "Idempotency-Key": message });
  }
}

export class TooManyRequests extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, "too_many_requests", message, undefined, { "Retry-After": String(retryAfterSeconds) });
  }
}

/** Seconds a client is told to wait before trying again while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** 503: the database cannot be reached (stopped, restarting, unreachable); nothing was written. */
export class DatabaseUnavailable extends AppError {
  constructor(message = msg("error.databaseUnavailable")) {
    super(503, "database_unavailable", message, undefined, {
      "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS),
    });
  }
}

/** 507: the database's disk is full; the write was rolled back, the data is as it was. */
export class DiskFull extends AppError {
  constructor(message = msg("error.diskFull")) {
    super(507, "disk_full", message);
  }
}
