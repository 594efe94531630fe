import type { RandomStream } from '../../engine/random.js';
import { trafficSteps, type DeploymentLifecycleHook, type HookStage, type LifecycleStage } from './deployment-strategy.js';

/**
 * The CodeDeploy blue/green controller for ECS services (`deploymentController.type =
 * CODE_DEPLOY`, ecs-facts S-090 to S-097): the deployment group and deployment
 * configuration in CodeDeploy's own field names, the AppSpec of a CreateDeployment, the
 * deployment record CodeDeploy keeps, and how its lifecycle maps onto the ECS-native
 * blue/green engine in blue-green-engine.ts (which runs both; its scaling plan in blue-green-plan.ts).
 */

/** CodeDeploy's lifecycle events for ECS, in order (ecs-facts S-092). */
export const CODEDEPLOY_LIFECYCLE_EVENTS = ['BeforeInstall', 'Install', 'AfterInstall', 'AllowTestTraffic', 'AfterAllowTestTraffic', 'BeforeAllowTraffic', 'AllowTraffic', 'AfterAllowTraffic'] as const;
export type CodeDeployLifecycleEventName = (typeof CODEDEPLOY_LIFECYCLE_EVENTS)[number];

/** The five events an AppSpec `Hooks` entry can name (ecs-facts S-092). */
export const CODEDEPLOY_HOOK_EVENTS = ['BeforeInstall', 'AfterInstall', 'AfterAllowTestTraffic', 'BeforeAllowTraffic', 'AfterAllowTraffic'] as const;
export type CodeDeployHookEvent = (typeof CODEDEPLOY_HOOK_EVENTS)[number];

/**
 * Each hook event as the closest ECS-native stage (ecs-facts S-103, S-104), so that the
 * blue/green engine runs it and the deployment history shows it as a lifecycle hook.
 * BeforeAllowTraffic runs once, before the first production shift (not before each step).
 */
export const HOOK_STAGE_OF: Readonly<Record<CodeDeployHookEvent, HookStage>> = {
  BeforeInstall: 'PRE_SCALE_UP',
  AfterInstall: 'POST_SCALE_UP',
  AfterAllowTestTraffic: 'POST_TEST_TRAFFIC_SHIFT',
  BeforeAllowTraffic: 'PRE_PRODUCTION_TRAFFIC_SHIFT',
  AfterAllowTraffic: 'POST_PRODUCTION_TRAFFIC_SHIFT',
};

/** The CodeDeploy event a blue/green engine stage begins (undefined: none begins). */
export const EVENT_OF_STAGE: Readonly<Partial<Record<LifecycleStage, CodeDeployLifecycleEventName>>> = {
  PRE_SCALE_UP: 'BeforeInstall',
  SCALE_UP: 'Install',
  POST_SCALE_UP: 'AfterInstall',
  TEST_TRAFFIC_SHIFT: 'AllowTestTraffic',
  POST_TEST_TRAFFIC_SHIFT: 'AfterAllowTestTraffic',
  // BeforeAllowTraffic begins (with its hook) at the end of POST_TEST_TRAFFIC_SHIFT.
  PRODUCTION_TRAFFIC_SHIFT: 'AllowTraffic',
  POST_PRODUCTION_TRAFFIC_SHIFT: 'AfterAllowTraffic',
};

/**
 * A lifecycle hook must report back within an hour, or the event fails. Assumption from
 * CodeDeploy's AppSpec documentation (hooks "must" call PutLifecycleEventHookExecutionStatus;
 * the 1-hour limit is not in ecs-facts).
 */
export const HOOK_TIMEOUT_MINUTES = 60;

/** `trafficRoutingConfig` of a deployment configuration (ecs-facts S-091); intervals in minutes. */
export type TrafficRoutingConfig =
  | { readonly type: 'AllAtOnce' }
  | { readonly type: 'TimeBasedCanary'; readonly timeBasedCanary: { readonly canaryPercentage: number; readonly canaryInterval: number } }
  | { readonly type: 'TimeBasedLinear'; readonly timeBasedLinear: { readonly linearPercentage: number; readonly linearInterval: number } };

/** The predefined ECS deployment configurations (ecs-facts S-091). */
export const PREDEFINED_DEPLOYMENT_CONFIGS: Readonly<Record<string, TrafficRoutingConfig>> = {
  'CodeDeployDefault.ECSAllAtOnce': { type: 'AllAtOnce' },
  'CodeDeployDefault.ECSLinear10PercentEvery1Minutes': { type: 'TimeBasedLinear', timeBasedLinear: { linearPercentage: 10, linearInterval: 1 } },
  'CodeDeployDefault.ECSLinear10PercentEvery3Minutes': { type: 'TimeBasedLinear', timeBasedLinear: { linearPercentage: 10, linearInterval: 3 } },
  'CodeDeployDefault.ECSCanary10Percent5Minutes': { type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 } },
  'CodeDeployDefault.ECSCanary10Percent15Minutes': { type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 10, canaryInterval: 15 } },
};

