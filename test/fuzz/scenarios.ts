import fc from 'fast-check';

/**
 * fast-check generators of valid-ish whole scenarios, as data (what a YAML file would
 * parse to): EC2, Fargate and EXTERNAL capacity, an Auto Scaling group with a managed
 * capacity provider, task definitions (container- or task-level CPU, crashing or failing
 * health checks, a second revision), services with rolling, circuit-breaker and blue/green
 * deployments and placement strategies, an ALB with request traffic, target-tracking
 * scaling, a CloudWatch alarm, and faults of every kind on a timeline. Short horizons keep
 * each run well under a second; "valid-ish" because some combinations are refused by
 * assemble (an InputError, which the properties accept).
 */

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;
const TYPES = ['c5.large', 'c5.xlarge', 'm5.large', 't3.medium'] as const;

type Obj = Record<string, unknown>;

export interface Shape {
  readonly seed: number;
  readonly untilMin: number;
  readonly azCount: number;
  readonly ec2: { readonly count: number; readonly type: string; readonly asg: boolean; readonly spot: boolean } | undefined;
  readonly external: number;
  readonly fargate: boolean;
  readonly taskLevelCpu: boolean;
  readonly cpu: number;
  readonly memory: number;
  readonly awsvpc: boolean;
  readonly crash: boolean;
  readonly failHealth: boolean;
  readonly badRevision2: boolean;
  readonly alb: boolean;
  readonly rate: number;
  readonly fluid: boolean;
  readonly customMetric: readonly { readonly atS: number; readonly value: number }[] | undefined;
  readonly services: readonly ServiceShape[];
  readonly runTasks: readonly { readonly atS: number; readonly count: number }[];
  readonly faults: readonly Fault[];
  readonly scaling: { readonly min: number; readonly max: number; readonly target: number } | undefined;
  readonly alarm: boolean;
  readonly checkInvariants: boolean;
}

export interface ServiceShape {
  readonly atS: number;
  readonly desired: number;
  readonly launch: 'EC2' | 'FARGATE' | 'EXTERNAL' | 'CP' | 'SPOT';
  readonly min: number;
  readonly max: number;
  readonly breaker: 'off' | 'on' | 'rollback';
  readonly strategy: 'ROLLING' | 'BLUE_GREEN' | 'CANARY' | 'LINEAR';
  readonly placement: 'none' | 'spread' | 'binpack' | 'distinct';
  readonly updates: readonly { readonly atS: number; readonly desired?: number | undefined; readonly revision?: 1 | 2 | undefined; readonly force?: boolean | undefined }[];
  readonly deleteAtS: number | undefined;
}

export type Fault =
  | { readonly kind: 'terminateInstance' | 'disconnectAgent' | 'reconnectAgent' | 'drain' | 'activate' | 'interruptSpotInstance'; readonly atS: number; readonly index: number }
  | { readonly kind: 'loseAvailabilityZone'; readonly atS: number; readonly az: number }
  | { readonly kind: 'failImagePulls'; readonly atS: number; readonly forS: number }
  | { readonly kind: 'interruptFargateSpot'; readonly atS: number; readonly count: number }
  | { readonly kind: 'stopTask' | 'killTask'; readonly atS: number };

const at = (untilS: number) => fc.integer({ min: 0, max: untilS - 1 });

const serviceShape = (untilS: number): fc.Arbitrary<ServiceShape> =>
  fc.record({
    atS: fc.integer({ min: 0, max: Math.floor(untilS / 2) }),
    desired: fc.integer({ min: 0, max: 6 }),
    launch: fc.constantFrom('EC2', 'FARGATE', 'EXTERNAL', 'CP', 'SPOT'),
    min: fc.constantFrom(0, 50, 100),
    max: fc.constantFrom(100, 150, 200),
    breaker: fc.constantFrom('off', 'on', 'rollback'),
    strategy: fc.constantFrom('ROLLING', 'ROLLING', 'BLUE_GREEN', 'CANARY', 'LINEAR'),
    placement: fc.constantFrom('none', 'spread', 'binpack', 'distinct'),
    updates: fc.array(
      fc.record({ atS: at(untilS), desired: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }), revision: fc.option(fc.constantFrom(1 as const, 2 as const), { nil: undefined }), force: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ['atS'] }),
      { maxLength: 3 },
    ),
    deleteAtS: fc.option(at(untilS), { nil: undefined, freq: 6 }),
  });

const fault = (untilS: number): fc.Arbitrary<Fault> =>
  fc.oneof(
    fc.record({ kind: fc.constantFrom('terminateInstance', 'disconnectAgent', 'reconnectAgent', 'drain', 'activate', 'interruptSpotInstance'), atS: at(untilS), index: fc.integer({ min: 0, max: 5 }) }),
    fc.record({ kind: fc.constant('loseAvailabilityZone' as const), atS: at(untilS), az: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ kind: fc.constant('failImagePulls' as const), atS: at(untilS), forS: fc.integer({ min: 1, max: 600 }) }),
    fc.record({ kind: fc.constant('interruptFargateSpot' as const), atS: at(untilS), count: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constantFrom('stopTask' as const, 'killTask' as const), atS: at(untilS) }),
  );

