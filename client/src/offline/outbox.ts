// The outbox: changes made without a network — stage records, blocker notes, building edits — kept in the
// browser (IndexedDB, so a reload or a closed browser loses nothing) and sent in the order they were made when
// the network returns, each with the version it was made on (docs/ARCHITECTURE.md § Offline). It is not a
// cache of server data: an item leaves it when the server has taken it, or when the user discards it.
//
// An item the server refuses stays, shown to the user: a newer version (409) as a conflict to redo on the
// current version, any other refusal (400, 403…) with the server's message until the user discards it. A
// building's later items wait behind its refused one, so its changes still arrive in order.

import type { Building } from "@jiati/shared";
import { type ApiError, isApiError } from "../api/http";

export type WriteKind = "stage" | "patch" | "note";

/** A change as the page makes it. */
export interface WriteInput {
  kind: WriteKind;
  buildingId: number;
  /** The API path under /api, e.g. `/buildings/3/stage`. */
  path: string;
  method: "POST" | "PATCH";
  body: unknown;
  /** The version the change was made on (If-Match); none for a note. */
  version?: number;
  /** The building as the user saw it when making the change: what a conflict is shown against. */
  base: Building;
  /** Its Idempotency-Key, if it was already sent with one (sendOrQueue tried it online first). */
  key?: string;
}

export type ItemState = "waiting" | "conflict" | "refused";

export interface QueuedWrite extends WriteInput {
  id: string;
  /**
   * Sent as Idempotency-Key with every attempt: when an attempt reached the server but its answer was lost, the
   * next is answered as that one was instead of being made twice (docs/ARCHITECTURE.md § Offline).
   */
  key: string;
  /** Order of making: items are sent by it. */
  seq: number;
  /** Whose change it is: only they send it or see it. */
  userId: number;
  queuedAt: number;
  state: ItemState;
  /** Failed sends (network) so far: the retry's back-off. */
  attempts: number;
  /** On a conflict: the building as it is now. */
  current?: Building;
  /** On a refusal: the server's answer. */
  error?: { status: number; code: string; message: string; fields: Record<string, string> };
}

/** Where items are kept: IndexedDB in the browser (store.ts), memory in tests. */
export interface OutboxStore {
  /** Every item, by `seq`. */
  list(): Promise<QueuedWrite[]>;
  put(item: QueuedWrite): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Sends one item; throws the ApiError of a refusal or of a network failure (status 0). */
export type Sender = (item: QueuedWrite) => Promise<unknown>;

/** How a flush ended: everything it could send is sent, or the network failed and it should be retried. */
export type FlushResult = "done" | "retry";

/** Whether an error means "not reached" (try again later) rather than "refused". */
export function isUnreached(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return error.status === 0 || error.status >= 500 || error.status === 429 || error.status === 401;
}

/** A building's version after a change, if the answer is one. */
function versionedBuilding(value: unknown): Building | null {
  if (typeof value !== "object" || value === null) return null;
  const { id, version } = value as Partial<Building>;
  return typeof id === "number" && typeof version === "number" ? (value as Building) : null;
}

interface Options {
  send: Sender;
  /** Told after each item the server has taken, with its answer. */
  onSent?: (item: QueuedWrite, answer: unknown) => void;
  /** Told after each change this page made to the items (other tabs then read them again). */
  announce?: () => void;
  /** Runs `task` alone across the browser's tabs (Web Locks); by default alone in this page. */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
  now?: () => number;
}

export class Outbox {
  private items: QueuedWrite[] = [];
  private userId: number | null = null;
  private listeners = new Set<() => void>();
  private flushing: Promise<FlushResult> | null = null;
  private readonly send: Sender;
  private readonly onSent: Options["onSent"];
  private readonly announce: () => void;
  private readonly exclusive: NonNullable<Options["exclusive"]>;
  private readonly now: () => number;

  constructor(
    private readonly store: OutboxStore,
    options: Options,
  ) {
    this.send = options.send;
    this.onSent = options.onSent;
    this.announce = options.announce ?? (() => undefined);
    this.exclusive = options.exclusive ?? ((task) => task());
    this.now = options.now ?? Date.now;
  }

  /** The logged-in user: only their items are shown and sent. */
  async setUser(userId: number | null): Promise<void> {
    this.userId = userId;
    await this.refresh();
  }

  /** The user's items, in order (a stable array between changes, for useSyncExternalStore). */
  snapshot = (): readonly QueuedWrite[] => this.items;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Reads the items again (another tab may have changed them). */
  async refresh(): Promise<void> {
    const all = await this.store.list();
    this.items = this.userId === null ? [] : all.filter((item) => item.userId === this.userId);
    for (const listener of this.listeners) listener();
  }

