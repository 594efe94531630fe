import { describe, expect, it } from 'vitest';
import { runBlueGreen } from './blue-green-support.js';

// ecs-facts S-101: green registers in the group not serving production; after a deployment
// the groups' roles swap, so the next deployment's green goes back to the first group.
describe('target group roles across blue/green deployments (S-101)', () => {
  it('the second deployment registers its tasks in the group the first one left', () => {
    const { result, records } = runBlueGreen({ deployment: '        strategy: BLUE_GREEN\n        bakeTimeInMinutes: 1', secondUpdateAt: '20m', until: '40m' });
    const groups = result.elb?.targetGroups ?? [];
    const a = groups.find((g) => g.TargetGroup.TargetGroupName === 'web-a');
    const b = groups.find((g) => g.TargetGroup.TargetGroupName === 'web-b');
    // web-a: 3 targets of the first revision, then 3 of the third deployment; web-b: the 3 of the second.
    expect(a?.targets).toHaveLength(6);
    expect(b?.targets).toHaveLength(3);
    const shifted = records.filter((r) => r.kind === 'trafficShifted' && r['listener'] === 'production');
    expect(shifted).toHaveLength(2);
    const deployments = result.ecs?.services['web']?.deployments ?? [];
    expect(deployments).toHaveLength(1);
    expect(deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED' });
    expect(deployments[0]?.taskDefinition.endsWith('web:1')).toBe(true);
    // Production now forwards to web-a again, at 100.
    const healthyA = a?.TargetHealthDescriptions.filter((d) => d.TargetHealth.State === 'healthy');
    expect(healthyA).toHaveLength(3);
    expect(b?.TargetHealthDescriptions.filter((d) => d.TargetHealth.State === 'healthy')).toHaveLength(0);
  });
});
