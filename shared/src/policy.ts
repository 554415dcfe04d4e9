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

/**
 * May `user` read a building of `areaId` — its page, its blocker's thread and photos? Everyone logged in reads
 * every area (docs/DOMAIN.md § Roles: secretaries and leaders read the town's figures too).
 */
export function canReadBuildingIn(_user: PolicyUser, _areaId: number): boolean {
  return true;
}

/**
 * May `user` supervise a blocker of `areaId` — add a progress note or a photo, set its owner and due date?
 * Those who may write the area's buildings: the task force anywhere, a secretary in their own area.
 */
export function canSuperviseIn(user: PolicyUser, areaId: number): boolean {
  return canWriteBuildingIn(user, areaId);
}

/**
 * May `candidate` own (answer for) a blocker of `areaId`? Someone who may write its buildings, with an
 * account that is not disabled: a task force member, or that area's secretary.
 */
export function canOwnBlockerIn(candidate: PolicyUser & { disabled?: boolean }, areaId: number): boolean {
  return !candidate.disabled && canWriteBuildingIn(candidate, areaId);
}

/** May `user` write the dated status line of `areaId`? The task force, or that area's secretary. */
export function canWriteAreaStatus(user: PolicyUser, areaId: number): boolean {
  return canWriteBuildingIn(user, areaId);
}

/** Who follows overdue blockers across areas on the 督办 page: the task force and the leaders. */
export function followsSupervision(user: PolicyUser): boolean {
  return user.role === "taskforce" || user.role === "leader";
}

/** May `user` write the progress report's 下一步工作 (docs/DOMAIN.md § Reports)? The task force; leaders read it. */
export function canWriteReportNotes(user: PolicyUser): boolean {
  return isTaskforce(user);
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

/**
 * The year-end review (docs/DOMAIN.md § Year-end review): the task force edits, confirms and reopens it; leaders,
 * zone leaders too, read the whole town's (the titles are a town decision); a secretary reads only their own
 * area's row, and only once the review is confirmed.
 */
export function canEditReview(user: PolicyUser): boolean {
  return isTaskforce(user);
}

/** Who reads every area of the year-end review, draft or confirmed: the task force and the leaders. */
export function readsWholeReview(user: PolicyUser): boolean {
  return user.role === "taskforce" || user.role === "leader";
}
/** May `user` generate, regenerate, edit and issue weekly briefings (docs/DOMAIN.md § Weekly briefing)? The task force. */
export function canManageBriefings(user: PolicyUser): boolean {
  return isTaskforce(user);
}

/** Does `user` read briefings at all — the menu's 简报? The task force and the leaders; not secretaries. */
export function readsBriefings(user: PolicyUser): boolean {
  return user.role === "taskforce" || user.role === "leader";
}

/**
 * May `user` read a briefing of `zoneId` (null: the town's) in `status`? The task force every one; a zone
 * leader their own zone's, draft or issued; a leader without a zone every issued one (docs/DOMAIN.md § Weekly
 * briefing).
 */
export function canReadBriefing(user: PolicyUser, briefing: { zoneId: number | null; status: string }): boolean {
  if (isTaskforce(user)) return true;
  if (user.role !== "leader") return false;
  if (user.zoneId != null) return briefing.zoneId === user.zoneId;
  return briefing.status === "issued";
}
