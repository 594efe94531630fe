import { describe, expect, it } from 'vitest';
import { cp, runCas } from './managed-scaling-support.js';

// ecs-facts A-025: further scale-out is blocked until every instance is older than
// instanceWarmupPeriod. With maximumScalingStepSize 1 the group needs three
// steps for 8 tasks; the steps are at least the warm-up apart.
describe('instance warm-up', () => {
  const scaleOuts = (warmup: number) =>
    cp(runCas({ count: 1, desiredCount: 8, until: '40m', managedScaling: `maximumScalingStepSize: 1, instanceWarmupPeriod: ${warmup}` })).scalingActions.filter((a) => a.kind === 'scaleOut');
  const gaps = (actions: readonly { readonly t: number }[]): number[] => actions.slice(1).map((a, i) => a.t - (actions[i]?.t ?? 0));

  it('with the default 300 s, takes one step at a time, at least 300 s apart, to just 4 instances', () => {
    const actions = scaleOuts(300);
    expect(actions.map((a) => a.to)).toEqual([2, 3, 4]);
    for (const gap of gaps(actions)) expect(gap).toBeGreaterThanOrEqual(300_000);
  });

  it('with 0 s, scales out again at the next alarm evaluation, and the lagging metric overshoots', () => {
    const actions = scaleOuts(0);
    expect(Math.min(...gaps(actions))).toBe(60_000);
    // The reservation still counts the booting instances as missing capacity (the metric lags by the publication delay).
    expect(actions.at(-1)?.to).toBeGreaterThan(4);
  });
});
