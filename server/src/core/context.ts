// What a service needs to know about the request it serves: who, which request, and what day it is.

import type { SessionUser } from "@jiati/shared";

export type { SessionUser };

export interface RequestContext {
  user: SessionUser;
  requestId: string;
  /** Today's date in Shanghai (YYYY-MM-DD). */
  today: string;
  now: Date;
}

/** The clock: injectable so tests can fix "today". */
export interface Clock {
  now(): Date;
  today(): string;
}
