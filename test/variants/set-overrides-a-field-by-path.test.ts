import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/issues/index.js';
import { simulate } from '../../src/scenario/simulate.js';
import { loadScenarioVariant, parseSelectorPath } from '../../src/scenario/variants.js';
import { cli, FIXTURES, ROOT } from '../support.js';

const PLACEMENT = join(ROOT, 'scenarios', '07-placement-strategies.yaml');
const SMALL = join(FIXTURES, 'small-queue.yaml');

function messages(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('--set paths', () => {
  it('parse keys, [i] and [field=value] selectors', () => {
    expect(parseSelectorPath('ecs.instances[name=m5].count')).toEqual([{ key: 'ecs' }, { key: 'instances' }, { field: 'name', equals: 'm5' }, { key: 'count' }]);
    expect(parseSelectorPath('timeline[0].createService.placementStrategy')).toEqual([{ key: 'timeline' }, { index: 0 }, { key: 'createService' }, { key: 'placementStrategy' }]);
    expect(parseSelectorPath('a..b')).toBe('bad path "a..b": an empty key');
    expect(parseSelectorPath('a[x]')).toBe('bad path "a[x]": expected [index] or [field=value], got [x]');
  });

  it('set a field by [name=x], and a list given in YAML by [i]', () => {
    const { spec } = loadScenarioVariant(PLACEMENT, ['ecs.instances[name=m5].count=9', 'timeline[0].runTask.placementStrategy=[{type: spread, field: instanceId}]']);
    expect(spec.ecs?.instances?.map((g) => g.count)).toEqual([9, 2]);
    expect((spec.timeline?.[0] as { runTask: { placementStrategy: unknown } }).runTask.placementStrategy).toEqual([{ type: 'spread', field: 'instanceId' }]);
  });

  it('a new field may be added at the end of a path, and the schema checks it', () => {
    const { spec } = loadScenarioVariant(PLACEMENT, ['ecs.instances[name=t3].launchAt=2m']);
    expect(spec.ecs?.instances?.[1]?.launchAt).toBeDefined();
  });

  it('a path naming nothing fails with a did-you-mean; every --set is checked', () => {
    expect(messages(() => loadScenarioVariant(PLACEMENT, ['ecs.instnces[0].count=1', 'ecs.instances[name=m6].count=9', 'ecs.instances[name=m5].cout=3', 'timeline[40].at=1m', 'ecs.instances.count=3']))).toEqual([
      '✖ --set ecs.instances.count=3  "ecs.instances" is a list of 2, so it has no "count"; pick an entry first with [index] or [field=value]',
      '✖ --set ecs.instances[name=m5].cout=3  "ecs.instances[name=m5]" has no "cout"; did you mean "count"?',
      '✖ --set ecs.instances[name=m6].count=9  no entry of "ecs.instances" has name "m6"; did you mean "name=m5"?',
      '✖ --set ecs.instnces[0].count=1  "ecs" has no "instnces"; did you mean "instances"?',
      '✖ --set timeline[40].at=1m  "timeline" has 7 entries, so [40] names nothing',
    ]);
  });

  it('a bad value set by --set is reported at the --set, with its field path', () => {
    expect(messages(() => loadScenarioVariant(PLACEMENT, ['ecs.instances[name=m5].count=-3']))).toEqual(['✖ --set ecs.instances[name=m5].count=-3  ecs.instances[0].count: expected an integer from 0 to 5000, got -3']);
  });

  it('simulate(input, { set }) runs the overridden scenario, from a file or from data', async () => {
    const base = await simulate(SMALL);
    const two = await simulate(SMALL, { set: ['queueing[name=desk].servers=3'] });
    const fromData = await simulate({ name: 'q', until: '1h', seed: 7, queueing: [{ name: 'desk', servers: 2, interarrival: { exponential: { mean: '1.5s' } }, service: { lognormal: { median: '2s', p99: '6s' } } }] }, { set: ['queueing[name=desk].servers=3'] });
    expect(two.logHash).not.toBe(base.logHash);
    expect(fromData.queueing?.['desk']).toEqual(two.queueing?.['desk']);
  });

  it('ecs-sim run and validate take --set; a bad one exits 2', async () => {
    const ran = await cli('run', SMALL, '--set', 'seed=8', '--json');
    expect((JSON.parse(ran.out) as { seed: number }).seed).toBe(8);
    const bad = await cli('validate', SMALL, '--set', 'queueing[name=dsk].servers=3');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('✖ --set queueing[name=dsk].servers=3  no entry of "queueing" has name "dsk"; did you mean "name=desk"?\n');
  });
});
