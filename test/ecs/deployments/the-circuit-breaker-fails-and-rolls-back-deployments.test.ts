import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/scenario/loader.js';
import { runScenario } from '../../../src/scenario/runner.js';
import type { DeploymentCircuitBreaker, EcsConfig, TimelineAction } from '../../../src/ecs/config.js';
import { circuitBreakerThreshold } from '../../../src/ecs/service/circuit-breaker.js';
import { buildModel, ec2Definition, ecsConfig, instances, refusal } from '../model/support.js';
import { createService } from '../service/support.js';
import { MIN, messagesFrom, UPDATE_AT, updateService } from './support.js';

// ecs-facts S-082 to S-087: the deployment circuit breaker. S-083/S-084: the threshold;
// S-085: stage 1 (never RUNNING) and stage 2 (health checks); S-076/S-077: FAILED and its
// rolloutStateReason; S-063: the events; S-087: rollback to the last COMPLETED deployment;
// S-041/S-042: the throttle, which alone loops forever.
const BAD_IMAGE = 'web:bad';

/** `web` at `desired` tasks on web:1 (good), then the given updates; web:3's image cannot be pulled. */
function breakerConfig(desired: number, breaker: DeploymentCircuitBreaker | undefined, updates: readonly TimelineAction[], extra: Partial<EcsConfig> = {}, maximumPercent = 200): EcsConfig {
  return {
    ...ecsConfig({
      instanceGroups: [instances({ count: 4, availabilityZones: ['us-east-1a', 'us-east-1b'] })],
      definitions: [ec2Definition('web'), ec2Definition('web', { image: 'web:2' }), ec2Definition('web', { image: BAD_IMAGE })],
      timeline: [
        { kind: 'failImagePulls', atMs: 0, forMs: 10 * 60 * MIN, image: BAD_IMAGE },
        createService(MIN, 'web', 'web:1', { desiredCount: desired, maximumPercent, ...(breaker === undefined ? {} : { deploymentCircuitBreaker: breaker }) }),
        ...updates,
      ],
    }),
    ...extra,
  };
}

function run(config: EcsConfig, untilMs = 60 * MIN) {
  const m = buildModel(config);
  const r = m.run(untilMs);
  return { m, r, web: r.services['web'] };
}

