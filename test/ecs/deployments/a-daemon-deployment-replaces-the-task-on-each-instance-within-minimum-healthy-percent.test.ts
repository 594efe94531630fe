import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService } from '../service/support.js';
import { MIN, UPDATE_AT, updateService } from './support.js';

// ecs-facts S-034, S-037: a DAEMON service runs one task per instance, its maximumPercent is
// 100 and the API's default minimumHealthyPercent is 0; so a deployment cannot start a new
// task beside the old one: it stops old tasks (as many as minimumHealthyPercent lets it,
// S-067's floor) and starts the new revision on each instance that is freed.
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

function deploy(minimumHealthyPercent: number) {
  const m = buildModel(
    ecsConfig({
      instanceGroups: [instances({ count: 3, availabilityZones: AZS })],
      definitions: [ec2Definition('agent'), ec2Definition('agent', { image: 'agent:2' })],
      timeline: [createService(MIN, 'agent', 'agent:1', { schedulingStrategy: 'DAEMON', minimumHealthyPercent, maximumPercent: 100 }), updateService(UPDATE_AT, 'agent', { taskDefinition: 'agent:2' })],
    }),
  );
  let maxLive = 0;
  let minRunning = Number.POSITIVE_INFINITY;
  m.sim.run({
    until: 15 * MIN,
    stopWhen: () => {
      if (m.sim.now < UPDATE_AT) return false;
      const tasks = m.tasks('agent').filter((t) => t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED');
      const perInstance = new Map<string | undefined, number>();
      for (const t of tasks) perInstance.set(t.containerInstanceArn, (perInstance.get(t.containerInstanceArn) ?? 0) + 1);
      maxLive = Math.max(maxLive, ...perInstance.values());
      minRunning = Math.min(minRunning, m.tasks('agent').filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length);
      return false;
    },
  });
  return { m, r: m.model.result(), maxLive, minRunning };
}

describe('a DAEMON service deployment (S-034, S-037, S-067)', () => {
  it('with the default 0%/100% stops the old task on every instance, then runs the new revision on each', () => {
    const { m, r, maxLive } = deploy(0);
    expect(maxLive).toBe(1);
    const running = m.tasks('agent').filter((t) => t.lastStatus === 'RUNNING');
    expect(running).toHaveLength(3);
    expect(running.every((t) => t.taskDefinitionArn.endsWith('/agent:2'))).toBe(true);
    expect(new Set(running.map((t) => t.containerInstanceArn)).size).toBe(3);
    expect(r.services['agent']?.deployments).toMatchObject([{ status: 'PRIMARY', rolloutState: 'COMPLETED', desiredCount: 3, runningCount: 3 }]);
  });

  it('with minimumHealthyPercent 50 keeps at least 2 of 3 daemon tasks running while it replaces them', () => {
    const { m, r, maxLive, minRunning } = deploy(50);
    expect(maxLive).toBe(1);
    expect(minRunning).toBeGreaterThanOrEqual(2);
    expect(m.tasks('agent').filter((t) => t.lastStatus === 'RUNNING' && t.taskDefinitionArn.endsWith('/agent:2'))).toHaveLength(3);
    expect(r.services['agent']?.deployments[0]?.rolloutState).toBe('COMPLETED');
  });
});
