// Who may do what, enforced: the shared policy's answers (shared/src/policy.ts, which the client asks too)
// turned into 403s. Services call these before they write; routes call the role-only ones before validating.

import {
  canImport,
  canSuperviseIn,
  canWriteAreaStatus,
  canWriteBuildingIn,
  isTaskforce,
  isWriter,
} from "@jiati/shared";
import type { SessionUser } from "../core/context";
import { Forbidden } from "../core/errors";

export { canReadBuildingIn, canWriteBuildingIn, isTaskforce, seesChangeDetails } from "@jiati/shared";

export function requireTaskforce(user: SessionUser, what = "此操作"): void {
  if (!isTaskforce(user)) throw new Forbidden(`${what}仅限加梯专班`);
}

export function requireBuildingWrite(user: SessionUser, areaId: number): void {
  if (canWriteBuildingIn(user, areaId)) return;
  if (user.role === "leader") throw new Forbidden("领导账号只读");
  throw new Forbidden("只能修改本居民区的楼栋");
}

/** Leaders only read; which area a writer may write is checked on the data. */
export function requireWriter(user: SessionUser): void {
  if (!isWriter(user)) throw new Forbidden("领导账号只读");
}

/** Leaders may not import; a secretary's rows of another area are errors in the preview. */
export function requireImport(user: SessionUser): void {
  if (!canImport(user)) throw new Forbidden("领导账号只读");
}

/** Progress notes, photos, owner and due date of an area's blockers: those who may write its buildings. */
export function requireSupervise(user: SessionUser, areaId: number): void {
  if (canSuperviseIn(user, areaId)) return;
  if (user.role === "leader") throw new Forbidden("领导账号只读");
  throw new Forbidden("只能督办本居民区的楼栋");
}

/** An area's status line: the task force, or that area's secretary. */
export function requireAreaStatusWrite(user: SessionUser, areaId: number): void {
  if (canWriteAreaStatus(user, areaId)) return;
  if (user.role === "leader") throw new Forbidden("领导账号只读");
  throw new Forbidden("只能填写本居民区的情况说明");
}
