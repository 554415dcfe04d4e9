// Small SQL builders for statements the query builder does not express.

import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/** A parameter as the drivers should send it for a column of `type`. */
function parameter(value: unknown, type: string): SQL {
  if (value === null || value === undefined) return sql`null::${sql.raw(type)}`;
  if (value instanceof Date) return sql`${value.toISOString()}::${sql.raw(type)}`;
  if (type === "jsonb") return sql`${JSON.stringify(value)}::jsonb`;
  return sql`${value}::${sql.raw(type)}`;
}

/**
 * `insert into <table> (<columns>) select <values> from <source>`: one row of `values` (keyed by the
 * table's property names) inserted once per row of `source` — used to write dependent rows in the same
 * statement as the change they record, and only if that change happened.
 */
export function insertSelectFrom(table: PgTable, values: Record<string, unknown>, source: string): SQL {
  const columns = getTableColumns(table);
  const entries = Object.entries(values).filter(([key, value]) => key in columns && value !== undefined);
  const names = entries.map(([key]) => sql.raw(`"${columns[key].name}"`));
  const params = entries.map(([key, value]) => parameter(value, columns[key].getSQLType()));
  return sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(params, sql`, `)} from ${sql.raw(source)}`;
}
