import { describe, expect, it } from 'vitest';
import { refusal } from '../ecs/model/support.js';

// An autoscaling section takes the JSON of RegisterScalableTarget, PutScalingPolicy and
// PutScheduledAction. A ResourceId must name a service the timeline creates; a typo or an
// out-of-range field is refused before the run, at its line, with what is allowed.
const scenario = (autoscaling: string): string => `name: autoscaling typos
until: 1h
ecs:
  instances:
    - { name: pool, count: 1, instanceType: c5.large, availabilityZones: [us-east-1a] }
  taskDefinitions:
    - definition:
        family: api
        containerDefinitions:
          - { name: api, image: "shop/api:5", cpu: 256, memory: 512 }
timeline:
  - at: 1m
    createService: { serviceName: api, taskDefinition: api, desiredCount: 1 }
autoscaling:
${autoscaling}`;

const target = (resourceId: string, extra = ''): string => `  scalableTargets:
    - { ServiceNamespace: ecs, ResourceId: ${resourceId}, ScalableDimension: "ecs:service:DesiredCount", MinCapacity: 1, MaxCapacity: 4${extra} }
`;

describe('an autoscaling section', () => {
  it('names a service the timeline creates as service/<cluster>/<service>', () => {
    expect(refusal(scenario(target('service/default/apii')))).toMatch(/autoscaling\.scalableTargets\[0\]\.ResourceId: expected "service\/<cluster>\/<service>" naming a service the timeline creates: service\/default\/api/);
  });

  it('refuses an unknown field, at its line', () => {
    expect(refusal(scenario(target('service/default/api', ', MaxCapacty: 4')))).toMatch(/:16:\d+ +autoscaling\.scalableTargets\[0\]\.MaxCapacty: unknown field/);
  });

  it('refuses a target value that is not a number, naming the field', () => {
    const policy = `${target('service/default/api')}  scalingPolicies:
    - PolicyName: cpu
      ServiceNamespace: ecs
      ResourceId: service/default/api
      ScalableDimension: "ecs:service:DesiredCount"
      PolicyType: TargetTrackingScaling
      TargetTrackingScalingPolicyConfiguration: { TargetValue: high, PredefinedMetricSpecification: { PredefinedMetricType: ECSServiceAverageCPUUtilization } }
`;
    expect(refusal(scenario(policy))).toMatch(/autoscaling\.scalingPolicies\[0\]\.TargetTrackingScalingPolicyConfiguration\.TargetValue/);
  });
});
