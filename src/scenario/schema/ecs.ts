import { setAlarmStateSchema } from './cloudwatch.js';
import { taskServerSchema } from './traffic.js';
import { z } from 'zod';
import { taskDefinitionInputSchema } from '../../ecs/task-definition/schema.js';
import { duration, durationDistribution, numberDistribution } from './values.js';

/**
 * The `ecs` section of a scenario: the cluster's capacity, images, task definitions (as
 * pasted from AWS, checked later against the task-definition schema so that errors point
 * into their own file), application behaviour and latencies.
 */

const refName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'expected a name of letters, digits, "_" and "-"' });
const az = z.string().min(1);

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
});

export const fargateSchema = z.strictObject({
  availabilityZones: z.array(az).min(1),
  /** Concurrent vCPUs Fargate has per AZ; beyond it RunTask fails for capacity. */
  vcpuCapacityPerAz: z.record(z.string(), z.number().min(0)).optional(),
  pullBandwidth: numberDistribution.optional(),
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

const serviceName = z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, { error: 'expected up to 255 letters, digits, "_" and "-" (ecs-facts S-119)' });
const anything = z.unknown();

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
  deploymentConfiguration: z
    .strictObject({
      maximumPercent: z.number().int().min(0).optional(),
      minimumHealthyPercent: z.number().int().min(0).max(100).optional(),
      deploymentCircuitBreaker: deploymentCircuitBreakerSchema.optional(),
      alarms: anything.optional(),
      strategy: anything.optional(),
      bakeTimeInMinutes: anything.optional(),
      lifecycleHooks: anything.optional(),
      linearConfiguration: anything.optional(),
      canaryConfiguration: anything.optional(),
    })
    .optional(),
  healthCheckGracePeriodSeconds: z.number().int().min(0).max(2_147_483_647).optional(),
  // ecs-facts L-042: at most 5 target groups per service; targetGroupArn may name a scenario target group.
  loadBalancers: z
    .array(
      z.strictObject({
        targetGroupArn: z.string({ error: 'expected the target group ARN (or, in a scenario, its name)' }).min(1),
        loadBalancerName: z.string().optional(),
        containerName: z.string().min(1),
        containerPort: z.number().int().min(1).max(65535),
      }),
    )
    .max(5, { error: 'a service has at most 5 target groups (ecs-facts L-042)' })
    .optional(),
  capacityProviderStrategy: z.array(anything).max(0, { error: 'capacity provider strategies are not modelled yet (the capacity provider issue); use launchType' }).optional(),
  availabilityZoneRebalancing: z.enum(['ENABLED', 'DISABLED']).optional(),
  serviceRegistries: anything.optional(),
  clientToken: z.string().max(36).optional(),
  platformVersion: z.string().optional(),
  role: z.string().optional(),
  networkConfiguration: anything.optional(),
  deploymentController: anything.optional(),
  tags: anything.optional(),
  enableECSManagedTags: z.boolean().optional(),
  propagateTags: z.enum(['TASK_DEFINITION', 'SERVICE', 'NONE']).optional(),
  enableExecuteCommand: z.boolean().optional(),
  serviceConnectConfiguration: anything.optional(),
  volumeConfigurations: anything.optional(),
  vpcLatticeConfigurations: anything.optional(),
  monitoring: anything.optional(),
});

const instanceRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*\/\d+$/, { error: 'expected an instance reference "<group name>/<index>", e.g. "pool/0"' });

/** One timeline entry: `at` and exactly one action. */
export const timelineEntrySchema = z
  .strictObject({
    at: duration,
    runTask: z
      .strictObject({
        taskDefinition: z.string().min(1),
        // ecs-facts T-106: at most 10 tasks per RunTask call.
        count: z.number().int().min(1).max(10).optional(),
        launchType: z.enum(['EC2', 'FARGATE', 'EXTERNAL']).optional(),
        group: z.string().min(1).max(255).optional(),
        startedBy: z.string().regex(/^[A-Za-z0-9\-/_]{1,128}$/, { error: 'expected up to 128 letters, digits, "-", "/" and "_" (ecs-facts T-107)' }).optional(),
        label: refName.optional(),
        // ecs-facts T-108: at most 10 constraints (with the task definition's) and 5 strategy rules.
        placementConstraints: z.array(placementConstraintSchema).max(10).optional(),
        placementStrategy: z.array(placementStrategySchema).max(5).optional(),
      })
      .optional(),
    stopTask: z.strictObject({ label: refName, reason: z.string().max(1024).optional() }).optional(),
    killTask: z.strictObject({ label: refName, exitCode: z.number().int().min(0).max(255).optional() }).optional(),
    terminateInstance: instanceRef.optional(),
    loseAvailabilityZone: az.optional(),
    disconnectAgent: instanceRef.optional(),
    reconnectAgent: instanceRef.optional(),
    failImagePulls: z.strictObject({ for: duration, image: z.string().min(1).optional() }).optional(),
    createService: createServiceSchema.optional(),
    // UpdateService (ecs-facts S-120): the fields modelled so far.
    updateService: z
      .strictObject({
        service: serviceName,
        desiredCount: z.number().int().min(0).optional(),
        taskDefinition: z.string().min(1).optional(),
        forceNewDeployment: z.boolean().optional(),
        deploymentConfiguration: z
          .strictObject({
            maximumPercent: z.number().int().min(0).optional(),
            minimumHealthyPercent: z.number().int().min(0).max(100).optional(),
            deploymentCircuitBreaker: deploymentCircuitBreakerSchema.optional(),
          })
          .optional(),
        availabilityZoneRebalancing: z.enum(['ENABLED', 'DISABLED']).optional(),
      })
      .optional(),
    deleteService: z.strictObject({ service: serviceName, force: z.boolean().optional() }).optional(),
    /** UpdateContainerInstancesState (ecs-facts T-079). */
    updateContainerInstancesState: z.strictObject({ instance: instanceRef, status: z.enum(['ACTIVE', 'DRAINING']) }).optional(),
    /** CloudWatch SetAlarmState: needs a cloudwatch section defining the alarm. */
    setAlarmState: setAlarmStateSchema.optional(),
  })
  .superRefine((e, ctx) => {
    const actions = Object.keys(e).filter((k) => k !== 'at');
    if (actions.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `expected exactly one action (runTask, stopTask, killTask, terminateInstance, loseAvailabilityZone, disconnectAgent, reconnectAgent, failImagePulls, createService, updateService, deleteService, updateContainerInstancesState, setAlarmState), got ${actions.length === 0 ? 'none' : actions.join(' and ')}`,
      });
    }
  });

export type EcsSpec = z.output<typeof ecsSchema>;
export type ContainerBehaviourSpec = z.output<typeof containerBehaviourSchema>;
export type TimelineEntrySpec = z.output<typeof timelineEntrySchema>;
