// A small seeded random number generator and the distributions the seed data is drawn from.
// Deterministic: the same seed gives the same data set, on any machine.

/** Random numbers from a 32-bit seed (sfc32, seeded through splitmix32). */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i += 1) this.float();
  }

  /** A new generator whose sequence depends only on this one's seed and `label`. */
  fork(label: string): Random {
    let hash = 0x811c9dc5;
    for (let i = 0; i < label.length; i += 1) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new Random((hash ^ this.a ^ Math.imul(this.d, 0x27d4eb2d)) >>> 0);
  }

  /** Uniform in [0, 1). */
  float(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** An index drawn with the given relative weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    let x = this.float() * total;
    for (let i = 0; i < weights.length; i += 1) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** Pareto-distributed, shifted to start at 0: many small values, a heavy tail. Mean 1/(alpha-1). */
  pareto(alpha: number): number {
    return (1 - this.float()) ** (-1 / alpha) - 1;
  }

  /** `count` distinct integers from [0, n) (Floyd's algorithm), in random order. */
  distinct(n: number, count: number): number[] {
    const chosen = new Set<number>();
    for (let j = n - Math.min(count, n); j < n; j += 1) {
      const t = this.int(0, j);
      chosen.add(chosen.has(t) ? j : t);
    }
    return [...chosen];
  }
}

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s (Zipf): rank 0 is the most
 * frequent. Sampling is a binary search over the precomputed cumulative weights.
 */
export class Zipf {
  private readonly cumulative: Float64Array;

  constructor(
    readonly n: number,
    s: number,
  ) {
    if (n < 1) throw new Error('Zipf needs at least one rank');
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let rank = 0; rank < n; rank += 1) {
      total += 1 / (rank + 1) ** s;
      this.cumulative[rank] = total;
    }
  }

  sample(random: Random): number {
    const x = random.float() * this.cumulative[this.n - 1]!;
    let low = 0;
    let high = this.n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid]! > x) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** `count` distinct ranks (at most n), each drawn by Zipf weight; `exclude` is never drawn. */
  sampleDistinct(random: Random, count: number, exclude?: number): number[] {
    const limit = Math.min(count, exclude === undefined ? this.n : this.n - 1);
    const chosen = new Set<number>();
    // Rejection is cheap while the draw is small next to n; the fallback keeps it bounded.
    for (let tries = 0; chosen.size < limit && tries < limit * 20; tries += 1) {
      const rank = this.sample(random);
      if (rank !== exclude) chosen.add(rank);
    }
    for (let rank = 0; chosen.size < limit; rank += 1) if (rank !== exclude) chosen.add(rank);
    return [...chosen];
  }
}
