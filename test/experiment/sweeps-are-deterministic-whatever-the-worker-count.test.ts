import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combinations, parseParameter, replicationSeed, sweep } from '../../src/experiment/sweep.js';
import { sweepJson } from '../../src/experiment/format.js';
import { InputError } from '../../src/issues/index.js';
import { simulate } from '../../src/scenario/simulate.js';
import { cli, FIXTURES } from '../support.js';

const SMALL = join(FIXTURES, 'small-queue.yaml');
const METRICS = ['queueing.desk.served', 'queueing.desk.meanWaitMs'];

describe('sweep parameters', () => {
  it('values split at top-level commas, so a value may be a YAML list', () => {
    expect(parseParameter('ecs.instances[name=m5].count=6,9')).toEqual({ path: 'ecs.instances[name=m5].count', texts: ['6', '9'] });
    expect(parseParameter('timeline[0].runTask.placementStrategy=[{type: spread, field: instanceId}],[{type: binpack, field: memory}]').texts).toEqual([
      '[{type: spread, field: instanceId}]',
      '[{type: binpack, field: memory}]',
    ]);
    expect(() => parseParameter('servers')).toThrow(InputError);
    expect(() => parseParameter('a=1,,2')).toThrow(/none empty/);
  });

  it('the cartesian product varies the first parameter slowest', () => {
    expect(combinations([parseParameter('a=1,2'), parseParameter('b=x,y,z')])).toEqual([
      ['a=1', 'b=x'],
      ['a=1', 'b=y'],
      ['a=1', 'b=z'],
      ['a=2', 'b=x'],
      ['a=2', 'b=y'],
      ['a=2', 'b=z'],
    ]);
    expect(combinations([])).toEqual([[]]);
  });

  it('replication 0 runs with the scenario seed, the others with seeds derived from it', () => {
    expect([0, 1, 2].map((r) => replicationSeed(7, r))).toEqual([7, '7:r1', '7:r2']);
  });
});

describe('ecs-sim sweep', () => {
  const options = { parameters: [parseParameter('queueing[name=desk].servers=2,3')], replications: 3, metrics: METRICS };

  it('summarizes each combination from its runs: replication r of every combination has the same seed', async () => {
    const summary = await sweep(SMALL, { ...options, workers: 1 });
    expect(summary.parameters).toEqual([{ path: 'queueing[name=desk].servers', values: [2, 3] }]);
    expect(summary.combinations.map((c) => [c.values, c.runs])).toEqual([
      [{ 'queueing[name=desk].servers': 2 }, 3],
      [{ 'queueing[name=desk].servers': 3 }, 3],
    ]);
    // The same numbers as three separate runs with those seeds.
    const waits = await Promise.all([0, 1, 2].map(async (r) => (await simulate(SMALL, { set: ['queueing[name=desk].servers=3'], seed: replicationSeed(7, r) })).queueing?.['desk']?.meanWaitMs as number));
    const three = summary.combinations[1]?.metrics['queueing.desk.meanWaitMs'];
    expect(three?.n).toBe(3);
    expect(three?.mean).toBeCloseTo((waits[0]! + waits[1]! + waits[2]!) / 3, 12);
    expect(three?.min).toBe(Math.min(...waits));
    // A third server cuts the wait.
    expect(three!.mean).toBeLessThan(summary.combinations[0]!.metrics['queueing.desk.meanWaitMs']!.mean);
  });

  it('the JSON is the same bytes twice, and with one worker thread or two', async () => {
    const one = sweepJson(await sweep(SMALL, { ...options, workers: 1 }));
    const again = sweepJson(await sweep(SMALL, { ...options, workers: 1 }));
    const two = sweepJson(await sweep(SMALL, { ...options, workers: 2 }));
    expect(again).toBe(one);
    expect(two).toBe(one);
  }, 60_000);

  it('--json prints { parameters, combinations: [{ values, runs, metrics }] }', async () => {
    const { code, out, err } = await cli('sweep', SMALL, '--param', 'queueing[name=desk].servers=2,3', '--replications', '2', '--metric', 'queueing.desk.served', '--workers', '1', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { combinations: { metrics: Record<string, { ci95: number[] }> }[] };
    expect(Object.keys(parsed)).toEqual(['parameters', 'combinations']);
    expect(Object.keys(parsed.combinations[0]!)).toEqual(['values', 'runs', 'metrics']);
    expect(Object.keys(parsed.combinations[0]!.metrics['queueing.desk.served']!)).toEqual(['mean', 'ci95', 'n', 'min', 'max']);
  });

  it('a metric path no result can have is refused before running, with a did-you-mean', async () => {
    const { code, err } = await cli('sweep', SMALL, '--param', 'queueing[name=desk].servers=2,3', '--metric', 'queueing.desk.servd');
    expect(code).toBe(2);
    expect(err).toBe('✖ --metric queueing.desk.servd  "queueing.desk" has no field "servd"; did you mean "served"?\n');
  });

  it('a parameter naming nothing is refused before running', async () => {
    const { code, err } = await cli('sweep', SMALL, '--param', 'queueing[name=desk].srvers=2,3');
    expect(code).toBe(2);
    expect(err).toContain('has no "srvers"; did you mean "servers"?');
  });

  it('without --metric, the default metrics the runs have', async () => {
    const summary = await sweep(join(FIXTURES, '..', '..', 'scenarios', '07-placement-strategies.yaml'), { parameters: [parseParameter('ecs.instances[name=m5].count=1,2')], replications: 2, workers: 1 });
    expect(Object.keys(summary.combinations[0]!.metrics)).toEqual(['cost.totals.total', 'unplacedTasks', 'ecs.invariantViolations.length']);
  });
});
