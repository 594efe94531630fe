import { describe, expect, it } from 'vitest';
import { CloudWatch } from '../../src/cloudwatch/alarm.js';
import { MetricStore } from '../../src/cloudwatch/metric-store.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { Simulation } from '../../src/engine/index.js';
import { EcsMetrics } from '../../src/ecs/metrics.js';
import type { ControlPlane } from '../../src/ecs/control-plane.js';
import type { TaskServers } from '../../src/ecs/network/servers.js';
import { loadBalancerDimension, targetGroupDimension } from '../../src/elb/metrics.js';

const MIN = 60_000;
const service = [
  { Name: 'ClusterName', Value: 'prod' },
  { Name: 'ServiceName', Value: 'web' },
];
const cluster = [{ Name: 'ClusterName', Value: 'prod' }];

interface FakeTask {
  taskArn: string;
  group: string;
  lastStatus: string;
  launchType: string;
  cpu: string;
  memory: string;
}

/** ECS's publisher over a hand-made cluster: tasks, and servers whose CPU use is a constant % of their task's CPU. */
function ecsWorld(tasks: FakeTask[], cpuPercent: Record<string, number>, instances: { status: string; registered: { cpu: number; memory: number }; remaining: { cpu: number; memory: number } }[] = []) {
  const sim = new Simulation({ seed: 1 });
  const store = new MetricStore(sim, { publicationDelayMs: 0 });
  // No task definitions: no task-level cpu, so a task's CPU is not capped (C-004).
  const cp = { clusterName: 'prod', tasks: new Map(tasks.map((t) => [t.taskArn, t])), instances, resolve: () => undefined } as unknown as ControlPlane;
  const listening = new Map(
    Object.entries(cpuPercent).map(([taskArn, pct]) => [
      `10.0.0.${taskArn}`,
      { taskArn, containerName: 'web', containerPort: 80, server: { usage: () => ({ atMs: sim.now, busyWorkerMs: 0, queuedMs: 0, cpuPercentMs: pct * sim.now, memoryMiBMs: 256 * sim.now }) } },
    ]),
  );
  const servers = { listening: () => listening, watch: () => undefined } as unknown as TaskServers;
  new EcsMetrics(sim, cp, servers, store).start();
  return { sim, store };
}

const task = (taskArn: string, lastStatus = 'RUNNING'): FakeTask => ({ taskArn, group: 'service:web', lastStatus, launchType: 'EC2', cpu: '512', memory: '1024' });

describe('AWS/ECS metrics', () => {
  it('service CPUUtilization is the tasks\' CPU used over reserved, one sample per RUNNING task (C-003, C-005)', () => {
    // 30% and 70% of 512 units, and a task with no server model (0%): 512 used of 1536 reserved.
    const { sim, store } = ecsWorld([task('a'), task('b'), task('c')], { a: 30, b: 70 });
    sim.run({ until: 2 * MIN });
    const metric = { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: service };
    expect(store.stat(metric, 'Average', 0, MIN)).toBeCloseTo((512 * 100) / 1536, 9);
    expect(store.stat(metric, 'SampleCount', 0, MIN)).toBe(3);
    expect(store.stat(metric, 'Maximum', 0, MIN)).toBeCloseTo(70, 9);
    expect(store.stat(metric, 'Minimum', 0, MIN)).toBe(0);
    // Memory: 256 MiB of each served task's 1024 MiB.
    expect(store.stat({ ...metric, MetricName: 'MemoryUtilization' }, 'Maximum', 0, MIN)).toBeCloseTo(25, 9);
    // Stamped with the minute's start (C-017): one datapoint per whole minute.
    expect(store.series(metric, 'SampleCount', 60, 0, 2 * MIN).map((p) => p.timestampMs)).toEqual([0, MIN]);
  });

  it('puts no datapoint when a service has no running task (C-001)', () => {
    const tasks = [task('a'), task('b')];
    const { sim, store } = ecsWorld(tasks, { a: 50 });
    sim.at(MIN + 1, () => {
      for (const t of tasks) t.lastStatus = 'STOPPED';
    });
    sim.at(2 * MIN + 1, () => {
      (tasks[0] as FakeTask).lastStatus = 'RUNNING';
    });
    sim.run({ until: 3 * MIN });
    const metric = { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: service };
    // Minute 0 has two tasks, minute 1 none (no datapoint, not 0), minute 2 one.
    expect(store.series(metric, 'SampleCount', 60, 0, 3 * MIN)).toEqual([
      { timestampMs: 0, value: 2 },
      { timestampMs: 2 * MIN, value: 1 },
    ]);
  });

  it('cluster CPUReservation is reserved over registered on ACTIVE and DRAINING instances (C-002 example: 55%)', () => {
    const instances = [
      { status: 'ACTIVE', registered: { cpu: 18_432, memory: 65_536 }, remaining: { cpu: 18_432 - 10 * 1024, memory: 65_536 - 10 * 2048 } },
      { status: 'INACTIVE', registered: { cpu: 4096, memory: 8192 }, remaining: { cpu: 0, memory: 0 } },
    ];
    const { sim, store } = ecsWorld([task('a')], { a: 100 }, instances);
    sim.run({ until: MIN });
    const at = (name: string) => store.stat({ Namespace: 'AWS/ECS', MetricName: name, Dimensions: cluster }, 'Average', 0, MIN);
    expect(at('CPUReservation')).toBeCloseTo((10 * 1024 * 100) / 18_432, 9);
    expect(Math.floor(at('CPUReservation') as number)).toBe(55);
    expect(at('MemoryReservation')).toBeCloseTo(31.25, 9);
    // Cluster CPUUtilization: used over registered (C-003): 512 units of 18 432.
    expect(at('CPUUtilization')).toBeCloseTo((512 * 100) / 18_432, 9);
  });
});

