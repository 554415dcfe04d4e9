// The messages between the request thread and the embedded database's worker (pglite-host.ts, pglite-worker.ts),
// and how an error crosses between them: a PGlite error's fields (code, constraint, detail…) are what the
// error handler and faults.ts read, so they travel as plain properties.

/** Work the worker does, in the order it receives it (a transaction's statements carry its `tx`). */
export type Job =
  | { op: "query"; sql: string; params: unknown[]; rowMode?: "array" | "object"; rawTypes?: number[] }
  | { op: "exec"; sql: string }
  /**
   * Opens the transaction `tx` (its id chosen by the request thread) once no other is open. Its statements
   * may be sent at once: they wait for it, so a transaction costs no round trip to begin.
   */
  | { op: "begin" }
  | { op: "commit" }
  | { op: "rollback" }
  | { op: "migrate"; folder: string }
  /** A gzip tarball of the data folder, taken while no transaction is open. */
  | { op: "dump" }
  | { op: "listen"; channel: string }
  | { op: "unlisten"; channel: string }
  | { op: "close" };

export interface Request {
  id: number;
  job: Job;
  /** The transaction this statement belongs to (its begin, commit and rollback included). */
  tx?: number;
  /** Ahead of the other waiting work (never into an open transaction): health's probe. */
  priority?: boolean;
}

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorShape };

/** What the worker says of its own accord. */
export type Notice =
  | { notice: "ready" }
  | { notice: "failed"; error: ErrorShape }
  | { notice: "notify"; channel: string; payload: string };

export interface WorkerData {
  dataDir?: string;
  postgresqlconf: string[];
}

export interface ErrorShape {
  name: string;
  message: string;
  stack?: string;
  /** The error's own fields that are plain values: a PGlite error's code, constraint, detail, table… */
  fields: Record<string, string | number | boolean | null>;
  /** The error it wraps (drizzle's "Failed query" wraps PGlite's error). */
  cause?: ErrorShape;
}

/** Fields not sent: the statement's parameters (large, and may hold personal data) and its options. */
const KEPT_BACK = new Set(["params", "queryOptions"]);

export function errorShape(error: unknown, depth = 0): ErrorShape {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), fields: {} };
  const fields: ErrorShape["fields"] = {};
  for (const [key, value] of Object.entries(error)) {
    if (KEPT_BACK.has(key)) continue;
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) {
      fields[key] = value as string | number | boolean | null;
    }
  }
  const cause = error.cause !== undefined && depth < 4 ? errorShape(error.cause, depth + 1) : undefined;
  return { name: error.name, message: error.message, stack: error.stack, fields, ...(cause ? { cause } : {}) };
}

/** An error of the embedded database, raised again on the request thread with the worker's fields. */
export class EmbeddedDatabaseError extends Error {
  [field: string]: unknown;

  constructor(shape: ErrorShape) {
    super(shape.message, shape.cause ? { cause: new EmbeddedDatabaseError(shape.cause) } : undefined);
    Object.assign(this, shape.fields);
    this.name = shape.name;
    if (shape.stack) this.stack = `${this.stack}\n    in the database worker: ${shape.stack}`;
  }
}
