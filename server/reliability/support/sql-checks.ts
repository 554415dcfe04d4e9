// The history invariants of ./invariants.ts over every building at once, in SQL, read straight from the
// database after the server has stopped.

import { sql } from "drizzle-orm";
import type { Database } from "../../src/core/db";

const CHECKS: Record<string, string> = {
  "version counts the audit rows of changes": `
    select b.id from buildings b
    where b.version - 1 <> (select count(*) from audit_log a
      where a.entity = 'building' and a.entity_id = b.id::text and a.action <> 'building.create')`,
  "each stage date is the last stage event's": `
    select b.id from buildings b cross join (values ('signed'), ('started'), ('completed')) s(stage)
    left join lateral (select e.to_date, true as found from stage_events e
      where e.building_id = b.id and e.stage = s.stage order by e.id desc limit 1) last on true
    where last.found and last.to_date is distinct from
      case s.stage when 'signed' then b.signed_on when 'started' then b.started_on else b.completed_on end`,
  "each stage event has its audit row": `
    select e.building_id from stage_events e
    where e.request_id is not null and not exists (select 1 from audit_log a
      where a.request_id = e.request_id and a.entity = 'building' and a.entity_id = e.building_id::text)`,
};

/** "check: building id" for every building breaking a rule; empty when all hold. */
export async function checkAllBuildingsInSql(database: Database): Promise<string[]> {
  const broken: string[] = [];
  for (const [rule, query] of Object.entries(CHECKS)) {
    const result = (await database.db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] };
    for (const row of result.rows) broken.push(`${rule}: building ${Object.values(row)[0]}`);
  }
  return broken;
}
