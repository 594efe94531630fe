import { describe, expect, it } from 'vitest';
import { cp, runCas } from './managed-scaling-support.js';

// ecs-facts A-025: "A scale-out request aborts a scale-in in progress". With 100%/100%
// a DRAINING instance cannot shed its service tasks (T-079), so the scale-in waits on
// managed draining until the service grows again and the group scales out: the
// instance goes back in service (ACTIVE) instead of being terminated.
describe('a scale-out aborts a scale-in', () => {
  const r = runCas({
    desiredCount: 8,
    until: '60m',
    managedTerminationProtection: 'DISABLED',
    deploymentConfiguration: 'minimumHealthyPercent: 100, maximumPercent: 100',
    timeline: '  - at: 12m\n    updateService: { service: web, desiredCount: 2 }\n  - at: 40m\n    updateService: { service: web, desiredCount: 8 }\n',
  });
  const c = cp(r);

  it('returns the draining instances to service when the high alarm fires', () => {
    const waits = c.activities.filter((a) => a.kind === 'terminateWait');
    const aborted = c.activities.filter((a) => a.kind === 'terminationAborted');
    expect(waits.length).toBeGreaterThan(0);
    expect(aborted.length).toBeGreaterThan(0);
    const scaleOut = c.scalingActions.filter((a) => a.kind === 'scaleOut').at(-1);
    expect(aborted[0]?.t).toBe(scaleOut?.t);
    for (const a of aborted) expect(r.ecs?.containerInstances.find((i) => i.ref === a.instance)?.status).toBe('ACTIVE');
    expect(r.ecs?.services['web']?.runningCount).toBe(8);
  });
});
