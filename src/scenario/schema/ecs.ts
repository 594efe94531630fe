import { taskServerSchema } from './traffic.js';
import { z } from 'zod';
import { taskDefinitionInputSchema } from '../../ecs/task-definition/schema.js';
import { duration, durationDistribution, numberDistribution } from './values.js';
import { capacityProviderStrategySchema } from '../../ecs/capacity/capacity-providers.js';
import { autoScalingGroupSettingsSchema } from '../../ecs/capacity/auto-scaling-group.js';
import { autoScalingGroupProviderSchema } from '../../ecs/capacity/managed-scaling.js';

/**
 * The `ecs` section of a scenario: the cluster's capacity, images, task definitions (as
 * pasted from AWS, checked later against the task-definition schema so that errors point
 * into their own file), application behaviour and latencies.
 */

export const refName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'expected a name of letters, digits, "_" and "-"' });
export const az = z.string().min(1);

export const instanceGroupSchema = z.strictObject({
  /** Instances are referred to as `<name>/<index>` in the timeline. */
  name: refName.optional(),
  count: z.number().int().min(0).max(5000),
  instanceType: z.string().min(1),
  availabilityZones: z.array(az).min(1),
  attributes: z.record(z.string(), z.string()).optional(),
  launchType: z.enum(['EC2', 'EXTERNAL']).optional(),
  osType: z.enum(['linux', 'windows']).optional(),
  /** ECS_RESERVED_MEMORY, MiB (ecs-facts T-069). */
  reservedMemoryMiB: z.number().int().min(0).optional(),
  /** ECS_IMAGE_PULL_BEHAVIOR (ecs-facts T-086). */
  imagePullBehavior: z.enum(['default', 'always', 'once', 'prefer-cached']).optional(),
  awsvpcTrunking: z.boolean().optional(),
  /** Image pull bandwidth, MB/s. */
  pullBandwidth: numberDistribution.optional(),
  launchAt: duration.optional(),
  /** Spot instances (ecs-facts A-034). */
  spot: z.boolean().optional(),
  /** ECS_ENABLE_SPOT_INSTANCE_DRAINING; the agent's default is false (ecs-facts A-034, T-080). */
  spotInstanceDraining: z.boolean().optional(),
  /** An Auto Scaling group owns the instances; `count` is the initial desired capacity unless DesiredCapacity is given. */
  autoScalingGroup: autoScalingGroupSettingsSchema.optional(),
});

export const fargateSchema = z.strictObject({
  availabilityZones: z.array(az).min(1),
  /** Concurrent vCPUs Fargate has per AZ; beyond it RunTask fails for capacity. */
  vcpuCapacityPerAz: z.record(z.string(), z.number().min(0)).optional(),
  pullBandwidth: numberDistribution.optional(),
  /** Concurrent Fargate Spot vCPUs per AZ, within the AZ's capacity (ecs-facts A-031). */
  spotVcpuCapacityPerAz: z.record(z.string(), z.number().min(0)).optional(),
  /** Random Spot interruptions, a Poisson rate per task-hour (an assumption: AWS publishes none). */
  spotInterruptions: z.strictObject({ ratePerTaskHour: z.number().min(0).max(1000) }).optional(),
  /** false (default, ecs-facts A-033): interrupted Spot tasks stay registered until STOPPED. */
  deregisterSpotTargetsAtNotice: z.boolean().optional(),
});

const containerBehaviourSchema = z.strictObject({
  startup: durationDistribution.optional(),
  exit: z.strictObject({ after: durationDistribution, code: z.number().int().min(0).max(255), probability: z.number().min(0).max(1).optional() }).optional(),
  healthCheck: z
    .strictObject({
      failProbability: z.number().min(0).max(1).optional(),
      failAfter: durationDistribution.optional(),
      duration: durationDistribution.optional(),
    })
    .optional(),
  shutdown: durationDistribution.optional(),
  /** How the application serves requests and load-balancer health checks (src/traffic). */
  server: taskServerSchema.extend({ containerPort: z.number().int().min(1).max(65535).optional() }).optional(),
});

