import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli, FIXTURES } from '../support.js';

/** `ecs-sim run --describe KIND`: the AWS CLI's output shapes (ecs-facts S-124, S-125, I-002, T-060). */
const SCENARIO = 'scenarios/30-imported-from-cli-outputs.yaml';

async function described(kind: string): Promise<unknown[]> {
  const { code, out } = await cli('run', SCENARIO, '--describe', kind);
  expect(code).toBe(0);
  // One JSON document per call the CLI would make, as the AWS CLI prints it (4-space indents).
  return out
    .split(/\n(?=\{)/)
    .filter((d) => d.trim() !== '')
    .map((d) => JSON.parse(d) as unknown);
}

describe('ecs-sim run --describe', () => {
  it('services: describe-services output with ARNs and counts, and no simulator fields', async () => {
    const [doc] = (await described('services')) as [{ services: Record<string, unknown>[]; failures: unknown[] }];
    expect(doc.failures).toEqual([]);
    expect(doc.services.map((s) => [s['serviceName'], s['serviceArn'], s['clusterArn'], s['desiredCount'], s['runningCount']])).toEqual([
      ['web-app', 'arn:aws:ecs:us-west-2:123456789012:service/default/web-app', 'arn:aws:ecs:us-west-2:123456789012:cluster/default', 3, 3],
      ['worker', 'arn:aws:ecs:us-west-2:123456789012:service/default/worker', 'arn:aws:ecs:us-west-2:123456789012:cluster/default', 2, 2],
    ]);
    expect(Object.keys(doc.services[0] ?? {})).not.toContain('eventCount');
    expect(Object.keys(doc.services[0] ?? {})).not.toContain('steadyStateAt');
  });

  it('tasks: describe-tasks output, each container naming its task, timestamps in seconds', async () => {
    const [doc] = (await described('tasks')) as [{ tasks: Record<string, unknown>[] }];
    expect(doc.tasks).toHaveLength(5);
    const task = doc.tasks[0] as { taskArn: string; lastStatus: string; startedAt: number; containers: { taskArn: string }[] };
    expect(task.taskArn).toMatch(/^arn:aws:ecs:us-west-2:123456789012:task\/default\/[0-9a-f]{32}$/);
    expect(task.lastStatus).toBe('RUNNING');
    expect(task.containers[0]?.taskArn).toBe(task.taskArn);
    expect(task.startedAt).toBeLessThan(600);
    for (const field of ['label', 'history', 'durations', 'instanceRef']) expect(Object.keys(task)).not.toContain(field);
  });

  it('container-instances: resources and attributes as name/value lists (ecs-facts I-002)', async () => {
    const [doc] = (await described('container-instances')) as [{ containerInstances: { registeredResources: { name: string; type: string; integerValue: number }[]; attributes: { name: string; value: string }[] }[] }];
    // Scenario 30's four instances, the DRAINING one included.
    expect(doc.containerInstances).toHaveLength(4);
    expect(doc.containerInstances[0]?.registeredResources.map((r) => [r.name, r.type])).toEqual([
      ['CPU', 'INTEGER'],
      ['MEMORY', 'INTEGER'],
    ]);
    expect(doc.containerInstances[0]?.attributes).toContainEqual({ name: 'ecs.instance-type', value: 'c5.xlarge' });
  });

  it('target-health: one describe-target-health document per target group', async () => {
    const docs = (await described('target-health')) as { TargetHealthDescriptions: { TargetHealth: { State: string } }[] }[];
    expect(docs).toHaveLength(1);
    expect(docs[0]?.TargetHealthDescriptions.map((d) => d.TargetHealth.State)).toEqual(['healthy', 'healthy', 'healthy']);
  });

  it('names the kinds it takes when given another, and exits 2', async () => {
    const { code, err } = await cli('run', SCENARIO, '--describe', 'task');
    expect(code).toBe(2);
    expect(err).toContain('--describe takes services, tasks, container-instances, target-health; got "task"');
  });

  it('says, before running, when the scenario has nothing of that kind', async () => {
    const { code, err } = await cli('run', join(FIXTURES, 'small-queue.yaml'), '--describe', 'target-health');
    expect(code).toBe(2);
    expect(err).toContain('--describe target-health: this scenario has no elb section');
  });
});
