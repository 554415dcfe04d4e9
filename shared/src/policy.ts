// Who may do what (docs/DOMAIN.md § Roles), as plain questions about a user. The server enforces them
// (server/src/auth/policy.ts turns a "no" into 403); the client asks the same ones to offer only what would
// be allowed. No zod here, so any page can ask.

import type { Role } from "./vocabulary";

/** The part of a logged-in user the policy looks at. */
export interface PolicyUser {
  role: Role;
  areaId: number | null;
  /** A leader's zone, when they lead one. */
  zoneId?: number | null;
}

export function isTaskforce(user: PolicyUser): boolean {
  return user.role === "taskforce";
}

/** Leaders only read; the task force writes anywhere, a secretary in their own area. */
export function isWriter(user: PolicyUser): boolean {
  return user.role !== "leader";
}

/** May `user` change a building of `areaId`? */
export function canWriteBuildingIn(user: PolicyUser, areaId: number): boolean {
  if (user.role === "taskforce") return true;
  return user.role === "secretary" && user.areaId === areaId;
}

/** Imports: the task force any rows, a secretary their own area's (checked row by row); leaders none. */
export function canImport(user: PolicyUser): boolean {
  return isWriter(user);
}

/**
 * Who sees the change log's details — login names and request ids, which tie a change to the server's logs:
 * the task force. Everyone else reads a building's history by the changers' display names.
 */
export function seesChangeDetails(user: PolicyUser): boolean {
  return isTaskforce(user);
}

/**
 * A zone leader's own zone: their report, ledger and building list open on it (everyone reads every zone —
 * docs/DOMAIN.md § Roles — so another zone or the town is one choice away). Null for everyone else.
 */
export function homeZoneOf(user: PolicyUser): number | null {
  return user.role === "leader" ? (user.zoneId ?? null) : null;
}
