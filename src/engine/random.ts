import seedrandom from 'seedrandom';

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
  // Alea's state, seeded by seedrandom and then stepped here: the same numbers as
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
    const state = (seedrandom.alea(`${runSeed}\u0000${name}`, { state: true }) as unknown as { state(): AleaState }).state();
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
    this.c = state.c;
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

/** Alea's state as seedrandom exports it. */
interface AleaState {
  readonly c: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
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
