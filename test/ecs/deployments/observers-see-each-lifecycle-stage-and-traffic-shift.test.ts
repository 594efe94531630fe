import { describe, expect, it } from 'vitest';
import type { EcsObserver } from '../../../src/ecs/observers.js';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService } from '../service/support.js';

// ecs-facts S-100, S-104: a headless service (no load balancer) still runs the blue/green
// stages, with no traffic to shift; observers are told each stage and each (empty) shift.
const MIN = 60_000;

describe('deployment observers (S-104)', () => {
  it('are told every lifecycle stage and traffic shift of a headless BLUE_GREEN deployment', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances({ count: 2 })],
        definitions: [ec2Definition('web'), ec2Definition('web', { image: 'web:2' })],
        timeline: [
          createService(MIN, 'web', 'web:1', { desiredCount: 2, strategy: 'BLUE_GREEN', bakeTimeInMinutes: 2 }),
          { kind: 'updateService', atMs: 5 * MIN, service: 'web', taskDefinition: 'web:2' },
        ],
      }),
    );
    const seen: string[] = [];
    const observer: EcsObserver = {
      deploymentLifecycle: (_s, d, stage) => seen.push(`${d.taskDefinition.slice(-5)} ${stage}`),
      trafficShifted: (_s, d, weights) => seen.push(`${d.taskDefinition.slice(-5)} shifted ${weights.length}`),
      deploymentChanged: (_s, d, change) => seen.push(`${d.taskDefinition.slice(-5)} ${change}`),
    };
    m.cp.observers.add(observer);
    const r = m.run(20 * MIN);
    expect(seen.filter((x) => x.startsWith('web:2'))).toEqual([
      'web:2 started',
      'web:2 PRE_SCALE_UP',
      'web:2 SCALE_UP',
      'web:2 POST_SCALE_UP',
      'web:2 TEST_TRAFFIC_SHIFT',
      'web:2 shifted 0',
      'web:2 POST_TEST_TRAFFIC_SHIFT',
      'web:2 PRODUCTION_TRAFFIC_SHIFT',
      'web:2 shifted 0',
      'web:2 POST_PRODUCTION_TRAFFIC_SHIFT',
      'web:2 BAKE_TIME',
      'web:2 CLEAN_UP',
      'web:2 completed',
    ]);
    expect(r.services['web']?.runningCount).toBe(2);
    expect(m.tasks('web').filter((t) => t.lastStatus === 'RUNNING').every((t) => t.taskDefinitionArn.endsWith('web:2'))).toBe(true);
    expect(r.invariantViolations).toEqual([]);
  });

  it('a blue task that stops before CLEAN_UP is replaced on blue\'s revision', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances({ count: 2 })],
        definitions: [ec2Definition('web'), ec2Definition('web', { image: 'web:2' })],
        timeline: [
          createService(MIN, 'web', 'web:1', { desiredCount: 2, strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 }),
          { kind: 'updateService', atMs: 5 * MIN, service: 'web', taskDefinition: 'web:2' },
        ],
      }),
    );
    let stopped = '';
    m.sim.at(8 * MIN, () => {
      const blue = m.tasks('web').find((t) => t.taskDefinitionArn.endsWith('web:1') && t.lastStatus === 'RUNNING');
      stopped = blue?.taskArn ?? '';
      m.cp.stopTask(stopped, 'killed by the spec');
    });
    m.run(9 * MIN);
    const blueRunning = m.tasks('web').filter((t) => t.taskDefinitionArn.endsWith('web:1') && t.lastStatus === 'RUNNING');
    expect(stopped).not.toBe('');
    expect(blueRunning).toHaveLength(2);
    expect(blueRunning.map((t) => t.taskArn)).not.toContain(stopped);
    expect(m.cp.scheduler.services.get('web')?.deployments.find((d) => d.taskDefinition.endsWith('web:2'))?.lifecycleStage).toBe('BAKE_TIME');
  });
});
