import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { importScenario } from '../../src/scenario/import/index.js';
import { asgInstanceType, scheduledAction, targetGroupAttributes } from '../../src/scenario/import/build-scenario.js';
import { autoScalingGroupInfo } from '../../src/scenario/import/cli-outputs.js';
import { cli, FIXTURES, tempDir } from '../support.js';

/** An EC2 cluster's outputs: an Auto Scaling group behind a managed-scaling capacity provider, tasks running, target group attributes, scheduled actions. */
const FOLDER = join(FIXTURES, 'import', 'cli-ec2');

function importAndRun(input: string) {
  const { yaml } = importScenario(input);
  const scenario = parseScenario(yaml, 'imported.yaml');
  return { yaml, spec: scenario.spec, result: runScenario(scenario).result };
}

/** A copy of the fixture folder, changed by `edit`, for one test. */
function variant(edit: (dir: string) => void): string {
  const dir = tempDir();
  for (const f of readdirSync(FOLDER)) copyFileSync(join(FOLDER, f), join(dir, f));
  edit(dir);
  return dir;
}

describe('ecs-sim import of an EC2 cluster with an Auto Scaling group (describe-auto-scaling-groups)', () => {
  const { yaml, spec, result } = importAndRun(FOLDER);

  it('makes the Auto Scaling group an instance group of its launch template version type, in its zones, sized as the group', () => {
    // The group asks for $Latest of orders-ecs: version 2, m5.large (version 1, the default, is t3.large).
    expect(spec.ecs?.instances).toEqual([
      { name: 'orders-asg', count: 2, instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'], attributes: { stack: 'orders' }, autoScalingGroup: { MinSize: 1, MaxSize: 6, DesiredCapacity: 2 } },
    ]);
    expect(yaml).toContain('Auto Scaling group orders-asg launches m5.large (launch template orders-ecs version 2)');
    expect(yaml).toContain('# Auto Scaling groups from auto-scaling-groups.json; container instances from container-instances.json');
  });

  it('imports the capacity provider with its managed scaling, and cluster auto scaling runs on the group (ecs-facts A-020, A-028)', () => {
    expect(spec.ecs?.capacityProviders).toEqual([
      {
        name: 'orders-asg-cp',
        autoScalingGroupProvider: {
          autoScalingGroupArn: 'orders-asg',
          managedScaling: { status: 'ENABLED', targetCapacity: 100, minimumScalingStepSize: 1, maximumScalingStepSize: 10000, instanceWarmupPeriod: 300 },
          managedTerminationProtection: 'DISABLED',
          managedDraining: 'ENABLED',
        },
      },
    ]);
    expect(yaml).not.toMatch(/managed scaling \(it needs/);
    expect(result.clusterAutoScaling).toBeDefined();
    expect(Object.keys(result.clusterAutoScaling?.capacityProviders ?? {})).toEqual(['orders-asg-cp']);
  });

  it('leaves out an Auto Scaling group that is not part of the cluster, and says so', () => {
    expect(yaml).toContain('auto-scaling-groups.json: Auto Scaling group bastion-asg (no capacity provider or container instance of the cluster is in it)');
  });

  it('runs the service to its desired count on the group, with the standalone task started again on the instance it ran on', () => {
    expect(result.error).toBeUndefined();
    expect(result.expectations.filter((e) => e.status !== 'passed')).toEqual([]);
    expect(result.ecs?.services['orders-api']?.runningCount).toBe(2);
    const job = result.ecs?.tasksByLabel['report-job'] ?? [];
    // It ran on the us-east-1a instance, orders-asg/0 in the scenario, and starts there the moment it registers.
    const instance = result.ecs?.containerInstances.find((i) => i.ref === 'orders-asg/0');
    expect(job.map((t) => [t.lastStatus, t.taskDefinitionArn, t.startedBy, t.instanceRef, t.availabilityZone, t.createdAt])).toEqual([
      ['RUNNING', 'arn:aws:ecs:us-east-1:123456789012:task-definition/report-job:3', 'events-rule/nightly-report', 'orders-asg/0', 'us-east-1a', instance?.registeredAt],
    ]);
  });
});

describe('ecs-sim import of running tasks (describe-tasks)', () => {
  const { yaml, spec } = importAndRun(FOLDER);

  it('starts a standalone task again by StartTask on the instance it ran on, with its revision and startedBy, the moment the instance registers', () => {
    expect(spec.timeline?.slice(1)).toEqual([
      {
        at: 0,
        startTask: {
          taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/report-job:3',
          containerInstances: ['orders-asg/0'],
          startedBy: 'events-rule/nightly-report',
          waitForRegistration: true,
          label: 'report-job',
        },
      },
    ]);
    expect(yaml).toContain('# 1 running task from tasks.json, each on the instance it ran on');
  });

  it("says in the header that a service's running tasks are its desiredCount started at 0s, and names a deployment under way", () => {
    expect(yaml).toContain(
      "tasks.json: service orders-api had 2 tasks running (orders-api:6, orders-api:7); the scenario starts its desiredCount 2 at 0s and ECS places them by the service's strategy (the service scheduler owns its tasks: ecs-sim does not adopt running ones); orders-api:6 is not its revision: a deployment was under way, and every task starts at orders-api:7",
    );
    expect(yaml).toContain('tasks.json: 1 task stopping or stopped');
  });

  it('lists a standalone task whose task definition is missing, with the command that gives it', () => {
    const dir = variant((d) => writeFileSync(join(d, 'task-definition-report-job.json'), '{"clusterArns": []}'));
    const { yaml: missing } = importScenario(dir);
    expect(missing).toMatch(/tasks\.json: task arn:aws:ecs:us-east-1:123456789012:task\/orders\/1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6 \(its task definition .*report-job:3 has no describe-task-definition output among the inputs; add the output of `aws ecs describe-task-definition --task-definition report-job:3`\)/);
  });
});

describe('ecs-sim import of target group attributes (describe-target-group-attributes, wrapped with the ARN)', () => {
  const { yaml, result } = importAndRun(FOLDER);

  it('keeps the attributes the model has and that differ from the defaults, and names those it does not model', () => {
    const raw = parse(yaml) as { elb: { targetGroups: { Attributes: unknown[] }[] } };
    expect(raw.elb.targetGroups[0]?.Attributes).toEqual([
      { Key: 'deregistration_delay.timeout_seconds', Value: '60' },
      { Key: 'load_balancing.algorithm.type', Value: 'least_outstanding_requests' },
      { Key: 'stickiness.lb_cookie.duration_seconds', Value: '3600' },
    ]);
    expect(yaml).toContain('target-group-attributes-orders-api.json: target group orders-api: attribute stickiness.enabled "true" (stickiness is not modelled)');
    expect(yaml).not.toContain("target group attributes take ELB's defaults");
    // The run's target group has them (ELB fills in the rest).
    const attrs = new Map(result.elb?.targetGroups[0]?.Attributes.map((a) => [a.Key, a.Value]));
    expect(attrs.get('deregistration_delay.timeout_seconds')).toBe('60');
    expect(attrs.get('load_balancing.algorithm.type')).toBe('least_outstanding_requests');
  });

  it("lists the output saved without its ARN, and says how to save it", () => {
    const dir = variant((d) => {
      const wrapped = JSON.parse(readFileSync(join(d, 'target-group-attributes-orders-api.json'), 'utf8')) as { Attributes: unknown[] };
      writeFileSync(join(d, 'target-group-attributes-orders-api.json'), JSON.stringify({ Attributes: wrapped.Attributes }));
    });
    const { yaml: bare } = importScenario(dir);
    expect(bare).toContain('target-group-attributes-orders-api.json: 14 attributes of a target group or load balancer the output does not name; save them as {"TargetGroupArn": ..., "Attributes": [...]} or {"LoadBalancerArn": ..., "Attributes": [...]} (the README\'s collection script does, with jq)');
  });

  it('checks each attribute as the scenario would: refused values are named, not written', () => {
    const tg = { Name: 'api', Protocol: 'HTTP', Port: 80, TargetType: 'ip' };
    expect(targetGroupAttributes(tg, [{ Key: 'slow_start.duration_seconds', Value: '5' }, { Key: 'lambda.multi_value_headers.enabled', Value: 'false' }])).toEqual({
      kept: [],
      notModelled: [
        'slow_start.duration_seconds "5" (must be 0 (off) or an integer from 30 to 900 (ecs-facts L-023))',
        'lambda.multi_value_headers.enabled "false" (unknown target group attribute "lambda.multi_value_headers.enabled")',
      ],
    });
  });
});

describe('ecs-sim import of scheduled actions (application-autoscaling describe-scheduled-actions)', () => {
  const { yaml, spec, result } = importAndRun(FOLDER);

  it('maps them to PutScheduledAction input, StartTime read as UTC, and the service has them', () => {
    const actions = (spec.autoscaling as { scheduledActions?: { ScheduledActionName: string; Schedule: string; ScalableTargetAction: unknown; StartTime?: number }[] } | undefined)?.scheduledActions;
    expect(actions?.map((a) => [a.ScheduledActionName, a.Schedule, a.ScalableTargetAction])).toEqual([
      ['business-hours', 'cron(0 8 ? * MON-FRI *)', { MinCapacity: 4, MaxCapacity: 8 }],
      ['launch-day', 'at(2024-06-10T06:00:00)', { MinCapacity: 6 }],
    ]);
    // The CLI prints 2024-06-01T00:00:00+00:00: written as epoch seconds, which PutScheduledAction's JSON takes.
    expect(actions?.[1]?.StartTime).toBe(Date.UTC(2024, 5, 1) / 1000);
    expect(result.autoscaling?.scheduledActions.map((a) => a.ScheduledActionName)).toEqual(['business-hours', 'launch-day']);
  });

  it('names an action in a time zone other than UTC as not modelled', () => {
    expect(yaml).toContain('scheduled-actions.json: scheduled action evening (time zone America/New_York: only UTC is modelled)');
  });

  it("leaves out another namespace's action and one whose target is not imported", () => {
    const targets = [{ ResourceId: 'service/orders/orders-api' }];
    expect(scheduledAction({ ServiceNamespace: 'dynamodb', ScheduledActionName: 'x', ResourceId: 'table/t' }, targets)).toBe('dynamodb: only ECS services are modelled');
    expect(scheduledAction({ ServiceNamespace: 'ecs', ScheduledActionName: 'x', ResourceId: 'service/orders/other' }, targets)).toBe('its scalable target service/orders/other is not among the imported ones');
  });
});

describe("an Auto Scaling group's instance type", () => {
  const group = (g: Record<string, unknown>) => autoScalingGroupInfo({ AutoScalingGroupName: 'g', MinSize: 0, MaxSize: 2, ...g });
  const lt = { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'app' };
  const versions = [
    { id: 'lt-1', name: 'app', version: 1, isDefault: true, instanceType: 't3.large' },
    { id: 'lt-1', name: 'app', version: 2, isDefault: false, instanceType: 'm5.large' },
  ];

  it("is a mixed instances policy's first override", () => {
    expect(asgInstanceType(group({ MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: lt, Overrides: [{ InstanceType: 'c6i.xlarge' }, { InstanceType: 'c5.xlarge' }] } } }), versions, [])).toEqual({ instanceType: 'c6i.xlarge' });
  });

  it("is its launch template version's: $Default, $Latest or a number", () => {
    expect(asgInstanceType(group({ LaunchTemplate: { ...lt, Version: '$Default' } }), versions, []).instanceType).toBe('t3.large');
    expect(asgInstanceType(group({ LaunchTemplate: { ...lt, Version: '$Latest' } }), versions, []).instanceType).toBe('m5.large');
    expect(asgInstanceType(group({ LaunchTemplate: { LaunchTemplateName: 'app', Version: '1' } }), versions, []).instanceType).toBe('t3.large');
  });

  it("is else its instances' type, else its container instances'", () => {
    expect(asgInstanceType(group({ LaunchConfigurationName: 'lc', Instances: [{ InstanceId: 'i-1', InstanceType: 'r5.large' }] }), versions, [])).toEqual({ instanceType: 'r5.large', from: 'the type of its instances' });
    const member = { instanceType: 'c5.large', availabilityZone: 'us-east-1a', status: 'ACTIVE', agentConnected: true, attributes: {}, capacityProviderName: undefined, osType: undefined, registeredCpu: undefined, registeredMemory: undefined };
    expect(asgInstanceType(group({ LaunchConfigurationName: 'lc' }), [], [member])).toEqual({ instanceType: 'c5.large', from: 'the ecs.instance-type of its container instances' });
    expect(asgInstanceType(group({ LaunchConfigurationName: 'lc' }), [], [])).toEqual({ instanceType: undefined });
  });

  it('without launch template versions or instance types in the output, is its container instances\' type', () => {
    const dir = variant((d) => writeFileSync(join(d, 'launch-template-versions.json'), '{"clusterArns": []}'));
    const groups = JSON.parse(readFileSync(join(dir, 'auto-scaling-groups.json'), 'utf8')) as { AutoScalingGroups: { Instances: { InstanceType?: string }[] }[] };
    for (const g of groups.AutoScalingGroups) for (const i of g.Instances) delete i.InstanceType;
    writeFileSync(join(dir, 'auto-scaling-groups.json'), JSON.stringify(groups));
    // The container instances still say their type: the group is imported with it.
    expect(importScenario(dir).yaml).toContain('Auto Scaling group orders-asg launches m5.large (the ecs.instance-type of its container instances)');
  });
});

