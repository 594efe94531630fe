import type { Simulation } from '../../engine/simulation.js';
import type { DeploymentCircuitBreaker } from '../config.js';
import type { EcsObservers } from '../observers.js';
import type { TaskRecord } from '../task/task-record.js';
import { serviceMessages, type Deployment, type Service } from './service.js';

/**
 * The deployment circuit breaker (ecs-facts S-076 to S-087) and the start-failure throttle
 * (S-041, S-042): both count tasks that fail. The breaker fails the PRIMARY deployment at
 * its threshold and asks the scheduler to roll back (or halt); the throttle spaces out
 * restarts of a service whose tasks keep failing to start.
 */

/**
 * The circuit breaker's failure threshold (ecs-facts S-083, S-084): the percent types take
 * `value` percent of the latest desired count, rounded up (25 → 13); BOUNDED_PERCENT (the
 * default, value 50) clamps it to [3, 200]; UNBOUNDED_PERCENT does not clamp (assumption:
 * never below 1, so a service scaled to 0 does not fail at once); COUNT is `value` as is.
 */
export function circuitBreakerThreshold(breaker: DeploymentCircuitBreaker, desiredCount: number): number {
  const type = breaker.thresholdConfiguration?.type ?? 'BOUNDED_PERCENT';
  const value = breaker.thresholdConfiguration?.value ?? 50;
  if (type === 'COUNT') return value;
  const share = Math.ceil((value * desiredCount) / 100);
  return type === 'BOUNDED_PERCENT' ? Math.min(200, Math.max(3, share)) : Math.max(1, share);
}

/**
 * The throttle (ecs-facts S-041): after this many tasks in a row fail to reach RUNNING,
 * restarts wait, doubling from THROTTLE_BASE_MS up to 15 minutes. AWS documents only
 * "grows step by step up to 15 minutes"; the first step and the doubling are assumptions.
 */
export const THROTTLE_AFTER_FAILURES = 3;
export const THROTTLE_BASE_MS = 30_000;
export const THROTTLE_MAX_MS = 15 * 60_000;

/** How long restarts wait after `consecutiveFailures` tasks in a row failed to start; undefined below the threshold (S-041). */
export function throttleWaitMs(consecutiveFailures: number): number | undefined {
  const over = consecutiveFailures - THROTTLE_AFTER_FAILURES;
  return over < 0 ? undefined : Math.min(THROTTLE_MAX_MS, THROTTLE_BASE_MS * 2 ** over);
}

/** The service's circuit breaker, when it is enabled (ecs-facts S-082). */
export function breakerOf(service: Service): DeploymentCircuitBreaker | undefined {
  const breaker = service.spec.deploymentCircuitBreaker;
  return breaker?.enable === true ? breaker : undefined;
}

/** What the breaker asks of the scheduler. */
export interface CircuitBreakerLink {
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  event(service: Service, message: string): void;
  poke(service: Service, atLeastMs?: number): void;
  healthy(t: TaskRecord, service: Service): boolean;
  /** The breaker failed `deployment`: roll back or halt, as `rollback` says (S-086, S-087). */
  failed(service: Service, deployment: Deployment, rollback: boolean): void;
}

export class CircuitBreaker {
  /** Deployments with a task that reached RUNNING: the breaker's stage 2 (ecs-facts S-085). */
  readonly reachedRunning = new Set<string>();
  /** Tasks the breaker has seen healthy, for resetOnHealthyTask (ecs-facts S-082). */
  private readonly seenHealthy = new Set<string>();

  constructor(
    private readonly sim: Simulation,
    private readonly observers: EcsObservers,
    private readonly link: CircuitBreakerLink,
  ) {}

  /** A task of the service stopped. */
  taskStopped(service: Service, record: TaskRecord): void {
    // ecs-facts S-041, S-043: only tasks that never reached RUNNING count toward the throttle.
    const scheduled = record.stopCode === 'ServiceSchedulerInitiated' || record.stopCode === 'UserInitiated';
    if (record.startedAt === undefined && !scheduled) this.startFailed(service, record);
    // A task whose essential container exits after RUNNING but before the task was ever
    // healthy (a crash loop) fails its deployment in stage 2: AWS Knowledge Center ("A task
    // from new deployment stopped or failed to start consecutively"; a task that "starts,
    // passes the dependent health checks, but then stops" may not trip the breaker).
    else if (record.stopCode === 'EssentialContainerExited' && !this.seenHealthy.has(record.taskArn)) this.healthCheckFailed(service, record);
  }