const albScenario = (extra = ''): string => `
name: alb metrics
seed: 3
until: 9m
ecs:
  instances:
    - { name: pool, count: 2, instanceType: c5.xlarge, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: web
        networkMode: awsvpc
        cpu: "512"
        memory: "1024"
        containerDefinitions:
          - { name: web, image: web:1, portMappings: [{ containerPort: 8080 }] }
      behaviour:
        containers:
          web:
            server: { workers: 8, serviceTime: 20ms, healthCheck: { path: /health } }
elb:
  targetGroups:
    - { Name: web, Protocol: HTTP, Port: 8080, TargetType: ip, HealthCheckPath: /health, HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2 }
  loadBalancers:
    - Name: shop
      AvailabilityZones: [us-east-1a, us-east-1b]
      Listeners: [{ Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: web }] }]
workloads:
  - { name: users, target: shop, start: 2m, stop: 6m, arrivals: { constant: 30/s } }
timeline:
  - at: 0s
    createService: { serviceName: web, taskDefinition: web, desiredCount: 2, loadBalancers: [{ targetGroupArn: web, containerName: web, containerPort: 8080 }] }
${extra}
`;

describe('AWS/ApplicationELB metrics', () => {
  it('names the dimensions as CloudWatch does, cut from the ARNs (C-008)', () => {
    expect(loadBalancerDimension('arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188')).toBe('app/shop/50dc6c495c0c9188');
    expect(targetGroupDimension('arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067')).toBe('targetgroup/web/73e2d6bc24d8a067');
  });

  it('ALB RequestCount per minute adds up to the requests answered (C-008, C-009, C-010)', () => {
    const { result } = runScenario(parseScenario(albScenario('cloudwatch: {}'), 'alb.yaml'));
    const lb = result.elb?.loadBalancers[0];
    const tg = result.elb?.targetGroups[0];
    const lbDim = loadBalancerDimension(lb?.LoadBalancerArn as string);
    const tgDim = targetGroupDimension(tg?.TargetGroup.TargetGroupArn as string);
    const scenario = parseScenario(
      albScenario(`cloudwatch:
  metrics:
    - { Id: lb, Namespace: AWS/ApplicationELB, MetricName: RequestCount, Dimensions: [{ Name: LoadBalancer, Value: ${lbDim} }], Stat: Sum }
    - { Id: tg, Namespace: AWS/ApplicationELB, MetricName: RequestCount, Dimensions: [{ Name: TargetGroup, Value: ${tgDim} }, { Name: LoadBalancer, Value: ${lbDim} }], Stat: Sum }
    - { Id: perTarget, Namespace: AWS/ApplicationELB, MetricName: RequestCountPerTarget, Dimensions: [{ Name: TargetGroup, Value: ${tgDim} }], Stat: Sum }
    - { Id: trt, Namespace: AWS/ApplicationELB, MetricName: TargetResponseTime, Dimensions: [{ Name: LoadBalancer, Value: ${lbDim} }], Stat: Average }`),
      'alb.yaml',
    );
    const run = runScenario(scenario).result;
    const data = Object.fromEntries((run.cloudwatch?.metricData ?? []).map((m) => [m.Id, m]));
    const answered = run.elb?.loadBalancers[0]?.requests?.count as number;
    expect(answered).toBeGreaterThan(6000);
    // Traffic from 2m to 6m: four minutes, each reported, none before or after (no traffic, no metric).
    expect(data['lb']?.Timestamps).toEqual(['1970-01-01T00:02:00.000Z', '1970-01-01T00:03:00.000Z', '1970-01-01T00:04:00.000Z', '1970-01-01T00:05:00.000Z']);
    expect(data['lb']?.Values.reduce((a, b) => a + b, 0)).toBe(answered);
    expect(data['tg']?.Values).toEqual(data['lb']?.Values);
    // Two healthy targets share each minute's requests.
    expect(data['perTarget']?.Values).toEqual(data['lb']?.Values.map((v) => v / 2));
    // Seconds, about the 20 ms service time.
    for (const v of data['trt']?.Values ?? []) expect(v).toBeGreaterThan(0.019);
    for (const v of data['trt']?.Values ?? []) expect(v).toBeLessThan(0.03);
  });

  it('publishes nothing, and changes no hash, without a cloudwatch section', () => {
    const plain = runScenario(parseScenario(albScenario(), 'alb.yaml')).result;
    const withCw = runScenario(parseScenario(albScenario('cloudwatch: {}'), 'alb.yaml')).result;
    expect(plain.cloudwatch).toBeUndefined();
    expect(withCw.logHash).toBe(plain.logHash);
  });
});

