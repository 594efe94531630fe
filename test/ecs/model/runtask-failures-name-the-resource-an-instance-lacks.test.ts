import { describe, expect, it } from 'vitest';
import { registeredMemoryMiB } from '../../../src/ecs/capacity/instance-types.js';
import { buildModel, ec2Definition, ecsConfig, instances, runTaskAt } from './support.js';

// ecs-facts T-075: RunTask failure reasons RESOURCE:CPU, RESOURCE:MEMORY, RESOURCE:PORTS;
// T-112: they come back as `failures` with the instance's ARN, not as an exception.
// T-071: the agent's reserved ports (22, 2375, 2376, 51678, 51679) are taken from the start.
// One c5.large: 2048 CPU units (T-068).
const MEMORY = registeredMemoryMiB('c5.large');

function runOne(container: Record<string, unknown>, count = 1) {
  const m = buildModel(ecsConfig({ instanceGroups: [instances({ instanceType: 'c5.large' })], definitions: [ec2Definition('app', container)], timeline: [runTaskAt(60_000, 'app', 'app', { count })] }));
  const result = m.run(120_000);
  const outcome = result.runTask[0];
  if (outcome === undefined) throw new Error('no RunTask outcome');
  return { outcome, instanceArn: result.containerInstances[0]?.containerInstanceArn };
}

describe('RunTask failures on a full instance (T-075)', () => {
  it('RESOURCE:MEMORY for a task that asks for more memory than the instance has left', () => {
    const { outcome, instanceArn } = runOne({ memory: MEMORY + 1 });
    expect(outcome.tasks).toEqual([]);
    expect(outcome.exception).toBeUndefined();
    expect(outcome.failures).toEqual([{ arn: instanceArn, reason: 'RESOURCE:MEMORY' }]);
  });

  it('RESOURCE:CPU for a task that asks for more CPU units than the instance has left', () => {
    const { outcome, instanceArn } = runOne({ cpu: 4096, memory: 256 });
    expect(outcome.failures).toEqual([{ arn: instanceArn, reason: 'RESOURCE:CPU' }]);
  });

  it('RESOURCE:MEMORY for the task that no longer fits after others took the memory', () => {
    const { outcome } = runOne({ memory: Math.floor(MEMORY / 2) }, 3);
    expect(outcome.tasks).toHaveLength(2);
    expect(outcome.failures.map((f) => f.reason)).toEqual(['RESOURCE:MEMORY']);
  });

  it('RESOURCE:PORTS for a second task wanting the same static host port', () => {
    const { outcome } = runOne({ portMappings: [{ containerPort: 8080, hostPort: 8080 }] }, 2);
    expect(outcome.tasks).toHaveLength(1);
    expect(outcome.failures.map((f) => f.reason)).toEqual(['RESOURCE:PORTS']);
  });

  it('RESOURCE:PORTS for a host port the agent reserves (T-071)', () => {
    const { outcome } = runOne({ portMappings: [{ containerPort: 22, hostPort: 22 }] });
    expect(outcome.tasks).toEqual([]);
    expect(outcome.failures.map((f) => f.reason)).toEqual(['RESOURCE:PORTS']);
  });

  it('places any number of dynamic-port tasks that fit in memory, each on its own host port (T-051)', () => {
    const { outcome } = runOne({ memory: 256, portMappings: [{ containerPort: 8080, hostPort: 0 }] }, 10);
    expect(outcome.tasks).toHaveLength(10);
    expect(outcome.failures).toEqual([]);
  });
});
