// The request thread's side of the embedded database: PGlite runs in a worker thread (pglite-worker.ts), and
// this host hands it work and gets the answers back, so a query's WebAssembly, its wire protocol and its
// results' parsing never hold up HTTP. `client` is what drizzle's PGlite driver drives; a transaction's
// statements are tagged with it, and the worker runs nothing else while it is open.
//
// If the worker dies, everything waiting on it fails as "database unavailable" (503), and the worker is
// started again on the same data folder (PGlite recovers it from its WAL, as after a crash of the process);
// caches are dropped through the listeners' onDown/onUp. A worker that keeps dying, or one holding an
// in-memory database (its data died with it), is given up: `onFatal` decides (docs/OPERATIONS.md).

import { Worker } from "node:worker_threads";
import type { QueryOptions, Results } from "@electric-sql/pglite";
import type { ListenEvents } from "./listener";
import {
  EmbeddedDatabaseError,
  type ErrorShape,
  type Job,
  type Notice,
  type Reply,
  type Request,
  type WorkerData,
} from "./pglite-protocol";

export interface HostOptions {
  /** PGlite's folder; absent = in memory. */
  dataDir?: string;
  postgresqlconf: string[];
  log: { warn(message: string): void; error(message: string): void };
  /** The database cannot be brought back: its worker died and could not be restarted. */
  onFatal?(error: Error): void;
  /** Deaths within a minute after which the worker is not restarted again (3). */
  maxCrashes?: number;
}

/** Raised for work the worker could not do because it stopped: a fault of the database (faults.ts: 503). */
export class DatabaseWorkerLost extends Error {
  /** SQLSTATE connection_failure: the class faults.ts counts as "unavailable". */
  readonly code = "08006";
}

/** Restarts allowed within CRASH_WINDOW_MS before the host gives up. */
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 60_000;
/** How long close() waits for the database to close before it ends the worker regardless. */
const CLOSE_WAIT_MS = 15_000;
/** Waits before each restart attempt. */
const RESTART_DELAYS_MS = [100, 500, 2_000, 5_000, 5_000];

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

/** A transaction in the worker: its id, which worker it lives in, and the answer to its begin. */
interface TxHandle {
  id: number;
  generation: number;
  begun: Promise<unknown>;
}

/** The worker's entry: the bundle beside the built server, or the TypeScript source through tsx. */
function workerEntry(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("./pglite-worker.dev.mjs", import.meta.url)
    : new URL("./pglite-worker.js", import.meta.url);
}

export class PgliteHost {
  readonly client = new WorkerClient(this);
  private worker?: Worker;
  /** Counts the workers started: work for a transaction of an earlier one fails at once. */
  private generation = 0;
  private state: "starting" | "up" | "restarting" | "lost" | "closed" = "starting";
  private lostBecause?: Error;
  private nextId = 1;
  private nextTransaction = 1;
  private pending = new Map<number, Pending>();
  private handlers = new Map<string, Set<(payload: string) => void>>();
  private listenEvents = new Set<ListenEvents>();
  private crashes: number[] = [];

  private constructor(private readonly options: HostOptions) {}

  static async start(options: HostOptions): Promise<PgliteHost> {
    const host = new PgliteHost(options);
    await host.spawn();
    return host;
  }

  /** Whether the worker is there to take work (false while it restarts, or after it was given up). */
  get up(): boolean {
    return this.state === "up";
  }

  /** Hands `job` to the worker; resolves with its answer. */
  call(job: Job, options: { tx?: TxHandle; priority?: boolean } = {}): Promise<unknown> {
    const worker = this.worker;
    if (this.state !== "up" || !worker) return Promise.reject(this.unavailable());
    if (options.tx && options.tx.generation !== this.generation) {
      return Promise.reject(new DatabaseWorkerLost("the transaction's database worker has stopped"));
    }
    const id = this.nextId++;
    const request: Request = { id, job, tx: options.tx?.id, priority: options.priority };
    return new Promise((resolve, reject) => {
      worker.postMessage(request); // throws (and so rejects) for a parameter that cannot be sent
      this.pending.set(id, { resolve, reject });
    });
  }

