// Queries of annual targets and target letters (目标任务书).

import type { RecordedStage, TargetValue } from "@jiati/shared";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Executor } from "../core/db";
import { areas, targetLetters, targets, zones } from "../core/db/schema";

export async function loadTargets(ex: Executor, year: number): Promise<TargetValue[]> {
  const rows = await ex.select().from(targets).where(eq(targets.year, year));
  return rows.map((row) => ({
    stage: row.stage as RecordedStage,
    areaId: row.areaId,
    zoneId: row.zoneId,
    value: row.value,
  }));
}

/** The ids of every area and zone, to check the ones a request names. */
export async function structureIds(ex: Executor): Promise<{ areaIds: Set<number>; zoneIds: Set<number> }> {
  const [areaRows, zoneRows] = await Promise.all([
    ex.select({ id: areas.id }).from(areas),
    ex.select({ id: zones.id }).from(zones),
  ]);
  return { areaIds: new Set(areaRows.map((row) => row.id)), zoneIds: new Set(zoneRows.map((row) => row.id)) };
}

interface TargetKey {
  year: number;
  stage: RecordedStage;
  areaId: number | null;
  zoneId: number | null;
}

/** Sets one target, or removes it when `value` is null. */
export async function writeTarget(ex: Executor, key: TargetKey, value: number | null, now: Date): Promise<void> {
  if (value == null) {
    await ex
      .delete(targets)
      .where(
        and(
          eq(targets.year, key.year),
          eq(targets.stage, key.stage),
          key.areaId == null ? isNull(targets.areaId) : eq(targets.areaId, key.areaId),
          key.zoneId == null ? isNull(targets.zoneId) : eq(targets.zoneId, key.zoneId),
        ),
      );
    return;
  }
  await ex
    .insert(targets)
    .values({ ...key, value, updatedAt: now })
    .onConflictDoUpdate({
      target: [targets.year, targets.stage, targets.zoneId, targets.areaId],
      set: { value, updatedAt: now },
    });
}

/** Every area's letter for `year`, in the structure's order (blank fields where none was recorded). */
export function listLetters(ex: Executor, year: number) {
  return ex
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
}

export async function findLetter(ex: Executor, areaId: number, year: number) {
  const [letter] = await ex
    .select()
    .from(targetLetters)
    .where(and(eq(targetLetters.areaId, areaId), eq(targetLetters.year, year)));
  return letter;
}

export async function writeLetter(ex: Executor, values: typeof targetLetters.$inferInsert): Promise<void> {
  await ex
    .insert(targetLetters)
    .values(values)
    .onConflictDoUpdate({ target: [targetLetters.year, targetLetters.areaId], set: values });
}