/** ecs-facts S-094: the deployment configuration when the group names none. */
export const DEFAULT_DEPLOYMENT_CONFIG_NAME = 'CodeDeployDefault.ECSAllAtOnce';
/** ecs-facts S-094: the original task set is deleted 1 hour after success unless the group says otherwise. */
export const DEFAULT_TERMINATION_WAIT_MINUTES = 60;

/**
 * The production traffic steps of a configuration (ecs-facts S-091), by the ECS-native
 * engine's rule: canary p %, then 100 % after the interval; linear p % more every interval.
 */
export function codeDeploySteps(config: TrafficRoutingConfig): { readonly percent: number; readonly waitMs: number }[] {
  if (config.type === 'TimeBasedCanary') return trafficSteps({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: config.timeBasedCanary.canaryPercentage, canaryBakeTimeInMinutes: config.timeBasedCanary.canaryInterval } });
  if (config.type === 'TimeBasedLinear') return trafficSteps({ strategy: 'LINEAR', linearConfiguration: { stepPercent: config.timeBasedLinear.linearPercentage, stepBakeTimeInMinutes: config.timeBasedLinear.linearInterval } });
  return trafficSteps({ strategy: 'BLUE_GREEN' });
}

/** An ECS deployment group (CreateDeploymentGroup), with ecs-facts S-093, S-094 defaults applied. */
export interface EcsDeploymentGroup {
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  /** `ecsServices[0].serviceName`. */
  readonly serviceName: string;
  readonly deploymentConfigName: string;
  /** `loadBalancerInfo.targetGroupPairInfoList[0]`: the two target groups (names or ARNs), the production listener and the optional test listener (ecs-facts S-090). */
  readonly targetGroups: readonly [string, string];
  readonly prodListener: string;
  readonly testListener?: string;
  readonly blueGreenDeploymentConfiguration: {
    readonly terminateBlueInstancesOnDeploymentSuccess: { readonly action: 'TERMINATE' | 'KEEP_ALIVE'; readonly terminationWaitTimeInMinutes: number };
    readonly deploymentReadyOption: { readonly actionOnTimeout: 'CONTINUE_DEPLOYMENT' | 'STOP_DEPLOYMENT'; readonly waitTimeInMinutes: number };
  };
  readonly autoRollbackConfiguration: { readonly enabled: boolean; readonly events: readonly AutoRollbackEvent[] };
  readonly alarmConfiguration?: { readonly enabled: boolean; readonly alarms: readonly { readonly name: string }[] };
}

/** ecs-facts S-094. */
export type AutoRollbackEvent = 'DEPLOYMENT_FAILURE' | 'DEPLOYMENT_STOP_ON_ALARM' | 'DEPLOYMENT_STOP_ON_REQUEST';

/** The CodeDeploy part of a scenario: deployment groups and custom deployment configurations. */
export interface CodeDeployConfig {
  readonly deploymentGroups: readonly EcsDeploymentGroup[];
  /** Custom configurations (CreateDeploymentConfig), by deploymentConfigName. */
  readonly deploymentConfigs: Readonly<Record<string, TrafficRoutingConfig>>;
}

/** The AppSpec of an ECS CreateDeployment (`revision`), as far as the model uses it. */
export interface EcsAppSpec {
  /** `Resources[0].TargetService.Properties.TaskDefinition`: a task definition reference. */
  readonly taskDefinition: string;
  /** `LoadBalancerInfo {ContainerName, ContainerPort}`. */
  readonly containerName: string;
  readonly containerPort: number;
  /** `Hooks`: event → Lambda function (name or ARN), in the AppSpec's order. */
  readonly hooks: readonly { readonly event: CodeDeployHookEvent; readonly functionName: string }[];
}

/** CreateDeployment for an ECS deployment group. */
export interface CreateDeploymentRequest {
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  /** Overrides the group's configuration when given. */
  readonly deploymentConfigName?: string;
  readonly revision: EcsAppSpec;
}

/** CodeDeploy's deployment statuses as the model uses them. */
export type CodeDeployDeploymentStatus = 'Created' | 'InProgress' | 'Succeeded' | 'Failed' | 'Stopped';
export type LifecycleEventStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped';

export interface CodeDeployLifecycleEvent {
  readonly lifecycleEventName: CodeDeployLifecycleEventName;
  status: LifecycleEventStatus;
  startTime?: number;
  endTime?: number;
}

/** GetDeployment's `deploymentInfo`, the fields the model fills, plus the traffic history. */
export interface CodeDeployDeployment {
  /** `d-` and 9 upper-case letters and digits. */
  readonly deploymentId: string;
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  readonly deploymentConfigName: string;
  readonly serviceName: string;
  status: CodeDeployDeploymentStatus;
  readonly createTime: number;
  completeTime?: number;
  readonly taskDefinition: string;
  /** The original and replacement task set ids. */
  readonly originalTaskSet: string;
  readonly replacementTaskSet: string;
  readonly lifecycleEvents: CodeDeployLifecycleEvent[];
  errorInformation?: { readonly code: string; readonly message: string };
  /** Set when traffic was returned to the original task set. */
  rollbackInfo?: { readonly rollbackMessage: string };
  /** The production listener's weights (%) after each shift, in time order: the original and the replacement task set's. */
  readonly trafficShifts: { readonly at: number; readonly original: number; readonly replacement: number }[];
}

