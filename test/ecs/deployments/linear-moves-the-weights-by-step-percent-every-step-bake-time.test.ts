import { describe, expect, it } from 'vitest';
import { trafficSteps } from '../../../src/ecs/service/deployment-strategy.js';
import { runBlueGreen, shifts } from './blue-green-support.js';

// ecs-facts S-099: LINEAR shifts stepPercent of production traffic per step, waiting
// stepBakeTimeInMinutes between steps (not after 100 %).
describe('a LINEAR deployment (S-099, S-104)', () => {
  it('moves the production weights by stepPercent every stepBakeTimeInMinutes', () => {
    const { result, records } = runBlueGreen({ deployment: '        strategy: LINEAR\n        linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 }', until: '40m' });
    const s = shifts(records);
    expect(s.map((x) => x.green)).toEqual([25, 50, 75, 100]);
    const gaps = s.slice(1).map((x, i) => x.t - (s[i]?.t ?? 0));
    expect(gaps).toEqual([120_000, 120_000, 120_000]);
    expect(result.ecs?.services['web']?.deployments.find((d) => d.taskDefinition.endsWith('web:2'))?.rolloutState).toBe('COMPLETED');
  });

  it('uses the documented defaults (10 % every 6 minutes) and splits exactly in tenths of a percent', () => {
    expect(trafficSteps({ strategy: 'LINEAR' }).map((s) => s.percent)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(trafficSteps({ strategy: 'LINEAR' }).map((s) => s.waitMs)).toEqual([...Array(9).fill(360_000), 0]);
    expect(trafficSteps({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 33.3, stepBakeTimeInMinutes: 0 } }).map((s) => s.percent)).toEqual([33.3, 66.6, 99.9, 100]);
    expect(trafficSteps({ strategy: 'CANARY' })).toEqual([{ percent: 5, waitMs: 600_000 }, { percent: 100, waitMs: 0 }]);
    expect(trafficSteps({ strategy: 'BLUE_GREEN' })).toEqual([{ percent: 100, waitMs: 0 }]);
  });
});
