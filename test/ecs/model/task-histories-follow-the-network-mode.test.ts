import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../src/ecs/task/task-record.js';
import { buildModel, ec2Definition, ecsConfig, fargateDefinition, instances, runTaskAt } from './support.js';

// ecs-facts T-002, T-006, T-008: awsvpc tasks (EC2 or Fargate) go PROVISIONING → PENDING
// → RUNNING and STOPPING → DEPROVISIONING → STOPPED; a bridge-mode EC2 task skips
// PROVISIONING and DEPROVISIONING. What ECS shows is the control plane's record.
const statuses = (t: TaskRecord) => t.history.map((h) => h.lastStatus).filter((s, i, all) => i === 0 || all[i - 1] !== s);

describe('task status history as ECS reports it', () => {
  const m = buildModel(
    ecsConfig({
      instanceGroups: [instances()],
      fargate: { availabilityZones: ['us-east-1a'], pullBandwidthMBps: { constant: 100 } },
      definitions: [ec2Definition('bridge'), ec2Definition('vpc', {}, { networkMode: 'awsvpc' }), fargateDefinition('web')],
      timeline: [
        runTaskAt(60_000, 'bridge', 'bridge'),
        runTaskAt(60_000, 'vpc', 'vpc'),
        runTaskAt(60_000, 'web', 'fargate', { launchType: 'FARGATE' }),
        { kind: 'stopTask', atMs: 300_000, label: 'bridge' },
        { kind: 'stopTask', atMs: 300_000, label: 'vpc' },
        { kind: 'stopTask', atMs: 300_000, label: 'fargate' },
      ],
    }),
  );
  m.run(600_000);

  it('bridge on EC2: PENDING → RUNNING → STOPPING → STOPPED', () => {
    expect(statuses(m.task('bridge'))).toEqual(['PENDING', 'RUNNING', 'STOPPING', 'STOPPED']);
  });

  it('awsvpc on EC2: PROVISIONING → PENDING → RUNNING → STOPPING → DEPROVISIONING → STOPPED', () => {
    expect(statuses(m.task('vpc'))).toEqual(['PROVISIONING', 'PENDING', 'RUNNING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);
  });

  it('Fargate: PROVISIONING → PENDING → RUNNING → STOPPING → DEPROVISIONING → STOPPED', () => {
    expect(statuses(m.task('fargate'))).toEqual(['PROVISIONING', 'PENDING', 'RUNNING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);
  });
});
