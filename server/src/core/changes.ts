// Change notices: each write sends NOTIFY inside its transaction (so it is delivered only on commit), every
// instance LISTENs, and subscribers — the summary cache and the SSE stream — hear about every change,
// whichever instance made it. A change made here is applied at once, without waiting for the notice.
// While the listening connection is down, notices from other instances may be missed: caches are not
// trusted (`live` is false), and once it is back every cache is dropped and open pages are told to refetch
// (a "resync") — docs/OPERATIONS.md.

import { randomUUID } from "node:crypto";
import type { ChangeNotice } from "@jiati/shared";
import { sql } from "drizzle-orm";
import type { Database, Executor } from "./db";
import type { Logger } from "./logger";

export const CHANGE_CHANNEL = "jiati_changes";

export type Change = ChangeNotice;

type Listener = (change: Change) => void;

/**
 * Which changes this instance has seen, as text (`<instance>.<generation>`): a page rendered with figures records
 * it, and its change stream compares (stream/routes.ts) — another instance, or a later change, means refetch.
 */
export function changeCount(hub: Pick<ChangeHub, "instanceId" | "generation">): string {
  return `${hub.instanceId}.${hub.generation}`;
}
type ResyncListener = () => void;

export class ChangeHub {
  readonly instanceId = randomUUID();
  /** Bumped by every change: caches keyed on it never serve data older than the last change seen. */
  generation = 0;
  /**
   * Bumped by every change but those that left every count as it was (`countsUnchanged`): what the summary and
   * the areas' counts are cached under (docs/DOMAIN.md § What a count reads). Never behind `generation`'s changes
   * that matter: a resync and a lost listener bump both.
   */
  countsGeneration = 0;
  /** Whether notices from other instances are being heard: caches may be used only while true. */
  live = true;
  private listeners = new Set<Listener>();
  private resyncListeners = new Set<ResyncListener>();
  private stopListening?: () => Promise<void>;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopListening = await this.database.listen(
      CHANGE_CHANNEL,
      (payload) => {
        try {
          const { origin, ...change } = JSON.parse(payload) as Change & { origin: string };
          if (origin !== this.instanceId) this.apply(change);
        } catch (error) {
          this.logger.warn("ignoring malformed change notice", error);
        }
      },
      {
        onDown: (error) => {
          this.live = false;
          this.generation++;
          this.countsGeneration++;
          this.logger.warn(
            `change listener lost its connection (${error.message}): reconnecting; caches off meanwhile`,
          );
        },
        onUp: () => {
          this.live = true;
          this.logger.warn("change listener reconnected: caches dropped, open pages told to refetch");
          this.resync();
        },
      },
    );
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.listeners.clear();
    this.resyncListeners.clear();
  }

  /** Hears of each resync: notices may have been missed, so everything derived from the data is stale. */
  onResync(listener: ResyncListener): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** Drops every cache (a new generation) and tells the resync listeners. */
  resync(): void {
    this.generation++;
    this.countsGeneration++;
    for (const listener of this.resyncListeners) {
      try {
        listener();
      } catch (error) {
        this.logger.warn("resync listener failed", error);
      }
    }
  }

  /** Queues the notice in the transaction `tx`; PostgreSQL delivers it when (and only if) it commits. */
  async notifyInTransaction(tx: Executor, change: Change): Promise<void> {
    await tx.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${this.payload(change)})`);
  }

  /** The NOTIFY payload of `change`, for statements that send it themselves. */
  payload(change: Change): string {
    return JSON.stringify({ origin: this.instanceId, ...change });
  }

  /** Tells this instance's subscribers about a change that has just committed. */
  committed(change: Change): void {
    this.apply(change);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private apply(change: Change): void {
    this.generation++;
    if (change.countsUnchanged !== true) this.countsGeneration++;
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.warn("change listener failed", error);
      }
    }
  }
}
