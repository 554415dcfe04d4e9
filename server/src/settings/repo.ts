// Queries of the settings table: one JSON value per key.

import { eq } from "drizzle-orm";
import type { Executor } from "../core/db";
import { settings } from "../core/db/schema";

export async function readSetting(ex: Executor, key: string): Promise<unknown> {
  const [row] = await ex.select().from(settings).where(eq(settings.key, key));
  return row?.value;
}

export async function writeSetting(ex: Executor, key: string, value: unknown, now: Date): Promise<void> {
  await ex
    .insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
}
