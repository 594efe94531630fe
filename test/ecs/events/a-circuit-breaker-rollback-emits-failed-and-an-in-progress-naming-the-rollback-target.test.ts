import { describe, expect, it } from 'vitest';
import { ofType, runWithEvents } from './run-events.js';

describe('ECS Deployment State Change for a circuit-breaker rollback (ecs-facts S-116, S-117, S-087)', () => {
  const deployments = ofType(runWithEvents('15-circuit-breaker-rollback.yaml').events, 'ECS Deployment State Change');

  it('the failed deployment emits SERVICE_DEPLOYMENT_FAILED (ERROR), then the rollback an IN_PROGRESS naming the last completed deployment', () => {
    const failedAt = deployments.findIndex((e) => e.detail['eventName'] === 'SERVICE_DEPLOYMENT_FAILED');
    expect(failedAt).toBeGreaterThan(0);
    const failed = deployments[failedAt]!;
    expect(failed.detail['eventType']).toBe('ERROR');
    expect(failed.detail['reason']).toBe('ECS deployment circuit breaker: tasks failed to start.');

    const target = deployments.slice(0, failedAt).filter((e) => e.detail['eventName'] === 'SERVICE_DEPLOYMENT_COMPLETED').at(-1)!;
    const rollback = deployments.slice(failedAt + 1).find((e) => e.detail['eventName'] === 'SERVICE_DEPLOYMENT_IN_PROGRESS')!;
    expect(rollback.detail['reason']).toBe(`ECS deployment circuit breaker: rolling back to deploymentId ${target.detail['deploymentId'] as string}.`);
    expect(rollback.detail['deploymentId']).not.toBe(failed.detail['deploymentId']);
    expect(rollback.detail['deploymentId']).not.toBe(target.detail['deploymentId']);
  });
});
