// Target letters (目标任务书): for each area and year, who answers for its targets and when they signed.

import type { PutLetter, TargetLetter } from "@jiati/shared";
import { msg } from "@jiati/shared";
import { requireTaskforce } from "../auth/policy";
import { recordAudit } from "../core/audit";
import type { RequestContext } from "../core/context";
import { type Deps, inTransaction } from "../core/deps";
import { InvalidInput, NotFound } from "../core/errors";
import { findArea } from "../structure/repo";
import { findLetter, listLetters, writeLetter } from "./repo";
import { checkPlanningYear } from "./service";

export type Letter = TargetLetter;

export class LetterService {
  constructor(private readonly deps: Deps) {}

  /** Every area's letter for `year` (blank where none was recorded). */
  async list(year: number): Promise<Letter[]> {
    const rows = await listLetters(this.deps.db, year);
    return rows.map((row) => ({
      ...row,
      year,
      zoneLeader: row.zoneLeader ?? "",
      secretary: row.secretary ?? "",
      liaison: row.liaison ?? "",
      signedOn: row.signedOn ?? null,
    }));
  }

  async put(ctx: RequestContext, areaId: number, input: PutLetter): Promise<Letter> {
    requireTaskforce(ctx.user, "editLetters");
    checkPlanningYear(input.year, ctx.today);
    if (input.signedOn && input.signedOn > ctx.today)
      throw InvalidInput.field("signedOn", msg("letter.signedAfterToday", { today: ctx.today }));
    await inTransaction(this.deps, async (tx, announce) => {
      if (!(await findArea(tx, areaId))) throw new NotFound(msg("notFound.area"));
      const before = await findLetter(tx, areaId, input.year);
      await writeLetter(tx, { ...input, areaId, updatedAt: ctx.now });
      await recordAudit(tx, ctx, {
        action: "letter.update",
        entity: "letter",
        entityId: `${input.year}-${areaId}`,
        areaId,
        before: before
          ? {
              zoneLeader: before.zoneLeader,
              secretary: before.secretary,
              liaison: before.liaison,
              signedOn: before.signedOn,
            }
          : null,
        after: {
          zoneLeader: input.zoneLeader,
          secretary: input.secretary,
          liaison: input.liaison,
          signedOn: input.signedOn,
        },
      });
      await announce({ kind: "targets" });
    });
    const letter = (await this.list(input.year)).find((row) => row.areaId === areaId);
    if (!letter) throw new NotFound(msg("notFound.area"));
    return letter;
  }
}
