import { describe, expect, it } from 'vitest';
import { afterCheck, type CheckResult, type HealthStatus as HealthStatus, type TargetHealth, type Thresholds } from '../../src/elb/health.js';

/** The pure step: every arrow of the target health state machine (ecs-facts L-005, L-012 to L-015). */
const T: Thresholds = { healthy: 3, unhealthy: 2, initial: 3 };
const PASS: CheckResult = { pass: true };
const CODE_500: CheckResult = { pass: false, reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [500]' };
const CODE_502: CheckResult = { pass: false, reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [502]' };
const TIMEOUT: CheckResult = { pass: false, reason: 'Target.Timeout', description: 'Request timed out' };

const initial: TargetHealth = { State: 'initial', Reason: 'Elb.InitialHealthChecking', Description: 'Initial health checks in progress' };
const registering: TargetHealth = { State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' };
const healthy: TargetHealth = { State: 'healthy' };

function run(start: TargetHealth, checks: readonly CheckResult[], thresholds = T): TargetHealth[] {
  let s: HealthStatus = { health: start, passes: 0, fails: 0 };
  return checks.map((c) => (s = afterCheck(s, c, thresholds)).health);
}

describe('the target health state machine', () => {
  it('initial → healthy after the healthy threshold of consecutive passes', () => {
    expect(run(initial, [PASS, PASS, PASS]).map((h) => h.State)).toEqual(['initial', 'initial', 'healthy']);
  });

  it('initial → healthy after one pass when new targets need one (the ALB guide reading of L-006)', () => {
    expect(run(initial, [PASS], { ...T, initial: 1 })).toEqual([healthy]);
  });

  it('a failure resets the run of passes', () => {
    expect(run(initial, [PASS, PASS, CODE_500, PASS, PASS, PASS]).map((h) => h.State)).toEqual(['initial', 'initial', 'initial', 'initial', 'initial', 'healthy']);
  });

  it('initial → unhealthy after the unhealthy threshold of failures, with the last failure as the reason', () => {
    expect(run(initial, [TIMEOUT, CODE_500])).toEqual([initial, { State: 'unhealthy', ...{ Reason: 'Target.ResponseCodeMismatch', Description: 'Health checks failed with these codes: [500]' } }]);
  });

  it('healthy stays healthy below the unhealthy threshold, then goes unhealthy', () => {
    expect(run(healthy, [CODE_500, PASS, CODE_500, CODE_500]).map((h) => h.State)).toEqual(['healthy', 'healthy', 'healthy', 'unhealthy']);
  });

  it('an unhealthy target reports its latest failure and needs the healthy threshold to come back', () => {
    const seen = run(healthy, [CODE_500, CODE_500, CODE_502, TIMEOUT, PASS, PASS, PASS]);
    expect(seen.map((h) => (h.Reason === undefined ? h.State : `${h.State} ${h.Description}`))).toEqual([
      'healthy',
      'unhealthy Health checks failed with these codes: [500]',
      'unhealthy Health checks failed with these codes: [502]',
      'unhealthy Request timed out',
      'unhealthy Request timed out',
      'unhealthy Request timed out',
      'healthy',
    ]);
  });

  it('healthy gives no reason (L-013)', () => {
    const [h] = run(initial, [PASS], { ...T, initial: 1 });
    expect(h).toEqual({ State: 'healthy' });
    expect(h && 'Reason' in h).toBe(false);
  });

  it('a pass while registering moves to initial health checking', () => {
    expect(run(registering, [PASS])).toEqual([initial]);
  });

  it('draining and unused targets are not moved by checks', () => {
    const draining: TargetHealth = { State: 'draining', Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' };
    const unused: TargetHealth = { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' };
    expect(run(draining, [PASS, CODE_500, CODE_500, CODE_500])).toEqual([draining, draining, draining, draining]);
    expect(run(unused, [PASS, PASS, PASS])).toEqual([unused, unused, unused]);
  });
});
