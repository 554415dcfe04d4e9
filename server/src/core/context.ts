// What a service needs to know about the request it serves: who, which request, and what day it is.

import type { SessionUser } from "@jiati/shared";
import type { IdempotencyClaim } from "./idempotency";

export type { SessionUser };

export interface RequestContext {
  user: SessionUser;
  requestId: string;
  /** Today's date in Shanghai (YYYY-MM-DD). */
  today: string;
  now: Date;
  /** The request's Idempotency-Key, on the routes that take one: its write records it (core/idempotency.ts). */
  idempotency?: IdempotencyClaim;
}

/** The clock: injectable so tests can fix "today". */
export interface Clock {
  now(): Date;
  today(): string;
}
