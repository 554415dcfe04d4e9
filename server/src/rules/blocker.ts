// The SQL forms of the blocker supervision rules (shared/src/blockers.ts, docs/DOMAIN.md § Blocker supervision):
// an open blocker (set, on a building not withdrawn), overdue (open, due before today), and the current
// episode's last progress note. blocker.test.ts checks the first two against isOpenBlocker and isOverdue.

import { and, eq, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import { blockerNotes, buildings, users } from "../core/db/schema";

/** A blocker is set and the building is not withdrawn. */
export function openBlocker(): SQL {
  return and(isNotNull(buildings.blockerCategory), eq(buildings.withdrawn, false)) as SQL;
}

/** An open blocker whose due date lies before `today` (due today is not yet overdue). */
export function overdueBlocker(today: string): SQL {
  return and(openBlocker(), lt(buildings.blockerDueOn, today)) as SQL;
}

/** An instant as the API writes it: ISO 8601 in UTC with milliseconds, whatever the session's time zone. */
export function isoInstant(column: SQL | typeof blockerNotes.at): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The blocker's last progress note of its current episode (notes written since `blocked_since`), as
 * `{ text, at, author }` JSON — null when the building is not blocked or has no note yet. A correlated
 * subquery on `buildings`: evaluated for the rows a page returns, through blocker_notes' index.
 */
export function lastBlockerNote(): SQL<{ text: string; at: string; author: string } | null> {
  return sql<{ text: string; at: string; author: string } | null>`(
    select json_build_object('text', n.text, 'at', ${isoInstant(sql`n.at`)}, 'author', coalesce(u.display_name, ''))
    from ${blockerNotes} n left join ${users} u on u.id = n.user_id
    where n.building_id = ${buildings.id} and n.blocked_since = ${buildings.blockedSince}
      and ${buildings.blockerCategory} is not null
    order by n.id desc limit 1)`;
}
