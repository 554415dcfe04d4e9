// Accounts: the task force adds, edits, disables users and resets passwords; anyone changes their own.

import { type createUserSchema, msg, type patchUserSchema, type Role, type User, userScopeSchema } from "@jiati/shared";
import type { z } from "zod";
import { clearAttempts, countedUnlessBusy, reserveAttempt } from "../auth/attempts";
import { hashPassword, verifyPassword } from "../auth/passwords";
import { requireTaskforce } from "../auth/policy";
import { createSession, endUserSessions } from "../auth/sessions";
import { recordAudit } from "../core/audit";
import type { RequestContext } from "../core/context";
import type { Executor } from "../core/db";
import { type Deps, inTransaction } from "../core/deps";
import { Conflict, InvalidInput, NotFound } from "../core/errors";
import { findArea, findZone } from "../structure/repo";
import { findUser, insertUser, listUsers, type UserRow, updateUser, usernameTaken } from "./repo";

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    areaId: row.areaId,
    zoneId: row.zoneId,
    disabled: row.disabled,
  };
}

async function checkScopeExists(tx: Executor, areaId: number | null, zoneId: number | null) {
  if (areaId != null && !(await findArea(tx, areaId))) throw InvalidInput.field("areaId", msg("notFound.area"));
  if (zoneId != null && !(await findZone(tx, zoneId))) throw InvalidInput.field("zoneId", msg("notFound.zone"));
}

/** The role and scope after a patch: changing the role clears a scope the new role cannot have, unless one is given. */
function nextScope(current: UserRow, patch: z.infer<typeof patchUserSchema>) {
  const role = patch.role ?? (current.role as Role);
  const next = {
    role,
    areaId: patch.areaId !== undefined ? patch.areaId : role === "secretary" ? current.areaId : null,
    zoneId: patch.zoneId !== undefined ? patch.zoneId : role === "leader" ? current.zoneId : null,
  };
  const scopeCheck = userScopeSchema.safeParse(next);
  if (!scopeCheck.success) throw InvalidInput.fromZod(scopeCheck.error);
  return next;
}

/** The task force cannot disable itself or give up its own role (someone must be able to manage accounts). */
function refuseSelfLockout(ctx: RequestContext, id: number, patch: z.infer<typeof patchUserSchema>): void {
  if (id !== ctx.user.id) return;
  if (patch.disabled === true || (patch.role && patch.role !== "taskforce")) {
    throw InvalidInput.field(patch.disabled ? "disabled" : "role", msg("user.cannotDemoteSelf"));
  }
}

export class UserService {
  constructor(private readonly deps: Deps) {}

  async list(ctx: RequestContext): Promise<User[]> {
    requireTaskforce(ctx.user, "listUsers");
    return (await listUsers(this.deps.db)).map(presentUser);
  }

  async create(ctx: RequestContext, input: z.infer<typeof createUserSchema>): Promise<User> {
    requireTaskforce(ctx.user, "createUser");
    const passwordHash = await hashPassword(input.password);
    return inTransaction(this.deps, async (tx, announce) => {
      await checkScopeExists(tx, input.areaId, input.zoneId);
      if (await usernameTaken(tx, input.username)) {
        throw new Conflict(msg("user.usernameTaken"), "duplicate_username", undefined, {
          username: msg("user.usernameTaken"),
        });
      }
      const { password: _password, ...fields } = input;
      const row = await insertUser(tx, { ...fields, passwordHash, createdAt: ctx.now, updatedAt: ctx.now });
      const user = presentUser(row);
      await recordAudit(tx, ctx, {
        action: "user.create",
        entity: "user",
        entityId: row.id,
        areaId: row.areaId,
        after: user,
      });
      await announce({ kind: "users", id: row.id });
      return user;
    });
  }

  async patch(ctx: RequestContext, id: number, patch: z.infer<typeof patchUserSchema>): Promise<User> {
    requireTaskforce(ctx.user, "editUser");
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    return inTransaction(this.deps, async (tx, announce) => {
      const current = await findUser(tx, id, true);
      if (!current) throw new NotFound(msg("notFound.user"));
      const next = nextScope(current, patch);
      await checkScopeExists(tx, next.areaId, next.zoneId);
      refuseSelfLockout(ctx, id, patch);
      const row = await updateUser(tx, id, {
        displayName: patch.displayName ?? current.displayName,
        ...next,
        disabled: patch.disabled ?? current.disabled,
        ...(passwordHash ? { passwordHash } : {}),
        updatedAt: ctx.now,
      });
      // What the account may do changed: its sessions end, and it logs in again.
      const rightsChanged = row.role !== current.role || row.areaId !== current.areaId;
      if (row.disabled || passwordHash || rightsChanged) await endUserSessions(tx, id);
      const after = presentUser(row);
      const onlyPassword = passwordHash !== undefined && Object.keys(patch).length === 1;
      await recordAudit(tx, ctx, {
        action: onlyPassword ? "user.password_reset" : "user.update",
        entity: "user",
        entityId: id,
        areaId: row.areaId,
        before: presentUser(current),
        after: passwordHash ? { ...after, password: "（已重置）" } : after,
      });
      await announce({ kind: "users", id });
      return after;
    });
  }

  /** Changes the caller's password after checking the current one; returns a fresh session id. */
  async changeOwnPassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<string> {
    const db = this.deps.db;
    // Guesses at the current password are limited like logins, per account from any address.
    const attempt = { key: `password:${ctx.user.id}`, address: "*" };
    const reservation = await reserveAttempt(db, attempt, ctx.now, msg("user.tooManyPasswordAttempts"));
    const row = await findUser(db, ctx.user.id);
    const valid = await countedUnlessBusy(db, reservation, async () =>
      row ? verifyPassword(currentPassword, row.passwordHash) : false,
    );
    if (!row || !valid) throw InvalidInput.field("currentPassword", msg("user.wrongCurrentPassword"));
    await clearAttempts(db, attempt);
    const passwordHash = await hashPassword(newPassword);
    return inTransaction(this.deps, async (tx, announce) => {
      await updateUser(tx, ctx.user.id, { passwordHash, updatedAt: ctx.now });
      await endUserSessions(tx, ctx.user.id);
      await announce({ kind: "users", id: ctx.user.id });
      await recordAudit(tx, ctx, { action: "user.password_change", entity: "user", entityId: ctx.user.id });
      return createSession(tx, ctx.user.id, ctx.now);
    });
  }
}