  /** A task of the service reached RUNNING: the throttle's run ends (S-041), and its deployment enters the breaker's stage 2 (S-085). */
  taskRunning(service: Service, record: TaskRecord): void {
    service.consecutiveStartFailures = 0;
    if (record.startedBy !== undefined) this.reachedRunning.add(record.startedBy);
  }

  /** A task of the service stopped before it ever reached RUNNING: stage 1 of the breaker, and the throttle. */
  private startFailed(service: Service, record: TaskRecord): void {
    service.consecutiveStartFailures += 1;
    const deployment = service.deployments.find((d) => d.id === record.startedBy) ?? service.primary;
    // ecs-facts S-085: with the breaker on, a task that never reached RUNNING counts in stage 1
    // only, before any task of its deployment ran; without it, every such task counts, as before.
    const counts = deployment !== undefined && (breakerOf(service) === undefined || !this.reachedRunning.has(deployment.id));
    if (deployment !== undefined && counts) {
      deployment.failedTasks += 1;
      // A deployment the breaker just failed launches nothing more (S-076); a rollback starts
      // on another task definition, which resets the throttle (S-041).
      if (this.check(service, deployment)) return;
    }
    const waitMs = throttleWaitMs(service.consecutiveStartFailures);
    if (waitMs === undefined) return;
    service.throttledUntilMs = this.sim.now + waitMs;
    // ecs-facts S-042: said once, when the throttle starts.
    if (service.consecutiveStartFailures === THROTTLE_AFTER_FAILURES) this.link.event(service, serviceMessages.throttled(service.serviceName));
    this.sim.trace.emit('ecs', 'serviceThrottled', { service: service.serviceName, failures: service.consecutiveStartFailures, waitMs });
  }

  /**
   * Stage 2 of the breaker (ecs-facts S-085, S-078): a task of the deployment stopped for
   * failing its health checks (or exiting before it was healthy) adds 1. Without the
   * breaker nothing changes.
   */
  healthCheckFailed(service: Service, t: TaskRecord): void {
    if (breakerOf(service) === undefined) return;
    const deployment = service.deployments.find((d) => d.id === t.startedBy);
    if (deployment === undefined) return;
    deployment.failedTasks += 1;
    this.check(service, deployment);
  }

  /**
   * Fails the PRIMARY deployment once its failure count reaches the threshold (ecs-facts
   * S-085: "FAILED when the count equals the threshold"), and rolls back if asked. Whether
   * it failed.
   */
  private check(service: Service, deployment: Deployment): boolean {
    const breaker = breakerOf(service);
    if (breaker === undefined || deployment !== service.primary || deployment.rolloutState !== 'IN_PROGRESS') return false;
    const threshold = circuitBreakerThreshold(breaker, service.desiredCount);
    if (this.sim.decisions.on) {
      this.sim.decisions.record('circuitBreaker', { service: service.serviceName, deployment: deployment.id, failedTasks: deployment.failedTasks, threshold, verdict: deployment.failedTasks < threshold ? 'continue' : breaker.rollback ? 'failed, roll back' : 'failed' });
    }
    if (deployment.failedTasks < threshold) return false;
    // ecs-facts S-076, S-077, S-063.
    deployment.rolloutState = 'FAILED';
    deployment.rolloutStateReason = serviceMessages.rolloutFailed();
    deployment.updatedAt = this.sim.now;
    this.link.event(service, serviceMessages.deploymentFailed(service.serviceName, deployment.id));
    this.sim.trace.emit('ecs', 'deploymentFailed', { service: service.serviceName, deployment: deployment.id, failedTasks: deployment.failedTasks, threshold });
    this.observers.deploymentChanged(service, deployment, 'failed', { reason: deployment.rolloutStateReason });
    this.link.failed(service, deployment, breaker.rollback);
    this.link.poke(service);
    return true;
  }

  /**
   * ecs-facts S-082: with resetOnHealthyTask (default true), a task of the PRIMARY deployment
   * reaching healthy (S-045) resets its failure count to 0.
   */
  resetOnHealthy(service: Service): void {
    const breaker = breakerOf(service);
    const primary = service.primary;
    if (breaker === undefined || primary === undefined || primary.rolloutState !== 'IN_PROGRESS') return;
    // The service's own records (the same objects as the cluster's, in the same order), not a lookup by ARN each.
    for (const [arn, t] of service.liveRecords) {
      if (t.startedBy !== primary.id || this.seenHealthy.has(arn) || !this.link.healthy(t, service)) continue;
      this.seenHealthy.add(arn);
      if (breaker.resetOnHealthyTask !== false) primary.failedTasks = 0;
    }
  }
}
