import type { DistributionSpec } from '../../engine/distributions.js';
import type { DeploymentAlarms } from './deployment-alarms.js';

/**
 * ECS-native blue/green, linear and canary deployments (ecs-facts S-098 to S-108):
 * the deployment configuration fields, their documented defaults and ranges, the
 * lifecycle stages and hooks, and the simulated Lambda functions behind hooks.
 */

/** ecs-facts S-098. */
export type DeploymentStrategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';

/** ecs-facts S-099: stepPercent 3.0–100.0 (multiple of 0.1, default 10.0); stepBakeTimeInMinutes 0–1440 (default 6). */
export interface LinearConfiguration {
  readonly stepPercent: number;
  readonly stepBakeTimeInMinutes: number;
}

/** ecs-facts S-099: canaryPercent 0.1–100.0 (default 5.0); canaryBakeTimeInMinutes 0–1440 (default 10). */
export interface CanaryConfiguration {
  readonly canaryPercent: number;
  readonly canaryBakeTimeInMinutes: number;
}

export const LINEAR_DEFAULTS: LinearConfiguration = { stepPercent: 10, stepBakeTimeInMinutes: 6 };
export const CANARY_DEFAULTS: CanaryConfiguration = { canaryPercent: 5, canaryBakeTimeInMinutes: 10 };
/**
 * ecs-facts S-098: bakeTimeInMinutes is required for BLUE_GREEN; Terraform validates 0–1440;
 * the AWS default for LINEAR and CANARY is unverified. Assumption: 0 when omitted there.
 */
export const BAKE_TIME_RANGE = { min: 0, max: 1440 } as const;

/** `ServiceDeployment.lifecycleStage`, in the order ECS runs them (ecs-facts S-104). */
export const LIFECYCLE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Stages a hook can name (ecs-facts S-103): not SCALE_UP, BAKE_TIME or CLEAN_UP; PRE_PRODUCTION_TRAFFIC_SHIFT runs before each traffic step. */
export const HOOKABLE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
] as const;
export type HookStage = (typeof HOOKABLE_STAGES)[number];

/** ecs-facts S-102: timeoutInMinutes 1–20160 (default 1440), action ROLLBACK (default) | CONTINUE. */
export const HOOK_TIMEOUT_DEFAULT_MINUTES = 1440;

/** `DeploymentLifecycleHook` (ecs-facts S-102). */
export interface DeploymentLifecycleHook {
  readonly targetType: 'AWS_LAMBDA' | 'PAUSE';
  /** The Lambda function's ARN (AWS_LAMBDA); a PAUSE hook needs none. */
  readonly hookTargetArn?: string;
  readonly roleArn?: string;
  readonly lifecycleStages: readonly HookStage[];
  readonly hookDetails?: unknown;
  readonly timeoutConfiguration: { readonly timeoutInMinutes: number; readonly action: 'ROLLBACK' | 'CONTINUE' };
}

/** One scripted answer of a simulated hook function (ecs-facts S-105). */
export interface LambdaHookResponse {
  readonly hookStatus: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';
  /** Seconds until ECS invokes the hook again after IN_PROGRESS (default 30, S-105). */
  readonly callBackDelay?: number;
}

/**
 * How a Lambda function behind a hook behaves: simulated, and kept apart from the
 * pasteable hook JSON as a task's `behaviour` is from its definition. The n-th invocation
 * gets the n-th response; the last one repeats.
 */
export interface LambdaFunctionBehaviour {
  /** How long one invocation takes (ms distribution); 0 when absent. */
  readonly duration?: DistributionSpec;
  readonly responses: readonly LambdaHookResponse[];
}

/** ecs-facts S-105: IN_PROGRESS hooks are invoked again after 30 s unless callBackDelay says otherwise. */
export const DEFAULT_CALLBACK_DELAY_MS = 30_000;

/** The deployment configuration fields beyond the rolling ones (ecs-facts S-121). */
export interface DeploymentOptions {
  readonly alarms?: DeploymentAlarms;
  readonly strategy?: DeploymentStrategy;
  readonly bakeTimeInMinutes?: number;
  readonly linearConfiguration?: LinearConfiguration;
  readonly canaryConfiguration?: CanaryConfiguration;
  readonly lifecycleHooks?: readonly DeploymentLifecycleHook[];
}

