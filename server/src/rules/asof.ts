// The SQL form of "as of a date" (shared/src/asof.ts `buildingAsOf`, docs/DOMAIN.md § As of a date): the
// buildings as they stood at the end of day D, replayed from the event log, as a relation with the columns of
// `buildings`. A query runs against it unchanged by being given it as a CTE named `buildings`, which hides
// the table of that name — so every rule of rules/ counts the past exactly as it counts the present.

import { endOfDayShanghai } from "@jiati/shared";
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Db } from "../core/db";
import { buildings, stageEvents } from "../core/db/schema";

/** The latest value of `column` among the events of `stage` (by time, then id), per building. */
const latest = (column: string, stage: string) =>
  `(array_agg(e.${column} order by e.at desc, e.id desc) filter (where e.stage = '${stage}'))[1]`;

/** The replayed columns, by their database names; every other column is the building's as it is now. */
function replayed(day: string): Record<string, SQL> {
  const notAfterDay = (stage: string) => sql.raw(`case when h.${stage}_on <= '${day}'::date then h.${stage}_on end`);
  return {
    signed_on: notAfterDay("signed"),
    started_on: notAfterDay("started"),
    completed_on: notAfterDay("completed"),
    withdrawn: sql.raw("coalesce(h.withdrawn, false)"),
    blocker_category: sql.raw("h.blocker_category"),
    blocker_note: sql.raw("coalesce(h.blocker_note, '')"),
    blocked_since: sql.raw("h.blocked_since"),
  };
}

/**
 * The buildings as known at the end of `day` (YYYY-MM-DD, checked by the caller): those created by then or with
 * anything recorded about them by then, with their stage dates, withdrawal and blocker from the events
 * recorded by the end of `day` in Shanghai.
 */
export function buildingsAsOf(day: string): SQL {
  // `day` is a checked calendar date: safe to write into the statement, which keeps the plan simple.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a date: ${day}`);
  const cutoff = endOfDayShanghai(day).toISOString();
  const replace = replayed(day);
  const columns = Object.values(getTableColumns(buildings)).map((column) => {
    const expression = replace[column.name] ?? sql.raw(`b."${column.name}"`);
    return sql`${expression} as ${sql.raw(`"${column.name}"`)}`;
  });
  return sql`select ${sql.join(columns, sql`, `)}
    from ${buildings} b
    left join (
      select e.building_id,
        ${sql.raw(latest("to_date", "signed"))} as signed_on,
        ${sql.raw(latest("to_date", "started"))} as started_on,
        ${sql.raw(latest("to_date", "completed"))} as completed_on,
        ${sql.raw(latest("withdrawn", "withdrawn"))} as withdrawn,
        ${sql.raw(latest("blocker_category", "blocker"))} as blocker_category,
        ${sql.raw(latest("blocker_note", "blocker"))} as blocker_note,
        ${sql.raw(latest("blocked_since", "blocker"))} as blocked_since
      from ${stageEvents} e
      where e.at < ${cutoff}::timestamptz
      group by e.building_id
    ) h on h.building_id = b.id
    where b.created_at < ${cutoff}::timestamptz or h.building_id is not null`;
}

/** `query` run against the buildings as of `day` (null: as they are now). */
export function asOfQuery(day: string | null, query: SQL): SQL {
  if (day === null) return query;
  return sql`with "buildings" as (${buildingsAsOf(day)}) ${query}`;
}

/**
 * `db` for query-builder selects over the buildings as of `day` (null: now): `select … from buildings` then
 * reads the replayed relation.
 */
export function selectingAsOf(db: Db, day: string | null): Pick<Db, "select"> {
  if (day === null) return db;
  return db.with(db.$with("buildings", getTableColumns(buildings)).as(buildingsAsOf(day)));
}
