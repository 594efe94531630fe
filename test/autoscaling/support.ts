import { ApplicationAutoScaling, type ScalableTargetLink } from '../../src/autoscaling/application-auto-scaling.js';
import { CloudWatch } from '../../src/cloudwatch/alarm.js';
import type { ScalingPolicyRegistry } from '../../src/autoscaling/scaling-policies.js';
import { Simulation } from '../../src/engine/index.js';

export const MIN = 60_000;
export const RESOURCE = 'service/prod/web';
export const ECS_DIMS = [
  { Name: 'ClusterName', Value: 'prod' },
  { Name: 'ServiceName', Value: 'web' },
];

/** A fake ECS service: running follows desired after `lagMs`; a deployment flag the test sets. */
export class FakeService implements ScalableTargetLink {
  desired: number;
  running: number;
  deploying = false;
  readonly history: { t: number; desired: number }[] = [];
  constructor(
    private readonly sim: Simulation,
    initial: number,
    private readonly lagMs = MIN,
  ) {
    this.desired = initial;
    this.running = initial;
  }
  runningCount(): number {
    return this.running;
  }
  desiredCount(): number {
    return this.desired;
  }
  setDesiredCount(n: number): void {
    this.desired = n;
    this.history.push({ t: this.sim.now, desired: n });
    this.sim.schedule(this.lagMs, () => {
      this.running = this.desired;
    });
  }
  deploymentInProgress(): boolean {
    return this.deploying;
  }
}

export interface World {
  sim: Simulation;
  cw: CloudWatch;
  aas: ApplicationAutoScaling;
  svc: FakeService;
}

export function world(opts: { initial?: number; min?: number; max?: number; lagMs?: number; seed?: number; epochOriginMs?: number; scalingPolicies?: ScalingPolicyRegistry } = {}): World {
  const sim = new Simulation({ seed: opts.seed ?? 1 });
  const cw = new CloudWatch(sim, { publicationDelayMs: 0, ...(opts.epochOriginMs === undefined ? {} : { epochOriginMs: opts.epochOriginMs }) });
  const aas = new ApplicationAutoScaling(sim, cw, { region: 'us-east-1', accountId: '123456789012', scalingPolicies: opts.scalingPolicies });
  const svc = new FakeService(sim, opts.initial ?? 4, opts.lagMs ?? MIN);
  aas.registerScalableTarget({ ServiceNamespace: 'ecs', ResourceId: RESOURCE, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: opts.min ?? 1, MaxCapacity: opts.max ?? 20 }, svc);
  return { sim, cw, aas, svc };
}

/**
 * Publishes one service metric datapoint per minute, from `value(minute, svc)`, at the end of
 * the minute it describes (stamped with its start, C-017); none while nothing runs (C-001).
 */
export function feed(w: World, metricName: 'CPUUtilization' | 'MemoryUtilization', value: (minute: number, svc: FakeService) => number, minutes: number): void {
  for (let i = 0; i < minutes; i++) {
    w.sim.at((i + 1) * MIN - 1, () => {
      if (w.svc.running === 0) return;
      w.cw.metrics.putMetricData('AWS/ECS', metricName, ECS_DIMS, value(i, w.svc), i * MIN, 'Percent');
    });
  }
}

export function cpuPolicy(name: string, target: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    PolicyName: name,
    ServiceNamespace: 'ecs',
    ResourceId: RESOURCE,
    ScalableDimension: 'ecs:service:DesiredCount',
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: { TargetValue: target, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ...extra },
  };
}