/** The shape of a scenario: every choice, small enough to shrink well. */
export const shapes: fc.Arbitrary<Shape> = fc.integer({ min: 3, max: 15 }).chain((untilMin) => {
  const untilS = untilMin * 60;
  return fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    untilMin: fc.constant(untilMin),
    azCount: fc.integer({ min: 1, max: 3 }),
    ec2: fc.option(fc.record({ count: fc.integer({ min: 0, max: 5 }), type: fc.constantFrom(...TYPES), asg: fc.boolean(), spot: fc.boolean() }), { nil: undefined, freq: 5 }),
    external: fc.integer({ min: 0, max: 2 }),
    fargate: fc.boolean(),
    taskLevelCpu: fc.boolean(),
    cpu: fc.constantFrom(128, 256, 512, 1024),
    memory: fc.constantFrom(256, 512, 1024, 2048),
    awsvpc: fc.boolean(),
    crash: fc.boolean(),
    failHealth: fc.boolean(),
    badRevision2: fc.boolean(),
    alb: fc.boolean(),
    rate: fc.integer({ min: 1, max: 30 }),
    // Aggregate (fluid) traffic through the ALB instead of request by request.
    fluid: fc.boolean(),
    // Custom metrics put by the timeline (putMetricData) and an alarm on them.
    customMetric: fc.option(fc.array(fc.record({ atS: at(untilS), value: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
    services: fc.array(serviceShape(untilS), { maxLength: 2 }),
    runTasks: fc.array(fc.record({ atS: at(untilS), count: fc.integer({ min: 1, max: 3 }) }), { maxLength: 2 }),
    faults: fc.array(fault(untilS), { maxLength: 5 }),
    scaling: fc.option(fc.record({ min: fc.integer({ min: 0, max: 2 }), max: fc.integer({ min: 2, max: 6 }), target: fc.integer({ min: 20, max: 80 }) }), { nil: undefined }),
    alarm: fc.boolean(),
    checkInvariants: fc.constant(true),
  });
});

/** The scenario a shape stands for, as a YAML file would parse to. */
export function scenarioOf(s: Shape): Obj {
  // An ALB needs two zones (the assemble check is exercised by the mutations instead).
  const azs = AZS.slice(0, s.alb ? Math.max(2, s.azCount) : s.azCount);
  const instanceCount = s.ec2?.count ?? 0;
  const launches = availableLaunches(s);
  const awsvpc = s.awsvpc || s.fargate;
  const instances: Obj[] = [];
  if (s.ec2 !== undefined) {
    instances.push({
      name: 'pool',
      count: s.ec2.count,
      instanceType: s.ec2.type,
      availabilityZones: azs,
      ...(s.ec2.spot ? { spot: true } : {}),
      ...(s.ec2.asg ? { autoScalingGroup: { MinSize: 0, MaxSize: 6 } } : {}),
    });
  }
  if (s.external > 0) instances.push({ name: 'onprem', count: s.external, instanceType: 'c5.large', availabilityZones: azs, launchType: 'EXTERNAL' });
  const container = (image: string): Obj => ({
    name: 'app',
    image,
    ...(s.taskLevelCpu ? {} : { cpu: s.cpu, memory: s.memory }),
    ...(awsvpc ? { portMappings: [{ containerPort: 8080 }] } : { portMappings: [{ containerPort: 8080, hostPort: 0 }] }),
  });
  const definition = (image: string): Obj => ({
    family: 'app',
    networkMode: awsvpc ? 'awsvpc' : 'bridge',
    ...(s.fargate ? { requiresCompatibilities: ['EC2', 'FARGATE'] } : {}),
    ...(s.taskLevelCpu || s.fargate ? { cpu: String(s.fargate ? Math.max(256, s.cpu) : s.cpu), memory: String(s.fargate ? fargateMemory(Math.max(256, s.cpu), s.memory) : s.memory) } : {}),
    containerDefinitions: [container(image)],
  });
  const behaviour: Obj = {
    containers: {
      app: {
        startup: '3s',
        ...(s.crash ? { exit: { after: { exponential: { mean: '2m' } }, code: 1, probability: 0.3 } } : {}),
        ...(s.alb ? { server: { workers: 4, serviceTime: { exponential: { mean: '40ms' } }, healthCheck: { path: '/health', ...(s.failHealth ? { failures: [{ from: '4m', to: '6m', status: 503 }] } : {}) } } } : {}),
      },
    },
  };
  const taskDefinitions = [
    { definition: definition('shop/app:1'), behaviour },
    { definition: definition(s.badRevision2 ? 'shop/app:missing' : 'shop/app:2'), behaviour },
  ];
  const ecs: Obj = { taskDefinitions };
  if (instances.length > 0) ecs.instances = instances;
  if (s.fargate) ecs.fargate = { availabilityZones: azs };
  if (s.ec2?.asg === true) ecs.capacityProviders = [{ name: 'cp', autoScalingGroupProvider: { autoScalingGroupArn: 'pool', managedScaling: { status: 'ENABLED', targetCapacity: 100 } } }];

  const timeline: Obj[] = [];
  const time = (sec: number) => `${sec}s`;
  if (s.badRevision2) timeline.push({ at: '0s', failImagePulls: { for: '2h', image: 'shop/app:missing' } });
  s.services.forEach((svc, i) => {
    const name = `svc${i}`;
    const blueGreen = svc.strategy !== 'ROLLING' && s.alb;
    const withAlb = s.alb && awsvpc && i === 0;
    const loadBalancers = withAlb
      ? [{ targetGroupArn: 'tg-a', containerName: 'app', containerPort: 8080, ...(blueGreen ? { advancedConfiguration: { alternateTargetGroupArn: 'tg-b', productionListenerRule: 'lb:80', roleArn: 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers' } } : {}) }]
      : undefined;
    const launch = launches.includes(svc.launch) ? svc.launch : (launches[0] ?? 'EC2');
    const strategy = withAlb && blueGreen ? svc.strategy : 'ROLLING';
    timeline.push({
      at: time(svc.atS),
      createService: {
        serviceName: name,
        taskDefinition: 'app:1',
        desiredCount: svc.desired,
        ...launchOf(launch),
        ...(launch !== 'FARGATE' && launch !== 'SPOT' && svc.placement === 'spread' ? { placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] } : {}),
        ...(launch !== 'FARGATE' && launch !== 'SPOT' && svc.placement === 'binpack' ? { placementStrategy: [{ type: 'binpack', field: 'memory' }] } : {}),
        ...(launch !== 'FARGATE' && launch !== 'SPOT' && svc.placement === 'distinct' ? { placementConstraints: [{ type: 'distinctInstance' }] } : {}),
        deploymentConfiguration: {
          minimumHealthyPercent: svc.min,
          maximumPercent: strategy === 'ROLLING' ? svc.max : 200,
          ...(svc.breaker === 'off' ? {} : { deploymentCircuitBreaker: { enable: true, rollback: svc.breaker === 'rollback' } }),
          ...(strategy === 'ROLLING' ? {} : { strategy, bakeTimeInMinutes: 1 }),
          ...(strategy === 'CANARY' ? { canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 1 } } : {}),
          ...(strategy === 'LINEAR' ? { linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 } } : {}),
        },
        ...(loadBalancers === undefined ? {} : { loadBalancers, healthCheckGracePeriodSeconds: 30 }),
      },
    });
    for (const u of svc.updates) {
      if (u.atS <= svc.atS) continue;
      timeline.push({
        at: time(u.atS),
        updateService: {
          service: name,
          ...(u.desired === undefined ? {} : { desiredCount: u.desired }),
          ...(u.revision === undefined ? {} : { taskDefinition: `app:${u.revision}` }),
          ...(u.force === true ? { forceNewDeployment: true } : {}),
        },
      });
    }
    if (svc.deleteAtS !== undefined && svc.deleteAtS > svc.atS) timeline.push({ at: time(svc.deleteAtS), deleteService: { service: name, force: true } });
  });
  const runLaunch = launches.includes('EC2') ? undefined : launches.includes('FARGATE') ? 'FARGATE' : launches.includes('EXTERNAL') ? 'EXTERNAL' : null;
  if (runLaunch !== null) s.runTasks.forEach((r, i) => timeline.push({ at: time(r.atS), runTask: { taskDefinition: 'app', count: r.count, label: `adhoc${i}`, ...(runLaunch === undefined ? {} : { launchType: runLaunch }) } }));
  const first = runLaunch === null ? undefined : s.runTasks[0];
  for (const f of s.faults) {
    const when = time(f.atS);
    if ('index' in f && instanceCount === 0) continue;
    const ref = `pool/${'index' in f ? f.index % Math.max(1, instanceCount) : 0}`;
    switch (f.kind) {
      case 'terminateInstance':
      case 'disconnectAgent':
      case 'reconnectAgent':
      case 'interruptSpotInstance':
        timeline.push({ at: when, [f.kind]: ref });
        break;
      case 'drain':
      case 'activate':
        timeline.push({ at: when, updateContainerInstancesState: { instance: ref, status: f.kind === 'drain' ? 'DRAINING' : 'ACTIVE' } });
        break;
      case 'loseAvailabilityZone':
        timeline.push({ at: when, loseAvailabilityZone: azs[f.az % azs.length] });
        break;
      case 'failImagePulls':
        timeline.push({ at: when, failImagePulls: { for: time(f.forS) } });
        break;
      case 'interruptFargateSpot':
        if (!s.fargate) break;
        timeline.push({ at: when, interruptFargateSpot: { count: f.count } });
        break;
      case 'stopTask':
      case 'killTask':
        if (first !== undefined && f.atS > first.atS) timeline.push({ at: when, [f.kind]: { label: 'adhoc0' } });
        break;
    }
  }
  const scenario: Obj = { name: 'fuzzed', seed: s.seed, until: `${s.untilMin}m`, ecs, checkInvariants: s.checkInvariants };
  if (timeline.length > 0) scenario.timeline = timeline;
  if (s.alb) {
    const tg = (name: string) => ({ Name: name, Protocol: 'HTTP', Port: 8080, TargetType: awsvpc ? 'ip' : 'instance', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '20' }] });
    scenario.elb = {
      targetGroups: [tg('tg-a'), tg('tg-b')],
      loadBalancers: [{ Name: 'lb', AvailabilityZones: azs, Listeners: [{ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: 'tg-a', Weight: 100 }, { TargetGroupArn: 'tg-b', Weight: 0 }] } }] }] }],
    };
    scenario.workloads = [{ name: 'users', target: 'lb', start: '30s', arrivals: { constant: `${s.rate}/s` }, ...(s.fluid ? { fluid: { step: '1m' } } : {}) }];
  }
  if (s.scaling !== undefined && s.services.length > 0) {
    const resource = { ServiceNamespace: 'ecs', ResourceId: 'service/default/svc0', ScalableDimension: 'ecs:service:DesiredCount' };
    scenario.autoscaling = {
      scalableTargets: [{ ...resource, MinCapacity: s.scaling.min, MaxCapacity: s.scaling.max }],
      scalingPolicies: [{ PolicyName: 'cpu', ...resource, PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: s.scaling.target, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } } }],
    };
  }
  const alarms: Obj[] = [];
  for (const m of s.customMetric ?? []) {
    timeline.push({ at: `${m.atS}s`, putMetricData: { Namespace: 'Fuzz/Queue', MetricData: [{ MetricName: 'Backlog', Dimensions: [{ Name: 'Queue', Value: 'q' }], Value: m.value, Unit: 'Count' }] } });
  }
  if (s.customMetric !== undefined) {
    scenario.timeline = timeline;
    alarms.push({ AlarmName: 'backlog-high', Namespace: 'Fuzz/Queue', MetricName: 'Backlog', Dimensions: [{ Name: 'Queue', Value: 'q' }], Statistic: 'Maximum', Period: 60, EvaluationPeriods: 1, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  }
  if (s.alarm && s.services.length > 0) {
    scenario.cloudwatch = {
      alarms: [...alarms, { AlarmName: 'cpu-high', Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'ClusterName', Value: 'default' }, { Name: 'ServiceName', Value: 'svc0' }], Statistic: 'Average', Period: 60, EvaluationPeriods: 2, Threshold: 50, ComparisonOperator: 'GreaterThanThreshold' }],
    };
  } else if (alarms.length > 0) scenario.cloudwatch = { alarms };
  return scenario;
}

