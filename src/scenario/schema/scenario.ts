import { costSectionSchema } from '../../cost/schema.js';
import { autoscalingSectionSchema } from '../../autoscaling/schema.js';
import { elbSectionSchema } from '../../elb/schema.js';
import { workloadSchema } from './traffic.js';
import { z } from 'zod';
import { formatDuration } from '../../engine/duration.js';
import { ecsSchema } from './ecs.js';
import { cloudwatchVerbProblems, timelineEntrySchema } from '../timeline/registry.js';
import { cloudwatchSectionSchema } from './cloudwatch.js';
import { duration, durationDistribution } from './values.js';

/**
 * The scenario file: zod is the single source of truth for what a file may hold.
 * Objects are strict, so a typo is an error with a did-you-mean, never a silent default.
 */

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const name = z.string().regex(NAME, { error: 'expected a name of letters, digits, "_" and "-", starting with a letter or digit' });

/** A G/G/c queueing station: the engine's own example model. */
export const stationSchema = z.strictObject({
  name,
  servers: z.number().int().min(1).max(100_000),
  interarrival: durationDistribution,
  service: durationDistribution,
  queueCapacity: z.number().int().min(0).optional(),
  warmup: duration.optional(),
});

const comparable = z.union([z.number(), z.string(), z.boolean()], { error: 'expected a number, string or boolean' });

/** "5%" (relative) or a number (absolute). */
const tolerance = z.union([
  z.number().min(0),
  z.string().regex(/^\d+(?:\.\d+)?%$/, { error: 'expected a percentage such as "5%" or an absolute number' }),
]);

export const expectationSchema = z
  .strictObject({
    /** A value in the run result at the end of the run, by dotted path (`queueing.checkout.meanWaitMs`). */
    that: z.string().min(1).optional(),
    /** A probe checked at every change throughout the run (`queueing.checkout.queueLength`). */
    throughout: z.string().min(1).optional(),
    equals: comparable.optional(),
    /** Another value in the run result, by path: passes when both are equal. */
    sameAs: z.string().min(1).optional(),
    /** A regular expression (JavaScript syntax) the value, a string, must match. */
    matches: z
      .string()
      .min(1)
      .refine(
        (source) => {
          try {
            new RegExp(source, 'u');
            return true;
          } catch {
            return false;
          }
        },
        { error: 'expected a valid regular expression' },
      )
      .optional(),
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
    between: z.tuple([z.number(), z.number()]).optional(),
    approximately: z.number().optional(),
    within: tolerance.optional(),
    description: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    if ((e.that === undefined) === (e.throughout === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'expected exactly one of "that" (a result value at the end) or "throughout" (a probe during the run)' });
    }
    const ops = (['equals', 'sameAs', 'matches', 'atLeast', 'atMost', 'between', 'approximately'] as const).filter((k) => e[k] !== undefined);
    if (ops.length === 0) ctx.addIssue({ code: 'custom', message: 'expected a comparison: equals, sameAs, matches, atLeast, atMost, between or approximately' });
    if (e.sameAs !== undefined && e.throughout !== undefined) ctx.addIssue({ code: 'custom', path: ['sameAs'], message: 'sameAs compares result values at the end; use it with "that"' });
    if (e.approximately !== undefined && e.within === undefined) ctx.addIssue({ code: 'custom', path: ['within'], message: 'approximately needs a tolerance, e.g. within: "5%"' });
    if (e.within !== undefined && e.approximately === undefined) ctx.addIssue({ code: 'custom', path: ['within'], message: 'within applies only to approximately' });
    if (e.between !== undefined && e.between[0] > e.between[1]) ctx.addIssue({ code: 'custom', path: ['between'], message: `expected [low, high] with low <= high, got [${e.between.join(', ')}]` });
    if (e.throughout !== undefined && e.equals !== undefined && typeof e.equals !== 'number') ctx.addIssue({ code: 'custom', path: ['equals'], message: 'a probe is a number' });
  });

export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    /** The run seed; `--seed` overrides it. */
    seed: z.union([z.number().int(), z.string().min(1)], { error: 'expected an integer or a string' }).default(1),
    /** How much simulated time to run. */
    until: duration,
    queueing: z.array(stationSchema).min(1).optional(),
    ecs: ecsSchema.optional(),
    /** Elastic Load Balancing: target groups and load balancers, in the API's field names. */
    elb: elbSectionSchema.optional(),
    /** Request traffic sent to load balancers' listeners. */
    workloads: z.array(workloadSchema).optional(),
    timeline: z.array(timelineEntrySchema).optional(),
    /** CloudWatch: alarms (PutMetricAlarm JSON) and the metrics to report (GetMetricData). */
    cloudwatch: cloudwatchSectionSchema.optional(),
    /**
     * Application Auto Scaling: RegisterScalableTarget, PutScalingPolicy and PutScheduledAction
     * inputs. Checked against their schemas here, but kept as written: the service parses
     * its API input itself (as the real API does), so timestamps are converted once.
     */
    autoscaling: z
      .unknown()
      .superRefine((value, ctx) => {
        const parsed = autoscalingSectionSchema.safeParse(value);
        if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue } as Parameters<typeof ctx.addIssue>[0]);
      })
      .optional(),
    /** The run's cost: which region's prices, and overrides of the shipped (unverified) price table. */
    cost: costSectionSchema.optional(),
    /** Check the model's invariants after every event (also `--check`). */
    checkInvariants: z.boolean().optional(),
    expectations: z.array(expectationSchema).default([]),
  })
  .superRefine((s, ctx) => {
    // The CloudWatch verbs' references (SetAlarmState names an alarm of the section).
    for (const p of cloudwatchVerbProblems(s.timeline ?? [], s)) ctx.addIssue({ code: 'custom', path: [...p.path], message: p.message });
    const seen = new Map<string, number>();
    (s.queueing ?? []).forEach((station, i) => {
      const first = seen.get(station.name);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['queueing', i, 'name'], message: `duplicate station name "${station.name}" (first used at queueing[${first}])` });
      else seen.set(station.name, i);
    });
    // A snapshot past the horizon would silently never be taken.
    const times = new Map<number, number>();
    (s.ecs?.describeServicesAt ?? []).forEach((t, i) => {
      const path = ['ecs', 'describeServicesAt', i];
      if (t > s.until) ctx.addIssue({ code: 'custom', path, message: `${formatDuration(t)} is after the end of the run (until: ${formatDuration(s.until)})` });
      const first = times.get(t);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path, message: `${formatDuration(t)} is already asked for at ecs.describeServicesAt[${first}]` });
      else times.set(t, i);
    });
  });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioSpec = z.output<typeof scenarioSchema>;
export type ExpectationSpec = z.output<typeof expectationSchema>;
export type StationSpec = z.output<typeof stationSchema>;
