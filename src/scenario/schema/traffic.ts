import { z } from 'zod';
import type { DistributionSpec } from '../../engine/distributions.js';
import type { RateProfileSpec } from '../../traffic/profile.js';
import type { TaskServerConfig } from '../../traffic/server.js';
import { parseRateCsv, parseTimestampCsv } from '../../traffic/trace-csv.js';
import type { ArrivalSpec, RouteConfig, WorkloadConfig } from '../../traffic/workload.js';
import { duration, durationDistribution } from './values.js';

/**
 * Scenario input for traffic: workloads (who sends what, when) and a container's server
 * behaviour (how a task answers). Rates are requests per second as a number, or a
 * string with a unit ("200/s", "12000/m", "5/h"); times are durations.
 *
 * ```yaml
 * workloads:
 *   - name: shop
 *     target: web                  # the load balancer whose listener receives the requests
 *     start: 1m
 *     stop: 2h
 *     arrivals:
 *       diurnal: { mean: 200/s, amplitude: 0.6, period: 24h, phase: 6h }
 *       # constant: 150/s
 *       # steps: [{ at: 0s, rate: 100/s }, { at: 10m, rate: 200/s }]
 *       # ramp: { from: 10/s, to: 500/s, over: 10m, at: 5m }
 *       # spikes: { base: 100/s, spikes: [{ at: 30m, duration: 2m, multiplier: 5 }] }
 *       # trace: { file: access-log.csv, format: timestamps, unit: s }
 *       # trace: { file: rates.csv, format: rates, step: 1s }
 *       # timestamps: [0s, 250ms, 1.5s]
 *       # rates: { step: 1s, values: [100, 120, 150] }
 *     routes:
 *       - { name: home, weight: 8, path: /, timeout: 10s }
 *       - { name: checkout, weight: 1, method: POST, path: /api/checkout, host: shop.example.com, timeout: 30s }
 *
 * # a container's server behaviour (the model's TaskServerConfig without its name)
 * server:
 *   workers: 8
 *   queueLimit: 100
 *   whenFull: reject               # or reset
 *   serviceTime: { lognormal: { median: 20ms, p99: 250ms } }
 *   routes: { checkout: { serviceTime: { exponential: { mean: 120ms } } } }
 *   timeout: 30s
 *   coldStart: { requests: 200, duration: 30s, factor: 3 }
 *   healthCheck: { path: /health, serviceTime: 2ms, failures: [{ from: 10m, to: 12m, status: 503 }], failAfter: 1h }
 *   errorRate: 0.001
 *   cpu: { baseline: 2, perBusyWorker: 12 }        # % of the task's CPU
 *   memory: { baseline: 300, perRequest: 0.5 }     # MiB
 * ```
 */

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const name = z.string().regex(NAME, { error: 'expected a name of letters, digits, ".", "_" and "-", starting with a letter or digit' });

const RATE_UNIT_S = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** Requests per second: a number, or "200/s", "12000/m", "5/h", "1/d". */
export const rate = z
  .union([z.number(), z.string()], { error: 'expected a rate: requests per second, or a string such as "200/s" or "12000/m"' })
  .transform((value, ctx) => {
    if (typeof value === 'number') {
      if (value >= 0 && Number.isFinite(value)) return value;
      ctx.addIssue({ code: 'custom', message: `expected a rate >= 0 requests per second, got ${value}`, input: value });
      return z.NEVER;
    }
    const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|m|h|d)\s*$/.exec(value);
    if (match === null) {
      ctx.addIssue({ code: 'custom', message: `expected a rate such as "200/s" or "12000/m", got "${value}"`, input: value });
      return z.NEVER;
    }
    return Number(match[1]) / RATE_UNIT_S[match[2] as keyof typeof RATE_UNIT_S];
  });

const stepsSchema = z.array(z.strictObject({ at: duration, rate })).min(1);
const rampSchema = z.strictObject({ from: rate, to: rate, over: duration, at: duration.optional() });
const diurnalSchema = z.strictObject({ mean: rate, amplitude: z.number().min(0).max(1), period: duration, phase: duration.optional() });
const spikeSchema = z
  .strictObject({ at: duration, duration, rate: rate.optional(), multiplier: z.number().min(0).finite().optional() })
  .superRefine((s, ctx) => {
    if ((s.rate === undefined) === (s.multiplier === undefined)) ctx.addIssue({ code: 'custom', message: 'expected exactly one of rate or multiplier' });
  });
const spikesSchema = z.strictObject({ base: rate, spikes: z.array(spikeSchema).min(1) });

/** A trace file, read by the runner relative to the scenario file. */
const traceFileSchema = z.strictObject({
  file: z.string().min(1),
  /** `timestamps`: one request per row; `rates`: requests per second per row. */
  format: z.enum(['timestamps', 'rates']),
  /** The unit of the time column (default s). */
  unit: z.enum(['s', 'ms']).optional(),
  /** For rates: the width of one row (default 1s). */
  step: duration.optional(),
  /** Scenario time of the trace's first row (default 0). */
  at: duration.optional(),
});
export type TraceFileSpec = z.output<typeof traceFileSchema>;

