import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../support.js';
import { runJson, scenarioFile } from './support.js';

/**
 * A scheduled action that raises a service's minimum capacity past the tasks-per-service quota
 * (ecs-facts S-131) moves its desired count there; ECS refuses that UpdateService call
 * ("Desired count exceeds limit."), as it does for a scaling policy (PS-002): the activity
 * fails with ECS's text, the bounds are set, and the service keeps its count (PS-004).
 */
const base = readFileSync(join(FIXTURES, 'fixed-step-scaling.yaml'), 'utf8');

function scenario(tasksPerService: number): string {
  const [head] = base.split('autoscaling:\n');
  const withQuota = (head as string).replace(/^ecs:\n/m, `ecs:\n  serviceQuotas: { tasksPerService: ${tasksPerService} }\n`).replace(/^until: .*$/m, 'until: 20m');
  return `${withQuota}autoscaling:
  scalableTargets:
    - { ServiceNamespace: ecs, ResourceId: service/default/web, ScalableDimension: ecs:service:DesiredCount, MinCapacity: 2, MaxCapacity: 10 }
  scheduledActions:
    - ServiceNamespace: ecs
      ScheduledActionName: morning-peak
      ResourceId: service/default/web
      ScalableDimension: ecs:service:DesiredCount
      Schedule: rate(10 minutes)
      ScalableTargetAction: { MinCapacity: 6 }
expectations: []
`;
}

describe('a scheduled action past the tasks-per-service quota', () => {
  it('fails with ECS\'s text, sets the bounds, and the service keeps its desired count', async () => {
    const r = await runJson(scenarioFile(scenario(4)));
    const activities = (r.autoscaling?.activities ?? []).filter((a) => a.Cause.includes('morning-peak'));
    expect(activities.length).toBeGreaterThan(0);
    for (const a of activities) {
      expect(a.StatusCode).toBe('Failed');
      expect(a.Description).toBe('Setting min capacity to 6');
      expect(a.StatusMessage).toBe('Failed to set desired count to 6. Reason: Desired count exceeds limit. (service quota: tasksPerService 4, ecs-facts S-131; raise it with ecs.serviceQuotas.tasksPerService for a what-if)');
    }
    expect(r.ecs?.services['web']?.desiredCount).toBe(2);
  });

  it('within the quota, the same action succeeds and the service grows', async () => {
    const r = await runJson(scenarioFile(scenario(5000)));
    const activities = (r.autoscaling?.activities ?? []).filter((a) => a.Cause.includes('morning-peak'));
    expect(activities.map((a) => a.StatusCode)).toContain('Successful');
    expect(r.ecs?.services['web']?.desiredCount).toBe(6);
  });
});
