import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService } from '../service/support.js';
import { MIN } from './support.js';

// ecs-facts S-075: a deployment's updatedAt is when it last changed (its counts, its
// status, its rolloutState), not every time the scheduler looks at the service.
describe('a deployment’s updatedAt', () => {
  it('stays at the moment the deployment completed while the service runs on unchanged', () => {
    const m = buildModel(ecsConfig({ instanceGroups: [instances({ count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] })], definitions: [ec2Definition('web')], timeline: [createService(MIN, 'web', 'web', { desiredCount: 2 })] }));
    const r = m.run(8 * 60 * MIN);
    const service = r.services['web'];
    const steady = [...(service?.events ?? [])].reverse().find((e) => e.message === '(service web) has reached a steady state.');
    expect(service?.deployments[0]?.rolloutState).toBe('COMPLETED');
    // The 6-hourly steady-state look (S-059) at ~6h changes nothing.
    expect(service?.deployments[0]?.updatedAt).toBe(steady?.createdAt);
    expect(service?.deployments[0]?.updatedAt).toBeLessThan(5 * MIN);
  });
});
