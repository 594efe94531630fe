import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Simulation } from '../../src/engine/simulation.js';
import { EcsModel } from '../../src/ecs/model.js';
import { ecsVerbActions, timelineEntrySchema, timelineVerbs } from '../../src/scenario/timeline/registry.js';
import type { EcsVerb } from '../../src/scenario/timeline/verb.js';
import { ROOT } from '../support.js';
import { ecsConfig, instances, runTaskAt, ec2Definition } from '../ecs/model/support.js';

/**
 * A timeline verb is one file: its schema, its reference checks and its action. The
 * registry builds the timeline entry from them, and the ECS model plays any verb it is
 * given, through its public operations, with no switch of its own.
 */

// A verb written outside the registry, as a new verb would be: its action joins the model's by declaration merging.
interface DrainEverything {
  readonly kind: 'drainEverything';
  readonly atMs: number;
}
declare module '../../src/ecs/config.js' {
  interface TimelineActions {
    drainEverything: DrainEverything;
  }
}

const drainEverything: EcsVerb<Record<string, never>, DrainEverything> = {
  name: 'drainEverything',
  model: 'ecs',
  schema: z.strictObject({}),
  toAction: (_input, ctx) => {
    if (!ctx.hasInstances) ctx.problem([], 'drainEverything needs instances');
    return { kind: 'drainEverything', atMs: ctx.atMs };
  },
  apply(model) {
    const outcomes = [...model.instancesByRef.values()].map((i) => model.controlPlane.setInstanceState(i, 'DRAINING'));
    return `${outcomes.length} instances set to DRAINING`;
  },
};

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('timeline verbs', () => {
  it('each lives in its own file under src/scenario/timeline/', () => {
    for (const name of timelineVerbs.keys()) expect(existsSync(join(ROOT, 'src', 'scenario', 'timeline', `${kebab(name)}.ts`)), name).toBe(true);
  });

  it('make up the timeline entry: exactly one of them, listed by name', () => {
    const none = timelineEntrySchema.safeParse({ at: '1m' });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toBe(`expected exactly one action (${[...timelineVerbs.keys()].join(', ')}), got none`);
    expect(timelineEntrySchema.safeParse({ at: '1m', loseAvailabilityZone: 'us-east-1a' }).success).toBe(true);
  });

  it('the model plays a verb it is given, logging its outcome at its time', () => {
    const config = ecsConfig({
      instanceGroups: [instances({ name: 'pool', count: 2 })],
      definitions: [ec2Definition('api')],
      timeline: [runTaskAt(60_000, 'api', 'a'), { kind: 'drainEverything', atMs: 120_000 }],
    });
    const sim = new Simulation({ seed: 1 });
    const model = new EcsModel(sim, config, { verbs: new Map([...ecsVerbActions, ['drainEverything', drainEverything]]) });
    sim.run({ until: 180_000 });
    expect(model.actionLog.map((a) => [a.t, a.action])).toEqual([
      [60_000, 'runTask'],
      [120_000, 'drainEverything'],
    ]);
    expect(model.actionLog[1]?.outcome).toBe('2 instances set to DRAINING');
    expect(model.controlPlane.instances.every((i) => i.status === 'DRAINING')).toBe(true);
  });

  it('a model without the verb refuses the timeline plainly', () => {
    const config = ecsConfig({ timeline: [{ kind: 'drainEverything', atMs: 0 }] });
    expect(() => new EcsModel(new Simulation(), config, { verbs: ecsVerbActions })).toThrow('no timeline verb "drainEverything"');
  });
});
