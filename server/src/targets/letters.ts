// Target letters (目标任务书): for each area and year, who answers for its targets and when they signed.

import { isoDateSchema, type TargetLetter } from "@jiati/shared";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/service";
import { requireTaskforce } from "../auth/policy";
import type { RequestContext } from "../core/context";
import { areas, targetLetters, zones } from "../core/db/schema";
import { type Deps, inTransaction } from "../core/deps";
import { InvalidInput, NotFound } from "../core/errors";

export const putLetterSchema = z.strictObject({
  year: z.number().int().min(2011).max(2100),
  zoneLeader: z.string().trim().max(64),
  secretary: z.string().trim().max(64),
  liaison: z.string().trim().max(64),
  signedOn: isoDateSchema.nullable(),
});
export type PutLetter = z.infer<typeof putLetterSchema>;

export type Letter = TargetLetter;

export class LetterService {
  constructor(private readonly deps: Deps) {}

  /** Every area's letter for `year` (blank where none was recorded). */
  async list(year: number): Promise<Letter[]> {
    const rows = await this.deps.db
      .select({
        areaId: areas.id,
        areaName: areas.name,
        zoneId: zones.id,
        zoneName: zones.name,
        zoneLeader: targetLetters.zoneLeader,
        secretary: targetLetters.secretary,
        liaison: targetLetters.liaison,
        signedOn: targetLetters.signedOn,
      })
      .from(areas)
      .innerJoin(zones, eq(zones.id, areas.zoneId))
      .leftJoin(targetLetters, and(eq(targetLetters.areaId, areas.id), eq(targetLetters.year, year)))
      .orderBy(asc(zones.sortOrder), asc(areas.sortOrder), asc(areas.id));
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
    requireTaskforce(ctx.user, "编辑目标任务书");
    if (input.signedOn && input.signedOn > ctx.today)
      throw InvalidInput.field("signedOn", `签订日期不能晚于今天（${ctx.today}）`);
    await inTransaction(this.deps, async (tx, announce) => {
      const [area] = await tx.select().from(areas).where(eq(areas.id, areaId));
      if (!area) throw new NotFound("居民区");
      const [before] = await tx
        .select()
        .from(targetLetters)
        .where(and(eq(targetLetters.areaId, areaId), eq(targetLetters.year, input.year)));
      const values = { ...input, areaId, updatedAt: ctx.now };
      await tx
        .insert(targetLetters)
        .values(values)
        .onConflictDoUpdate({ target: [targetLetters.year, targetLetters.areaId], set: values });
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
    if (!letter) throw new NotFound("居民区");
    return letter;
  }
}
