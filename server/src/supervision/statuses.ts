// Areas' status lines (docs/DOMAIN.md § Area status lines): a short, dated explanation of where an area stands,
// written by its secretary or the task force. Every line is kept; the latest is what the dashboard and the
// area page show, with its date and author.

import { type AreaStatus, type AreaStatusInput, msg } from "@jiati/shared";
import { requireAreaStatusWrite } from "../auth/policy";
import { recordAudit } from "../core/audit";
import type { RequestContext } from "../core/context";
import { type Deps, inTransaction } from "../core/deps";
import { NotFound } from "../core/errors";
import { areaOf, areaStatusHistory, insertAreaStatus, latestAreaStatuses } from "./repo";

/** Lines of an area's history shown on its page. */
export const AREA_STATUS_HISTORY = 10;

type StatusRow = Awaited<ReturnType<typeof latestAreaStatuses>>[number];

const present = (row: StatusRow): AreaStatus => ({ ...row, at: row.at.toISOString() });

export class AreaStatusService {
  constructor(private readonly deps: Deps) {}

  /** Writes the area's status line for today, with its audit row. */
  async write(ctx: RequestContext, areaId: number, input: AreaStatusInput): Promise<AreaStatus> {
    return inTransaction(this.deps, async (tx, announce) => {
      if (!(await areaOf(tx, areaId))) throw new NotFound(msg("notFound.area"));
      requireAreaStatusWrite(ctx.user, areaId);
      const text = input.text;
      const { id } = await insertAreaStatus(tx, { areaId, text, date: ctx.today, userId: ctx.user.id, at: ctx.now });
      await recordAudit(tx, ctx, {
        action: "area.status",
        entity: "area",
        entityId: areaId,
        areaId,
        after: { statusId: id, text, date: ctx.today },
      });
      await announce({ kind: "areaStatus", id: areaId, areaId });
      return { id, areaId, text, date: ctx.today, author: ctx.user.displayName, at: ctx.now.toISOString() };
    });
  }

  /** The latest line of every area (of `zoneId`) that has one. */
  async latest(zoneId?: number): Promise<AreaStatus[]> {
    return (await latestAreaStatuses(this.deps.db, zoneId)).map(present);
  }

  /** The area's recent lines, newest first. */
  async history(areaId: number): Promise<AreaStatus[]> {
    if (!(await areaOf(this.deps.db, areaId))) throw new NotFound(msg("notFound.area"));
    return (await areaStatusHistory(this.deps.db, areaId, AREA_STATUS_HISTORY)).map(present);
  }
}