  /**
   * Begins a transaction in the worker: it opens once any other has ended, and its statements can be sent
   * at once (they wait for it there). `begun` settles when it has opened, or failed to.
   */
  begin(): TxHandle {
    const id = this.nextTransaction++;
    const generation = this.generation;
    const begun = this.call({ op: "begin" }, { tx: { id, generation, begun: Promise.resolve() } });
    begun.catch(() => undefined); // its failure is the transaction's: told by transaction()
    return { id, generation, begun };
  }

  async listen(channel: string, handler: (payload: string) => void, events?: ListenEvents): Promise<() => void> {
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      await this.call({ op: "listen", channel });
    }
    handlers.add(handler);
    if (events) this.listenEvents.add(events);
    return () => {
      handlers.delete(handler);
      if (events) this.listenEvents.delete(events);
    };
  }

  async dump(): Promise<Blob> {
    return new Blob([(await this.call({ op: "dump" })) as ArrayBuffer]);
  }

  /**
   * Closes the database (after the work already sent) and ends the worker. A worker that does not answer
   * within CLOSE_WAIT_MS is ended regardless: the data folder is as after a crash, which PGlite recovers.
   */
  async close(): Promise<void> {
    if (this.state === "closed") return;
    const worker = this.worker;
    if (this.state === "up") {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise((resolve) => {
        timer = setTimeout(resolve, CLOSE_WAIT_MS);
      });
      await Promise.race([this.call({ op: "close" }).catch(() => undefined), late]);
      clearTimeout(timer);
    }
    this.state = "closed";
    this.worker = undefined;
    await worker?.terminate();
    this.failPending(new DatabaseWorkerLost("the embedded database was closed"));
  }

  private unavailable(): Error {
    if (this.state === "closed") return new DatabaseWorkerLost("the embedded database was closed");
    if (this.state === "lost") {
      return new DatabaseWorkerLost(`the embedded database is gone: ${this.lostBecause?.message ?? "its worker died"}`);
    }
    return new DatabaseWorkerLost("the embedded database is restarting");
  }

  /** Starts a worker and waits until its database is open; a database that fails to open rejects. */
  private spawn(): Promise<void> {
    const data: WorkerData = { dataDir: this.options.dataDir, postgresqlconf: this.options.postgresqlconf };
    const worker = new Worker(workerEntry(), { workerData: data });
    const generation = ++this.generation;
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on("message", (message: Reply | Notice) => {
        if ("id" in message) return this.answer(message);
        if (message.notice === "notify") return this.deliver(message.channel, message.payload);
        if (message.notice === "ready") {
          if (this.state === "closed") {
            reject(new DatabaseWorkerLost("the embedded database was closed"));
            void worker.terminate();
            return;
          }
          ready = true;
          this.worker = worker;
          this.state = "up";
          resolve();
          return;
        }
        reject(new EmbeddedDatabaseError(message.error));
        void worker.terminate();
      });
      worker.on("error", (error) => {
        this.options.log.error(`embedded database worker failed: ${error.stack ?? error.message}`);
        if (!ready) reject(error);
      });
      worker.on("exit", (code) => {
        if (!ready) {
          reject(new Error(`the embedded database's worker stopped while opening (exit code ${code})`));
          return;
        }
        if (this.generation === generation && this.state === "up") this.lost(code);
      });
    });
  }

  /** The worker died under us: fail what waited on it, then start another, or give up. */
  private lost(code: number): void {
    this.worker = undefined;
    const error = new DatabaseWorkerLost(`the embedded database's worker stopped (exit code ${code})`);
    this.failPending(error);
    for (const events of this.listenEvents) events.onDown?.(error);
    const now = Date.now();
    this.crashes = [...this.crashes.filter((at) => now - at < CRASH_WINDOW_MS), now];
    if (!this.options.dataDir) {
      this.giveUp(new Error(`${error.message}; its in-memory data went with it`));
      return;
    }
    if (this.crashes.length > (this.options.maxCrashes ?? MAX_CRASHES)) {
      this.giveUp(new Error(`${error.message}, ${this.crashes.length} times within a minute`));
      return;
    }
    this.options.log.error(`${error.message}: restarting it on the same data folder`);
    this.state = "restarting";
    void this.restart();
  }

  private async restart(): Promise<void> {
    let last: unknown;
    for (const delay of RESTART_DELAYS_MS) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (this.state !== "restarting") return; // closed meanwhile
      try {
        await this.spawn();
        if (!this.up) return;
        for (const channel of this.handlers.keys()) await this.call({ op: "listen", channel });
        this.options.log.warn("embedded database worker restarted: caches dropped, open pages told to refetch");
        for (const events of this.listenEvents) events.onUp?.();
        return;
      } catch (error) {
        last = error;
        this.options.log.error(`embedded database worker did not restart: ${(error as Error).message}`);
        if (this.up) this.state = "restarting";
      }
    }
    this.giveUp(new Error(`the embedded database's worker could not be restarted: ${(last as Error)?.message}`));
  }

  private giveUp(error: Error): void {
    this.state = "lost";
    this.lostBecause = error;
    this.options.log.error(error.message);
    this.options.onFatal?.(error);
  }

  private failPending(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of pending) reject(error);
  }

  private answer(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new EmbeddedDatabaseError(reply.error as ErrorShape));
  }

  private deliver(channel: string, payload: string): void {
    for (const handler of this.handlers.get(channel) ?? []) handler(payload);
  }
}

