import { describe, expect, it } from 'vitest';
import { albSection, listen, runUntil, world } from './support.js';

const A = { Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' };
const B = { Id: '10.0.0.6', AvailabilityZone: 'us-east-1b' };
const FAST = { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '20' }] };

function scenario() {
  const w = world(albSection({ tg: FAST }));
  listen(w, '10.0.0.5:8080');
  const b = listen(w, '10.0.0.6:8080');
  w.elb.registerTargets('web', [A, B]);
  runUntil(w, 10_000); // the check at 10 s has gone out: the failures are at 15 s and 20 s
  b.checkScript = () => ({ status: 500, delayMs: 1 });
  runUntil(w, 30_000);
  w.elb.deregisterTargets('web', [B]);
  runUntil(w, 60_000);
  return w;
}

describe('results over time', () => {
  it('HealthyHostCount / UnHealthyHostCount are a step function with one sample per change', () => {
    const w = scenario();
    expect(w.elb.result().targetGroups[0]?.hostCounts).toEqual([
      { t: 0, HealthyHostCount: 0, UnHealthyHostCount: 0 },
      { t: 5_001, HealthyHostCount: 2, UnHealthyHostCount: 0 },
      { t: 20_001, HealthyHostCount: 1, UnHealthyHostCount: 1 },
      { t: 30_000, HealthyHostCount: 1, UnHealthyHostCount: 0 },
    ]);
    const tg = w.elb.targetGroupByNameOrArn('web');
    expect(tg?.hostCountsAt(20_000)).toEqual({ t: 20_000, HealthyHostCount: 2, UnHealthyHostCount: 0 });
    expect(tg?.hostCountsAt(20_001)).toEqual({ t: 20_001, HealthyHostCount: 1, UnHealthyHostCount: 1 });
  });

  it('describe-target-health at a past time shows the targets as they were then', () => {
    const w = scenario();
    const at = (t: number) => w.elb.describeTargetHealth('web', undefined, t).TargetHealthDescriptions.map((d) => `${d.Target.Id} ${d.TargetHealth.State} ${d.TargetHealth.Reason ?? ''}`.trim());
    expect(at(1_000)).toEqual(['10.0.0.5 initial Elb.InitialHealthChecking', '10.0.0.6 initial Elb.InitialHealthChecking']);
    expect(at(25_000)).toEqual(['10.0.0.5 healthy', '10.0.0.6 unhealthy Target.ResponseCodeMismatch']);
    expect(at(40_000)).toEqual(['10.0.0.5 healthy', '10.0.0.6 draining Target.DeregistrationInProgress']);
    expect(at(55_000)).toEqual(['10.0.0.5 healthy']);
    expect(w.elb.describeTargetHealth('web', [B], 55_000).TargetHealthDescriptions[0]?.TargetHealth.State).toBe('unused');
  });

  it('the result is plain JSON and names targets, reasons and request counts', () => {
    const w = scenario();
    const result = w.elb.result();
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    const b = result.targetGroups[0]?.targets.find((t) => t.Target.Id === '10.0.0.6');
    expect(b?.history.map((h) => `${h.t} ${h.State}${h.Reason === undefined ? '' : ` ${h.Reason}`}`)).toEqual([
      '0 initial Elb.RegistrationInProgress',
      '0 initial Elb.InitialHealthChecking',
      '5001 healthy',
      '20001 unhealthy Target.ResponseCodeMismatch',
      '30000 draining Target.DeregistrationInProgress',
      '50000 unused Target.NotRegistered',
    ]);
  });
});
