import { describe, expect, it } from 'vitest';
import { refusal } from '../model/support.js';
import { MIN, rollingConfig, runWatched, UPDATE_AT, messagesFrom } from './support.js';

// ecs-facts S-073, S-074: which UpdateService fields start a deployment; S-038: a
// desiredCount change does not. S-075 to S-077: deployments as describe-services shows
// them; S-053: a service task's startedBy is its deployment's id; S-063, S-066: the
// completion events.
const depId = /^ecs-svc\/[1-9][0-9]{18}$/;

describe('deployments started by UpdateService (S-073 to S-077)', () => {
  it('a desiredCount change starts no deployment (S-038)', () => {
    const { r } = runWatched(rollingConfig(2, 100, 200, { desiredCount: 4 }));
    expect(r.services['web']?.deployments).toMatchObject([{ status: 'PRIMARY', desiredCount: 4, runningCount: 4 }]);
    expect(messagesFrom(r, UPDATE_AT).some((x) => x.includes('deployment completed'))).toBe(false);
  });

  it('a deploymentConfiguration or availabilityZoneRebalancing change starts no deployment, but is shown (S-073, S-025)', () => {
    const { r } = runWatched(rollingConfig(2, 100, 200, { minimumHealthyPercent: 50, maximumPercent: 150, availabilityZoneRebalancing: 'DISABLED' }));
    expect(r.services['web']?.deployments).toHaveLength(1);
    expect(r.services['web']?.deploymentConfiguration).toEqual({ minimumHealthyPercent: 50, maximumPercent: 150 });
    expect(r.services['web']?.availabilityZoneRebalancing).toBe('DISABLED');
  });

  it('a new task definition makes a new PRIMARY deployment IN_PROGRESS and the old one ACTIVE, each counting its own tasks', () => {
    const { r } = runWatched(rollingConfig(4, 100, 200, { taskDefinition: 'web:2' }, { describeServicesAtMs: [UPDATE_AT + 30_000] }));
    const then = r.describeServices[0]?.services['web'];
    // EF-004: DescribeServices lists the PRIMARY deployment first, then the ACTIVE ones.
    const [primary, old] = then?.deployments ?? [];
    expect(primary).toMatchObject({ status: 'PRIMARY', desiredCount: 4, runningCount: 4, pendingCount: 0, rolloutState: 'IN_PROGRESS', createdAt: UPDATE_AT });
    expect(primary?.taskDefinition).toMatch(/:task-definition\/web:2$/);
    expect(primary?.rolloutStateReason).toBe(`ECS deployment ${primary?.id} in progress.`);
    expect(primary?.id).toMatch(depId);
    expect(old).toMatchObject({ status: 'ACTIVE', runningCount: 4, desiredCount: 4 });
    expect(old?.taskDefinition).toMatch(/:task-definition\/web:1$/);
    expect(then?.taskDefinition).toMatch(/:task-definition\/web:2$/);
    expect(then?.runningCount).toBe(8);
  });

  it('tasks are started by their deployment, and new ones run the PRIMARY\'s task definition (S-053)', () => {
    const { m, r } = runWatched(rollingConfig(4, 100, 200));
    const primary = r.services['web']?.deployments[0];
    const tasks = m.tasks('web');
    const newer = tasks.filter((t) => t.createdAt >= UPDATE_AT);
    expect(newer).toHaveLength(4);
    expect(newer.every((t) => t.startedBy === primary?.id && t.taskDefinitionArn.endsWith('web:2'))).toBe(true);
    const older = tasks.filter((t) => t.createdAt < UPDATE_AT);
    expect(older.every((t) => t.startedBy !== primary?.id && t.startedBy?.match(depId) !== null && t.taskDefinitionArn.endsWith('web:1'))).toBe(true);
    // ecs-facts S-054: old tasks are stopped as a scaling activity of the new deployment.
    expect(older.every((t) => t.stopCode === 'ServiceSchedulerInitiated' && t.stoppedReason === `Scaling activity initiated by (deployment ${primary?.id})`)).toBe(true);
  });

  it('the old deployment becomes INACTIVE when its last task stops, and ECS says "deployment completed." then "has reached a steady state." at once', () => {
    const { m, r } = runWatched(rollingConfig(4, 100, 200));
    const web = r.services['web'];
    expect(web?.deployments).toHaveLength(1);
    const primary = web?.deployments[0];
    expect(primary).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', rolloutStateReason: `ECS deployment ${primary?.id} completed.` });
    const events = [...(web?.events ?? [])].reverse().filter((e) => e.createdAt >= UPDATE_AT);
    const tail = events.slice(-2);
    expect(tail.map((e) => e.message)).toEqual([`(service web) (deployment ${primary?.id}) deployment completed.`, '(service web) has reached a steady state.']);
    expect(tail[0]?.createdAt).toBe(tail[1]?.createdAt);
    const lastOldStop = Math.max(...m.tasks('web').filter((t) => t.createdAt < UPDATE_AT).map((t) => t.stoppedAt ?? Number.POSITIVE_INFINITY));
    expect(tail[0]?.createdAt).toBeGreaterThanOrEqual(lastOldStop);
    expect(tail[0]?.createdAt ?? 0).toBeLessThanOrEqual(lastOldStop + 2_000);
  });

  it('forceNewDeployment starts a deployment with the same task definition (S-074)', () => {
    const { r, m } = runWatched(rollingConfig(2, 100, 200, { forceNewDeployment: true }));
    const primary = r.services['web']?.deployments[0];
    expect(r.services['web']?.deployments).toHaveLength(1);
    expect(primary?.taskDefinition).toMatch(/:task-definition\/web:1$/);
    expect(primary?.createdAt).toBe(UPDATE_AT);
    expect(m.tasks('web').filter((t) => t.lastStatus === 'RUNNING').every((t) => t.startedBy === primary?.id)).toBe(true);
  });

  it('the initial deployment is COMPLETED once the service is steady, without a deployment event', () => {
    const { r } = runWatched(rollingConfig(2, 100, 200, { desiredCount: 2 }), 4 * MIN);
    expect(r.services['web']?.deployments[0]).toMatchObject({ rolloutState: 'COMPLETED' });
    expect(r.services['web']?.events.some((e) => e.message.includes('deployment completed'))).toBe(false);
  });

  it('an updateService naming an unknown task definition is refused before the run, with a did-you-mean', () => {
    const yaml = `name: typo
until: 10m
ecs:
  instances:
    - { name: pool, count: 1, instanceType: c5.large, availabilityZones: [us-east-1a] }
  taskDefinitions:
    - definition: { family: api, containerDefinitions: [{ name: api, image: "shop/api:5", memory: 512 }] }
timeline:
  - at: 1m
    createService: { serviceName: api, taskDefinition: api, desiredCount: 1 }
  - at: 5m
    updateService: { service: api, taskDefinition: "apj:1" }
`;
    expect(refusal(yaml)).toContain('timeline[1].updateService.taskDefinition: no task definition "apj:1" in this scenario; did you mean "api:1"?');
  });
});
