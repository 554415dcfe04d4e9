// Who may do what — the one place authorisation is decided. Services call these before they write.
// Every logged-in role may read; writes are by role and, for secretaries, by area.

import type { SessionUser } from "../core/context";
import { Forbidden } from "../core/errors";

export function isTaskforce(user: SessionUser): boolean {
  return user.role === "taskforce";
}

export function requireTaskforce(user: SessionUser, what = "此操作"): void {
  if (!isTaskforce(user)) throw new Forbidden(`${what}仅限加梯专班`);
}

/** May `user` change a building of `areaId`? */
export function canWriteBuildingIn(user: SessionUser, areaId: number): boolean {
  if (user.role === "taskforce") return true;
  return user.role === "secretary" && user.areaId === areaId;
}

export function requireBuildingWrite(user: SessionUser, areaId: number): void {
  if (canWriteBuildingIn(user, areaId)) return;
  if (user.role === "leader") throw new Forbidden("领导账号只读");
  throw new Forbidden("只能修改本居民区的楼栋");
}

/** Leaders only read; the task force writes anywhere, a secretary in their area (checked on the data). */
export function requireWriter(user: SessionUser): void {
  if (user.role === "leader") throw new Forbidden("领导账号只读");
}

/** A secretary may import only their own area's rows; the task force any. */
export function requireImport(user: SessionUser): void {
  if (user.role === "leader") throw new Forbidden("领导账号只读");
}

/**
 * Who sees the change log's details — login names and request ids, which tie a change to the server's logs:
 * the task force. Everyone else reads a building's history by the changers' display names.
 */
export function seesChangeDetails(user: SessionUser): boolean {
  return isTaskforce(user);
}
