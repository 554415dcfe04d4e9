/** A small seeded PRNG (mulberry32), so demo and bench data are the same on every run. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    chance: (p: number) => next() < p,
    /** Roughly normal (sum of uniforms), clamped to [min, max]. */
    around: (mean: number, spread: number, min: number, max: number) => {
      const value = mean + (next() + next() + next() - 1.5) * spread;
      return Math.min(max, Math.max(min, Math.round(value)));
    },
  };
}
