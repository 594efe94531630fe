import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService, killTask, updateService } from './support.js';

// ecs-facts S-019: a service's tasks are grouped under the service name (`service:<name>`,
// T-025); S-053: a service task's startedBy is its deployment's id; S-025/S-126: a
// deployment id is `ecs-svc/` and 19 digits; S-126: a new service has one PRIMARY deployment.
describe('service tasks (S-019, S-053, S-126)', () => {
  const m = buildModel(
    ecsConfig({
      instanceGroups: [instances({ count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] })],
      definitions: [ec2Definition('web')],
      timeline: [createService(60_000, 'web', 'web', { desiredCount: 2 }), killTask(5 * 60_000, 'web'), updateService(10 * 60_000, 'web', 4)],
    }),
  );
  const r = m.run(20 * 60_000);
  const web = r.services.web;

  it('have one PRIMARY deployment whose id is ecs-svc/ and 19 digits', () => {
    expect(web?.deployments).toHaveLength(1);
    expect(web?.deployments[0]?.status).toBe('PRIMARY');
    expect(web?.deployments[0]?.id).toMatch(/^ecs-svc\/[1-9][0-9]{18}$/);
  });

  it('are in the group service:<name>, replacements and scale-outs included', () => {
    // 2 first, 2 replacements after the kill, 2 more for the scale-out.
    expect(m.tasks('web')).toHaveLength(6);
    expect(new Set(m.tasks('web').map((t) => t.group))).toEqual(new Set(['service:web']));
  });

  it('are started by the PRIMARY deployment id', () => {
    expect(new Set(m.tasks('web').map((t) => t.startedBy))).toEqual(new Set([web?.deployments[0]?.id]));
  });

  it('let a serviced task and a standalone task of the same family keep different groups', () => {
    const both = buildModel(
      ecsConfig({
        instanceGroups: [instances({ count: 1 })],
        definitions: [ec2Definition('web')],
        timeline: [createService(60_000, 'web', 'web', { desiredCount: 1 }), { kind: 'runTask', atMs: 60_000, runTask: { taskDefinition: 'web', count: 1, launchType: 'EC2', label: 'adhoc' } }],
      }),
    );
    both.run(5 * 60_000);
    expect(both.task('web').group).toBe('service:web');
    expect(both.task('adhoc').group).toBe('family:web');
    expect(both.task('adhoc').startedBy).toBeUndefined();
  });
});
