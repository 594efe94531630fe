/**
 * Target health as ELB reports it: the states and reason codes of DescribeTargetHealth
 * (ecs-facts L-012 to L-015), and the pure step that a health-check result takes a
 * target through. The target group actor schedules the checks and applies this step, so
 * every arrow can be tested in a table with no simulation.
 */

/** L-012: `TargetHealth.State`. */
export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'unhealthy.draining' | 'unused' | 'draining' | 'unavailable';

/** L-013: `TargetHealth.Reason` (none when healthy). */
export type TargetHealthReason =
  | 'Elb.RegistrationInProgress'
  | 'Elb.InitialHealthChecking'
  | 'Elb.InternalError'
  | 'Target.ResponseCodeMismatch'
  | 'Target.Timeout'
  | 'Target.FailedHealthChecks'
  | 'Target.NotRegistered'
  | 'Target.NotInUse'
  | 'Target.InvalidState'
  | 'Target.IpUnusable'
  | 'Target.DeregistrationInProgress'
  | 'Target.HealthCheckDisabled';

/** `TargetHealth` in the API's shape. `Reason` and `Description` are absent when healthy (L-013). */
export interface TargetHealth {
  readonly State: TargetHealthState;
  readonly Reason?: TargetHealthReason;
  readonly Description?: string;
}

/** L-015 and the same ALB table: the descriptions ELB gives with each reason. */
export const DESCRIPTIONS = {
  'Elb.RegistrationInProgress': 'Target registration is in progress',
  'Elb.InitialHealthChecking': 'Initial health checks in progress',
  'Target.Timeout': 'Request timed out',
  'Target.FailedHealthChecks': 'Health checks failed',
  'Target.NotRegistered': 'Target is not registered to the target group',
  'Target.DeregistrationInProgress': 'Target deregistration is in progress',
  notInUseNoLoadBalancer: 'Target group is not configured to receive traffic from the load balancer',
  notInUseZone: 'Target is in an Availability Zone that is not enabled for the load balancer',
} as const;

/** L-015: `Health checks failed with these codes: [code]`. */
export function responseCodeMismatch(status: number): string {
  return `Health checks failed with these codes: [${status}]`;
}

export const HEALTHY: TargetHealth = { State: 'healthy' };
export const REGISTERING: TargetHealth = { State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: DESCRIPTIONS['Elb.RegistrationInProgress'] };
export const INITIAL_CHECKING: TargetHealth = { State: 'initial', Reason: 'Elb.InitialHealthChecking', Description: DESCRIPTIONS['Elb.InitialHealthChecking'] };
export const DRAINING: TargetHealth = { State: 'draining', Reason: 'Target.DeregistrationInProgress', Description: DESCRIPTIONS['Target.DeregistrationInProgress'] };
export const NOT_REGISTERED: TargetHealth = { State: 'unused', Reason: 'Target.NotRegistered', Description: DESCRIPTIONS['Target.NotRegistered'] };

/** One health check's result: a pass, or a failure with the unhealthy reason it would give. */
export type CheckResult = { readonly pass: true } | { readonly pass: false; readonly reason: 'Target.ResponseCodeMismatch' | 'Target.Timeout' | 'Target.FailedHealthChecks'; readonly description: string };

export const PASS: CheckResult = { pass: true };
export const FAILED: CheckResult = { pass: false, reason: 'Target.FailedHealthChecks', description: DESCRIPTIONS['Target.FailedHealthChecks'] };
export const TIMED_OUT: CheckResult = { pass: false, reason: 'Target.Timeout', description: DESCRIPTIONS['Target.Timeout'] };

/** Health plus the run of consecutive results that moves it. */
export interface HealthStatus {
  readonly health: TargetHealth;
  /** Consecutive passing checks. */
  readonly passes: number;
  /** Consecutive failing checks. */
  readonly fails: number;
}

export interface Thresholds {
  readonly healthy: number;
  readonly unhealthy: number;
  /** Passes a target in `initial` needs (the healthy threshold, or 1: see NEW_TARGET_HEALTHY_AFTER). */
  readonly initial: number;
}

/**
 * One check's effect (L-005): a target goes out of service after `UnhealthyThresholdCount`
 * consecutive failures and back in after `HealthyThresholdCount` consecutive passes; a
 * new target (`initial`) becomes healthy after `thresholds.initial` passes or unhealthy
 * after the unhealthy threshold. An unhealthy target's reason follows its latest failure.
 * Targets that are draining, unused or unavailable are not checked: their health stays.
 */
export function afterCheck(current: HealthStatus, check: CheckResult, thresholds: Thresholds): HealthStatus {
  const state = current.health.State;
  if (state !== 'initial' && state !== 'healthy' && state !== 'unhealthy') return current;
  const passes = check.pass ? current.passes + 1 : 0;
  const fails = check.pass ? 0 : current.fails + 1;
  let health = current.health;
  if (check.pass) {
    const needed = state === 'initial' ? thresholds.initial : thresholds.healthy;
    if (state !== 'healthy' && passes >= needed) health = HEALTHY;
    else if (current.health.Reason === 'Elb.RegistrationInProgress') health = INITIAL_CHECKING;
  } else {
    const failing: TargetHealth = { State: 'unhealthy', Reason: check.reason, Description: check.description };
    if (state === 'unhealthy') health = sameHealth(current.health, failing) ? current.health : failing;
    else if (fails >= thresholds.unhealthy) health = failing;
  }
  return { health, passes, fails };
}

/** Same state, reason and description. */
export function sameHealth(a: TargetHealth, b: TargetHealth): boolean {
  return a.State === b.State && a.Reason === b.Reason && a.Description === b.Description;
}