  /** Whether the building has a change waiting: a new change to it must then wait behind it. */
  hasWaiting(buildingId: number): boolean {
    return this.items.some((item) => item.buildingId === buildingId && item.state === "waiting");
  }

  async enqueue(input: WriteInput): Promise<QueuedWrite> {
    if (this.userId === null) throw new Error("no user to queue a change for");
    const all = await this.store.list();
    const seq = Math.max(0, ...all.map((item) => item.seq)) + 1;
    const item: QueuedWrite = {
      ...input,
      key: input.key ?? newIdempotencyKey(),
      id: `${this.now().toString(36)}-${seq}`,
      seq,
      userId: this.userId,
      queuedAt: this.now(),
      state: "waiting",
      attempts: 0,
    };
    await this.store.put(item);
    await this.refresh();
    this.announce();
    return item;
  }

  /** The user gives up a change (a refused one, usually): it is not sent. */
  async discard(id: string): Promise<void> {
    await this.store.remove(id);
    await this.refresh();
    this.announce();
  }

  /**
   * A conflict resolved by redoing the change on the current version: the same change, made on the building
   * as it is now, sent again in its place. Returns the flush that sends it.
   */
  async redo(id: string): Promise<FlushResult> {
    const item = this.items.find((candidate) => candidate.id === id);
    if (item?.state !== "conflict" || !item.current) return "done";
    const { current, error: _error, ...rest } = item;
    // A new request (the server took nothing of the refused one): a new key.
    const redone = { ...rest, key: newIdempotencyKey(), base: current, version: current.version };
    await this.store.put({ ...redone, state: "waiting", attempts: 0 });
    await this.refresh();
    this.announce();
    return this.flush();
  }

  /** Sends the user's waiting items in order; one flush at a time. */
  flush(): Promise<FlushResult> {
    if (!this.flushing) {
      this.flushing = this.exclusive(() => this.sendAll()).finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async sendAll(): Promise<FlushResult> {
    const userId = this.userId;
    if (userId === null) return "done";
    // Read afresh: another tab may have sent or discarded some.
    const items = (await this.store.list()).filter((item) => item.userId === userId);
    /** Buildings with an unresolved item: their later items wait. */
    const held = new Set<number>();
    try {
      for (let index = 0; index < items.length; index++) {
        const item = items[index] as QueuedWrite;
        if (item.state !== "waiting" || held.has(item.buildingId)) {
          held.add(item.buildingId);
          continue;
        }
        let answer: unknown;
        try {
          answer = await this.send(item);
        } catch (error) {
          if (isUnreached(error)) {
            await this.store.put({ ...item, attempts: item.attempts + 1 });
            return "retry";
          }
          await this.store.put(refusedItem(item, error));
          held.add(item.buildingId);
          continue;
        }
        await this.store.remove(item.id);
        await this.carryVersion(items, index, item, answer);
        this.onSent?.(item, answer);
      }
      return "done";
    } finally {
      await this.refresh();
      this.announce();
    }
  }

  /**
   * The building's later items were made on the version this item was made on, knowing this change came
   * first; the server took it at that version, so its answer is that version plus this change — theirs now.
   */
  private async carryVersion(items: QueuedWrite[], index: number, sent: QueuedWrite, answer: unknown) {
    const building = versionedBuilding(answer);
    if (!building || sent.version === undefined || building.id !== sent.buildingId) return;
    for (let later = index + 1; later < items.length; later++) {
      const item = items[later] as QueuedWrite;
      if (item.buildingId !== sent.buildingId || item.version !== sent.version) continue;
      const moved = { ...item, version: building.version, base: building };
      items[later] = moved;
      await this.store.put(moved);
    }
  }
}

/** The item after the server refused it: a conflict (with the current building) or a refusal (with why). */
function refusedItem(item: QueuedWrite, error: unknown): QueuedWrite {
  const apiError = isApiError(error) ? error : null;
  const current = apiError?.status === 409 && apiError.code === "stale_version" ? apiError.current : undefined;
  if (current) return { ...item, state: "conflict", current: current as Building };
  return { ...item, state: "refused", error: errorOf(apiError, error) };
}

function errorOf(apiError: ApiError | null, error: unknown): NonNullable<QueuedWrite["error"]> {
  if (apiError) {
    return { status: apiError.status, code: apiError.code, message: apiError.message, fields: apiError.fields };
  }
  return { status: 0, code: "client", message: String(error), fields: {} };
}

/**
 * A new Idempotency-Key: a random UUID — made by hand where the browser has no `crypto.randomUUID` (a page
 * served over plain HTTP on a network address is not a secure context).
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The delay before retrying after `attempts` failed sends: 2 s, doubling, at most a minute. */
export function retryDelay(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 60_000);
}
