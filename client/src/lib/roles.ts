// What each role may see and do in the UI. The server decides for real (auth/policy.ts); this only keeps
// the UI from offering what would be refused.

import type { SessionUser } from "../api/types";

export const isTaskforce = (user: SessionUser | null | undefined) => user?.role === "taskforce";

/** May this user change buildings of `areaId`? Task force: all; a secretary: their own area; leaders: none. */
export function canEditBuildingsIn(user: SessionUser | null | undefined, areaId: number | null | undefined): boolean {
  if (!user || areaId == null) return false;
  if (user.role === "taskforce") return true;
  return user.role === "secretary" && user.areaId === areaId;
}

/** Where a user lands after logging in: a secretary on their buildings, a zone leader on their zone. */
export function landingPath(user: SessionUser): string {
  if (user.role === "secretary" && user.areaId) return "/mine";
  if (user.role === "leader" && user.zoneId) return `/zones/${user.zoneId}`;
  return "/";
}
