// The progress report's 下一步工作 (docs/DOMAIN.md § Reports): read by everyone who reads the report, written by
// the task force at the version it read (409 otherwise), each write audited.

import { canWriteReportNotes, msg, type ReportNotes, type ReportNotesInput } from "@jiati/shared";
import { requireTaskforce } from "../auth/policy";
import { recordAudit } from "../core/audit";
import type { RequestContext } from "../core/context";
import { type Deps, inTransaction } from "../core/deps";
import { Conflict, NotFound } from "../core/errors";
import { readReportNotes, reportNotesKey, writeReportNotesAt, zoneExists } from "./repo";

/** Which report: a year, and the town (no zone) or one zone. */
export interface ReportScope {
  year: number;
  zoneId?: number;
}

export class ReportNotesService {
  constructor(private readonly deps: Deps) {}

  async read(ctx: RequestContext, scope: ReportScope): Promise<ReportNotes> {
    if (scope.zoneId != null && !(await zoneExists(this.deps.db, scope.zoneId))) {
      throw new NotFound(msg("notFound.zone"));
    }
    const stored = await readReportNotes(this.deps.db, reportNotesKey(scope.year, scope.zoneId ?? null));
    return present(ctx, scope, stored);
  }

  async write(ctx: RequestContext, scope: ReportScope, version: number, input: ReportNotesInput): Promise<ReportNotes> {
    requireTaskforce(ctx.user, "setReportNotes");
    const zoneId = scope.zoneId ?? null;
    const key = reportNotesKey(scope.year, zoneId);
    return inTransaction(this.deps, async (tx, announce) => {
      if (zoneId != null && !(await zoneExists(tx, zoneId))) throw new NotFound(msg("notFound.zone"));
      const before = await readReportNotes(tx, key);
      const current = before?.value.version ?? 0;
      const value = { nextSteps: input.nextSteps, version: version + 1, updatedBy: ctx.user.displayName };
      if (current !== version || !(await writeReportNotesAt(tx, key, version, value, ctx.now))) {
        const now = await readReportNotes(tx, key);
        throw new Conflict(
          msg("report.staleVersion", { current: now?.value.version ?? 0, sent: version }),
          "stale_version",
          present(ctx, scope, now),
        );
      }
      await recordAudit(tx, ctx, {
        action: "report.update",
        entity: "report",
        entityId: zoneId == null ? String(scope.year) : `${scope.year}-${zoneId}`,
        before: { nextSteps: before?.value.nextSteps ?? "" },
        after: { nextSteps: value.nextSteps },
      });
      await announce({ kind: "settings" });
      return present(ctx, scope, { value, updatedAt: ctx.now });
    });
  }
}

function present(
  ctx: RequestContext,
  scope: ReportScope,
  stored: Awaited<ReturnType<typeof readReportNotes>>,
): ReportNotes {
  return {
    year: scope.year,
    zoneId: scope.zoneId ?? null,
    nextSteps: stored?.value.nextSteps ?? "",
    version: stored?.value.version ?? 0,
    updatedAt: stored?.updatedAt.toISOString() ?? null,
    updatedBy: stored?.value.updatedBy ?? null,
    editable: canWriteReportNotes(ctx.user),
  };
}