/**
 * What drizzle's PGlite driver calls: `query` and `transaction` (and, inside one, `query` again on the
 * transaction's client). drizzle's parsers only ever keep a type's text as it is (dates and timestamps stay
 * strings): they travel as the list of those types.
 */
export class WorkerClient {
  closed = false;

  constructor(
    private readonly host: PgliteHost,
    private readonly tx?: TxHandle,
  ) {}

  query<T>(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<Results<T>> {
    const rawTypes = options.parsers ? Object.keys(options.parsers).map(Number) : undefined;
    const job: Job = { op: "query", sql, params, rowMode: options.rowMode, rawTypes };
    return this.host.call(job, { tx: this.tx }) as Promise<Results<T>>;
  }

  exec(sql: string): Promise<Results[]> {
    return this.host.call({ op: "exec", sql }, { tx: this.tx }) as Promise<Results[]>;
  }

  /** A query ahead of the other waiting work (never into an open transaction): health's probe. */
  probe(sql: string): Promise<unknown> {
    return this.host.call({ op: "query", sql, params: [] }, { priority: true });
  }

  /**
   * Runs `callback` in one transaction: committed when it resolves, rolled back when it throws (the error is
   * thrown again). Other work waits in the worker meanwhile.
   */
  async transaction<T>(callback: (tx: WorkerClient) => Promise<T>): Promise<T> {
    if (this.tx) throw new Error("nested transactions go through savepoints (drizzle's tx.transaction)");
    const handle = this.host.begin();
    const tx = new WorkerClient(this.host, handle);
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      if (!tx.closed) {
        tx.closed = true;
        await this.host.call({ op: "rollback" }, { tx: handle }).catch(() => undefined);
      }
      // A transaction that could not begin failed its statements: its own error says why.
      await handle.begun;
      throw error;
    }
    await handle.begun;
    if (!tx.closed) {
      tx.closed = true;
      await this.host.call({ op: "commit" }, { tx: handle });
    }
    return result;
  }

  async rollback(): Promise<void> {
    if (!this.tx || this.closed) return;
    this.closed = true;
    await this.host.call({ op: "rollback" }, { tx: this.tx });
  }
}
