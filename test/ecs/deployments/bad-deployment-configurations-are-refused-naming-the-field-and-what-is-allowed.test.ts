import { describe, expect, it } from 'vitest';
import { blueGreenYaml } from './blue-green-support.js';
import { refusal } from '../model/support.js';

// Scenario checks for the deployment configuration (ecs-facts S-088, S-098, S-099, S-102, S-103).
const CLOUDWATCH = `cloudwatch:
  alarms:
    - { AlarmName: web-errors, Namespace: AWS/ApplicationELB, MetricName: HTTPCode_Target_5XX_Count, Statistic: Sum, Period: 60, EvaluationPeriods: 1, Threshold: 10, ComparisonOperator: GreaterThanThreshold }
`;

describe('deployment configuration input', () => {
  it('deployment alarms need a cloudwatch section', () => {
    expect(refusal(blueGreenYaml({ deployment: '        alarms: { alarmNames: [web-errors], enable: true, rollback: true }' }))).toContain(
      'timeline[0].createService.deploymentConfiguration.alarms: deployment alarms watch CloudWatch alarms: add a cloudwatch section defining them (ecs-facts S-088)',
    );
  });

  it('an unknown alarm name is refused with a did-you-mean', () => {
    expect(refusal(blueGreenYaml({ deployment: '        alarms: { alarmNames: [web-error], enable: true, rollback: true }', cloudwatch: CLOUDWATCH }))).toContain(
      'timeline[0].createService.deploymentConfiguration.alarms.alarmNames[0]: no alarm "web-error" in the cloudwatch section; did you mean "web-errors"?',
    );
  });

  it('alarms need all three fields', () => {
    expect(refusal(blueGreenYaml({ deployment: '        alarms: { alarmNames: [web-errors], enable: true }', cloudwatch: CLOUDWATCH }))).toMatch(/deploymentConfiguration\.alarms\.rollback/);
  });

  it('BLUE_GREEN needs bakeTimeInMinutes', () => {
    expect(refusal(blueGreenYaml({ deployment: '        strategy: BLUE_GREEN' }))).toContain('bakeTimeInMinutes is required with the BLUE_GREEN strategy (ecs-facts S-098)');
  });

  it('stepPercent is from 3.0 to 100.0 in tenths', () => {
    expect(refusal(blueGreenYaml({ deployment: '        strategy: LINEAR\n        linearConfiguration: { stepPercent: 2 }' }))).toContain('stepPercent must be from 3 to 100 (ecs-facts S-099)');
    expect(refusal(blueGreenYaml({ deployment: '        strategy: LINEAR\n        linearConfiguration: { stepPercent: 3.25 }' }))).toContain('stepPercent must be a multiple of 0.1 (ecs-facts S-099)');
  });

  it('a PAUSE hook cannot use a traffic-shift stage', () => {
    expect(refusal(blueGreenYaml({ deployment: '        strategy: BLUE_GREEN\n        bakeTimeInMinutes: 1\n        lifecycleHooks: [{ targetType: PAUSE, lifecycleStages: [PRODUCTION_TRAFFIC_SHIFT] }]' }))).toContain(
      'a PAUSE hook cannot use PRODUCTION_TRAFFIC_SHIFT (ecs-facts S-103)',
    );
  });

  it('continueServiceDeployment names a service created earlier, and counts as one action', () => {
    const yaml = blueGreenYaml({ deployment: '        strategy: BLUE_GREEN\n        bakeTimeInMinutes: 1', timeline: '  - at: 6m\n    continueServiceDeployment: { service: wbe }\n' });
    expect(refusal(yaml)).toContain('no earlier createService named "wbe"; did you mean "web"?');
  });
});

describe('advancedConfiguration input (ecs-facts S-101)', () => {
  it('names a listener rule that does not exist, with a did-you-mean', () => {
    const yaml = blueGreenYaml({ deployment: '        strategy: BLUE_GREEN\n        bakeTimeInMinutes: 1' }).replace('productionListenerRule: "shop:80"', 'productionListenerRule: "shop:81"');
    expect(refusal(yaml)).toContain('loadBalancers[0].advancedConfiguration.productionListenerRule: no listener rule "shop:81": give a rule or listener ARN, or "<load balancer>:<port>[:<priority>]"; did you mean "shop:80"?');
  });

  it('names an alternate target group that does not exist', () => {
    const yaml = blueGreenYaml({ deployment: '        strategy: BLUE_GREEN\n        bakeTimeInMinutes: 1' }).replace('alternateTargetGroupArn: web-b', 'alternateTargetGroupArn: web-c');
    expect(refusal(yaml)).toMatch(/advancedConfiguration\.alternateTargetGroupArn: no target group "web-c"; did you mean "web-[ab]"\?/);
  });
});