const ARRIVAL_KINDS = ['constant', 'steps', 'ramp', 'diurnal', 'spikes', 'trace', 'timestamps', 'rates'] as const;

export const arrivalsSchema = z
  .strictObject({
    constant: rate.optional(),
    steps: stepsSchema.optional(),
    ramp: rampSchema.optional(),
    diurnal: diurnalSchema.optional(),
    spikes: spikesSchema.optional(),
    trace: traceFileSchema.optional(),
    timestamps: z.array(duration).min(1).optional(),
    rates: z.strictObject({ step: duration.optional(), values: z.array(z.number().min(0).finite()).min(1), at: duration.optional() }).optional(),
  })
  .transform((a, ctx): ArrivalSpec | { readonly trace: TraceFileSpec } => {
    const kinds = ARRIVAL_KINDS.filter((k) => a[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({ code: 'custom', message: kinds.length === 0 ? `expected one of ${ARRIVAL_KINDS.join(', ')}` : `expected exactly one arrival process, got ${kinds.join(' and ')}`, input: a });
      return z.NEVER;
    }
    if (a.constant !== undefined) return { constant: a.constant };
    if (a.steps !== undefined) return { steps: a.steps };
    if (a.ramp !== undefined) return { ramp: stripUndefined(a.ramp) };
    if (a.diurnal !== undefined) return { diurnal: stripUndefined(a.diurnal) };
    if (a.spikes !== undefined) {
      const { base } = a.spikes;
      return {
        spikes: { base, spikes: a.spikes.spikes.map((s) => (s.rate !== undefined ? { at: s.at, duration: s.duration, rate: s.rate } : { at: s.at, duration: s.duration, multiplier: s.multiplier as number })) },
      };
    }
    if (a.trace !== undefined) return { trace: a.trace };
    if (a.timestamps !== undefined) return { timestamps: a.timestamps };
    const r = a.rates as NonNullable<typeof a.rates>;
    return { piecewise: { stepMs: r.step ?? 1_000, rates: r.values, ...(r.at === undefined ? {} : { at: r.at }) } };
  });

export const routeSchema = z.strictObject({
  name,
  weight: z.number().min(0).finite().optional(),
  method: z.string().regex(/^[A-Z]+$/, { error: 'expected an HTTP method such as GET or POST' }).optional(),
  path: z.string().startsWith('/', { error: 'expected a path starting with "/"' }).default('/'),
  host: z.string().min(1).optional(),
  /** The client gives up after this long (status 460 from the client). */
  timeout: duration.optional(),
});

export const workloadSchema = z
  .strictObject({
    name,
    /** The load balancer whose listener receives the requests (resolved by the model's wiring). */
    target: z.string().min(1).optional(),
    /** The listener's port on that load balancer, when it has several. */
    port: z.number().int().min(1).max(65_535).optional(),
    start: duration.optional(),
    stop: duration.optional(),
    arrivals: arrivalsSchema,
    routes: z.array(routeSchema).min(1).default([{ name: 'default', path: '/' }]),
    /**
     * `fluid`: the aggregate mode (src/traffic/fluid.ts) for long horizons: one step at a
     * time. With `service`, against that service's running tasks and its container's server
     * model, without a load balancer; without it, through the load balancer's listener
     * (`target`, `port`) to the targets its rules and target groups route to
     * (src/elb/fluid.ts), with the ALB's metrics and 5xx.
     */
    fluid: z
      .strictObject({
        service: z.string().min(1).optional(),
        step: duration.default(60_000),
        dispatch: z.enum(['per-task', 'pooled']).optional(),
      })
      .optional(),
  })
  .superRefine((w, ctx) => {
    const seen = new Map<string, number>();
    w.routes.forEach((r, i) => {
      const first = seen.get(r.name);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['routes', i, 'name'], message: `duplicate route name "${r.name}" (first used at routes[${first}])` });
      else seen.set(r.name, i);
    });
    if (w.routes.every((r) => r.weight === 0)) ctx.addIssue({ code: 'custom', path: ['routes'], message: 'route weights must not all be 0' });
    if (w.start !== undefined && w.stop !== undefined && w.stop <= w.start) ctx.addIssue({ code: 'custom', path: ['stop'], message: 'stop must be after start' });
  });

export type WorkloadInput = z.input<typeof workloadSchema>;
export type WorkloadSpec = z.output<typeof workloadSchema>;

const status = z.number().int().min(100).max(599);