/** The AppSpec hooks as ECS-native Lambda hooks on their closest stages (HOOK_STAGE_OF). */
export function hooksFromAppSpec(appSpec: EcsAppSpec): DeploymentLifecycleHook[] {
  return appSpec.hooks.map((h) => ({
    targetType: 'AWS_LAMBDA',
    hookTargetArn: h.functionName,
    lifecycleStages: [HOOK_STAGE_OF[h.event]],
    // Assumption (HOOK_TIMEOUT_MINUTES); a hook that does not answer fails the event.
    timeoutConfiguration: { timeoutInMinutes: HOOK_TIMEOUT_MINUTES, action: 'ROLLBACK' },
  }));
}

/** A fresh deployment record: Created, every event Pending. */
export function newCodeDeployDeployment(fields: Omit<CodeDeployDeployment, 'status' | 'lifecycleEvents' | 'trafficShifts'>): CodeDeployDeployment {
  return { ...fields, status: 'Created', lifecycleEvents: CODEDEPLOY_LIFECYCLE_EVENTS.map((lifecycleEventName) => ({ lifecycleEventName, status: 'Pending' })), trafficShifts: [] };
}

/** Ends the event in progress (Succeeded) and starts `name`. */
export function beginLifecycleEvent(d: CodeDeployDeployment, name: CodeDeployLifecycleEventName, now: number): void {
  if (d.status !== 'InProgress') return;
  for (const e of d.lifecycleEvents) {
    if (e.status === 'InProgress') {
      e.status = 'Succeeded';
      e.endTime = now;
    }
  }
  const e = d.lifecycleEvents.find((x) => x.lifecycleEventName === name);
  if (e === undefined || e.status !== 'Pending') return;
  e.status = 'InProgress';
  e.startTime = now;
}

/** Ends the event in progress as `status`; the ones never started are Skipped. */
export function endLifecycleEvents(d: CodeDeployDeployment, status: 'Succeeded' | 'Failed', now: number): void {
  for (const e of d.lifecycleEvents) {
    if (e.status === 'InProgress') {
      e.status = status;
      e.endTime = now;
    } else if (e.status === 'Pending') e.status = 'Skipped';
  }
}

/** `d-` and 9 characters of [A-Z0-9], from the ids stream. */
export function codeDeployDeploymentId(ids: RandomStream): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let s = 'd-';
  for (let i = 0; i < 9; i += 1) s += alphabet[Math.floor(ids.next() * alphabet.length)] as string;
  return s;
}

/** ecs-facts S-097: computedDesiredCount = desiredCount × scale %, rounded up (1.2 → 2). */
export function computedDesiredCount(desiredCount: number, scalePercent: number): number {
  // In hundredths, so 10 × 30 % is exactly 3 and not 3.0000000000000004 → 4.
  return Math.ceil(Math.round(desiredCount * scalePercent * 100) / 10_000);
}

/** ECS's texts for CODE_DEPLOY services. */
export const codeDeployMessages = {
  /** ecs-facts S-096: the API's InvalidParameterException (observed, e.g. boto/boto3#1936). */
  taskDefinitionRefused: (): string => 'InvalidParameterException: Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
  /** ecs-facts S-096 (observed, aws/aws-sdk#406). */
  forceNewDeploymentRefused: (): string => 'InvalidParameterException: Cannot force a new deployment on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
  /** Assumption: CodeDeploy's errorInformation texts were not looked up; codes are CodeDeploy's ErrorCode values. */
  hookFailed: (event: string): string => `The deployment failed because a specified lifecycle event hook (${event}) failed.`,
  alarmStopped: (alarms: readonly string[]): string => `The deployment was stopped because the following alarms were activated: ${alarms.join(', ')}.`,
  readyTimeout: (): string => 'The deployment timed out while waiting for the replacement task set to be rerouted to.',
};

/** A task set as `describe-services` shows it (ecs-facts S-097, S-125). */
export interface TaskSetResult {
  /** `ecs-svc/` and 19 digits. */
  readonly id: string;
  readonly taskSetArn: string;
  readonly serviceArn: string;
  readonly status: 'PRIMARY' | 'ACTIVE' | 'DRAINING';
  readonly taskDefinition: string;
  readonly computedDesiredCount: number;
  readonly pendingCount: number;
  readonly runningCount: number;
  readonly scale: { readonly value: number; readonly unit: 'PERCENT' };
  readonly stabilityStatus: 'STEADY_STATE' | 'STABILIZING';
  /** The CodeDeploy deployment that created it (ecs-facts S-097); absent for the service's first task set. */
  readonly externalId?: string;
  readonly launchType: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly loadBalancers: readonly { readonly targetGroupArn: string; readonly containerName: string; readonly containerPort: number }[];
}
