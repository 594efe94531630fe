import { describe, expect, it } from 'vitest';
import { deploymentOf, MIN, runCodeDeploy } from './codedeploy-support.js';

const CLOUDWATCH = `cloudwatch:
  alarms:
    - { AlarmName: web-errors, Namespace: AWS/ApplicationELB, MetricName: HTTPCode_Target_5XX_Count, Statistic: Sum, Period: 60, EvaluationPeriods: 1, Threshold: 10, ComparisonOperator: GreaterThanThreshold }
`;
const ALARM_AT = 8 * MIN;
const fire = `  - at: 8m\n    setAlarmState: { AlarmName: web-errors, StateValue: ALARM, StateReason: "errors on the canary" }\n`;

describe('a deployment group alarm going to ALARM during the canary (ecs-facts S-094)', () => {
  const options = {
    deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent15Minutes',
    cloudwatch: CLOUDWATCH,
    alarmConfiguration: '{ enabled: true, alarms: [{ name: web-errors }] }',
    timeline: fire,
    until: '20m',
  };

  it('stops the deployment and, with DEPLOYMENT_STOP_ON_ALARM, puts all production traffic back on the original', () => {
    const result = runCodeDeploy({ ...options, autoRollbackConfiguration: '{ enabled: true, events: [DEPLOYMENT_STOP_ON_ALARM] }' });
    const d = deploymentOf(result);
    expect(d.status).toBe('Stopped');
    expect(d.completeTime).toBe(ALARM_AT);
    expect(d.errorInformation?.code).toBe('ALARM_ACTIVE');
    expect(d.trafficShifts.map((s) => [s.at, s.replacement])).toEqual([
      [d.trafficShifts[0]?.at, 10],
      [ALARM_AT, 0],
    ]);
    expect(result.ecs?.services['web']?.taskSets?.map((t) => [t.id, t.status])).toEqual([[d.originalTaskSet, 'PRIMARY']]);
  });

  it('without that rollback event the canary weights stay where they were', () => {
    const result = runCodeDeploy({ ...options, autoRollbackConfiguration: '{ enabled: true, events: [DEPLOYMENT_FAILURE] }' });
    const d = deploymentOf(result);
    expect(d.status).toBe('Stopped');
    expect(d.rollbackInfo).toBeUndefined();
    expect(d.trafficShifts.map((s) => s.replacement)).toEqual([10]);
  });
});