describe('SetAlarmState', () => {
  const alarm = { AlarmName: 'cpu-high', Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: service, Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 70, ComparisonOperator: 'GreaterThanThreshold' };

  it('an alarm driven by SetAlarmState changes state with the given reason, until the next evaluation decides', () => {
    const sim = new Simulation({ seed: 1 });
    const cw = new CloudWatch(sim, { publicationDelayMs: 0 });
    cw.putMetricAlarm(alarm);
    const changes: string[] = [];
    cw.onStateChange((c) => changes.push(`${c.oldState}->${c.newState}: ${c.StateReason}`));
    for (let m = 0; m < 5; m++) sim.at(m * MIN, () => cw.metrics.putMetricData('AWS/ECS', 'CPUUtilization', service, 10, m * MIN));
    sim.at(2 * MIN + 30_000, () => cw.setAlarmState({ AlarmName: 'cpu-high', StateValue: 'ALARM', StateReason: 'testing the pager' }));
    sim.run({ until: 2 * MIN + 30_001 });
    expect(cw.describeAlarms()[0]).toMatchObject({ StateValue: 'ALARM', StateReason: 'testing the pager' });
    expect(cw.describeAlarmHistory({ HistoryItemType: 'StateUpdate' }).AlarmHistoryItems[0]?.HistorySummary).toBe('Alarm updated from OK to ALARM');
    sim.run({ until: 3 * MIN });
    // The next evaluation sees 10% and returns the alarm to OK.
    expect(cw.stateOf('cpu-high')).toBe('OK');
    expect(changes[1]).toBe('OK->ALARM: testing the pager');
    expect(changes[2]).toMatch(/^ALARM->OK: Threshold Crossed: 1 out of the last 1 datapoints \[10\.0 /);
    expect(() => cw.setAlarmState({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' })).toThrow(/ResourceNotFound/);
  });

  it('runs from a scenario timeline, and a timeline naming an unknown alarm is refused', () => {
    const text = (name: string): string => `
name: set alarm state
until: 3m
cloudwatch:
  alarms:
    - { AlarmName: cpu-high, Namespace: AWS/ECS, MetricName: CPUUtilization, Statistic: Average, Period: 60, EvaluationPeriods: 1, Threshold: 70, ComparisonOperator: GreaterThanThreshold }
timeline:
  - at: 90s
    setAlarmState: { AlarmName: ${name}, StateValue: ALARM, StateReason: game day }
`;
    const { result } = runScenario(parseScenario(text('cpu-high'), 'set.yaml'));
    const history = result.cloudwatch?.history.filter((h) => h.HistoryItemType === 'StateUpdate').map((h) => `${h.Timestamp} ${h.HistorySummary}`);
    // No data: INSUFFICIENT_DATA -> ALARM by hand at 1:30; the 2:00 evaluation finds nothing and goes back (C-024 missing).
    expect(history).toEqual(['1970-01-01T00:01:30.000Z Alarm updated from INSUFFICIENT_DATA to ALARM', '1970-01-01T00:02:00.000Z Alarm updated from ALARM to INSUFFICIENT_DATA']);
    expect(() => parseScenario(text('cpu-hgh'), 'set.yaml')).toThrow(/no alarm "cpu-hgh" in cloudwatch.alarms/);
  });
});
