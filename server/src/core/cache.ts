// A cache of computed reads that is dropped by every change: an entry is served only while the change
// hub's generation is the one it was computed under, so no read outlives a write it could reflect. While the
// hub is not hearing other instances' notices (its listener is reconnecting), nothing is cached.

import type { ChangeHub } from "./changes";

type Hub = Pick<ChangeHub, "generation" | "live">;

export class GenerationCache<T> {
  private entries = new Map<string, { generation: number; value: Promise<T> }>();

  constructor(
    private readonly hub: Hub,
    private readonly maxEntries = 200,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.hub.live) return compute();
    const generation = this.hub.generation;
    const entry = this.entries.get(key);
    if (entry && entry.generation === generation) return entry.value;
    const value = compute();
    // Stored under the generation seen before computing: a change during the computation makes it stale.
    this.entries.set(key, { generation, value });
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > this.maxEntries) {
      for (const [oldKey, old] of this.entries) {
        if (old.generation !== generation) this.entries.delete(oldKey);
      }
      if (this.entries.size > this.maxEntries) this.entries.clear();
    }
    return value;
  }
}
