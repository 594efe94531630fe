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
  private readonly prng: () => number;
  /** Box-Muller gives two normals per pair of uniforms; the spare is kept for the next call. */
  private spareNormal = Number.NaN;

  constructor(runSeed: string | number, name: string) {
    this.name = name;
    this.prng = seedrandom.alea(`${runSeed}\u0000${name}`);
  }

  /** A uniform draw from [0, 1). */
  next(): number {
    return this.prng();
  }

  /** A uniform draw from [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.prng();
  }

  /** A uniform integer from 0 to n - 1. */
  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  /** An exponential draw with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.prng());
  }

  /** A standard normal draw (mean 0, standard deviation 1). */
  standardNormal(): number {
    const spare = this.spareNormal;
    if (spare === spare) {
      this.spareNormal = Number.NaN;
      return spare;
    }
    const u = 1 - this.prng(); // (0, 1]: log(u) is finite
    const v = this.prng();
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