/** The launch types and capacity providers this cluster has. */
function availableLaunches(s: Shape): ServiceShape['launch'][] {
  const out: ServiceShape['launch'][] = [];
  if ((s.ec2?.count ?? 0) > 0 || s.ec2?.asg === true) out.push('EC2');
  if (s.ec2?.asg === true) out.push('CP');
  if (s.fargate) out.push('FARGATE', 'SPOT');
  if (s.external > 0) out.push('EXTERNAL');
  return out;
}

function launchOf(launch: ServiceShape['launch']): Obj {
  switch (launch) {
    case 'EC2':
      return {};
    case 'FARGATE':
      return { launchType: 'FARGATE' };
    case 'EXTERNAL':
      return { launchType: 'EXTERNAL' };
    case 'CP':
      return { capacityProviderStrategy: [{ capacityProvider: 'cp', weight: 1 }] };
    case 'SPOT':
      return { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 2 }] };
  }
}

/** A memory that Fargate accepts with `cpu` units (ecs-facts T-020's table, the lowest rows). */
function fargateMemory(cpu: number, wanted: number): number {
  if (cpu <= 256) return Math.min(Math.max(wanted, 512), 2048);
  if (cpu <= 512) return Math.min(Math.max(wanted, 1024), 4096);
  return Math.min(Math.max(wanted, 2048), 8192);
}

/** Whole scenarios, as data. */
export const scenarios: fc.Arbitrary<Obj> = shapes.map(scenarioOf);
