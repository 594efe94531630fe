import { describe, expect, it } from 'vitest';
import { greenScales, planBlue, planGreen, stageStep } from '../../../src/ecs/service/blue-green-plan.js';

/**
 * The blue/green family's scaling planner (src/ecs/service/blue-green-plan.ts), pure:
 * green scales from SCALE_UP on, blue is kept until CLEAN_UP, and the run moves on when
 * green is ready (ecs-facts S-098 to S-108; CodeDeploy's task sets run the same, S-090 to S-097).
 */
describe('green', () => {
  it.each([
    ['RECONCILE_SERVICE', false],
    ['PRE_SCALE_UP', false],
    ['SCALE_UP', true],
    ['TEST_TRAFFIC_SHIFT', true],
    ['CLEAN_UP', true],
  ] as const)('in %s scales: %s', (stage, scales) => expect(greenScales(stage)).toBe(scales));

  it('starts the missing healthy tasks', () => expect(planGreen(4, 1, 0)).toEqual({ kind: 'start', count: 3 }));
  it('waits out the throttle (S-041)', () => expect(planGreen(4, 1, 60_000)).toEqual({ kind: 'wait', ms: 60_000 }));
  it('scales in the extra ones', () => expect(planGreen(2, 3, 0)).toEqual({ kind: 'scaleIn', keep: 2 }));
  it('does nothing at the desired count', () => expect(planGreen(4, 4, 0)).toEqual({ kind: 'none' }));
});

describe('blue', () => {
  it('CLEAN_UP stops it', () => expect(planBlue('CLEAN_UP', 4, 4, 0, false)).toEqual({ kind: 'stopAll' }));
  it('before CLEAN_UP, a blue task that stopped is replaced', () => expect(planBlue('TEST_TRAFFIC_SHIFT', 4, 3, 0, false)).toEqual({ kind: 'start', count: 1 }));
  it('not in a look where green started tasks', () => expect(planBlue('SCALE_UP', 4, 3, 2, false)).toEqual({ kind: 'none' }));
  it('not while throttled', () => expect(planBlue('SCALE_UP', 4, 3, 0, true)).toEqual({ kind: 'none' }));
  it('nothing when blue is whole', () => expect(planBlue('BAKE_TIME', 4, 4, 0, false)).toEqual({ kind: 'none' }));
});

describe('the run moves on (S-104)', () => {
  it('SCALE_UP to POST_SCALE_UP once green is ready', () => expect(stageStep('SCALE_UP', true, true)).toEqual({ kind: 'enter', stage: 'POST_SCALE_UP' }));
  it('SCALE_UP looks again while green is not ready', () => expect(stageStep('SCALE_UP', false, true)).toEqual({ kind: 'lookAgain' }));
  it('CLEAN_UP completes once no blue task is left', () => expect(stageStep('CLEAN_UP', true, false)).toEqual({ kind: 'complete' }));
  it('CLEAN_UP waits while blue tasks remain', () => expect(stageStep('CLEAN_UP', true, true)).toEqual({ kind: 'none' }));
  it('other stages move on by their own timers and hooks', () => expect(stageStep('BAKE_TIME', true, false)).toEqual({ kind: 'none' }));
});
