// Generates a data set of a given scale into an empty, migrated database with bulk SQL (generate_series,
// seeded random()): zones, areas, candidate buildings with stage dates over a decade, stage events
// (the stages plus their later corrections), targets for the town and every zone and year, and one
// task-force account for the bench.

import { addDays, yearOf } from "@jiati/shared";
import { sql } from "drizzle-orm";
import { hashPassword } from "../server/src/auth/passwords";
import type { Database } from "../server/src/core/db";

export interface Scale {
  name: "town" | "district" | "city";
  zones: number;
  areas: number;
  buildings: number;
  /** Stage events in all, including corrections. */
  events: number;
  /** Elevators per stage per year. */
  perYear: number;
}

export const SCALES: Record<Scale["name"], Scale> = {
  town: { name: "town", zones: 6, areas: 35, buildings: 1_500, events: 7_000, perYear: 150 },
  district: { name: "district", zones: 60, areas: 350, buildings: 15_000, events: 70_000, perYear: 1_500 },
  city: { name: "city", zones: 220, areas: 6_000, buildings: 220_000, events: 1_000_000, perYear: 3_000 },
};

export const BENCH_USER = "bench-admin";
export const BENCH_PASSWORD = "bench-password-1";
const FIRST_YEAR = 2016;

async function exec(database: Database, query: string) {
  await database.db.execute(sql.raw(query));
}

export async function generate(database: Database, scale: Scale, today: string): Promise<void> {
  const years = yearOf(today) - FIRST_YEAR + 1;
  const span =
    Number(new Date(`${today}T00:00:00Z`).getTime() - new Date(`${FIRST_YEAR}-01-01T00:00:00Z`).getTime()) / 86_400_000;
  // Share of candidates signed over the decade, so that about perYear are signed each year.
  const signedShare = Math.min(0.9, (scale.perYear * years * 1.12) / scale.buildings);
  await database.db.transaction(async (tx) => {
    const run = (query: string) => tx.execute(sql.raw(query));
    await run("select setseed(0.42)");
    await run(`insert into zones (id, name, sort_order)
      select z, '片区' || lpad(z::text, 3, '0'), z from generate_series(1, ${scale.zones}) z`);
    await run(`insert into areas (id, zone_id, name, sort_order)
      select a, 1 + (a - 1) % ${scale.zones}, '居民区' || lpad(a::text, 4, '0'), a from generate_series(1, ${scale.areas}) a`);
    await run(`select setval('zones_id_seq', ${scale.zones}), setval('areas_id_seq', ${scale.areas})`);
    // Stage lags: signed→started 20–170 days, started→completed 50–330 days; the later stages only when
    // they fall on or before today.
    await run(`insert into buildings (area_id, estate, address, address_key, address_sort, floors, households, elderly_households,
        elevator_company, signed_on, started_on, completed_on, blocker_category, blocked_since)
      select area_id, '小区' || (i % 7), addr, replace(addr, ' ', ''), sort_key, 6, 24, 10, case when signed is null then '' else '电梯公司' || (i % 9) end,
        signed,
        case when started <= date '${today}' then started end,
        case when started <= date '${today}' and completed <= date '${today}' then completed end,
        case when signed is not null and r4 < 0.03 then 'funding' end,
        case when signed is not null and r4 < 0.03 then date '${addDays(today, -30)}' end
      from (
        select i, 1 + (i % ${scale.areas}) as area_id, '城市路 ' || (i / 20) || '弄 ' || (i % 20 + 1) || '号' as addr,
          '城市路' || lpad((i / 20)::text, 10, '0') || '弄' || lpad((i % 20 + 1)::text, 10, '0') || '号' as sort_key, r4,
          s as signed,
          s + (20 + r2 * 150)::int as started,
          s + (20 + r2 * 150)::int + (50 + r3 * 280)::int as completed
        from (
          select i, random() r1, random() r2, random() r3, random() r4,
            case when random() < ${signedShare} then date '${FIRST_YEAR}-01-01' + (random() * ${span})::int end as s
          from generate_series(1, ${scale.buildings}) i
        ) raw
      ) b`);
    await run(`insert into stage_events (building_id, stage, to_date, reason, at)
      select id, 'signed', signed_on, '', signed_on::timestamptz from buildings where signed_on is not null
      union all select id, 'started', started_on, '', started_on::timestamptz from buildings where started_on is not null
      union all select id, 'completed', completed_on, '', completed_on::timestamptz from buildings where completed_on is not null`);
    await run(`insert into stage_events (building_id, stage, blocker_category, blocker_note, blocked_since, reason, at)
      select id, 'blocker', blocker_category, blocker_note, blocked_since, '', blocked_since::timestamptz
      from buildings where blocker_category is not null`);
    // Corrections to reach the scale's event count: earlier wrong dates corrected to the current ones.
    const [{ n }] = (
      (await tx.execute(sql`select count(*)::int as n from stage_events`)) as unknown as { rows: { n: number }[] }
    ).rows;
    const perSigned = Math.max(
      0,
      Math.ceil((scale.events - n) / Math.max(1, Math.round(scale.buildings * signedShare))),
    );
    if (perSigned > 0) {
      await run(`insert into stage_events (building_id, stage, from_date, to_date, reason, at)
        select b.id, 'signed', b.signed_on + k, b.signed_on, '更正日期', b.signed_on::timestamptz + make_interval(hours => k)
        from buildings b cross join generate_series(1, ${perSigned}) k where b.signed_on is not null`);
    }
    // Targets: the town's and each zone's, every year and stage.
    await run(`insert into targets (year, stage, value)
      select y, s, ${scale.perYear} from generate_series(${FIRST_YEAR}, ${yearOf(today)}) y,
        unnest(array['signed','started','completed']) s`);
    await run(`insert into targets (year, stage, zone_id, value)
      select y, s, z, ceil(${scale.perYear}::numeric / ${scale.zones})::int from generate_series(${FIRST_YEAR}, ${yearOf(today)}) y,
        unnest(array['signed','started','completed']) s, generate_series(1, ${scale.zones}) z`);
  });
  await exec(
    database,
    `insert into users (username, display_name, role, password_hash)
    values ('${BENCH_USER}', '压测专班', 'taskforce', '${await hashPassword(BENCH_PASSWORD)}')`,
  );
  await exec(database, "analyze");
}
