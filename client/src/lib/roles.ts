// What each role may see and do in the UI: the shared policy's answers (the server enforces the same ones),
// for a user who may not be logged in yet. The UI offers only what would be allowed.

import {
  canSuperviseIn,
  canWriteAreaStatus,
  canWriteBuildingIn,
  followsSupervision,
  readsBriefings,
  isTaskforce as taskforce,
} from "@jiati/shared/policy";
import type { SessionUser } from "../api/types";

export const isTaskforce = (user: SessionUser | null | undefined) => (user ? taskforce(user) : false);

/** May this user change buildings of `areaId`? Task force: all; a secretary: their own area; leaders: none. */
export function canEditBuildingsIn(user: SessionUser | null | undefined, areaId: number | null | undefined): boolean {
  return user != null && areaId != null && canWriteBuildingIn(user, areaId);
}

/** May this user add notes and photos to, and assign, blockers of `areaId`? (The same as editing its buildings.) */
export function canSuperviseBlockersIn(user: SessionUser | null | undefined, areaId: number | null | undefined) {
  return user != null && areaId != null && canSuperviseIn(user, areaId);
}

/** May this user write the status line of `areaId`? */
export function canWriteStatusOf(user: SessionUser | null | undefined, areaId: number | null | undefined) {
  return user != null && areaId != null && canWriteAreaStatus(user, areaId);
}

/** Does this user have the 督办 page (overdue blockers across areas)? The task force and the leaders. */
export function hasSupervisionPage(user: SessionUser | null | undefined): boolean {
  return user != null && followsSupervision(user);
}

/** Does this user have the 简报 pages? The task force and the leaders. */
export function hasBriefings(user: SessionUser | null | undefined): boolean {
  return user != null && readsBriefings(user);
}

/** Where a user lands after logging in: a secretary on their buildings, a zone leader on their zone. */
export function landingPath(user: SessionUser): string {
  if (user.role === "secretary" && user.areaId) return "/mine";
  if (user.role === "leader" && user.zoneId) return `/zones/${user.zoneId}`;
  return "/";
}
