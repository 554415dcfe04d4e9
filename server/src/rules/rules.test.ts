// Every rule the database computes for speed agrees with its TypeScript definition in shared/: the same
// random buildings (dates in order, some withdrawn), the same random day and thresholds, the same answer.

import fs from "node:fs";
import {
  addDays,
  addressKey,
  addressSortKey,
  BUILDING_STAGES,
  daysBetween,
  isBlocked,
  RECORDED_STAGES,
  STAGE_DATE_FIELD,
  type StallThresholds,
  stageOf,
  stallOf,
} from "@jiati/shared";
import { asc, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../core/db";
import { buildings } from "../core/db/schema";
import { buildArea } from "../test/factories";
import { ENGINES, freshDatabase } from "../test/harness";
import { blocked } from "./blocked";
import { countedIn } from "./count";
import { inStage } from "./stage";
import { stalled } from "./stall";

const FIRST_DAY = "2018-01-01";

interface Sample {
  signedOn: string | null;
  startedOn: string | null;
  completedOn: string | null;
  withdrawn: boolean;
  blockerCategory: "funding" | "approval" | null;
}

/**
 * A building's dates: each stage at most a few days after the one before it, or not reached. Dates, days
 * and thresholds are drawn from a few weeks so that boundaries (a date exactly on a threshold) come up often.
 */
const sampleArbitrary: fc.Arbitrary<Sample> = fc
  .record({
    signed: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    started: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    completed: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    withdrawn: fc.boolean(),
    blockerCategory: fc.constantFrom("funding" as const, "approval" as const, null),
  })
  .map(({ signed, started, completed, withdrawn, blockerCategory }) => {
    const signedOn = signed == null ? null : addDays(FIRST_DAY, signed);
    const startedOn = signedOn && started != null ? addDays(signedOn, started) : null;
    const completedOn = startedOn && completed != null ? addDays(startedOn, completed) : null;
    return { signedOn, startedOn, completedOn, withdrawn, blockerCategory };
  });

/** A threshold that puts some building's stage date exactly on the boundary (or a day either side) of `today`. */
const boundaryThreshold = (dates: (string | null)[], today: string) =>
  fc.tuple(fc.nat(), fc.integer({ min: -1, max: 1 })).map(([index, delta]) => {
    const date = dates.filter((d) => d !== null)[index % Math.max(1, dates.length)] ?? today;
    return Math.max(1, daysBetween(date, today) + delta);
  });

const caseArbitrary = fc
  .record({
    samples: fc.array(sampleArbitrary, { minLength: 1, maxLength: 40 }),
    today: fc.integer({ min: 0, max: 30 }).map((days) => addDays(FIRST_DAY, days)),
    period: fc
      .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10 }))
      .map(([start, length]) => [addDays(FIRST_DAY, start), addDays(FIRST_DAY, start + length)] as const),
  })
  .chain((base) =>
    fc
      .record({
        signedDays: boundaryThreshold(
          base.samples.map((b) => b.signedOn),
          base.today,
        ),
        startedDays: boundaryThreshold(
          base.samples.map((b) => b.startedOn),
          base.today,
        ),
      })
      .map((thresholds) => ({ ...base, thresholds })),
  );

describe.each(ENGINES)("the SQL forms of the rules on %s", (engine) => {
  let database: Database;
  let areaId: number;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    areaId = (await buildArea(database.db)).id;
  });
  afterAll(() => database.close());

  /** Inserts the samples (replacing any before) and returns them with their ids, in insertion order. */
  async function store(samples: Sample[]) {
    await database.db.execute(sql`delete from ${buildings}`);
    const rows = await database.db
      .insert(buildings)
      .values(
        samples.map((sample, i) => ({
          ...sample,
          areaId,
          address: `规则路 ${i}号`,
          addressKey: `规则路${i}号`,
          addressSort: `规则路${i}号`,
        })),
      )
      .returning({ id: buildings.id });
    return samples.map((sample, i) => ({ ...sample, id: rows[i]?.id as number }));
  }

  const idsWhere = async (condition: ReturnType<typeof inStage>) =>
    (await database.db.select({ id: buildings.id }).from(buildings).where(condition).orderBy(asc(buildings.id))).map(
      (row) => row.id,
    );

  it("agrees with stageOf, stallOf, isBlocked and annual counting", async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async ({ samples, today, thresholds, period }) => {
        const stored = await store(samples);
        const active = stored.filter((b) => !b.withdrawn);
        const sortedIds = (list: typeof stored) => list.map((b) => b.id).sort((a, b) => a - b);
        for (const stage of BUILDING_STAGES) {
          expect(await idsWhere(inStage(stage)), stage).toEqual(sortedIds(active.filter((b) => stageOf(b) === stage)));
        }
        const t: StallThresholds = thresholds;
        for (const kind of ["signed", "started"] as const) {
          const expected = stored.filter((b) => stallOf(b, today, t)?.kind === kind);
          expect(await idsWhere(stalled(today, t, kind)), `stalled ${kind}`).toEqual(sortedIds(expected));
        }
        expect(await idsWhere(stalled(today, t)), "stalled").toEqual(
          sortedIds(stored.filter((b) => stallOf(b, today, t))),
        );
        expect(await idsWhere(blocked()), "blocked").toEqual(sortedIds(stored.filter((b) => isBlocked(b))));
        expect(await idsWhere(blocked("funding")), "blocked by funding").toEqual(
          sortedIds(stored.filter((b) => isBlocked(b) && b.blockerCategory === "funding")),
        );
        const [from, to] = period;
        for (const stage of RECORDED_STAGES) {
          const field = STAGE_DATE_FIELD[stage];
          const expected = active.filter((b) => {
            const date = b[field];
            return date !== null && date >= from && date <= to;
          });
          expect(await idsWhere(countedIn(stage, from, to)), `counted ${stage}`).toEqual(sortedIds(expected));
        }
      }),
      { seed: 20221122, numRuns: 100 },
    );
  });
});