describe('ecs-sim import of an EC2 cluster on the command line', () => {
  it('writes the scenario, which runs with its expectations passed', async () => {
    const out = join(tempDir(), 'orders.yaml');
    const imported = await cli('import', FOLDER, '--out', out);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^✔ .*orders\.yaml {2}1 service from 15 inputs; 5 assumed, 5 not imported/);
    const run = await cli('run', out);
    expect(run.code).toBe(0);
    expect(run.out).toContain('expectations  2 passed, 0 failed');
    expect(run.out).toMatch(/startTask: StartTask .*report-job:3 on orders-asg\/0 as it registers \(report-job\)/);
  });
});

describe('import edge cases of EC2 capacity and running tasks', () => {
  it('runs a standalone Fargate task again at 0s, in the zone it ran in', () => {
    const dir = variant((d) => {
      writeFileSync(
        join(d, 'task-definition-sync-job.json'),
        JSON.stringify({
          taskDefinition: {
            taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/sync-job:1',
            family: 'sync-job',
            revision: 1,
            networkMode: 'awsvpc',
            requiresCompatibilities: ['FARGATE'],
            cpu: '256',
            memory: '512',
            containerDefinitions: [{ name: 'sync', image: 'public.ecr.aws/docker/library/busybox:1.36', essential: true, command: ['sleep', '3600'] }],
            status: 'ACTIVE',
          },
        }),
      );
      const tasks = JSON.parse(readFileSync(join(d, 'tasks.json'), 'utf8')) as { tasks: unknown[] };
      tasks.tasks.push({ taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/orders/5e6f7a8b9c0d4e1f8a2b3c4d5e6f7a8b', taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/sync-job:1', group: 'family:sync-job', launchType: 'FARGATE', availabilityZone: 'us-east-1b', lastStatus: 'RUNNING', desiredStatus: 'RUNNING', startedBy: 'admin' });
      writeFileSync(join(d, 'tasks.json'), JSON.stringify(tasks));
    });
    const { spec, result } = importAndRun(dir);
    expect(spec.ecs?.fargate?.availabilityZones).toEqual(['us-east-1b']);
    expect(spec.timeline?.slice(1).map((e) => [e.at, Object.keys(e).find((k) => k !== 'at')])).toEqual([
      [0, 'startTask'],
      [0, 'runTask'],
    ]);
    expect((spec.timeline?.[2] as { runTask: { label: string; launchType?: string } }).runTask).toMatchObject({ label: 'sync-job', launchType: 'FARGATE' });
    expect(result.ecs?.tasksByLabel['sync-job']?.map((t) => [t.lastStatus, t.launchType, t.availabilityZone])).toEqual([['RUNNING', 'FARGATE', 'us-east-1b']]);
  });

  it('keeps a DRAINING container instance of an imported Auto Scaling group, set DRAINING the moment it registers', () => {
    const dir = variant((d) => {
      const cis = JSON.parse(readFileSync(join(d, 'container-instances.json'), 'utf8')) as { containerInstances: { status: string }[] };
      (cis.containerInstances[1] as { status: string }).status = 'DRAINING';
      writeFileSync(join(d, 'container-instances.json'), JSON.stringify(cis));
    });
    const { yaml, spec, result } = importAndRun(dir);
    expect(spec.ecs?.instances?.map((g) => [g.name, g.count])).toEqual([['orders-asg', 2]]);
    // The second container instance is the group's us-east-1b one: orders-asg/1.
    expect(spec.timeline?.filter((e) => 'updateContainerInstancesState' in e)).toEqual([{ at: 0, updateContainerInstancesState: { instance: 'orders-asg/1', status: 'DRAINING', waitForRegistration: true } }]);
    expect(yaml).toContain('# orders-asg/1 was DRAINING in container-instances.json');
    expect(result.ecs?.containerInstances.map((i) => [i.ref, i.status])).toEqual([
      ['orders-asg/0', 'ACTIVE'],
      ['orders-asg/1', 'DRAINING'],
    ]);
  });

  it("takes a template Auto Scaling group's type from its mixed instances policy's first override", () => {
    const template = JSON.parse(readFileSync(join(FIXTURES, 'import', 'cdk.out', 'Ec2Stack.template.json'), 'utf8')) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    const asg = template.Resources['ClusterAsgASG4C2E1F0B'] as { Properties: Record<string, unknown> };
    const { LaunchTemplate, ...rest } = asg.Properties;
    asg.Properties = { ...rest, MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: LaunchTemplate, Overrides: [{ InstanceType: 'c6i.large' }, { InstanceType: 'c5.large' }] } } };
    const file = join(tempDir(), 'Mixed.template.json');
    writeFileSync(file, JSON.stringify(template));
    const { spec } = importAndRun(file);
    expect(spec.ecs?.instances?.map((g) => g.instanceType)).toEqual(['c6i.large']);
  });
});

