// Prepared statements for the embedded database's worker. PGlite's own query() parses, plans and describes
// every statement anew, in six calls into the WebAssembly; here each distinct SQL text is parsed and described
// once under a name, and every later run is one call (bind, execute, sync) with the parameters bound. The app's
// SQL texts are few (drizzle binds values as parameters), so the cache stays small; it is bounded all the same.

import { type PGlite, parse, protocol, type QueryOptions, type Results } from "@electric-sql/pglite";

type Message = Awaited<ReturnType<PGlite["execProtocolStream"]>>[number];

interface Statement {
  name: string;
  paramTypes: number[];
  /** Its rowDescription (absent for a statement that returns no rows): the rows' names and types. */
  description?: Message;
}

/** Statements kept; the least recently used is closed beyond this. */
const CAPACITY = 500;
/** SQLSTATEs after which a statement is prepared again: its plan no longer fits (a migration changed a table). */
const STALE = new Set(["0A000", "26000"]);

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export class PreparedStatements {
  private statements = new Map<string, Statement>();
  private next = 1;
  /** Statements to close with the next message (evicted from the cache). */
  private closing: string[] = [];

  constructor(private readonly client: PGlite) {}

  /** Runs `sql` with `params` as PGlite's query() would, inside an open transaction when `inTransaction`. */
  async query(sql: string, params: unknown[], options: QueryOptions, inTransaction: boolean): Promise<Results> {
    const run = () =>
      this.client._runExclusiveQuery(async () => {
        try {
          return await this.run(sql, params, options);
        } catch (error) {
          // In a transaction the error has aborted it: the caller's rollback, not a second try.
          if (inTransaction || !STALE.has((error as { code?: string }).code ?? "")) throw error;
          this.forget(sql);
          return await this.run(sql, params, options);
        }
      });
    if (inTransaction) return run();
    const result = await this.client._runExclusiveTransaction(run);
    await this.client.syncToFs();
    return result;
  }

  /** Forgets every statement (after a migration: their plans may no longer fit). */
  async clear(): Promise<void> {
    this.statements.clear();
    this.closing = [];
    await this.client.exec("deallocate all");
  }

  private async run(sql: string, params: unknown[], options: QueryOptions): Promise<Results> {
    const statement = this.statements.get(sql) ?? (await this.prepare(sql));
    // Least recently used last out: a hit moves to the end.
    this.statements.delete(sql);
    this.statements.set(sql, statement);
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const serialize = this.client.serializers[statement.paramTypes[i] ?? 0];
      return serialize ? serialize(param) : String(param);
    });
    const messages = await this.exchange(
      concat([
        protocol.serialize.bind({ statement: statement.name, values: values as string[] }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
      sql,
    );
    const described = statement.description ? [statement.description, ...messages] : messages;
    // parseResults would copy the whole parser table (hundreds of types) for each query given parsers: the
    // merged table is made once per set of parsers instead.
    return parse.parseResults(described, this.parsersWith(options.parsers), { rowMode: options.rowMode })[0] as Results;
  }

  private merged = new WeakMap<object, Record<number, (value: string) => unknown>>();

  private parsersWith(extra: QueryOptions["parsers"]): Record<number, (value: string) => unknown> {
    if (!extra) return this.client.parsers;
    let parsers = this.merged.get(extra);
    if (!parsers) {
      parsers = { ...this.client.parsers, ...extra };
      this.merged.set(extra, parsers);
    }
    return parsers;
  }

  private async prepare(sql: string): Promise<Statement> {
    const name = `jt${this.next++}`;
    const parts = this.closing.map((old) => protocol.serialize.close({ type: "S", name: old }));
    this.closing = [];
    const messages = await this.exchange(
      concat([
        ...parts,
        protocol.serialize.parse({ name, text: sql }),
        protocol.serialize.describe({ type: "S", name }),
        protocol.serialize.sync(),
      ]),
      sql,
    );
    const paramTypes =
      (messages.find((m) => m.name === "parameterDescription") as { dataTypeIDs?: number[] } | undefined)
        ?.dataTypeIDs ?? [];
    const statement = { name, paramTypes, description: messages.find((m) => m.name === "rowDescription") };
    this.statements.set(sql, statement);
    if (this.statements.size > CAPACITY) {
      const [oldest] = this.statements.keys();
      if (oldest !== undefined) this.forget(oldest);
    }
    return statement;
  }

  private forget(sql: string): void {
    const statement = this.statements.get(sql);
    if (!statement) return;
    this.statements.delete(sql);
    this.closing.push(statement.name);
  }

  /** Sends one message to the engine; its error carries the statement, as PGlite's query() errors do. */
  private async exchange(message: Uint8Array, sql: string): Promise<Message[]> {
    try {
      return await this.client.execProtocolStream(message, { syncToFs: false });
    } catch (error) {
      if (error instanceof Error) Object.assign(error, { query: sql });
      throw error;
    }
  }
}
