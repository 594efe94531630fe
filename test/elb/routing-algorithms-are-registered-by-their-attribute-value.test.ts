import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/engine/random.js';
import { LOAD_BALANCING_ALGORITHMS } from '../../src/elb/defaults.js';
import { leastOutstandingRequests, roundRobin, routingAlgorithm, routingAlgorithms, weightedRandom, type Routable, type SelectionDraws } from '../../src/elb/routing.js';
import { InputError } from '../../src/issues/index.js';

// The routing algorithms are a registry keyed by the value of the target group attribute
// `load_balancing.algorithm.type` (L-025), plus the NLB's flow hash (L-032). Each picks
// the target for one request from a pool and the pool's round-robin cursor, so each rule
// is a table row with no load balancer around it.
interface T extends Routable {
  readonly id: string;
}
const target = (id: string, outstanding = 0, slowStart: [number, number] = [0, 0]): T => ({ id, outstanding, slowStartFrom: slowStart[0], slowStartUntil: slowStart[1] });
const never: SelectionDraws = { rng: new RandomStream(1, 'test'), admit: () => false };
const always: SelectionDraws = { rng: new RandomStream(1, 'test'), admit: () => true };

/** Picks `n` times from one pool, returning the ids and the cursor after. */
function picks(algorithm: typeof roundRobin, pool: readonly T[], n: number, cursor = 0, draws = never, now = 1_000): { ids: string[]; cursor: number } {
  const cursors = Int32Array.of(cursor);
  const ids = Array.from({ length: n }, () => algorithm.pick(pool, cursors, 0, now, draws).id);
  return { ids, cursor: cursors[0] as number };
}

describe('routing algorithms', () => {
  it('are registered under ELB\'s own attribute values, and the NLB\'s flow hash', () => {
    expect(routingAlgorithms().names()).toEqual([...LOAD_BALANCING_ALGORITHMS, 'flow_hash']);
    for (const name of LOAD_BALANCING_ALGORITHMS) expect(routingAlgorithm(name).name).toBe(name);
  });

  it('an unknown name is refused with the known ones and the nearest', () => {
    expect(() => routingAlgorithm('round_robbin')).toThrow(InputError);
    expect(() => routingAlgorithm('round_robbin')).toThrow('✖ ["load_balancing.algorithm.type"]: unknown load balancing algorithm "round_robbin"; known: round_robin, least_outstanding_requests, weighted_random, flow_hash; did you mean "round_robin"?');
  });

  it.each([
    ['round_robin: each in turn from the cursor', roundRobin, [target('a'), target('b'), target('c')], 4, 1, { ids: ['b', 'c', 'a', 'b'], cursor: 2 }],
    ['round_robin: a target in slow start passes its turn when not admitted (L-023)', roundRobin, [target('a', 0, [0, 5_000]), target('b')], 3, 0, { ids: ['b', 'b', 'b'], cursor: 0 }],
    ['least_outstanding_requests: the fewest outstanding', leastOutstandingRequests, [target('a', 3), target('b', 1), target('c', 2)], 2, 0, { ids: ['b', 'b'], cursor: 2 }],
    ['least_outstanding_requests: ties go round-robin from the cursor', leastOutstandingRequests, [target('a', 1), target('b', 1), target('c', 1)], 3, 0, { ids: ['a', 'b', 'c'], cursor: 0 }],
    ['least_outstanding_requests: an idle target at the cursor ends the search', leastOutstandingRequests, [target('a', 5), target('b', 0), target('c', 0)], 1, 2, { ids: ['c'], cursor: 0 }],
  ] as const)('%s', (_rule, algorithm, pool, n, cursor, expected) => {
    expect(picks(algorithm, pool, n, cursor)).toEqual(expected);
  });

  it('round_robin: an admitted target in slow start takes its turn', () => {
    expect(picks(roundRobin, [target('a', 0, [0, 5_000]), target('b')], 4, 0, always).ids).toEqual(['a', 'b', 'a', 'b']);
  });

  it('weighted_random: uniform draws from the stream, the cursor untouched', () => {
    const pool = [target('a'), target('b'), target('c'), target('d')];
    const { ids, cursor } = picks(weightedRandom, pool, 4_000, 3, { rng: new RandomStream(7, 'elb/web/routing'), admit: () => false });
    expect(cursor).toBe(3);
    for (const id of ['a', 'b', 'c', 'd']) expect(Math.abs(ids.filter((x) => x === id).length / 4_000 - 0.25)).toBeLessThan(0.03);
    // The same stream gives the same picks.
    expect(picks(weightedRandom, pool, 50, 0, { rng: new RandomStream(7, 'elb/web/routing'), admit: () => false }).ids).toEqual(ids.slice(0, 50));
  });
});