describe.each(ENGINES)("the upgrade's address keys on %s", (engine) => {
  it("computes in SQL the key addressKey computes, for addresses typed every way", async () => {
    const database = await freshDatabase(engine);
    try {
      // The expression of the migration that brought existing keys to the canonical form.
      const migration = fs.readFileSync(
        new URL("../../drizzle/0003_canonical_address_keys.sql", import.meta.url),
        "utf8",
      );
      const expression = (/regexp_replace\(\s*lower[\s\S]*?'\\1号'\)/.exec(migration)?.[0] ?? "").replace(
        "normalize(address, NFKC)",
        "normalize(v, NFKC)",
      );
      expect(expression).toContain("normalize(v, NFKC)");
      const piece = fc.constantFrom(
        "天山西路",
        " ",
        "\u3000",
        "799弄",
        "１２",
        "12",
        "号",
        "号楼",
        "幢",
        "栋",
        "\u200b",
        "A",
        "b",
        "-",
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join("")),
            { minLength: 1, maxLength: 20 },
          ),
          async (addresses) => {
            const result = (await database.db.execute(
              sql.raw(
                `select v, ${expression} as k from jsonb_array_elements_text('${JSON.stringify(addresses).replace(/'/g, "''")}'::jsonb) as t(v)`,
              ),
            )) as unknown as { rows: { v: string; k: string }[] };
            for (const row of result.rows) expect(row.k, JSON.stringify(row.v)).toBe(addressKey(row.v));
          },
        ),
        { seed: 20221122, numRuns: 50 },
      );
    } finally {
      await database.close();
    }
  });
});

describe.each(ENGINES)("the upgrade's address sort keys on %s", (engine) => {
  it("backfills the key addressSortKey computes, for addresses typed every way", async () => {
    const database = await freshDatabase(engine);
    try {
      const migration = fs.readFileSync(
        new URL("../../drizzle/0005_natural_address_order.sql", import.meta.url),
        "utf8",
      );
      // The migration's backfill statement, run again over buildings whose keys are wrong.
      const backfill = migration
        .split("--> statement-breakpoint")
        .map((statement) => statement.replace(/^\s*(--.*\n)*/g, "").trim())
        .find((statement) => statement.startsWith("UPDATE"));
      expect(backfill).toContain('"address_sort"');
      const areaId = (await buildArea(database.db)).id;
      const piece = fc.constantFrom(
        "天山西路",
        " ",
        "\u3000",
        "799",
        "弄",
        "１２",
        "2",
        "0",
        "号",
        "号楼",
        "幢",
        "A",
        "\u200b",
        "-",
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join("")),
            { minLength: 1, maxLength: 20 },
          ),
          async (addresses) => {
            await database.db.execute(sql`delete from ${buildings}`);
            await database.db
              .insert(buildings)
              .values(addresses.map((address, i) => ({ areaId, address, addressKey: `k${i}`, addressSort: "?" })));
            await database.db.execute(sql.raw(backfill ?? ""));
            const rows = await database.db
              .select({ address: buildings.address, addressSort: buildings.addressSort })
              .from(buildings);
            for (const row of rows)
              expect(row.addressSort, JSON.stringify(row.address)).toBe(addressSortKey(row.address));
          },
        ),
        { seed: 20221122, numRuns: 50 },
      );
    } finally {
      await database.close();
    }
  });
});
