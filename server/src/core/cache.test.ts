import { describe, expect, it } from "vitest";
import { GenerationCache } from "./cache";

/** A hub whose changes the test makes; `data` stands for the database the computations read. */
function setup(on: "all" | "counts" = "all") {
  const hub = { generation: 0, countsGeneration: 0, live: true };
  const state = { data: 0, runs: 0 };
  const gates: (() => void)[] = [];
  /** A computation that reads `data` when it starts and answers when the test opens its gate. */
  const compute = () => {
    state.runs++;
    const read = state.data;
    return new Promise<number>((resolve) => gates.push(() => resolve(read)));
  };
  const write = (countsUnchanged = false) => {
    state.data++;
    hub.generation++;
    if (!countsUnchanged) hub.countsGeneration++;
  };
  const openAll = async () => {
    while (gates.length) {
      (gates.shift() as () => void)();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { cache: new GenerationCache<number>(hub, 10, on), hub, state, compute, write, openAll };
}

describe("GenerationCache", () => {
  it("serves one computation to every reader of a generation", async () => {
    const { cache, state, compute, openAll } = setup();
    const reads = [cache.get("k", compute), cache.get("k", compute), cache.get("k", compute)];
    await openAll();
    expect(await Promise.all(reads)).toEqual([0, 0, 0]);
    expect(await cache.get("k", compute)).toBe(0);
    expect(state.runs).toBe(1);
  });

  it("answers readers who came after a write with one computation begun after all of them asked", async () => {
    const { cache, state, compute, write, openAll } = setup();
    const first = cache.get("k", compute); // reads data 0
    write();
    const a = cache.get("k", compute);
    write();
    const b = cache.get("k", compute);
    write();
    const c = cache.get("k", compute);
    expect(state.runs).toBe(1); // the later readers wait for the one under way to end
    await openAll();
    expect(await first).toBe(0);
    // Each reader sees every write made before it asked.
    expect(await Promise.all([a, b, c])).toEqual([3, 3, 3]);
    expect(state.runs).toBe(2);
    // And the result is kept for its generation.
    expect(await cache.get("k", compute)).toBe(3);
    expect(state.runs).toBe(2);
  });

  it("never serves a value computed before a write to a reader who came after it", async () => {
    const { cache, compute, write, openAll } = setup();
    const first = cache.get("k", compute);
    await openAll();
    expect(await first).toBe(0);
    write();
    const second = cache.get("k", compute);
    await openAll();
    expect(await second).toBe(1);
  });

  it("keeps a counts cache through changes that leave the counts as they were, and drops it on others", async () => {
    const { cache, state, compute, write, openAll } = setup("counts");
    const first = cache.get("k", compute);
    await openAll();
    await first;
    write(true);
    expect(await cache.get("k", compute)).toBe(0);
    expect(state.runs).toBe(1);
    write(false);
    const after = cache.get("k", compute);
    await openAll();
    expect(await after).toBe(2);
    expect(state.runs).toBe(2);
  });

  it("computes afresh for each reader while the hub is not live, and retries after a failure", async () => {
    const { cache, hub, state, compute, openAll } = setup();
    hub.live = false;
    const reads = [cache.get("k", compute), cache.get("k", compute)];
    await openAll();
    await Promise.all(reads);
    expect(state.runs).toBe(2);
    hub.live = true;
    const failing = cache.get("f", () => Promise.reject(new Error("database away")));
    await expect(failing).rejects.toThrow("database away");
    const retried = cache.get("f", compute);
    await openAll();
    expect(await retried).toBe(0);
  });
});
