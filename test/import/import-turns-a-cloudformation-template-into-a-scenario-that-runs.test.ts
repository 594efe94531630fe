import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssues, InputError } from '../../src/issues/index.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { importScenario } from '../../src/scenario/import/index.js';
import { camel } from '../../src/scenario/import/template.js';
import { cli, FIXTURES, tempDir } from '../support.js';

function importAndRun(input: string) {
  const { yaml } = importScenario(input);
  const scenario = parseScenario(yaml, 'imported.yaml');
  return { yaml, spec: scenario.spec, result: runScenario(scenario).result };
}

describe('ecs-sim import of a CDK-synthesised template', () => {
  const { yaml, spec, result } = importAndRun(join(FIXTURES, 'import', 'cdk.out', 'ShopStack.template.json'));

  it('resolves Ref, Fn::GetAtt and Fn::Join to the service, its target group and its scalable target', () => {
    const create = (spec.timeline?.[0] as { createService: { serviceName: string; desiredCount: number; taskDefinition: string; loadBalancers: { targetGroupArn: string }[] } }).createService;
    expect(create.serviceName).toBe('Service9571FDD8');
    expect(create.desiredCount).toBe(3);
    expect(create.taskDefinition).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/ShopStackServiceTaskDef9F8E4B2C:1');
    expect(create.loadBalancers[0]?.targetGroupArn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/ServiceLBPublicListenerECSGroup0\/[0-9a-f]{16}$/);
    expect(spec.autoscaling).toMatchObject({ scalableTargets: [{ ResourceId: 'service/ClusterEB0386A7/Service9571FDD8', MinCapacity: 2, MaxCapacity: 12 }] });
  });

  it('places Fargate tasks in the zones of the service subnets (Fn::Select over Fn::GetAZs)', () => {
    expect(spec.ecs?.fargate?.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(yaml).toContain('Fn::GetAZs gives us-east-1a, us-east-1b and us-east-1c');
  });

  it('runs the service to a steady state behind its load balancer', () => {
    expect(result.error).toBeUndefined();
    expect(result.expectations.filter((e) => e.status !== 'passed')).toEqual([]);
    expect(result.ecs?.services['Service9571FDD8']?.runningCount).toBe(3);
    expect(result.elb?.targetGroups[0]?.TargetHealthDescriptions.filter((t) => t.TargetHealth.State === 'healthy').length).toBe(3);
    // The target group's attribute from the template holds: a 30 s deregistration delay.
    expect(yaml).toMatch(/Key: deregistration_delay\.timeout_seconds\n\s+Value: "30"/);
  });

  it('names every resource type it did not read', () => {
    expect(yaml).toMatch(/1 AWS::EC2::VPC, 1 AWS::EC2::InternetGateway, 2 AWS::EC2::SecurityGroup, 2 AWS::IAM::Role, 1 AWS::Logs::LogGroup, 1 AWS::CDK::Metadata \(not part of what ecs-sim simulates\)/);
    expect(yaml).toContain('Service9571FDD8 has no ServiceName: named "Service9571FDD8" after its logical id');
  });
});

describe('ecs-sim import of a YAML template with short forms', () => {
  const { yaml, spec, result } = importAndRun(join(FIXTURES, 'import', 'api-stack.yaml'));
  const create = () => (spec.timeline?.[0] as { createService: Record<string, unknown> }).createService;

  it('reads !Ref, !Sub, !GetAtt, !Select and parameters defaults', () => {
    expect(spec.ecs?.cluster).toBe('api-prod');
    const create = (spec.timeline?.[0] as { createService: { serviceName: string; desiredCount: number } }).createService;
    expect(create).toMatchObject({ serviceName: 'api', desiredCount: 2 });
    expect(spec.cloudwatch?.alarms[0]?.AlarmName).toBe('api-cpu-high');
    expect(spec.cloudwatch?.alarms[0]?.Dimensions).toEqual([{ Name: 'ClusterName', Value: 'api-prod' }, { Name: 'ServiceName', Value: 'api' }]);
  });

  it("evaluates Fn::If from its Conditions (Fn::Equals, Fn::And, Fn::Not, Condition) and the parameters' defaults; AWS::NoValue removes the property", () => {
    const create = (spec.timeline?.[0] as { createService: Record<string, unknown> }).createService;
    // IsProd (Env defaults to prod): DesiredCount; Spot is false (UseSpot defaults to 'false'): no PlatformVersion.
    expect(create['desiredCount']).toBe(2);
    expect(create).not.toHaveProperty('platformVersion');
    expect(yaml).not.toContain('Service.PlatformVersion');
    // ProdOnDemand = IsProd and not Spot: MinCapacity 2.
    expect(spec.autoscaling).toMatchObject({ scalableTargets: [{ ResourceId: 'service/api-prod/api', MinCapacity: 2, MaxCapacity: 6 }] });
  });

  it('names a condition it cannot evaluate (a parameter with no default) and leaves the property out', () => {
    expect(create()).not.toHaveProperty('enableExecuteCommand');
    expect(yaml).toContain('api-stack.yaml: Conditions.HasSubnetA: parameter SubnetA (it has no Default) could not be resolved; left out');
    expect(yaml).toContain('api-stack.yaml: Service.EnableExecuteCommand: Fn::If HasSubnetA could not be resolved; left out');
  });

  it('does not create a resource whose Condition is false, and says so', () => {
    expect(spec.cloudwatch?.alarms.map((a) => a.AlarmName)).toEqual(['api-cpu-high']);
    expect(yaml).toContain("api-stack.yaml: SpotInterruptionAlarm (its condition Spot is false with the parameters' defaults, so the stack does not create it)");
  });

  it("imports the scalable target's ScheduledActions, and names one in another time zone", () => {
    const actions = (spec.autoscaling as { scheduledActions?: unknown[] } | undefined)?.scheduledActions;
    expect(actions).toEqual([{ ServiceNamespace: 'ecs', ScheduledActionName: 'nightly', ResourceId: 'service/api-prod/api', ScalableDimension: 'ecs:service:DesiredCount', Schedule: 'cron(0 22 * * ? *)', ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 2 } }]);
    expect(result.autoscaling?.scheduledActions.map((a) => a.ScheduledActionName)).toEqual(['nightly']);
    expect(yaml).toContain('api-stack.yaml: ScalableTarget: scheduled action morning (time zone Europe/Paris: only UTC is modelled)');
  });

  it('routes the listener rule to the service and runs it', () => {
    expect(result.expectations.filter((e) => e.status !== 'passed')).toEqual([]);
    expect(result.ecs?.services['api']?.runningCount).toBe(2);
  });

  it('exits 2 at the line of a YAML syntax error', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = join(tempDir(), 'broken.yaml');
    writeFileSync(file, 'Resources:\n  Cluster:\n    Type: AWS::ECS::Cluster\n   Properties: {\n');
    const { code, err } = await cli('import', file);
    expect(code).toBe(2);
    expect(err).toMatch(/broken\.yaml:\d+:\d+ {2}not valid YAML/);
  });
});