describe('standalone tasks run again', () => {
  it('go by RunTask calls of at most 10 tasks (ecs-facts T-106) when their instance is not imported', () => {
    const dir = variant((d) => {
      const tasks = JSON.parse(readFileSync(join(d, 'tasks.json'), 'utf8')) as { tasks: { taskArn: string; group: string; containerInstanceArn?: string }[] };
      const job = tasks.tasks.find((t) => t.group === 'family:report-job');
      for (let i = 0; i < 11; i++) tasks.tasks.push({ ...(job as { taskArn: string; group: string }), taskArn: `${job?.taskArn ?? ''}${i}` });
      for (const t of tasks.tasks) if (t.group === 'family:report-job') t.containerInstanceArn = 'arn:aws:ecs:us-east-1:123456789012:container-instance/orders/0000000000000000000000000000dead';
      writeFileSync(join(d, 'tasks.json'), JSON.stringify(tasks));
    });
    const { spec } = importAndRun(dir);
    expect(spec.timeline?.slice(1).map((e) => [e.at, (e as { runTask: { count: number; label: string } }).runTask.count, (e as { runTask: { label: string } }).runTask.label])).toEqual([
      [180_000, 10, 'report-job'],
      [180_000, 2, 'report-job-2'],
    ]);
  });

  it('go by StartTask calls, one task per instance, when two ran on the same instance', () => {
    const dir = variant((d) => {
      const tasks = JSON.parse(readFileSync(join(d, 'tasks.json'), 'utf8')) as { tasks: { taskArn: string; group: string }[] };
      const job = tasks.tasks.find((t) => t.group === 'family:report-job');
      tasks.tasks.push({ ...(job as { taskArn: string; group: string }), taskArn: `${job?.taskArn ?? ''}2` });
      writeFileSync(join(d, 'tasks.json'), JSON.stringify(tasks));
    });
    const { spec, result } = importAndRun(dir);
    expect(spec.timeline?.slice(1).map((e) => [(e as { startTask: { containerInstances: string[]; label: string } }).startTask.containerInstances, (e as { startTask: { label: string } }).startTask.label])).toEqual([
      [['orders-asg/0'], 'report-job'],
      [['orders-asg/0'], 'report-job-2'],
    ]);
    expect([...(result.ecs?.tasksByLabel['report-job'] ?? []), ...(result.ecs?.tasksByLabel['report-job-2'] ?? [])].map((t) => [t.instanceRef, t.lastStatus])).toEqual([
      ['orders-asg/0', 'RUNNING'],
      ['orders-asg/0', 'RUNNING'],
    ]);
  });
});