describe('the deployment circuit breaker (S-082 to S-087)', () => {
  it('the breaker fails a deployment after <threshold> tasks fail to start', () => {
    // 10 tasks: 50% of 10 = 5 (S-083). maximumPercent 120 starts 2 new tasks at a time.
    const { m, web } = run(breakerConfig(10, { enable: true, rollback: false }, [updateService(UPDATE_AT, 'web', { taskDefinition: 'web:3' })], {}, 120));
    const deployments = web?.deployments ?? [];
    const failed = deployments.find((d) => d.taskDefinition.endsWith('web:3'));
    expect(failed).toMatchObject({ status: 'PRIMARY', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' });
    // It fails the instant its 5th task stops without reaching RUNNING (S-085); a task
    // already starting may fail after that, and still counts in failedTasks.
    const stops = m.tasks('web').filter((t) => t.taskDefinitionArn.endsWith('web:3') && t.stopCode === 'TaskFailedToStart').map((t) => t.stoppedAt ?? 0).sort((a, b) => a - b);
    const failedEventAt = (web?.events ?? []).find((e) => e.message.includes('deployment failed'))?.createdAt;
    // (stoppedAt is the agent's time; the control plane hears of it a moment later.)
    expect(stops[3]).toBeLessThan(stops[4] ?? 0);
    expect(failedEventAt).toBeGreaterThanOrEqual(stops[4] ?? Number.POSITIVE_INFINITY);
    expect((failedEventAt ?? 0) - (stops[4] ?? 0)).toBeLessThan(5_000);
    expect(failed?.failedTasks).toBe(stops.length);
    const messages = messagesFrom({ services: { web } } as never, UPDATE_AT);
    expect(messages.filter((x) => x === `(service web) (deployment ${failed?.id}) deployment failed: tasks failed to start.`)).toHaveLength(1);
    // Without rollback nothing else starts: no rollback event, and the FAILED deployment
    // launches no new tasks (S-076) while the old ones keep running.
    expect(messages.some((x) => x.includes('rolling back'))).toBe(false);
    const failedAt = (web?.events ?? []).find((e) => e.message.includes('deployment failed'))?.createdAt ?? 0;
    const bad = m.tasks('web').filter((t) => t.taskDefinitionArn.endsWith('web:3'));
    expect(bad.every((t) => t.createdAt <= failedAt)).toBe(true);
    expect(bad.every((t) => t.startedAt === undefined)).toBe(true);
    expect(web?.runningCount).toBe(10);
    expect(m.tasks('web').filter((t) => t.taskDefinitionArn.endsWith('web:1') && t.lastStatus === 'RUNNING')).toHaveLength(10);
    expect(deployments.find((d) => d.taskDefinition.endsWith('web:1'))).toMatchObject({ status: 'ACTIVE', rolloutState: 'COMPLETED', runningCount: 10 });
    // No steady state is claimed after the failure.
    expect((web?.events ?? []).filter((e) => e.createdAt >= failedAt && e.message.endsWith('has reached a steady state.'))).toHaveLength(0);
  });

  it('threshold bounds', () => {
    const standard: DeploymentCircuitBreaker = { enable: true, rollback: true };
    // ecs-facts S-084's table for the current default (BOUNDED_PERCENT, 50).
    expect([1, 4, 6, 7, 25, 400, 800].map((n) => circuitBreakerThreshold(standard, n))).toEqual([3, 3, 3, 4, 13, 200, 200]);
    // S-083: UNBOUNDED_PERCENT does not clamp; COUNT is the value as is.
    const unbounded: DeploymentCircuitBreaker = { ...standard, thresholdConfiguration: { type: 'UNBOUNDED_PERCENT', value: 50 } };
    expect([1, 4, 25, 800].map((n) => circuitBreakerThreshold(unbounded, n))).toEqual([1, 2, 13, 400]);
    expect(circuitBreakerThreshold({ ...standard, thresholdConfiguration: { type: 'COUNT', value: 7 } }, 800)).toBe(7);
    expect(circuitBreakerThreshold({ ...standard, thresholdConfiguration: { type: 'BOUNDED_PERCENT', value: 10 } }, 100)).toBe(10);
    expect(circuitBreakerThreshold({ ...standard, thresholdConfiguration: { value: 10 } }, 10)).toBe(3);
    // S-082: enable and rollback are both required.
    const yaml = (breaker: string): string => `
name: t
until: 1m
ecs:
  instances: [{ name: pool, count: 1 }]
  taskDefinitions: [{ definition: { family: web, containerDefinitions: [{ name: web, image: web:1, memory: 256 }] } }]
timeline:
  - at: 0s
    createService: { serviceName: web, taskDefinition: web, desiredCount: 1, deploymentConfiguration: { deploymentCircuitBreaker: ${breaker} } }
`;
    expect(refusal(yaml('{ enable: true }'))).toMatch(/rollback/);
    expect(refusal(yaml('{ enable: true, rollback: true, thresholdConfiguration: { type: PERCENT } }'))).toMatch(/type/);
  });

  it('rollback returns to the last completed task definition', () => {
    // web:1 completes, web:2 completes, web:3 fails: the rollback goes to web:2, not web:1.
    const second = UPDATE_AT + 10 * MIN;
    const { r, web } = run(breakerConfig(4, { enable: true, rollback: true }, [updateService(UPDATE_AT, 'web', { taskDefinition: 'web:2' }), updateService(second, 'web', { taskDefinition: 'web:3' })]));
    expect(web?.deployments).toHaveLength(1);
    const rollback = web?.deployments[0];
    expect(rollback).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', runningCount: 4 });
    expect(rollback?.taskDefinition).toMatch(/:task-definition\/web:2$/);
    expect(web?.taskDefinition).toMatch(/:task-definition\/web:2$/);
    expect(web?.runningCount).toBe(4);
    const messages = messagesFrom(r, second);
    const failedAt = messages.findIndex((x) => /^\(service web\) \(deployment ecs-svc\/\d{19}\) deployment failed: tasks failed to start\.$/.test(x));
    expect(failedAt).toBeGreaterThanOrEqual(0);
    const back = messages[failedAt + 1] ?? '';
    expect(back).toMatch(/^\(service web\) rolling back to deployment ecs-svc\/\d{19}\.$/);
    expect(messages.slice(-2)).toEqual([`(service web) (deployment ${rollback?.id}) deployment completed.`, '(service web) has reached a steady state.']);
  });

  it('rollback: the failed deployment turns ACTIVE, the new PRIMARY names the deployment it returns to', () => {
    const atMs = UPDATE_AT + 30_000;
    const { web, r } = run(breakerConfig(4, { enable: true, rollback: true }, [updateService(UPDATE_AT, 'web', { taskDefinition: 'web:3' })], {}));
    const events = messagesFrom(r, UPDATE_AT);
    const target = /rolling back to deployment (ecs-svc\/\d{19})\./.exec(events.find((x) => x.includes('rolling back')) ?? '')?.[1];
    const failedId = /\(deployment (ecs-svc\/\d{19})\) deployment failed/.exec(events.find((x) => x.includes('deployment failed')) ?? '')?.[1];
    const failedEvent = (web?.events ?? []).find((e) => e.message.includes('deployment failed'));
    expect(failedEvent?.createdAt).toBeLessThan(atMs);
    // Look at describe-services the instant the breaker tripped.
    const again = run(breakerConfig(4, { enable: true, rollback: true }, [updateService(UPDATE_AT, 'web', { taskDefinition: 'web:3' })], { describeServicesAtMs: [failedEvent?.createdAt ?? 0] }));
    const then = again.r.describeServices[0]?.services['web'];
    const primary = then?.deployments.find((d) => d.status === 'PRIMARY');
    expect(primary).toMatchObject({ rolloutState: 'IN_PROGRESS', rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${target}.` });
    expect(primary?.taskDefinition).toMatch(/web:1$/);
    expect(then?.deployments.find((d) => d.id === failedId)).toMatchObject({ status: 'ACTIVE', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' });
    expect(then?.deployments.find((d) => d.id === target)).toMatchObject({ rolloutState: 'COMPLETED' });
    expect(web?.deployments[0]?.id).toBe(primary?.id);
  });

  it('resetOnHealthyTask (default true) resets the count when a task turns healthy; false keeps it (S-082)', () => {
    // Pulls of the bad image fail only until 1 min after the update; a COUNT threshold of 100 never trips.
    const count = (resetOnHealthyTask?: boolean) => {
      const breaker: DeploymentCircuitBreaker = { enable: true, rollback: true, thresholdConfiguration: { type: 'COUNT', value: 100 }, ...(resetOnHealthyTask === undefined ? {} : { resetOnHealthyTask }) };
      const config = breakerConfig(4, breaker, [updateService(UPDATE_AT, 'web', { taskDefinition: 'web:3' })]);
      const timeline = config.timeline.map((a) => (a.kind === 'failImagePulls' ? { ...a, forMs: UPDATE_AT + MIN } : a));
      const { web } = run({ ...config, timeline });
      expect(web?.deployments).toHaveLength(1);
      expect(web?.deployments[0]).toMatchObject({ rolloutState: 'COMPLETED', runningCount: 4 });
      return web?.deployments[0]?.failedTasks;
    };
    expect(count()).toBe(0);
    expect(count(true)).toBe(0);
    expect(count(false)).toBeGreaterThan(0);
  });

  it('without the breaker the throttle loops', () => {
    const { m, web } = run(breakerConfig(4, undefined, [updateService(UPDATE_AT, 'web', { taskDefinition: 'web:3' })]), 90 * MIN);
    const primary = web?.deployments.find((d) => d.status === 'PRIMARY');
    expect(primary?.taskDefinition).toMatch(/web:3$/);
    expect(primary?.rolloutState).toBe('IN_PROGRESS');
    expect(primary?.failedTasks).toBeGreaterThan(10);
    // S-042: the throttle says so once; S-041: relaunches never stop, only slow down (at most every 15 min).
    const messages = (web?.events ?? []).map((e) => e.message);
    expect(messages.filter((x) => x === '(service web) is unable to consistently start tasks successfully.')).toHaveLength(1);
    expect(messages.some((x) => x.includes('deployment failed') || x.includes('rolling back'))).toBe(false);
    const bad = m.tasks('web').filter((t) => t.taskDefinitionArn.endsWith('web:3'));
    expect(bad.some((t) => t.createdAt >= 70 * MIN)).toBe(true);
    // The old tasks keep serving (minimumHealthyPercent 100).
    expect(web?.runningCount).toBe(4);
  });

  it('stage 2: tasks that reach RUNNING but fail their ELB health checks count, and the deployment rolls back (S-085)', () => {
    const text = `
name: stage 2
seed: 3
until: 60m
ecs:
  instances:
    - { name: pool, count: 2, instanceType: c5.xlarge, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: web
        networkMode: awsvpc
        containerDefinitions:
          - { name: web, image: web:1, cpu: 256, memory: 512, portMappings: [{ containerPort: 8080 }] }
      behaviour:
        containers:
          web: { startup: 2s, server: { workers: 2, serviceTime: 10ms, healthCheck: { path: /health } } }
    - definition:
        family: web
        networkMode: awsvpc
        containerDefinitions:
          - { name: web, image: web:2, cpu: 256, memory: 512, portMappings: [{ containerPort: 8080 }] }
      behaviour:
        containers:
          web: { startup: 2s, server: { workers: 2, serviceTime: 10ms, healthCheck: { path: /health, failAfter: 0s } } }
elb:
  targetGroups:
    - { Name: web, Protocol: HTTP, Port: 8080, TargetType: ip, HealthCheckPath: /health, HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2, Attributes: [{ Key: deregistration_delay.timeout_seconds, Value: "10" }] }
  loadBalancers:
    - { Name: front, AvailabilityZones: [us-east-1a, us-east-1b], Listeners: [{ Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: web }] }] }
timeline:
  - at: 1m
    createService:
      serviceName: web
      taskDefinition: web:1
      desiredCount: 2
      loadBalancers: [{ targetGroupArn: web, containerName: web, containerPort: 8080 }]
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } }
  - at: 5m
    updateService: { service: web, taskDefinition: web:2 }
`;
    const r = runScenario(parseScenario(text, 'spec.yaml')).result;
    const web = r.ecs?.services['web'];
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    const unhealthy = tasks.filter((t) => t.taskDefinitionArn.endsWith('web:2') && t.stoppedReason?.startsWith('Task failed ELB health checks in (target-group '));
    // Threshold 3 for 2 tasks (S-084): three health-check stops of tasks that did run.
    expect(unhealthy.length).toBeGreaterThanOrEqual(3);
    expect(unhealthy.every((t) => t.startedAt !== undefined)).toBe(true);
    const messages = [...(web?.events ?? [])].reverse().map((e) => e.message);
    const failed = messages.findIndex((x) => x.endsWith('deployment failed: tasks failed to start.'));
    expect(failed).toBeGreaterThanOrEqual(0);
    expect(messages[failed + 1]).toMatch(/^\(service web\) rolling back to deployment ecs-svc\/\d{19}\.$/);
    expect(web?.deployments).toHaveLength(1);
    expect(web?.deployments[0]).toMatchObject({ rolloutState: 'COMPLETED', runningCount: 2 });
    expect(web?.deployments[0]?.taskDefinition).toMatch(/web:1$/);
  });
});