/**
 * The production traffic percentages green gets, in order (ecs-facts S-099, S-104):
 * BLUE_GREEN 100 at once; LINEAR stepPercent per step; CANARY canaryPercent, then 100.
 * With the wait (ms) after each step before the next; none after 100 (S-099).
 */
export function trafficSteps(options: DeploymentOptions): { readonly percent: number; readonly waitMs: number }[] {
  if (options.strategy === 'LINEAR') {
    const c = options.linearConfiguration ?? LINEAR_DEFAULTS;
    const steps: { percent: number; waitMs: number }[] = [];
    // In tenths of a percent, so 3.3 × 30 adds up exactly (stepPercent is a multiple of 0.1).
    const step = Math.round(c.stepPercent * 10);
    for (let p = step; p < 1000; p += step) steps.push({ percent: p / 10, waitMs: c.stepBakeTimeInMinutes * 60_000 });
    steps.push({ percent: 100, waitMs: 0 });
    return steps;
  }
  if (options.strategy === 'CANARY') {
    const c = options.canaryConfiguration ?? CANARY_DEFAULTS;
    return c.canaryPercent >= 100 ? [{ percent: 100, waitMs: 0 }] : [{ percent: c.canaryPercent, waitMs: c.canaryBakeTimeInMinutes * 60_000 }, { percent: 100, waitMs: 0 }];
  }
  return [{ percent: 100, waitMs: 0 }];
}

/** Whether the strategy runs the blue/green lifecycle (ecs-facts S-098). */
export function isBlueGreenFamily(strategy: DeploymentStrategy | undefined): boolean {
  return strategy === 'BLUE_GREEN' || strategy === 'LINEAR' || strategy === 'CANARY';
}

/** The deployment options as a scenario or library user gives them: optional fields left out. */
export interface DeploymentOptionsInput {
  readonly alarms?: DeploymentAlarms | undefined;
  readonly strategy?: DeploymentStrategy | undefined;
  readonly bakeTimeInMinutes?: number | undefined;
  readonly linearConfiguration?: { readonly stepPercent?: number | undefined; readonly stepBakeTimeInMinutes?: number | undefined } | undefined;
  readonly canaryConfiguration?: { readonly canaryPercent?: number | undefined; readonly canaryBakeTimeInMinutes?: number | undefined } | undefined;
  readonly lifecycleHooks?:
    | readonly {
        readonly targetType?: 'AWS_LAMBDA' | 'PAUSE' | undefined;
        readonly hookTargetArn?: string | undefined;
        readonly roleArn?: string | undefined;
        readonly lifecycleStages: readonly HookStage[];
        readonly hookDetails?: unknown;
        readonly timeoutConfiguration?: { readonly timeoutInMinutes?: number | undefined; readonly action?: 'ROLLBACK' | 'CONTINUE' | undefined } | undefined;
      }[]
    | undefined;
}

/**
 * The options with ECS's defaults applied (ecs-facts S-099 for linear and canary, S-102 for
 * hooks: AWS_LAMBDA, 1440 minutes, ROLLBACK); fields not given stay absent.
 */
export function withDeploymentDefaults(input: DeploymentOptionsInput | undefined): DeploymentOptions {
  if (input === undefined) return {};
  const { alarms, strategy, bakeTimeInMinutes, linearConfiguration: linear, canaryConfiguration: canary, lifecycleHooks } = input;
  return {
    ...(alarms === undefined ? {} : { alarms: { alarmNames: [...alarms.alarmNames], enable: alarms.enable, rollback: alarms.rollback } }),
    ...(strategy === undefined ? {} : { strategy }),
    ...(bakeTimeInMinutes === undefined ? {} : { bakeTimeInMinutes }),
    ...(linear === undefined ? {} : { linearConfiguration: { stepPercent: linear.stepPercent ?? LINEAR_DEFAULTS.stepPercent, stepBakeTimeInMinutes: linear.stepBakeTimeInMinutes ?? LINEAR_DEFAULTS.stepBakeTimeInMinutes } }),
    ...(canary === undefined ? {} : { canaryConfiguration: { canaryPercent: canary.canaryPercent ?? CANARY_DEFAULTS.canaryPercent, canaryBakeTimeInMinutes: canary.canaryBakeTimeInMinutes ?? CANARY_DEFAULTS.canaryBakeTimeInMinutes } }),
    ...(lifecycleHooks === undefined
      ? {}
      : {
          lifecycleHooks: lifecycleHooks.map(
            (h): DeploymentLifecycleHook => ({
              targetType: h.targetType ?? 'AWS_LAMBDA',
              ...(h.hookTargetArn === undefined ? {} : { hookTargetArn: h.hookTargetArn }),
              ...(h.roleArn === undefined ? {} : { roleArn: h.roleArn }),
              lifecycleStages: [...h.lifecycleStages],
              ...(h.hookDetails === undefined ? {} : { hookDetails: h.hookDetails }),
              timeoutConfiguration: { timeoutInMinutes: h.timeoutConfiguration?.timeoutInMinutes ?? HOOK_TIMEOUT_DEFAULT_MINUTES, action: h.timeoutConfiguration?.action ?? 'ROLLBACK' },
            }),
          ),
        }),
  };
}

