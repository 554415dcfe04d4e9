// Queries of the report's notes: one row of the settings table per year and scope, its JSON value carrying the
// text, its version and its writer; written only at the version read (docs/DOMAIN.md § Reports).

import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../core/db";
import { settings, zones } from "../core/db/schema";

/** What the settings row holds. */
export interface StoredReportNotes {
  nextSteps: string;
  version: number;
  updatedBy: string;
}

/** The settings key of a year's report of the town (`zoneId` null) or of one zone. */
export const reportNotesKey = (year: number, zoneId: number | null) =>
  `reportNotes:${year}:${zoneId == null ? "town" : `zone${zoneId}`}`;

export async function readReportNotes(
  ex: Executor,
  key: string,
): Promise<{ value: StoredReportNotes; updatedAt: Date } | undefined> {
  const [row] = await ex.select().from(settings).where(eq(settings.key, key));
  return row ? { value: row.value as StoredReportNotes, updatedAt: row.updatedAt } : undefined;
}

/**
 * Writes `value` if the stored version is still `expected` (0: nothing stored yet); false when another write
 * came first. One statement each way, so two writers at the same version cannot both succeed.
 */
export async function writeReportNotesAt(
  ex: Executor,
  key: string,
  expected: number,
  value: StoredReportNotes,
  now: Date,
): Promise<boolean> {
  if (expected === 0) {
    const inserted = await ex
      .insert(settings)
      .values({ key, value, updatedAt: now })
      .onConflictDoNothing({ target: settings.key })
      .returning({ key: settings.key });
    return inserted.length === 1;
  }
  const updated = await ex
    .update(settings)
    .set({ value, updatedAt: now })
    .where(and(eq(settings.key, key), sql`(${settings.value} ->> 'version')::int = ${expected}`))
    .returning({ key: settings.key });
  return updated.length === 1;
}

export async function zoneExists(ex: Executor, zoneId: number): Promise<boolean> {
  const [row] = await ex.select({ id: zones.id }).from(zones).where(eq(zones.id, zoneId));
  return row !== undefined;
}
