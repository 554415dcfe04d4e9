// What a service needs to know about the request it serves: who, which request, and what day it is.

import type { Role } from "@jiati/shared";

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  areaId: number | null;
  zoneId: number | null;
}

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
