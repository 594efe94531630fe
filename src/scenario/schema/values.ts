import { z } from 'zod';
import { DurationError, parseDuration } from '../../engine/duration.js';
import { makeDistribution, type DistributionSpec } from '../../engine/distributions.js';

/**
 * Value schemas shared by every scenario section: durations, rates and distributions.
 * They turn file values into the model's units (integer ms for durations).
 */

const DURATION_HINT = 'a duration such as "250ms", "30s", "5m", "1h30m" or "2d"';

function durationParser(options: Parameters<typeof parseDuration>[1]) {
  return (value: string | number, ctx: z.RefinementCtx): number => {
    try {
      return parseDuration(value, options);
    } catch (error) {
      if (!(error instanceof DurationError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message, input: value });
      return z.NEVER;
    }
  };
}

/** An ecs-sim duration field: a string with units, read as integer ms. */
export const duration = z.string({ error: `expected ${DURATION_HINT}` }).transform(durationParser({}));

/** An AWS field documented in seconds (`...Seconds`): a number of seconds, or a duration string. */
export const durationSeconds = z
  .union([z.number(), z.string()], { error: 'expected a number of seconds or a duration such as "30s"' })
  .transform(durationParser({ plainNumber: 's' }));

/** A distribution parameter: a duration that may be a fraction of a ms ("416.7ms"). */
const durationParameter = z.string({ error: `expected ${DURATION_HINT}` }).transform(durationParser({ wholeMs: false }));

const RATE_UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A rate such as "2.4/s" or "150/m", read as the mean time between events in ms. */
const rateAsMeanMs = z.string({ error: 'expected a rate such as "2.4/s" or "150/m"' }).transform((value, ctx) => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(ms|s|m|h|d)\s*$/.exec(value);
  const count = match === null ? Number.NaN : Number(match[1]);
  if (match === null || !(count > 0)) {
    ctx.addIssue({ code: 'custom', message: `expected a positive rate such as "2.4/s" or "150/m", got "${value}"`, input: value });
    return z.NEVER;
  }
  return RATE_UNIT_MS[match[2] as keyof typeof RATE_UNIT_MS] / count;
});

const DISTRIBUTION_KINDS = ['constant', 'uniform', 'exponential', 'normal', 'lognormal', 'empirical'] as const;

/**
 * The object form of a distribution, over parameters read by `param` (durations in ms,
 * or plain numbers such as MB/s). One factory serves both, so the two forms never drift.
 */
interface ParamWords {
  readonly one: string;
  readonly many: string;
  readonly ln: string;
}

function distributionObject(param: z.ZodType<number, unknown>, words: ParamWords) {
  const fields = z.strictObject({
    constant: param.optional(),
    uniform: z.strictObject({ min: param, max: param }).optional(),
    exponential: z.strictObject({ mean: param.optional(), rate: rateAsMeanMs.optional() }).optional(),
    normal: z.strictObject({ mean: param, stddev: param }).optional(),
    lognormal: z
      .strictObject({
        median: param.optional(),
        p99: param.optional(),
        /** Mean and standard deviation of ln(value). */
        mu: z.number().optional(),
        sigma: z.number().min(0).optional(),
      })
      .optional(),
    empirical: z.strictObject({ samples: z.array(param).min(1) }).optional(),
  });
  return fields.transform((value, ctx): DistributionSpec => {
    const kinds = DISTRIBUTION_KINDS.filter((k) => value[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: kinds.length === 0 ? `expected one of ${DISTRIBUTION_KINDS.join(', ')}` : `expected exactly one distribution, got ${kinds.join(' and ')}`,
        input: value,
      });
      return z.NEVER;
    }
    const fail = (path: string, message: string): never => {
      ctx.addIssue({ code: 'custom', message, input: value, path: [path] });
      return z.NEVER;
    };
    let spec: DistributionSpec;
    if (value.constant !== undefined) spec = { constant: value.constant };
    else if (value.uniform !== undefined) spec = { uniform: value.uniform };
    else if (value.normal !== undefined) spec = { normal: value.normal };
    else if (value.empirical !== undefined) spec = { empirical: value.empirical };
    else if (value.exponential !== undefined) {
      const { mean, rate } = value.exponential;
      if ((mean === undefined) === (rate === undefined)) return fail('exponential', `expected exactly one of mean (${words.one}) or rate (such as "2.4/s")`);
      spec = { exponential: { mean: (mean ?? rate) as number } };
    } else {
      const l = value.lognormal ?? {};
      if (l.median !== undefined && l.p99 !== undefined && l.mu === undefined && l.sigma === undefined) spec = { lognormal: { median: l.median, p99: l.p99 } };
      else if (l.mu !== undefined && l.sigma !== undefined && l.median === undefined && l.p99 === undefined) spec = { lognormal: { mu: l.mu, sigma: l.sigma } };
      else return fail('lognormal', `expected either median and p99 (${words.many}) or mu and sigma (of ln ${words.ln})`);
    }
    try {
      makeDistribution(spec);
    } catch (error) {
      return fail(kinds[0] as string, error instanceof Error ? error.message : String(error));
    }
    return spec;
  });
}

/**
 * A distribution of durations: a plain duration ("5s", a constant) or one of
 * `{ constant }`, `{ uniform: { min, max } }`, `{ exponential: { mean } | { rate } }`,
 * `{ normal: { mean, stddev } }`, `{ lognormal: { median, p99 } | { mu, sigma } }`,
 * `{ empirical: { samples } }`.
 */
export const durationDistribution = z.union(
  [duration.transform((ms): DistributionSpec => ({ constant: ms })), distributionObject(durationParameter, { one: 'a duration', many: 'durations', ln: 'ms' })],
  { error: 'expected a duration such as "5s" or a distribution such as { exponential: { mean: "2s" } }' },
);

/** A distribution of a plain quantity (e.g. MB/s): a number, or the object forms above with numbers. */
export const numberDistribution = z.union(
  [z.number().transform((x): DistributionSpec => ({ constant: x })), distributionObject(z.number(), { one: 'a number', many: 'numbers', ln: 'the value' })],
  { error: 'expected a number or a distribution such as { lognormal: { median: 40, p99: 120 } }' },
);