export const taskDefinitionEntrySchema = z
  .strictObject({
    /** A path to a JSON file (register input or describe-task-definition output), relative to the scenario. */
    file: z.string().min(1).optional(),
    /** The task definition inline, in AWS's JSON shape (register input or describe output). */
    definition: taskDefinitionInputSchema.optional(),
    /**
     * Which revision of its family this is, as in the user's account ("web:17"); without it,
     * the document's own `revision`, else the family's next (ecs-facts T-048).
     */
    revision: z.number().int().min(1).optional(),
    behaviour: z.strictObject({ containers: z.record(z.string(), containerBehaviourSchema) }).optional(),
  })
  .superRefine((e, ctx) => {
    if ((e.file === undefined) === (e.definition === undefined)) ctx.addIssue({ code: 'custom', message: 'expected exactly one of file (a JSON file) or definition (inline)' });
  });

const latenciesSchema = z.strictObject({
  instanceBoot: durationDistribution.optional(),
  agentRegistration: durationDistribution.optional(),
  agentMessage: durationDistribution.optional(),
  fargateProvisioning: durationDistribution.optional(),
  fargateDeprovisioning: durationDistribution.optional(),
  eniAttach: durationDistribution.optional(),
  eniDetach: durationDistribution.optional(),
  pullOverhead: durationDistribution.optional(),
  secretsFetch: durationDistribution.optional(),
  containerStart: durationDistribution.optional(),
  hostTerminationDetection: durationDistribution.optional(),
  agentDisconnectDetection: durationDistribution.optional(),
  serviceScheduler: durationDistribution.optional(),
});

const customInstanceTypeSchema = z.strictObject({
  vcpus: z.number().int().min(1),
  memoryMiB: z.number().int().min(128),
  cpuArchitecture: z.enum(['x86_64', 'arm64']).optional(),
  /** Required for a type the built-in table lacks. */
  maxEnis: z.number().int().min(1).optional(),
  /** The primary and trunk ENIs come first, so at least 2. */
  trunkingEnis: z.number().int().min(2).optional(),
  /** NVIDIA GPUs the agent registers (ecs-facts T-116). */
  gpus: z.number().int().min(0).optional(),
});

/** A simulated Lambda function behind hooks: its scripted answers (ecs-facts S-105) and invocation time. */
export const lambdaFunctionSchema = z.strictObject({
  duration: durationDistribution.optional(),
  responses: z
    .array(z.strictObject({ hookStatus: z.enum(['SUCCEEDED', 'FAILED', 'IN_PROGRESS']), callBackDelay: z.number().int().min(0).optional() }))
    .min(1, { error: 'give at least one response (hookStatus SUCCEEDED, FAILED or IN_PROGRESS)' }),
});

export const serviceName = z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, { error: 'expected up to 255 letters, digits, "_" and "-" (ecs-facts S-119)' });
const anything = z.unknown();
const cdName = (what: string) => z.string({ error: `expected the ${what}` }).min(1).max(100, { error: `${what} is at most 100 characters` });
const minutes = (what: string, max?: number) => {
  const base = z.number().int().min(0, { error: `${what} must be a whole number of minutes, 0 or more` });
  return max === undefined ? base : base.max(max, { error: `${what} must be at most ${max} minutes (ecs-facts S-093)` });
};

/** CreateDeploymentConfig's `trafficRoutingConfig` (ecs-facts S-091); intervals in minutes. */
export const trafficRoutingConfigSchema = z
  .strictObject({
    type: z.enum(['TimeBasedCanary', 'TimeBasedLinear', 'AllAtOnce']),
    timeBasedCanary: z.strictObject({ canaryPercentage: z.number().int().min(1).max(99), canaryInterval: z.number().int().min(1) }).optional(),
    timeBasedLinear: z.strictObject({ linearPercentage: z.number().int().min(1).max(99), linearInterval: z.number().int().min(1) }).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.type === 'TimeBasedCanary' && c.timeBasedCanary === undefined) ctx.addIssue({ code: 'custom', path: ['timeBasedCanary'], message: 'type TimeBasedCanary needs timeBasedCanary {canaryPercentage, canaryInterval}' });
    if (c.type === 'TimeBasedLinear' && c.timeBasedLinear === undefined) ctx.addIssue({ code: 'custom', path: ['timeBasedLinear'], message: 'type TimeBasedLinear needs timeBasedLinear {linearPercentage, linearInterval}' });
    if (c.type !== 'TimeBasedCanary' && c.timeBasedCanary !== undefined) ctx.addIssue({ code: 'custom', path: ['timeBasedCanary'], message: `timeBasedCanary is only valid with type TimeBasedCanary (got ${c.type})` });
    if (c.type !== 'TimeBasedLinear' && c.timeBasedLinear !== undefined) ctx.addIssue({ code: 'custom', path: ['timeBasedLinear'], message: `timeBasedLinear is only valid with type TimeBasedLinear (got ${c.type})` });
  });

