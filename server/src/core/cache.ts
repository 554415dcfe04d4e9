// A cache of computed reads that is dropped by every change: an entry is served only while the change
// hub's generation is the one it was computed under, so no read outlives a write it could reflect. While the
// hub is not hearing other instances' notices (its listener is reconnecting), nothing is cached.
//
// Readers that find their key being computed for an older generation do not each start a computation: they
// share the one started after it ends (single flight). That one begins after every one of them asked, so it
// reads every write acknowledged before they asked; under a stream of writes, a key is computed at most twice
// over, however many read it meanwhile.

import type { ChangeHub } from "./changes";

type Hub = Pick<ChangeHub, "generation" | "countsGeneration" | "live">;

interface Entry<T> {
  /** The generation seen before the computation began. */
  generation: number;
  value: Promise<T>;
  settled: boolean;
  /** The computation that starts when this one ends, for readers of a later generation who came meanwhile. */
  next?: Promise<T>;
}

export class GenerationCache<T> {
  private entries = new Map<string, Entry<T>>();

  /**
   * `on`: which changes drop an entry — every change (`all`), or only those that may change a count (`counts`:
   * for reads made of counts alone, docs/DOMAIN.md § What a count reads).
   */
  constructor(
    private readonly hub: Hub,
    private readonly maxEntries = 200,
    private readonly on: "all" | "counts" = "all",
  ) {}

  private current(): number {
    return this.on === "counts" ? this.hub.countsGeneration : this.hub.generation;
  }

  get(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.hub.live) return compute();
    const generation = this.current();
    const entry = this.entries.get(key);
    if (entry && entry.generation === generation) return entry.value;
    if (entry && !entry.settled) {
      // A computation for an older generation is under way: the one after it serves this reader.
      entry.next ??= entry.value.then(
        () => this.start(key, compute),
        () => this.start(key, compute),
      );
      return entry.next;
    }
    return this.start(key, compute);
  }

  /** Computes `key` now, stored under the generation seen before computing (a change meanwhile makes it stale). */
  private start(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.hub.live) return compute();
    const generation = this.current();
    const existing = this.entries.get(key);
    // Another reader's computation began at this generation already (a follower raced a fresh reader).
    if (existing && existing.generation === generation) return existing.value;
    const value = compute();
    const entry: Entry<T> = { generation, value, settled: false };
    this.entries.set(key, entry);
    value.then(
      () => {
        entry.settled = true;
      },
      () => {
        entry.settled = true;
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    if (this.entries.size > this.maxEntries) {
      for (const [oldKey, old] of this.entries) {
        if (old.generation !== generation && old.settled) this.entries.delete(oldKey);
      }
      if (this.entries.size > this.maxEntries) this.entries.clear();
    }
    return value;
  }
}
