// Small SQL builders for statements the query builder does not express.

import { getTableColumns, is, Placeholder, type SQL, sql } from "drizzle-orm";
import { type PgColumn, PgDialect, type PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./index";

/** Runs a raw statement and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const result = (await ex.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The dialect of both engines, to turn a statement into its text once (prepareOnce). */
const dialect = new PgDialect();

/** A prepared statement: `run(ex, values)` fills its placeholders and answers its rows. */
export type PreparedStatement = <T>(ex: Executor, values: Record<string, unknown>) => Promise<T[]>;

/**
 * A statement whose SQL is built once, with `sql.placeholder`s, and then run with values bound — on PGlite's
 * worker a prepared statement, on PostgreSQL a named one (`name`, unique per statement). For hot paths:
 * drizzle's building of a statement with CTEs costs the request thread more than the database's run of it.
 * Placeholder values go to the driver as they are: dates as ISO strings, JSON as its text (`driverValues`).
 */
export function prepareOnce(name: string, query: SQL): PreparedStatement {
  const built = dialect.sqlToQuery(query);
  return async <T>(ex: Executor, values: Record<string, unknown>) => {
    const result = await ex._.session.prepareQuery(built, undefined, name, false).execute(values);
    return (result as { rows: T[] }).rows;
  };
}

/**
 * A query builder's statement prepared once per executor (the database; a transaction gets its own): for reads
 * on every request, whose building by drizzle would cost more than their run. `build` uses `sql.placeholder`s.
 */
export function preparedPer<Q>(build: (ex: Executor) => Q): (ex: Executor) => Q {
  const prepared = new WeakMap<Executor, Q>();
  return (ex) => {
    let statement = prepared.get(ex);
    if (!statement) {
      statement = build(ex);
      prepared.set(ex, statement);
    }
    return statement;
  };
}

/** `sql.placeholder`s named `prefix` + key, one for each of `keys`: a row's values in a prepareOnce statement. */
export function placeholders(prefix: string, keys: readonly string[]): Record<string, Placeholder> {
  return Object.fromEntries(keys.map((key) => [key, sql.placeholder(`${prefix}${key}`)]));
}

/**
 * A row of `table` (keyed by property names) as the placeholders of `placeholders(prefix, keys)` take it: each
 * value as `insertSelectFrom` would send it (dates as ISO strings, jsonb as its text).
 */
export function driverValues(prefix: string, table: PgTable, row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    columnsNamed(table, Object.keys(row)).map(([key, column]) => {
      const value = row[key];
      const sent =
        value === null || value === undefined
          ? null
          : value instanceof Date
            ? value.toISOString()
            : column.getSQLType() === "jsonb"
              ? JSON.stringify(value)
              : value;
      return [`${prefix}${key}`, sent];
    }),
  );
}

/** A parameter as the drivers should send it for a column of `type` (a placeholder: its value, later). */
function parameter(value: unknown, type: string): SQL {
  if (is(value, Placeholder)) return sql`${value}::${sql.raw(type)}`;
  if (value === null || value === undefined) return sql`null::${sql.raw(type)}`;
  if (value instanceof Date) return sql`${value.toISOString()}::${sql.raw(type)}`;
  if (type === "jsonb") return sql`${JSON.stringify(value)}::jsonb`;
  return sql`${value}::${sql.raw(type)}`;
}

/** The columns of `table` that `keys` (property names) name, in the keys' order; unknown keys left out. */
function columnsNamed(table: PgTable, keys: readonly string[]): [string, PgColumn][] {
  const columns = getTableColumns(table);
  return keys.flatMap((key): [string, PgColumn][] => {
    const column = columns[key];
    return column ? [[key, column]] : [];
  });
}

/**
 * `insert into <table> (<columns>) select <values> from <source>`: one row of `values` (keyed by the
 * table's property names) inserted once per row of `source` — used to write dependent rows in the same
 * statement as the change they record, and only if that change happened. `fromSource` sets columns to SQL
 * expressions over the source's rows; `rest` follows the source (joins, a where clause).
 */
export function insertSelectFrom(
  table: PgTable,
  values: Record<string, unknown>,
  source: string,
  fromSource: Record<string, string> = {},
  rest = "",
): SQL {
  const constant = columnsNamed(
    table,
    Object.keys(values).filter((key) => values[key] !== undefined && !(key in fromSource)),
  );
  const computed = columnsNamed(table, Object.keys(fromSource));
  const names = [...constant, ...computed].map(([, column]) => sql.raw(`"${column.name}"`));
  const params = [
    ...constant.map(([key, column]) => parameter(values[key], column.getSQLType())),
    ...computed.map(([key, column]) => sql.raw(`(${fromSource[key]})::${column.getSQLType()}`)),
  ];
  return sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(params, sql`, `)} from ${sql.raw(source)} ${sql.raw(rest)}`;
}

/** A value as JSON carries it to a column: dates as ISO strings. */
const jsonValue = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/**
 * `insert into <table> (<columns>) select … from jsonb_to_recordset($1)`: many rows (keyed by the table's
 * property names, every row with the same keys) in one statement with one parameter. PostgreSQL parses the
 * JSON itself, so a bulk write costs neither thousands of bound parameters nor thousands of statements.
 */
export function insertFromJson(table: PgTable, records: readonly Record<string, unknown>[]): SQL {
  const columns = columnsNamed(table, Object.keys(records[0] ?? {}));
  const names = columns.map(([, column]) => `"${column.name}"`).join(", ");
  const definitions = columns.map(([, column]) => `"${column.name}" ${column.getSQLType()}`).join(", ");
  const json = JSON.stringify(
    records.map((record) => Object.fromEntries(columns.map(([key, column]) => [column.name, jsonValue(record[key])]))),
  );
  return sql`insert into ${table} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${json}::jsonb) as r(${sql.raw(definitions)})`;
}

/**
 * `update <table> set … from jsonb_array_elements($1)`: each record (`id` and the properties to change; the
 * others are left as they are) applied to its row, all in one statement. `set` adds columns set on every row
 * (a version bump, say).
 */
export function updateFromJson(
  table: PgTable,
  records: readonly ({ id: number } & Record<string, unknown>)[],
  set: Record<string, SQL>,
): SQL {
  const changed = columnsNamed(
    table,
    [...new Set(records.flatMap((record) => Object.keys(record)))].filter((key) => key !== "id" && !(key in set)),
  );
  const assignments = [
    ...changed.map(([key, column]) =>
      sql.raw(
        `"${column.name}" = case when r.doc ? '${key}' then (r.doc->>'${key}')::${column.getSQLType()} else t."${column.name}" end`,
      ),
    ),
    ...columnsNamed(table, Object.keys(set)).map(
      ([key, column]) => sql`${sql.raw(`"${column.name}"`)} = ${set[key] as SQL}`,
    ),
  ];
  const json = JSON.stringify(
    records.map((record) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, jsonValue(value)]))),
  );
  return sql`update ${table} as t set ${sql.join(assignments, sql`, `)} from jsonb_array_elements(${json}::jsonb) as r(doc) where t.id = (r.doc->>'id')::int`;
}