describe("CloudFormation's property names", () => {
  it.each([
    ['ContainerDefinitions', 'containerDefinitions'],
    ['EFSVolumeConfiguration', 'efsVolumeConfiguration'],
    ['Cpu', 'cpu'],
    ['AwsvpcConfiguration', 'awsvpcConfiguration'],
  ])('%s is the API field %s', (from, to) => {
    expect(camel(from)).toBe(to);
  });
});

describe('ecs-sim import of a CDK template with EC2 capacity', () => {
  const { spec, result } = importAndRun(join(FIXTURES, 'import', 'cdk.out', 'Ec2Stack.template.json'));

  it('makes the Auto Scaling group an instance group of its launch template type, in its subnets zones', () => {
    expect(spec.ecs?.instances).toEqual([
      { name: 'ClusterAsgASG4C2E1F0B', count: 2, instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'], autoScalingGroup: { MinSize: 2, MaxSize: 6 } },
    ]);
  });

  it('keeps the capacity provider with its managed scaling, and the service runs on it (ecs-facts A-028)', () => {
    expect(spec.ecs?.capacityProviders).toEqual([
      { name: 'AsgCapacityProvider760D11D9', autoScalingGroupProvider: { autoScalingGroupArn: 'ClusterAsgASG4C2E1F0B', managedScaling: { status: 'ENABLED', targetCapacity: 100 }, managedTerminationProtection: 'DISABLED' } },
    ]);
    expect(result.expectations.filter((e) => e.status !== 'passed')).toEqual([]);
    expect(result.ecs?.services['Service9571FDD8']?.runningCount).toBe(4);
    expect(result.clusterAutoScaling).toBeDefined();
  });
});

describe('a resource that uses one a false condition leaves out', () => {
  // ecs-facts I-016: CloudFormation refuses such a template at validation, before creating anything.
  const withDependent = (extra: string): string => {
    const file = join(tempDir(), 'api-stack.yaml');
    writeFileSync(file, `${readFileSync(join(FIXTURES, 'import', 'api-stack.yaml'), 'utf8')}${extra}`);
    return file;
  };
  const importError = (file: string): string => {
    try {
      importScenario(file);
    } catch (error) {
      if (error instanceof InputError) return formatIssues(error.issues);
      throw error;
    }
    return 'imported';
  };

  it('is refused with CloudFormation\'s text, at the reference, for DependsOn, Ref, Fn::GetAtt and Fn::Sub', () => {
    const file = withDependent(`
  SpotDashboardAlarm:
    Type: AWS::CloudWatch::Alarm
    DependsOn: SpotInterruptionAlarm
    Properties:
      AlarmName: !Sub '\${SpotInterruptionAlarm}-dashboard'
      AlarmDescription: !GetAtt SpotInterruptionAlarm.Arn
      Namespace: AWS/ECS
      MetricName: CPUUtilization
      Statistic: Average
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanThreshold
`);
    const text = importError(file);
    expect(text).toMatch(/api-stack\.yaml:\d+:\d+ {2}Resources\.SpotDashboardAlarm\.DependsOn: Template format error: Unresolved resource dependencies \[SpotInterruptionAlarm\] in the Resources block of the template \(CloudFormation's validation error: SpotInterruptionAlarm is left out by its condition Spot, false with the parameters' defaults; give SpotDashboardAlarm the same condition, or choose with Fn::If\)/);
  });

  it.each([
    ['Ref', "AlarmDescription: !Ref SpotInterruptionAlarm", 'AlarmDescription'],
    ['Fn::GetAtt', 'AlarmDescription: !GetAtt SpotInterruptionAlarm.Arn', 'AlarmDescription'],
    ['Fn::Sub', "AlarmDescription: !Sub 'after \${SpotInterruptionAlarm.Arn}'", 'AlarmDescription'],
    ['an Fn::If branch the condition chooses', "AlarmDescription: !If [IsProd, !Ref SpotInterruptionAlarm, 'x']", 'AlarmDescription["Fn::If"][1]'],
  ])('is refused for %s alone', (_what, line, at) => {
    const file = withDependent(`
  Dependent:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: dependent
      ${line}
      Namespace: AWS/ECS
      MetricName: CPUUtilization
      Statistic: Average
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanThreshold
`);
    expect(importError(file)).toContain(`Resources.Dependent.Properties.${at}: Template format error: Unresolved resource dependencies [SpotInterruptionAlarm] in the Resources block of the template`);
  });

  it('is fine when the reference is in the Fn::If branch the condition does not choose, or under the same condition', () => {
    const file = withDependent(`
  SpotAware:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: spot-aware
      AlarmDescription: !If [Spot, !Ref SpotInterruptionAlarm, 'no spot']
      Namespace: AWS/ECS
      MetricName: CPUUtilization
      Statistic: Average
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanThreshold
  SpotOnly:
    Type: AWS::CloudWatch::Alarm
    Condition: Spot
    DependsOn: SpotInterruptionAlarm
    Properties:
      AlarmName: !Sub '\${SpotInterruptionAlarm}-too'
      Namespace: AWS/ECS
      MetricName: CPUUtilization
      Statistic: Average
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanThreshold
`);
    const { yaml } = importScenario(file);
    expect(yaml).toContain('AlarmName: spot-aware');
    expect(yaml).toContain("SpotOnly (its condition Spot is false with the parameters' defaults, so the stack does not create it)");
  });
});
