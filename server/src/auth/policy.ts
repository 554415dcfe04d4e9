// Who may do what, enforced: the shared policy's answers (shared/src/policy.ts, which the client asks too)
// turned into 403s. Services call these before they write; routes call the role-only ones before validating.

import {
  canImport,
  canReadBriefing,
  canSuperviseIn,
  canWriteAreaStatus,
  canWriteBuildingIn,
  isTaskforce,
  isWriter,
  type MessageKey,
  msg,
  readsBriefings,
} from "@jiati/shared";
import type { SessionUser } from "../core/context";
import { Forbidden } from "../core/errors";

export { canReadBuildingIn, canWriteBuildingIn, isTaskforce, seesChangeDetails } from "@jiati/shared";

/** What only the task force may do, as the 403 names it (the `action.*` messages). */
export type TaskforceAction = MessageKey extends infer K ? (K extends `action.${infer A}` ? A : never) : never;

export function requireTaskforce(user: SessionUser, action: TaskforceAction = "default"): void {
  if (!isTaskforce(user)) throw new Forbidden(msg("forbidden.taskforceOnly", { action: msg(`action.${action}`) }));
}

export function requireBuildingWrite(user: SessionUser, areaId: number): void {
  if (canWriteBuildingIn(user, areaId)) return;
  if (user.role === "leader") throw new Forbidden(msg("forbidden.leaderReadOnly"));
  throw new Forbidden(msg("forbidden.ownAreaOnly"));
}

/** Leaders only read; which area a writer may write is checked on the data. */
export function requireWriter(user: SessionUser): void {
  if (!isWriter(user)) throw new Forbidden(msg("forbidden.leaderReadOnly"));
}

/** Leaders may not import; a secretary's rows of another area are errors in the preview. */
export function requireImport(user: SessionUser): void {
  if (!canImport(user)) throw new Forbidden(msg("forbidden.leaderReadOnly"));
}

/** Progress notes, photos, owner and due date of an area's blockers: those who may write its buildings. */
export function requireSupervise(user: SessionUser, areaId: number): void {
  if (canSuperviseIn(user, areaId)) return;
  if (user.role === "leader") throw new Forbidden(msg("forbidden.leaderReadOnly"));
  throw new Forbidden(msg("forbidden.ownAreaSuperviseOnly"));
}

/** An area's status line: the task force, or that area's secretary. */
export function requireAreaStatusWrite(user: SessionUser, areaId: number): void {
  if (canWriteAreaStatus(user, areaId)) return;
  if (user.role === "leader") throw new Forbidden(msg("forbidden.leaderReadOnly"));
  throw new Forbidden(msg("forbidden.ownAreaStatusOnly"));
}

/** Briefings are read by the task force and the leaders; secretaries have none (docs/DOMAIN.md § Weekly briefing). */
export function requireBriefingsReader(user: SessionUser): void {
  if (!readsBriefings(user)) throw new Forbidden(msg("forbidden.briefingsNotForRole"));
}

/** One briefing: a zone leader's own zone's; a leader without a zone, issued ones. */
export function requireBriefingRead(user: SessionUser, briefing: { zoneId: number | null; status: string }): void {
  requireBriefingsReader(user);
  if (canReadBriefing(user, briefing)) return;
  if (user.role === "leader" && user.zoneId != null) throw new Forbidden(msg("forbidden.briefingOtherZone"));
  throw new Forbidden(msg("forbidden.briefingDraft"));
}