describe('an Auto Scaling group with a mixed instances policy of several types (ecs-facts I-018)', () => {
  const mixed = (overrides: Record<string, string>[], sizes: Record<string, number> = {}) =>
    variant((d) => {
      const out = JSON.parse(readFileSync(join(d, 'auto-scaling-groups.json'), 'utf8')) as { AutoScalingGroups: Record<string, unknown>[] };
      const g = out.AutoScalingGroups[0] as Record<string, unknown>;
      g['MixedInstancesPolicy'] = { LaunchTemplate: { LaunchTemplateSpecification: g['LaunchTemplate'], Overrides: overrides } };
      delete g['LaunchTemplate'];
      Object.assign(g, sizes);
      writeFileSync(join(d, 'auto-scaling-groups.json'), JSON.stringify(out));
    });

  it('becomes one instance group of the type its instances run, naming the types it approximates', () => {
    const { yaml, spec, result } = importAndRun(mixed([{ InstanceType: 'c5.large' }, { InstanceType: 'm5.large' }]));
    expect(spec.ecs?.instances?.map((g) => [g.name, g.instanceType, g.count])).toEqual([['orders-asg', 'm5.large', 2]]);
    expect(yaml).toContain('Auto Scaling group orders-asg: its mixed instances policy launches c5.large and m5.large; it is imported as m5.large only (the type 2 of its 2 instances run; an instance group launches one type), so c5.large instances run as m5.large');
    expect(result.expectations.filter((e) => e.status !== 'passed')).toEqual([]);
  });

  it('turns a weighted capacity in units into instances of the chosen type', () => {
    const { yaml, spec } = importAndRun(mixed([{ InstanceType: 'm5.large', WeightedCapacity: '2' }, { InstanceType: 'm5.xlarge', WeightedCapacity: '4' }], { MinSize: 2, MaxSize: 12, DesiredCapacity: 4 }));
    const group = spec.ecs?.instances?.[0];
    expect([group?.instanceType, group?.count, group?.autoScalingGroup]).toEqual(['m5.large', 2, { MinSize: 1, MaxSize: 6, DesiredCapacity: 2 }]);
    expect(yaml).toContain('its capacity in units becomes m5.large instances of weight 2 (DesiredCapacity 4 units → 2 instances)');
  });
});
