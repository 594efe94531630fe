import { describe, expect, it } from 'vitest';
import { runBlueGreen, shifts, stages, UPDATE_AT } from './blue-green-support.js';

// ecs-facts S-088, S-099, S-105: an alarm during the canary fails the deployment; with
// rollback the weights go back to blue 100 % and green scales down, blue never stopped.
const CLOUDWATCH = `cloudwatch:
  alarms:
    - { AlarmName: web-errors, Namespace: AWS/ApplicationELB, MetricName: HTTPCode_Target_5XX_Count, Dimensions: [{ Name: LoadBalancer, Value: shop }], Statistic: Sum, Period: 60, EvaluationPeriods: 1, Threshold: 10, ComparisonOperator: GreaterThanThreshold }
`;

describe('a CANARY deployment with an alarm firing during the canary (S-088, S-105)', () => {
  const { result, records } = runBlueGreen({
    deployment: '        strategy: CANARY\n        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 10 }\n        alarms: { alarmNames: [web-errors], enable: true, rollback: true }',
    cloudwatch: CLOUDWATCH,
    timeline: '  - at: 9m\n    setAlarmState: { AlarmName: web-errors, StateValue: ALARM, StateReason: "errors on the canary" }\n',
  });
  const web = result.ecs?.services['web'];
  const green = web?.deployments.find((d) => d.taskDefinition.endsWith('web:2'));

  it('shifts 10 % to green, then on the alarm returns 100 % to blue', () => {
    expect(shifts(records).map((s) => s.green)).toEqual([10, 0]);
    const back = shifts(records)[1];
    expect(back?.t).toBe(9 * 60_000);
    expect(shifts(records, 'test').map((s) => s.green)).toEqual([100, 0]);
  });

  it('fails green, stops its tasks, and leaves blue the PRIMARY deployment', () => {
    const events = [...(web?.events ?? [])].reverse().map((e) => e.message);
    expect(events.some((m) => m.endsWith('deployment failed: alarm detected.'))).toBe(true);
    const blue = web?.deployments.find((d) => d.taskDefinition.endsWith('web:1'));
    expect(blue).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED' });
    expect(green).toBeUndefined(); // INACTIVE once its tasks are gone (S-075)
    const tasks = Object.values(result.ecs?.tasksByLabel ?? {}).flat();
    expect(tasks.filter((t) => t.taskDefinitionArn.endsWith('web:2')).every((t) => t.lastStatus === 'STOPPED')).toBe(true);
    expect(tasks.filter((t) => t.taskDefinitionArn.endsWith('web:1') && t.lastStatus === 'RUNNING')).toHaveLength(3);
    expect(tasks.filter((t) => t.taskDefinitionArn.endsWith('web:1')).every((t) => t.lastStatus === 'RUNNING')).toBe(true);
    // On rollback ECS runs the traffic-shift stages again (S-105), and never reaches the bake.
    const seen = stages(records).filter((s) => s.t >= UPDATE_AT).map((s) => s.stage);
    expect(seen.slice(-2)).toEqual(['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT']);
    expect(seen).not.toContain('BAKE_TIME');
    expect(result.ecs?.invariantViolations).toEqual([]);
  });
});
