// The SQL forms of the blocker rules agree with their TypeScript definitions (shared/src/blockers.ts): on random
// buildings — blocked or not, withdrawn or not, due around a random today — the same open and overdue ones.

import { addDays, addressSortKey, isOpenBlocker, isOverdue } from "@jiati/shared";
import { asc, type SQL, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../core/db";
import { buildings } from "../core/db/schema";
import { buildArea } from "../test/factories";
import { ENGINES, freshDatabase } from "../test/harness";
import { openBlocker, overdueBlocker } from "./blocker";

const FIRST_DAY = "2022-06-01";

const sampleArbitrary = fc
  .record({
    blocked: fc.boolean(),
    withdrawn: fc.boolean(),
    due: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
  })
  .map(({ blocked, withdrawn, due }) => ({
    blockerCategory: blocked ? "funding" : null,
    blockedSince: blocked ? FIRST_DAY : null,
    blockerDueOn: due == null ? null : addDays(FIRST_DAY, due),
    withdrawn,
  }));

describe.each(ENGINES)("the SQL forms of the blocker rules on %s", (engine) => {
  let database: Database;
  let areaId: number;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    areaId = (await buildArea(database.db)).id;
  });
  afterAll(() => database.close());

  it("agree with isOpenBlocker and isOverdue, on the due day and either side of it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(sampleArbitrary, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 7 }).map((days) => addDays(FIRST_DAY, days)),
        async (samples, today) => {
          await database.db.execute(sql`delete from ${buildings}`);
          const rows = await database.db
            .insert(buildings)
            .values(
              samples.map((s, i) => ({
                ...s,
                areaId,
                address: `督办规则路 ${i}号`,
                addressKey: `督办规则路${i}号`,
                addressSort: addressSortKey(`督办规则路 ${i}号`),
              })),
            )
            .returning({ id: buildings.id });
          const stored = samples.map((sample, i) => ({ ...sample, id: rows[i]?.id as number }));
          const idsWhere = async (condition: SQL) =>
            (
              await database.db.select({ id: buildings.id }).from(buildings).where(condition).orderBy(asc(buildings.id))
            ).map((row) => row.id);
          const expected = (keep: (b: (typeof stored)[number]) => boolean) =>
            stored
              .filter(keep)
              .map((b) => b.id)
              .sort((a, b) => a - b);
          expect(await idsWhere(openBlocker())).toEqual(expected(isOpenBlocker));
          expect(await idsWhere(overdueBlocker(today)), today).toEqual(expected((b) => isOverdue(b, today)));
        },
      ),
      { seed: 20221122, numRuns: 60 },
    );
  });
});
