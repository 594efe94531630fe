import { describe, expect, it } from 'vitest';
import { canMove, taskHealth, TASK_STATUS_ORDER, type TaskStatus } from '../../../src/ecs/task/lifecycle.js';

describe('the task lifecycle (ecs-facts T-001, S-052)', () => {
  it('lists ECS lastStatus values in lifecycle order', () => {
    expect(TASK_STATUS_ORDER).toEqual(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);
  });

  it.each(TASK_STATUS_ORDER.flatMap((from, i) => TASK_STATUS_ORDER.map((to, j) => [from, to, j > i] as const)))('%s → %s allowed: %s', (from: TaskStatus, to: TaskStatus, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });

  it('lets a bridge-mode task skip PROVISIONING and a PENDING task go straight to STOPPED (T-008)', () => {
    expect(canMove('PENDING', 'RUNNING')).toBe(true);
    expect(canMove('PENDING', 'STOPPED')).toBe(true);
  });
});

describe('task health from essential containers (ecs-facts T-042)', () => {
  const c = (healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN', hasHealthCheck = true) => ({ healthStatus, hasHealthCheck });
  it('is UNKNOWN when no essential container has a health check', () => {
    expect(taskHealth([c('UNKNOWN', false)])).toBe('UNKNOWN');
  });
  it('is HEALTHY only when every checked essential container is', () => {
    expect(taskHealth([c('HEALTHY'), c('HEALTHY')])).toBe('HEALTHY');
    expect(taskHealth([c('HEALTHY'), c('UNKNOWN')])).toBe('UNKNOWN');
  });
  it('is UNHEALTHY when any checked essential container is, whatever the others', () => {
    expect(taskHealth([c('HEALTHY'), c('UNHEALTHY'), c('UNKNOWN')])).toBe('UNHEALTHY');
  });
});
