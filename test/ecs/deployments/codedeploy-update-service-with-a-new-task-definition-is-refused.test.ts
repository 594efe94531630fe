import { describe, expect, it } from 'vitest';
import { runCodeDeploy } from './codedeploy-support.js';

describe('UpdateService under CODE_DEPLOY (ecs-facts S-096)', () => {
  const result = runCodeDeploy({
    until: '4m',
    // No CreateDeployment.
    createDeployment: false,
    timeline: `  - at: 2m
    updateService: { service: web, taskDefinition: web:2 }
  - at: 2m30s
    updateService: { service: web, forceNewDeployment: true }
  - at: 3m
    updateService: { service: web, desiredCount: 4 }
`,
  });
  const actions = result.ecs?.actions ?? [];

  it('refuses a new task definition with ECS\'s InvalidParameterException and changes nothing', () => {
    expect(actions.find((a) => a.t === 120_000)?.outcome).toBe(
      'InvalidParameterException: Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
    );
    expect(result.ecs?.services['web']?.taskSets?.every((t) => /web:1$/.test(t.taskDefinition))).toBe(true);
  });

  it('refuses forceNewDeployment too', () => {
    expect(actions.find((a) => a.t === 150_000)?.outcome).toMatch(/^InvalidParameterException: Cannot force a new deployment on services with a CODE_DEPLOY deployment controller\./);
  });

  it('accepts a desired count change, which the task set follows', () => {
    expect(actions.find((a) => a.t === 180_000)?.outcome).toBe('service web updated: desiredCount 4');
    const set = result.ecs?.services['web']?.taskSets?.[0];
    expect([set?.computedDesiredCount, set?.runningCount]).toEqual([4, 4]);
  });
});