const listenerRoute = z.strictObject({ listenerArns: z.array(z.string().min(1)).length(1, { error: 'give exactly one listener (ARN or "<load balancer>:<port>")' }) });

/** CreateDeploymentGroup for ECS (ecs-facts S-090, S-093, S-094), in CodeDeploy's field names. */
export const deploymentGroupSchema = z.strictObject({
  applicationName: cdName('application name'),
  deploymentGroupName: cdName('deployment group name'),
  deploymentConfigName: z.string().min(1).optional(),
  serviceRoleArn: z.string().optional(),
  deploymentStyle: z.strictObject({ deploymentType: z.literal('BLUE_GREEN'), deploymentOption: z.literal('WITH_TRAFFIC_CONTROL') }).optional(),
  ecsServices: z.array(z.strictObject({ serviceName, clusterName: z.string().optional() })).length(1, { error: 'an ECS deployment group names exactly one service' }),
  loadBalancerInfo: z.strictObject({
    targetGroupPairInfoList: z
      .array(
        z.strictObject({
          targetGroups: z.array(z.strictObject({ name: z.string().min(1) })).length(2, { error: 'give the two target groups (ecs-facts S-090)' }),
          prodTrafficRoute: listenerRoute,
          testTrafficRoute: listenerRoute.optional(),
        }),
      )
      .length(1, { error: 'give one target group pair' }),
  }),
  blueGreenDeploymentConfiguration: z
    .strictObject({
      terminateBlueInstancesOnDeploymentSuccess: z
        .strictObject({ action: z.enum(['TERMINATE', 'KEEP_ALIVE']).optional(), terminationWaitTimeInMinutes: minutes('terminationWaitTimeInMinutes', 2880).optional() })
        .optional(),
      deploymentReadyOption: z.strictObject({ actionOnTimeout: z.enum(['CONTINUE_DEPLOYMENT', 'STOP_DEPLOYMENT']).optional(), waitTimeInMinutes: minutes('waitTimeInMinutes').optional() }).optional(),
    })
    .optional(),
  autoRollbackConfiguration: z.strictObject({ enabled: z.boolean(), events: z.array(z.enum(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST'])).optional() }).optional(),
  alarmConfiguration: z.strictObject({ enabled: z.boolean(), ignorePollAlarmFailure: z.boolean().optional(), alarms: z.array(z.strictObject({ name: z.string().min(1) })).max(10) }).optional(),
});

/** CodeDeploy for CODE_DEPLOY services: deployment groups and custom deployment configurations. */
export const codeDeploySchema = z.strictObject({
  deploymentConfigs: z
    .array(z.strictObject({ deploymentConfigName: cdName('deployment configuration name'), computePlatform: z.literal('ECS').optional(), trafficRoutingConfig: trafficRoutingConfigSchema }))
    .optional(),
  deploymentGroups: z.array(deploymentGroupSchema).min(1),
});

const CODEDEPLOY_HOOK_KEYS = ['BeforeInstall', 'AfterInstall', 'AfterAllowTestTraffic', 'BeforeAllowTraffic', 'AfterAllowTraffic'] as const;

/** The AppSpec of an ECS deployment (`revision`), in its own field names (ecs-facts S-092). */
export const ecsAppSpecSchema = z.strictObject({
  version: z.union([z.string(), z.number()]).optional(),
  Resources: z
    .array(
      z.strictObject({
        TargetService: z.strictObject({
          Type: z.literal('AWS::ECS::Service').optional(),
          Properties: z.strictObject({
            TaskDefinition: z.string().min(1),
            LoadBalancerInfo: z.strictObject({ ContainerName: z.string().min(1), ContainerPort: z.number().int().min(1).max(65535) }),
            PlatformVersion: z.string().optional(),
            NetworkConfiguration: anything.optional(),
            CapacityProviderStrategy: anything.optional(),
          }),
        }),
      }),
    )
    .length(1, { error: 'an ECS AppSpec has exactly one resource, the TargetService' }),
  Hooks: z
    .array(
      z.strictObject(Object.fromEntries(CODEDEPLOY_HOOK_KEYS.map((k) => [k, z.string().min(1).optional()])) as Record<(typeof CODEDEPLOY_HOOK_KEYS)[number], z.ZodOptional<z.ZodString>>).superRefine((h, ctx) => {
        const keys = Object.keys(h).filter((k) => (h as Record<string, unknown>)[k] !== undefined);
        if (keys.length !== 1) ctx.addIssue({ code: 'custom', message: `each hook names exactly one event (${CODEDEPLOY_HOOK_KEYS.join(', ')}) and its Lambda function, got ${keys.length === 0 ? 'none' : keys.join(' and ')}` });
      }),
    )
    .optional(),
});

export const ecsSchema = z.strictObject({
  region: z.string().min(1).optional(),
  accountId: z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit AWS account id' }).optional(),
  cluster: refName.optional(),
  instances: z.array(instanceGroupSchema).optional(),
  fargate: fargateSchema.optional(),
  instanceTypes: z.record(z.string(), customInstanceTypeSchema).optional(),
  images: z.record(z.string(), z.strictObject({ sizeMB: z.number().min(0) })).optional(),
  defaultImageSizeMB: z.number().min(0).optional(),
  taskDefinitions: z.array(taskDefinitionEntrySchema).optional(),
  latencies: latenciesSchema.optional(),
  /** Secret references (valueFrom) that fail to fetch. */
  failingSecrets: z.array(z.string()).optional(),
  /** Times at which to record `describe-services` (result: `ecs.describeServices`); checked against `until` in scenario.ts. */
  describeServicesAt: z.array(duration).min(1).optional(),
  /** The cluster setting `containerInsights` (ecs-facts C-007): with enabled or enhanced, ECS/ContainerInsights task counts are published. */
  containerInsights: z.enum(['enabled', 'disabled', 'enhanced']).optional(),
  /** Providers standing for Auto Scaling group capacity providers: a name for an instance group (ecs-facts A-028). */
  capacityProviders: z
    .array(
      z
        .strictObject({ name: refName.max(255), instanceGroup: refName.optional(), autoScalingGroupProvider: autoScalingGroupProviderSchema.optional() })
        .superRefine((p, ctx) => {
          // `instanceGroup` is the short form of autoScalingGroupProvider.autoScalingGroupArn.
          if (p.instanceGroup === undefined && p.autoScalingGroupProvider === undefined) ctx.addIssue({ code: 'custom', path: ['instanceGroup'], message: 'expected instanceGroup or autoScalingGroupProvider (with autoScalingGroupArn naming an instance group)' });
          if (p.instanceGroup !== undefined && p.autoScalingGroupProvider !== undefined && p.instanceGroup !== p.autoScalingGroupProvider.autoScalingGroupArn) {
            ctx.addIssue({ code: 'custom', path: ['instanceGroup'], message: `instanceGroup "${p.instanceGroup}" differs from autoScalingGroupProvider.autoScalingGroupArn "${p.autoScalingGroupProvider.autoScalingGroupArn}"; give one of them` });
          }
        }),
    )
    .optional(),
  /** The cluster's default capacity provider strategy (ecs-facts S-119, A-028). */
  defaultCapacityProviderStrategy: capacityProviderStrategySchema.optional(),
  /**
   * ECS's service quotas (ecs-facts S-131), enforced at their documented defaults; a value here
   * replaces one for a what-if beyond it (or a new account's lower one).
   */
  serviceQuotas: z
    .strictObject({
      containerInstancesPerCluster: z.number().int().min(1).optional(),
      servicesPerCluster: z.number().int().min(1).optional(),
      tasksPerService: z.number().int().min(1).optional(),
      capacityProvidersPerCluster: z.number().int().min(1).optional(),
    })
    .optional(),
  /** Simulated Lambda functions behind deployment lifecycle hooks, by function ARN or name (ecs-facts S-105). */
  lambdaFunctions: z.record(z.string().min(1), lambdaFunctionSchema).optional(),
  /** CodeDeploy deployment groups and configurations, for CODE_DEPLOY services (ecs-facts S-090 to S-094). */
  codeDeploy: codeDeploySchema.optional(),
});

/** `PlacementConstraint` as the API spells it (ecs-facts S-005, S-016, S-017). */
export const placementConstraintSchema = z.strictObject({
  type: z.string().min(1),
  expression: z.string().max(2000).optional(),
});

/** `PlacementStrategy` as the API spells it (ecs-facts S-003). */
export const placementStrategySchema = z.strictObject({
  type: z.string().min(1),
  field: z.string().min(1).optional(),
});


/**
 * `deploymentConfiguration.deploymentCircuitBreaker` (ecs-facts S-082, S-083, S-121): enable
 * and rollback required; resetOnHealthyTask and thresholdConfiguration {type, value}
 * optional (defaults true, BOUNDED_PERCENT, 50). Assumption: value is a whole number ≥ 1.
 */
export const deploymentCircuitBreakerSchema = z.strictObject({
  enable: z.boolean(),
  rollback: z.boolean(),
  resetOnHealthyTask: z.boolean().optional(),
  thresholdConfiguration: z
    .strictObject({
      type: z.enum(['COUNT', 'BOUNDED_PERCENT', 'UNBOUNDED_PERCENT']).optional(),
      value: z.number().int().min(1).optional(),
    })
    .optional(),
});

// ---- Deployment alarms and ECS-native blue/green (ecs-facts S-088, S-098 to S-107) --------

/** `deploymentConfiguration.alarms` (ecs-facts S-088): all three fields required. */
export const deploymentAlarmsSchema = z.strictObject({
  alarmNames: z.array(z.string().min(1).max(255)),
  enable: z.boolean(),
  rollback: z.boolean(),
});

const tenths = (min: number, max: number, what: string) =>
  z
    .number()
    .min(min, { error: `${what} must be from ${min} to ${max} (ecs-facts S-099)` })
    .max(max, { error: `${what} must be from ${min} to ${max} (ecs-facts S-099)` })
    .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, { error: `${what} must be a multiple of 0.1 (ecs-facts S-099)` });
const bakeMinutes = (what: string) => z.number().int().min(0, { error: `${what} must be from 0 to 1440 minutes (ecs-facts S-098, S-099)` }).max(1440, { error: `${what} must be from 0 to 1440 minutes (ecs-facts S-098, S-099)` });

/** `linearConfiguration` (ecs-facts S-099): defaults 10.0 % and 6 minutes. */
export const linearConfigurationSchema = z.strictObject({ stepPercent: tenths(3, 100, 'stepPercent').optional(), stepBakeTimeInMinutes: bakeMinutes('stepBakeTimeInMinutes').optional() });
/** `canaryConfiguration` (ecs-facts S-099): defaults 5.0 % and 10 minutes. */
export const canaryConfigurationSchema = z.strictObject({ canaryPercent: tenths(0.1, 100, 'canaryPercent').optional(), canaryBakeTimeInMinutes: bakeMinutes('canaryBakeTimeInMinutes').optional() });

export const HOOK_STAGES = ['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'] as const;

/** `lifecycleHooks[]` (ecs-facts S-102, S-103, S-107). */
export const lifecycleHookSchema = z
  .strictObject({
    targetType: z.enum(['AWS_LAMBDA', 'PAUSE']).optional(),
    hookTargetArn: z.string().min(1).optional(),
    roleArn: z.string().min(1).optional(),
    lifecycleStages: z.array(z.enum(HOOK_STAGES)).min(1, { error: 'name at least one lifecycle stage (ecs-facts S-103)' }),
    hookDetails: z.unknown().optional(),
    timeoutConfiguration: z
      .strictObject({
        timeoutInMinutes: z.number().int().min(1, { error: 'timeoutInMinutes must be from 1 to 20160 (ecs-facts S-102)' }).max(20160, { error: 'timeoutInMinutes must be from 1 to 20160 (ecs-facts S-102)' }).optional(),
        action: z.enum(['ROLLBACK', 'CONTINUE']).optional(),
      })
      .optional(),
  })
  .superRefine((h, ctx) => {
    if ((h.targetType ?? 'AWS_LAMBDA') === 'AWS_LAMBDA' && h.hookTargetArn === undefined) ctx.addIssue({ code: 'custom', path: ['hookTargetArn'], message: 'an AWS_LAMBDA hook needs hookTargetArn, the function to invoke (ecs-facts S-102)' });
    if (h.targetType === 'PAUSE') {
      h.lifecycleStages.forEach((stage, i) => {
        if (stage === 'TEST_TRAFFIC_SHIFT' || stage === 'PRODUCTION_TRAFFIC_SHIFT') ctx.addIssue({ code: 'custom', path: ['lifecycleStages', i], message: `a PAUSE hook cannot use ${stage} (ecs-facts S-103)` });
      });
    }
  });

/** The deployment configuration fields shared by CreateService and UpdateService (ecs-facts S-121). */
const deploymentOptionFields = {
  alarms: deploymentAlarmsSchema.optional(),
  strategy: z.enum(['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY']).optional(),
  bakeTimeInMinutes: bakeMinutes('bakeTimeInMinutes').optional(),
  lifecycleHooks: z.array(lifecycleHookSchema).optional(),
  linearConfiguration: linearConfigurationSchema.optional(),
  canaryConfiguration: canaryConfigurationSchema.optional(),
};

/** `loadBalancers[].advancedConfiguration` (ecs-facts S-101); rules may be named `<lb>:<port>[:<priority>]` in scenarios. */
export const advancedConfigurationSchema = z.strictObject({
  alternateTargetGroupArn: z.string({ error: 'expected the alternate target group ARN (or, in a scenario, its name)' }).min(1),
  productionListenerRule: z.string({ error: 'expected the production listener rule ARN (or, in a scenario, "<load balancer>:<port>[:<priority>]")' }).min(1),
  testListenerRule: z.string().min(1).optional(),
  roleArn: z.string({ error: 'expected the role ECS uses to change the load balancer (ecs-facts S-101)' }).min(1),
});

/** `deploymentConfiguration` (ecs-facts S-121), as CreateService and UpdateService take it. */
export const deploymentConfigurationSchema = z.strictObject({
  maximumPercent: z.number().int().min(0).optional(),
  minimumHealthyPercent: z.number().int().min(0).max(100).optional(),
  deploymentCircuitBreaker: deploymentCircuitBreakerSchema.optional(),
  ...deploymentOptionFields,
});

/**
 * CreateService's input (ecs-facts S-119, S-121): every field of the API is accepted;
 * those the simulator does not model yet are listed in the result as ignored, except
 * load balancers and capacity providers, which change behaviour too much to ignore and
 * are refused until they are modelled.
 */
export const createServiceSchema = z.strictObject({
  cluster: z.string().optional(),
  serviceName,
  taskDefinition: z.string().min(1),
  desiredCount: z.number().int().min(0).optional(),
  launchType: z.enum(['EC2', 'FARGATE', 'EXTERNAL']).optional(),
  schedulingStrategy: z.enum(['REPLICA', 'DAEMON']).optional(),
  placementConstraints: z.array(placementConstraintSchema).max(10).optional(),
  placementStrategy: z.array(placementStrategySchema).max(5).optional(),
  deploymentConfiguration: deploymentConfigurationSchema.optional(),
  healthCheckGracePeriodSeconds: z.number().int().min(0).max(2_147_483_647).optional(),
  // ecs-facts L-042: at most 5 target groups per service; targetGroupArn may name a scenario target group.
  loadBalancers: z
    .array(
      z.strictObject({
        // A Classic Load Balancer is named by loadBalancerName alone (the create-service example of ecs-facts PS-006); ecs-sim models ALB and NLB target groups.
        targetGroupArn: z.string({ error: 'expected the target group ARN (or, in a scenario, its name); a Classic Load Balancer, named by loadBalancerName alone, is not modelled' }).min(1),
        loadBalancerName: z.string().optional(),
        containerName: z.string().min(1),
        containerPort: z.number().int().min(1).max(65535),
        advancedConfiguration: advancedConfigurationSchema.optional(),
      }),
    )
    .max(5, { error: 'a service has at most 5 target groups (ecs-facts L-042)' })
    .optional(),
  // ecs-facts; not together with launchType (S-119), checked with the timeline.
  capacityProviderStrategy: capacityProviderStrategySchema.optional(),
  availabilityZoneRebalancing: z.enum(['ENABLED', 'DISABLED']).optional(),
  serviceRegistries: anything.optional(),
  clientToken: z.string().max(36).optional(),
  platformVersion: z.string().optional(),
  role: z.string().optional(),
  networkConfiguration: anything.optional(),
  // ecs-facts S-090: CODE_DEPLOY gives the service task sets; EXTERNAL is accepted and not modelled.
  deploymentController: z.strictObject({ type: z.enum(['ECS', 'CODE_DEPLOY', 'EXTERNAL']) }).optional(),
  tags: anything.optional(),
  enableECSManagedTags: z.boolean().optional(),
  propagateTags: z.enum(['TASK_DEFINITION', 'SERVICE', 'NONE']).optional(),
  enableExecuteCommand: z.boolean().optional(),
  serviceConnectConfiguration: anything.optional(),
  volumeConfigurations: anything.optional(),
  vpcLatticeConfigurations: anything.optional(),
  monitoring: anything.optional(),
});

export const instanceRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*\/\d+$/, { error: 'expected an instance reference "<group name>/<index>", e.g. "pool/0"' });

export type EcsSpec = z.output<typeof ecsSchema>;
export type ContainerBehaviourSpec = z.output<typeof containerBehaviourSchema>;
