// The embedded database's own thread: it owns the PGlite instance (its data folder, WebAssembly and wire
// protocol) and runs what the request thread sends, one piece of work at a time, as PGlite's transaction
// mutex did in the request thread: while a transaction is open only its statements run, the rest wait in
// order — except health's probe, which waits only for the statement or transaction under way
// (docs/OPERATIONS.md § The embedded database's worker).

import { parentPort, workerData } from "node:worker_threads";
import { PGlite, type QueryOptions, type Transaction } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { PreparedStatements } from "./pglite-prepared";
import { errorShape, type Job, type Notice, type Reply, type Request, type WorkerData } from "./pglite-protocol";

if (!parentPort) throw new Error("pglite-worker runs as a worker thread");
const port = parentPort;
const data = workerData as WorkerData;

const say = (message: Reply | Notice, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Work not in a transaction, in order of arrival (probes first); a transaction's begin waits here. */
const waiting: Request[] = [];
/**
 * Transactions begun and not ended, by the id the request thread gave them: the open one, and those whose
 * begin still waits its turn. Their statements wait here, in order, until the transaction runs them.
 */
const transactions = new Map<number, { statements: Request[]; wake?: () => void }>();
let running = false;
let client: PGlite;
let prepared: PreparedStatements;

/** drizzle asks for some types as their text (dates, timestamps): the parsers that keep them so, by type set. */
const rawParsers = new Map<string, QueryOptions["parsers"]>();
function optionsOf(job: Extract<Job, { op: "query" }>): QueryOptions {
  if (!job.rawTypes?.length) return { rowMode: job.rowMode };
  const key = job.rawTypes.join(",");
  let parsers = rawParsers.get(key);
  if (!parsers) {
    parsers = Object.fromEntries(job.rawTypes.map((type) => [type, (value: string) => value]));
    rawParsers.set(key, parsers);
  }
  return { rowMode: job.rowMode, parsers };
}

/** Runs a query or an exec on the database, or in the open transaction `tx`. */
async function statement(job: Job, tx?: Transaction): Promise<unknown> {
  if (job.op === "query") {
    const { rows, fields, affectedRows } = await prepared.query(job.sql, job.params, optionsOf(job), !!tx);
    return { rows, fields, affectedRows };
  }
  const on = tx ?? client;
  if (job.op === "exec") {
    return (await on.exec(job.sql)).map(({ rows, fields, affectedRows }) => ({ rows, fields, affectedRows }));
  }
  throw new Error(`${job.op} is not a statement`);
}

/**
 * Runs a transaction once its turn comes: its statements as they come (those sent before it opened waited
 * for it), until its commit or rollback.
 */
async function transaction(begin: Request): Promise<void> {
  const id = begin.tx as number;
  const state = transactions.get(id);
  if (!state) return;
  let end: Request | undefined;
  const next = async (): Promise<Request> => {
    while (state.statements.length === 0) await new Promise<void>((resolve) => (state.wake = resolve));
    return state.statements.shift() as Request;
  };
  try {
    await client.transaction(async (tx) => {
      say({ id: begin.id, ok: true, value: id });
      for (;;) {
        const request = await next();
        if (request.job.op === "commit" || request.job.op === "rollback") {
          end = request;
          if (request.job.op === "rollback") throw new RolledBack();
          return;
        }
        try {
          say({ id: request.id, ok: true, value: await statement(request.job, tx) });
        } catch (error) {
          failed(request.id, error);
        }
      }
    });
    if (end) say({ id: end.id, ok: true, value: null });
  } catch (error) {
    if (!end) say({ id: begin.id, ok: false, error: errorShape(error) });
    else if (error instanceof RolledBack) say({ id: end.id, ok: true, value: null });
    else say({ id: end.id, ok: false, error: errorShape(error) });
  } finally {
    transactions.delete(id);
    // Statements that came after its end (or for a transaction that never opened) are refused.
    for (const late of state.statements) say({ id: late.id, ok: false, error: errorShape(new TransactionClosed()) });
  }
}

class RolledBack extends Error {}
class TransactionClosed extends Error {
  constructor() {
    super("the transaction is closed");
  }
}

const listening = new Map<string, () => Promise<void>>();

async function work(request: Request): Promise<void> {
  const { job } = request;
  if (job.op === "begin") return transaction(request);
  try {
    say(...(await outcome(request.id, job)));
  } catch (error) {
    failed(request.id, error);
  }
}

function failed(id: number, error: unknown): void {
  say({ id, ok: false, error: errorShape(error) });
  // WebAssembly's RuntimeError (an abort, an unreachable): the instance's memory is not to be trusted.
  if (error instanceof Error && error.name === "RuntimeError") fatal(error);
}

async function outcome(id: number, job: Job): Promise<[Reply, ArrayBuffer[]?]> {
  switch (job.op) {
    case "query":
    case "exec":
      return [{ id, ok: true, value: await statement(job) }];
    case "migrate":
      await migrate(drizzle(client), { migrationsFolder: job.folder });
      await prepared.clear();
      return [{ id, ok: true, value: null }];
    case "dump": {
      // A checkpoint first makes the restored copy start without replaying much WAL.
      await client.exec("checkpoint");
      const dump = await client._runExclusiveTransaction(() => client.dumpDataDir("gzip"));
      const bytes = await dump.arrayBuffer();
      return [{ id, ok: true, value: bytes }, [bytes]];
    }
    case "listen":
      if (!listening.has(job.channel)) {
        const channel = job.channel;
        listening.set(channel, await client.listen(channel, (payload) => say({ notice: "notify", channel, payload })));
      }
      return [{ id, ok: true, value: null }];
    case "unlisten":
      await listening.get(job.channel)?.();
      listening.delete(job.channel);
      return [{ id, ok: true, value: null }];
    case "close":
      if (!client.closed) await client.close();
      return [{ id, ok: true, value: null }];
    default:
      throw new Error(`${job.op} outside a transaction`);
  }
}

/** The WebAssembly aborted: this instance cannot go on. The thread ends; the request thread decides. */
function fatal(error: Error): never {
  console.error(`[db worker] the embedded database aborted: ${error.message}`);
  process.exit(70);
}

/**
 * Runs the waiting work in order. PGlite answers through promises alone, so without a turn of the event loop
 * between two pieces of work the messages that arrived meanwhile — a probe to put first — would be read only
 * once the whole queue had run.
 */
async function pump(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (let request = waiting.shift(); request; request = waiting.shift()) {
      await work(request);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    running = false;
  }
}

function receive(request: Request): void {
  if (request.job.op === "begin" && request.tx !== undefined) {
    transactions.set(request.tx, { statements: [] });
  } else if (request.tx !== undefined) {
    const state = transactions.get(request.tx);
    if (state) {
      state.statements.push(request);
      state.wake?.();
    } else {
      say({ id: request.id, ok: false, error: errorShape(new TransactionClosed()) });
    }
    return;
  }
  if (request.priority) {
    const at = waiting.findIndex((other) => !other.priority);
    waiting.splice(at < 0 ? waiting.length : at, 0, request);
  } else {
    waiting.push(request);
  }
  void pump();
}

async function start(): Promise<void> {
  try {
    // PostgreSQL's default 128 MB of shared buffers live inside the WASM heap and count fully towards the
    // process's memory; the operating system's page cache serves the rest.
    const options = { postgresqlconf: data.postgresqlconf };
    client = data.dataDir ? await PGlite.create(data.dataDir, options) : await PGlite.create(options);
    prepared = new PreparedStatements(client);
  } catch (error) {
    say({ notice: "failed", error: errorShape(error) });
    return;
  }
  port.on("message", receive);
  say({ notice: "ready" });
}

void start();
