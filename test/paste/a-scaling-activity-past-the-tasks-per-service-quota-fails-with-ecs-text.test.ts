import { describe, expect, it } from 'vitest';
import { stepScalingScenario } from '../support.js';
import { runJson, scenarioFile } from './support.js';

/**
 * ECS's service quotas hold at run time too (ecs-facts S-131): a scaling activity that would
 * set a desired count past the tasks-per-service quota fails, as ECS's UpdateService refuses
 * it ("Desired count exceeds limit."), and the service keeps its count. The quota is lowered
 * here (`ecs.serviceQuotas`) so that a small scenario reaches it.
 */
function scenario(tasksPerService: number): string {
  return stepScalingScenario('steps', `  serviceQuotas: { tasksPerService: ${tasksPerService} }\n`);
}

describe('a scaling activity past the tasks-per-service quota', () => {
  it('fails with ECS\'s text, and the service keeps its desired count', async () => {
    const r = await runJson(scenarioFile(scenario(3)));
    const activities = r.autoscaling?.activities ?? [];
    const failed = activities.find((a) => a.StatusCode === 'Failed' && a.Description === 'Setting desired count to 4.');
    expect(failed?.StatusMessage).toBe('Failed to set desired count to 4. Reason: Desired count exceeds limit. (service quota: tasksPerService 3, ecs-facts S-131; raise it with ecs.serviceQuotas.tasksPerService for a what-if)');
    expect(activities.some((a) => a.StatusCode === 'Successful')).toBe(false);
    expect(r.ecs?.services['web']?.desiredCount).toBe(2);
  });

  it('within the quota, the same activity succeeds', async () => {
    const r = await runJson(scenarioFile(scenario(5000)));
    expect((r.autoscaling?.activities ?? []).find((a) => a.Description === 'Setting desired count to 4.')?.StatusCode).toBe('Successful');
  });
});
