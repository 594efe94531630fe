/**
 * A named, seeded random stream. Each stream is seeded from (run seed, stream name), so
 * adding a stream never changes another stream's draws: actors stay independent, and two
 * what-if runs share common random numbers.
 *
 * Alea (from seedrandom) is used rather than the default ARC4: it is several times
 * faster and its quality is ample for simulation draws.
 */
export class RandomStream {
  readonly name: string;
  // Alea's state, seeded as seedrandom seeds it and then stepped here: the same numbers as
  // seedrandom's own `next`, but a method V8 can inline (seedrandom's is a closure per
  // stream, so every call site saw many functions; issue 14's request-level profile).
  private s0: number;
  private s1: number;
  private s2: number;
  private c: number;
  /** Box-Muller gives two normals per pair of uniforms; the spare is kept for the next call. */
  private spareNormal = Number.NaN;

  constructor(runSeed: string | number, name: string) {
    this.name = name;
    // Alea's seeding (Baagøe's Mash over ' ' three times, then over the seed three times),
    // as seedrandom's `alea(seed)` does it, step for step, so the state is the same to the
    // bit (a test holds it to seedrandom's), but with no closure nor state object: a
    // stream is made per task server, thousands a day.
    const seed = `${runSeed}\u0000${name}`;
    let n = mash(0xefc8249d, ' ');
    let s0 = fraction(n);
    n = mash(n, ' ');
    let s1 = fraction(n);
    n = mash(n, ' ');
    let s2 = fraction(n);
    n = mash(n, seed);
    s0 -= fraction(n);
    if (s0 < 0) s0 += 1;
    n = mash(n, seed);
    s1 -= fraction(n);
    if (s1 < 0) s1 += 1;
    n = mash(n, seed);
    s2 -= fraction(n);
    if (s2 < 0) s2 += 1;
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.c = 1;
  }

  /** A uniform draw from [0, 1): Alea's step (Baagøe 2010, as in seedrandom's lib/alea.js). */
  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    const c = t | 0;
    this.c = c;
    return (this.s2 = t - c);
  }

  /** A uniform draw from [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A uniform integer from 0 to n - 1. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An exponential draw with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A standard normal draw (mean 0, standard deviation 1). */
  standardNormal(): number {
    const spare = this.spareNormal;
    if (spare === spare) {
      this.spareNormal = Number.NaN;
      return spare;
    }
    const u = 1 - this.next(); // (0, 1]: log(u) is finite
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() needs at least one item');
    return items[this.int(items.length)] as T;
  }
}

/** Baagøe's Mash (seedrandom's lib/alea.js): its state `n` after hashing `data` into it. */
function mash(n: number, data: string): number {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000; // 2^32
  }
  return n;
}

/** What Mash returns for state `n`: a fraction in [0, 1). */
function fraction(n: number): number {
  return (n >>> 0) * 2.3283064365386963e-10; // 2^-32
}

/** The run's streams by name; the same name always returns the same stream. */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();
  constructor(readonly seed: string | number) {}

  get(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new RandomStream(this.seed, name);
      this.streams.set(name, stream);
    }
    return stream;
  }

  /** Names of the streams drawn from so far, sorted (for reports). */
  names(): string[] {
    return [...this.streams.keys()].sort();
  }
}