export const taskServerSchema = z.strictObject({
  workers: z.number().int().min(1).max(100_000),
  queueLimit: z.number().int().min(0).optional(),
  whenFull: z.enum(['reject', 'reset']).optional(),
  rejectStatus: status.optional(),
  serviceTime: durationDistribution,
  routes: z.record(z.string(), z.strictObject({ serviceTime: durationDistribution })).optional(),
  /** The application's own request deadline. */
  timeout: duration.optional(),
  timeoutStatus: status.optional(),
  coldStart: z
    .strictObject({ requests: z.number().int().min(0).optional(), duration: duration.optional(), factor: z.number().positive().finite() })
    .refine((c) => c.requests !== undefined || c.duration !== undefined, { error: 'expected requests or duration (or both)' })
    .optional(),
  healthCheck: z
    .strictObject({
      path: z.string().startsWith('/', { error: 'expected a path starting with "/"' }).optional(),
      serviceTime: durationDistribution.optional(),
      status: status.optional(),
      failures: z.array(z.strictObject({ from: duration, to: duration.optional(), status })).optional(),
      failAfter: duration.optional(),
      failStatus: status.optional(),
    })
    .optional(),
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: status.optional(),
  cpu: z.strictObject({ baseline: z.number().min(0).max(100).optional(), perBusyWorker: z.number().min(0).max(100).optional() }).optional(),
  memory: z.strictObject({ baseline: z.number().min(0).optional(), perRequest: z.number().min(0).optional() }).optional(),
});

export type TaskServerInput = z.input<typeof taskServerSchema>;
export type TaskServerSpec = z.output<typeof taskServerSchema>;

/** Copies an object without its undefined fields (exactOptionalPropertyTypes). */
function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

/**
 * The model's workload config from a parsed workload. `readText` reads a trace file
 * (the runner resolves it against the scenario's folder).
 * @throws RangeError from the CSV reader, naming the line of a bad field.
 */
export function workloadConfig(spec: WorkloadSpec, readText: (file: string) => string): WorkloadConfig {
  let arrivals: ArrivalSpec;
  if ('trace' in spec.arrivals) {
    const t = spec.arrivals.trace;
    const text = readText(t.file);
    const at = t.at ?? 0;
    if (t.format === 'timestamps') {
      arrivals = { ...parseTimestampCsv(text, t.unit === undefined ? {} : { unit: t.unit }), at };
    } else {
      const profile = parseRateCsv(text, { stepMs: t.step ?? 1_000, ...(t.unit === undefined ? {} : { unit: t.unit }) }) as Extract<RateProfileSpec, { piecewise: unknown }>;
      arrivals = { piecewise: { ...profile.piecewise, at } };
    }
  } else {
    arrivals = spec.arrivals;
  }
  const routes: RouteConfig[] = spec.routes.map((r) => ({
    name: r.name,
    path: r.path,
    ...(r.weight === undefined ? {} : { weight: r.weight }),
    ...(r.method === undefined ? {} : { method: r.method }),
    ...(r.host === undefined ? {} : { host: r.host }),
    ...(r.timeout === undefined ? {} : { timeoutMs: r.timeout }),
  }));
  return {
    name: spec.name,
    arrivals,
    routes,
    ...(spec.start === undefined ? {} : { startMs: spec.start }),
    ...(spec.stop === undefined ? {} : { stopMs: spec.stop }),
  };
}

/**
 * The model's server config from a parsed server behaviour, for the task and port named.
 * `memoryLimitMiB` is the container's (or task's) memory, for MemoryUtilization.
 */
export function taskServerConfig(spec: TaskServerSpec, serverName: string, memoryLimitMiB?: number): TaskServerConfig {
  const h = spec.healthCheck;
  const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));
  return {
    name: serverName,
    workers: spec.workers,
    serviceTime: spec.serviceTime,
    ...opt('queueLimit', spec.queueLimit),
    ...opt('whenFull', spec.whenFull),
    ...opt('rejectStatus', spec.rejectStatus),
    ...opt('routes', spec.routes as Readonly<Record<string, { readonly serviceTime: DistributionSpec }>> | undefined),
    ...opt('timeoutMs', spec.timeout),
    ...opt('timeoutStatus', spec.timeoutStatus),
    ...opt(
      'coldStart',
      spec.coldStart === undefined ? undefined : { factor: spec.coldStart.factor, ...opt('requests', spec.coldStart.requests), ...opt('durationMs', spec.coldStart.duration) },
    ),
    ...opt(
      'healthCheck',
      h === undefined
        ? undefined
        : {
            ...opt('path', h.path),
            ...opt('serviceTime', h.serviceTime),
            ...opt('status', h.status),
            ...opt('failures', h.failures?.map((f) => ({ fromMs: f.from, status: f.status, ...opt('toMs', f.to) }))),
            ...opt('failAfterMs', h.failAfter),
            ...opt('failStatus', h.failStatus),
          },
    ),
    ...opt('errorRate', spec.errorRate),
    ...opt('errorStatus', spec.errorStatus),
    ...opt('cpu', spec.cpu === undefined ? undefined : { ...opt('baselinePercent', spec.cpu.baseline), ...opt('perBusyWorkerPercent', spec.cpu.perBusyWorker) }),
    ...opt(
      'memory',
      spec.memory === undefined && memoryLimitMiB === undefined
        ? undefined
        : { ...opt('baselineMiB', spec.memory?.baseline), ...opt('perRequestMiB', spec.memory?.perRequest), ...opt('limitMiB', memoryLimitMiB) },
    ),
  };
}
