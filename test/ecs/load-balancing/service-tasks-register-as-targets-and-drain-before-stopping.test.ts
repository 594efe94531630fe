import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/scenario/loader.js';
import { runScenario } from '../../../src/scenario/runner.js';
import type { RunResult } from '../../../src/scenario/runner.js';

/**
 * ECS and ELB together (ecs-facts L-042 to L-049, T-004, T-016): registration in
 * ACTIVATING, deregistration in DEACTIVATING with the delay waited out, unhealthy targets
 * replaced after the grace period, and bridge tasks registered at their host port.
 */
interface Options {
  readonly networkMode?: 'awsvpc' | 'bridge';
  readonly targetType?: 'ip' | 'instance';
  readonly delaySeconds?: number;
  readonly graceSeconds?: number;
  readonly failAfter?: string;
  readonly timeline?: string;
}

function run(o: Options = {}): RunResult {
  const bridge = o.networkMode === 'bridge';
  const text = `
name: lb spec
seed: 3
until: 12m
ecs:
  instances:
    - { name: pool, count: 2, instanceType: c5.xlarge, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: web
        networkMode: ${o.networkMode ?? 'awsvpc'}
        containerDefinitions:
          - { name: web, image: web:1, cpu: 256, memory: 512, portMappings: [{ containerPort: 8080${bridge ? ', hostPort: 0' : ''} }] }
      behaviour:
        containers:
          web:
            startup: 2s
            server: { workers: 2, serviceTime: 10ms, healthCheck: { path: /health${o.failAfter === undefined ? '' : `, failAfter: ${o.failAfter}`} } }
elb:
  targetGroups:
    - Name: web
      Protocol: HTTP
      Port: 8080
      TargetType: ${o.targetType ?? 'ip'}
      HealthCheckPath: /health
      HealthCheckIntervalSeconds: 10
      HealthyThresholdCount: 2
      UnhealthyThresholdCount: 2
      Attributes: [{ Key: deregistration_delay.timeout_seconds, Value: "${o.delaySeconds ?? 40}" }]
  loadBalancers:
    - { Name: front, AvailabilityZones: [us-east-1a, us-east-1b], Listeners: [{ Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: web }] }] }
timeline:
  - at: 1m
    createService:
      serviceName: web
      taskDefinition: web
      desiredCount: 2
      healthCheckGracePeriodSeconds: ${o.graceSeconds ?? 0}
      loadBalancers: [{ targetGroupArn: web, containerName: web, containerPort: 8080 }]
${o.timeline ?? ''}`;
  return runScenario(parseScenario(text, 'spec.yaml')).result;
}

const statuses = (r: RunResult, i: number): string[] => (r.ecs?.tasksByLabel['web']?.[i]?.history ?? []).map((h) => h.lastStatus);

describe('a service behind a load balancer', () => {
  it('registers each task as a target in ACTIVATING, and calls it RUNNING after', () => {
    const r = run();
    expect(statuses(r, 0).slice(0, 4)).toEqual(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING']);
    const tg = r.elb?.targetGroups[0];
    expect(tg?.targets).toHaveLength(2);
    const task = r.ecs?.tasksByLabel['web']?.[0];
    const ip = task?.attachments?.[0]?.details.find((d) => d.name === 'privateIPv4Address')?.value;
    expect(tg?.targets.map((t) => `${t.Target.Id}:${t.Target.Port}`)).toContain(`${ip}:8080`);
    expect(r.ecs?.services['web']?.events.some((e) => /^\(service web\) registered 1 targets in \(target-group arn:aws:elasticloadbalancing:/.test(e.message))).toBe(true);
  });

  it('keeps a scaled-in task in DEACTIVATING for the whole deregistration delay, then stops it', () => {
    const r = run({ delaySeconds: 40, timeline: '  - at: 5m\n    updateService: { service: web, desiredCount: 1 }\n' });
    const stopped = (r.ecs?.tasksByLabel['web'] ?? []).find((t) => t.lastStatus === 'STOPPED');
    const history = stopped?.history ?? [];
    const deactivating = history.find((h) => h.lastStatus === 'DEACTIVATING')?.t ?? Number.NaN;
    const stopping = history.find((h) => h.lastStatus === 'STOPPING')?.t ?? Number.NaN;
    expect(stopping - deactivating).toBeGreaterThanOrEqual(40_000);
    expect(stopping - deactivating).toBeLessThan(45_000);
  });

  it('stops a scaled-in task at once when the delay is 0', () => {
    const r = run({ delaySeconds: 0, timeline: '  - at: 5m\n    updateService: { service: web, desiredCount: 1 }\n' });
    const stopped = (r.ecs?.tasksByLabel['web'] ?? []).find((t) => t.lastStatus === 'STOPPED');
    const history = stopped?.history ?? [];
    const deactivating = history.find((h) => h.lastStatus === 'DEACTIVATING')?.t ?? Number.NaN;
    const stopping = history.find((h) => h.lastStatus === 'STOPPING')?.t ?? Number.NaN;
    expect(stopping - deactivating).toBeLessThan(2_000);
  });

  it('replaces a task whose target fails its health checks, with ECS stop reason', () => {
    const r = run({ failAfter: '3m' });
    const failed = (r.ecs?.tasksByLabel['web'] ?? []).filter((t) => t.stoppedReason?.startsWith('Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:'));
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed.every((t) => t.stopCode === 'ServiceSchedulerInitiated')).toBe(true);
  });

  it('ignores an unhealthy target during the grace period after RUNNING', () => {
    // Health fails from 3m after start; a 6 min grace period covers the first failures.
    const withGrace = run({ failAfter: '3m', graceSeconds: 360 });
    const without = run({ failAfter: '3m' });
    const firstStop = (r: RunResult): number => Math.min(...(r.ecs?.tasksByLabel['web'] ?? []).map((t) => t.stoppingAt ?? Number.POSITIVE_INFINITY));
    // Without grace: stopped shortly after the checks fail (~4m10s); with it, not before RUNNING + 6 min.
    expect(firstStop(without)).toBeLessThan(5 * 60_000);
    const running = Math.min(...(withGrace.ecs?.tasksByLabel['web'] ?? []).map((t) => t.startedAt ?? Number.POSITIVE_INFINITY));
    expect(firstStop(withGrace)).toBeGreaterThanOrEqual(running + 360_000);
  });

  it('registers bridge tasks as instance targets at their dynamic host port', () => {
    const r = run({ networkMode: 'bridge', targetType: 'instance' });
    const task = r.ecs?.tasksByLabel['web']?.[0];
    const binding = task?.containers[0]?.networkBindings?.[0];
    expect(binding?.hostPort).toBeGreaterThanOrEqual(49153);
    const targets = r.elb?.targetGroups[0]?.targets.map((t) => `${t.Target.Id}:${t.Target.Port}`);
    expect(targets).toContain(`${task?.ec2InstanceId}:${binding?.hostPort}`);
    expect(r.elb?.targetGroups[0]?.TargetHealthDescriptions.every((d) => d.TargetHealth.State === 'healthy')).toBe(true);
  });
});
