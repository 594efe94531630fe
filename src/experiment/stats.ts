/**
 * Summary statistics of replications: mean, a 95% confidence interval from Student's t,
 * n, min and max. Pure arithmetic in a fixed order, so the same values give the same bytes.
 */

export interface MetricSummary {
  readonly mean: number;
  /** The 95% confidence interval of the mean; null with fewer than two values (no spread to estimate). */
  readonly ci95: readonly [number, number] | null;
  readonly n: number;
  readonly min: number;
  readonly max: number;
}

/**
 * The 0.975 quantile of Student's t by degrees of freedom (two-sided 95%), to 9 digits,
 * as printed in every statistics table (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2). A table
 * rather than a package: the few maintained t-quantile packages pull in a whole statistics
 * library for one function, and these numbers never change. Between rows the quantile is
 * interpolated linearly in 1/df, which is exact to about 1e-5 here.
 */
const T975: readonly (readonly [number, number])[] = [
  [1, 12.706204736], [2, 4.30265273], [3, 3.182446305], [4, 2.776445105], [5, 2.570581836],
  [6, 2.446911851], [7, 2.364624252], [8, 2.306004135], [9, 2.262157163], [10, 2.228138852],
  [11, 2.20098516], [12, 2.17881283], [13, 2.160368656], [14, 2.144786688], [15, 2.131449546],
  [16, 2.119905299], [17, 2.109815578], [18, 2.10092204], [19, 2.093024054], [20, 2.085963447],
  [21, 2.079613845], [22, 2.073873068], [23, 2.06865761], [24, 2.063898562], [25, 2.059538553],
  [26, 2.055529439], [27, 2.051830516], [28, 2.048407142], [29, 2.045229642], [30, 2.042272456],
  [40, 2.02107539], [50, 2.008559112], [60, 2.000297822], [80, 1.990063421], [100, 1.983971519],
  [120, 1.979930405],
];
const Z975 = 1.959963985;

/** The 0.975 quantile of Student's t with `df` degrees of freedom (df ≥ 1). */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`degrees of freedom must be at least 1, got ${df}`);
  let prev: readonly [number, number] | undefined;
  for (const row of T975) {
    if (row[0] === df) return row[1];
    if (row[0] > df && prev !== undefined) return interpolate(prev, row, df);
    prev = row;
  }
  // Past the table: between df 120 and infinity (1/df = 0, the normal quantile).
  const last = T975[T975.length - 1] as readonly [number, number];
  const w = (1 / df) / (1 / last[0]);
  return Z975 + (last[1] - Z975) * w;
}

function interpolate(lo: readonly [number, number], hi: readonly [number, number], df: number): number {
  const w = (1 / lo[0] - 1 / df) / (1 / lo[0] - 1 / hi[0]);
  return lo[1] + (hi[1] - lo[1]) * w;
}

/** Mean, 95% CI (Student t, sample standard deviation), n, min and max of `values`, in their order. */
export function summarize(values: readonly number[]): MetricSummary | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  if (n < 2) return { mean, ci95: null, n, min, max };
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const half = tQuantile975(n - 1) * Math.sqrt(squares / (n - 1) / n);
  return { mean, ci95: [mean - half, mean + half], n, min, max };
}