/**
 * Checks across fields that a schema of one field cannot (ecs-facts S-098, S-105): problems
 * as [field path, message]; `lambdaFunctions` are the simulated functions' keys.
 */
export function deploymentOptionsProblems(options: DeploymentOptions, lambdaFunctions: readonly string[], hasAdvancedLoadBalancer: boolean): [readonly (string | number)[], string][] {
  const out: [readonly (string | number)[], string][] = [];
  if (options.strategy === 'BLUE_GREEN' && options.bakeTimeInMinutes === undefined) out.push([['bakeTimeInMinutes'], 'bakeTimeInMinutes is required with the BLUE_GREEN strategy (ecs-facts S-098)']);
  if (options.linearConfiguration !== undefined && options.strategy !== 'LINEAR') out.push([['linearConfiguration'], 'linearConfiguration is only valid with strategy LINEAR (ecs-facts S-099)']);
  if (options.canaryConfiguration !== undefined && options.strategy !== 'CANARY') out.push([['canaryConfiguration'], 'canaryConfiguration is only valid with strategy CANARY (ecs-facts S-099)']);
  if ((options.strategy === 'LINEAR' || options.strategy === 'CANARY') && !hasAdvancedLoadBalancer) {
    out.push([['strategy'], `${options.strategy} shifts traffic on a load balancer: give loadBalancers[].advancedConfiguration (ecs-facts S-100, S-101)`]);
  }
  (options.lifecycleHooks ?? []).forEach((h, i) => {
    if (h.targetType !== 'AWS_LAMBDA' || h.hookTargetArn === undefined) return;
    if (lambdaFunctionKey(h.hookTargetArn, lambdaFunctions) === undefined) {
      out.push([['lifecycleHooks', i, 'hookTargetArn'], `no simulated function "${h.hookTargetArn}": describe its answers under ecs.lambdaFunctions (by ARN or function name)${lambdaFunctions.length === 0 ? '' : `; have ${lambdaFunctions.join(', ')}`}`]);
    }
  });
  return out;
}

/** The `lambdaFunctions` key for a function ARN: the ARN itself, or the function's name (`…:function:<name>[:qualifier]`). */
export function lambdaFunctionKey(arn: string, keys: readonly string[]): string | undefined {
  if (keys.includes(arn)) return arn;
  const m = /:function:([^:]+)/.exec(arn);
  return m !== null && keys.includes(m[1] as string) ? m[1] : undefined;
}

/** Only the DeploymentOptions fields of an object that has them (an UpdateService action). */
export function pickDeploymentOptions(o: DeploymentOptions): DeploymentOptions {
  return {
    ...(o.alarms === undefined ? {} : { alarms: o.alarms }),
    ...(o.strategy === undefined ? {} : { strategy: o.strategy }),
    ...(o.bakeTimeInMinutes === undefined ? {} : { bakeTimeInMinutes: o.bakeTimeInMinutes }),
    ...(o.linearConfiguration === undefined ? {} : { linearConfiguration: o.linearConfiguration }),
    ...(o.canaryConfiguration === undefined ? {} : { canaryConfiguration: o.canaryConfiguration }),
    ...(o.lifecycleHooks === undefined ? {} : { lifecycleHooks: o.lifecycleHooks }),
  };
}
