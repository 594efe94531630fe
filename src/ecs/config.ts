import type { AutoScalingGroupSettings } from './capacity/auto-scaling-group.js';
import type { CapacityProviderDefinition } from './capacity/types.js';
import type { ServiceLoadBalancer } from './service/load-balancers.js';
import type { DeploymentOptions, LambdaFunctionBehaviour } from './service/deployment-strategy.js';
import type { CodeDeployConfig, CreateDeploymentRequest } from './service/codedeploy.js';
import type { HttpBehaviour } from './network/servers.js';
import type { DistributionSpec } from '../engine/distributions.js';
import type { InstanceTypeOverride } from './capacity/instance-types.js';
import type { PlacementConstraint, PlacementStrategy } from './placement/framework.js';
import type { TaskDefinition } from './task-definition/types.js';

/**
 * The ECS model's configuration: what a scenario (or library user) builds the model
 * from. Durations are ms; distributions are in ms unless named otherwise.
 */

/**
 * How an application behaves inside its container — not part of ECS's task definition,
 * but part of the model, so bad revisions and slow starts can be simulated.
 */
export interface ContainerBehaviour {
  /** From container start until the process is ready (health checks can pass). */
  readonly startup?: DistributionSpec;
  /** The process exits by itself after this long (a crash, or a job finishing), with `code`. */
  readonly exit?: { readonly after: DistributionSpec; readonly code: number; readonly probability?: number };
  /** Health-check command outcomes (for containers whose definition has a healthCheck). */
  readonly healthCheck?: {
    /** Each check fails with this probability, independently. */
    readonly failProbability?: number;
    /** From container start, every check fails after this long (the app degrades). */
    readonly failAfter?: DistributionSpec;
    /** How long the command takes; beyond the check's timeout it counts as failed. */
    readonly duration?: DistributionSpec;
  };
  /** After SIGTERM the process exits after this long; past stopTimeout it is killed (137). */
  readonly shutdown?: DistributionSpec;
  /** How the application serves requests (and load-balancer health checks) once ready. */
  readonly server?: HttpBehaviour;
}

export interface TaskBehaviour {
  /** By container name. */
  readonly containers: Readonly<Record<string, ContainerBehaviour>>;
}

/** Latencies of the real system, each a distribution with a documented default (see defaults.ts). */
export interface Latencies {
  readonly instanceBoot: DistributionSpec;
  readonly agentRegistration: DistributionSpec;
  /** One way, control plane ↔ agent. */
  readonly agentMessage: DistributionSpec;
  readonly fargateProvisioning: DistributionSpec;
  /** Fargate: from the containers' exit to STOPPED (ENI release and clean-up). */
  readonly fargateDeprovisioning: DistributionSpec;
  readonly eniAttach: DistributionSpec;
  readonly eniDetach: DistributionSpec;
  /** Fixed part of an image pull (auth, manifest), before the layers. */
  readonly pullOverhead: DistributionSpec;
  readonly secretsFetch: DistributionSpec;
  /** docker create + start. */
  readonly containerStart: DistributionSpec;
  /** How long until ECS notices a terminated host. */
  readonly hostTerminationDetection: DistributionSpec;
  /** How long until ECS marks a silent agent disconnected (the ACS heartbeat timeout). */
  readonly agentDisconnectDetection: DistributionSpec;
  /** From a change to a service (a task stopped, a new desired count) until its scheduler acts. */
  readonly serviceScheduler: DistributionSpec;
}

export interface InstanceGroup {
  /** Names the instances `<name>/<index>` in timeline actions; `group-<n>` when absent. */
  readonly name?: string;
  readonly count: number;
  readonly instanceType: string;
  /** Instances are spread round-robin over these. */
  readonly availabilityZones: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly launchType: 'EC2' | 'EXTERNAL';
  readonly osType: 'linux' | 'windows';
  /** ECS_RESERVED_MEMORY (ecs-facts T-069). */
  readonly reservedMemoryMiB: number;
  /** ECS_IMAGE_PULL_BEHAVIOR (ecs-facts T-086). */
  readonly imagePullBehavior: 'default' | 'always' | 'once' | 'prefer-cached';
  /** awsvpcTrunking (ecs-facts T-081, T-082). */
  readonly awsvpcTrunking: boolean;
  /** Image pull bandwidth in MB/s. */
  readonly pullBandwidthMBps: DistributionSpec;
  /** When the instances are launched. */
  readonly launchAtMs: number;
  /** Spot instances (`instanceLifecycle: 'spot'`; ecs-facts A-034). */
  readonly spot?: boolean;
  /** ECS_ENABLE_SPOT_INSTANCE_DRAINING (agent default false; ecs-facts A-034, T-080). */
  readonly spotInstanceDraining?: boolean;
  /** An Auto Scaling group owns the instances (capacity/auto-scaling-group.ts); `count` is its initial desired capacity. */
  readonly autoScalingGroup?: AutoScalingGroupSettings;
}

export interface FargateConfig {
  readonly availabilityZones: readonly string[];
  /** Concurrent vCPUs Fargate can give per AZ; beyond it, capacity is unavailable. */
  readonly vcpuCapacityPerAz?: Readonly<Record<string, number>>;
  readonly pullBandwidthMBps: DistributionSpec;
  /** Concurrent Fargate Spot vCPUs per AZ (a part of the AZ's capacity; ecs-facts A-031, T-095). */
  readonly spotVcpuCapacityPerAz?: Readonly<Record<string, number>>;
  /** Random Spot interruptions: a Poisson rate per task-hour (an assumption; AWS publishes none). */
  readonly spotInterruptions?: { readonly ratePerTaskHour: number };
  /**
   * false (default, ecs-facts A-033): an interrupted Spot task's targets stay registered until
   * it is STOPPED; true: they are deregistered as it starts stopping (open question 7).
   */
  readonly deregisterSpotTargetsAtNotice?: boolean;
}

export interface ImageSpec {
  readonly sizeMB: number;
}

export interface RunTaskAction {
  readonly taskDefinition: string;
  readonly count: number;
  readonly launchType: 'EC2' | 'FARGATE' | 'EXTERNAL';
  /** Instead of launchType: each task's provider by base and weight (ecs-facts A-028); launchType is then the providers'. */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /** Added to the task definition's own (ecs-facts S-016, S-017, T-108). */
  readonly placementConstraints?: readonly PlacementConstraint[];
  /** Applied in order (ecs-facts S-006); RunTask's default is random (T-109). */
  readonly placementStrategy?: readonly PlacementStrategy[];
  readonly group?: string;
  readonly startedBy?: string;
  /** A scenario label to refer to these tasks in later actions and expectations. */
  readonly label?: string;
}

/**
 * The timeline's actions by kind: what each verb (src/scenario/timeline/) schedules, at
 * `atMs`. A verb defined elsewhere adds its action here by declaration merging
 * (`declare module '.../ecs/config.js' { interface TimelineActions { myVerb: MyAction } }`),
 * so a new verb is one file.
 */
export interface TimelineActions {
  runTask: { readonly kind: 'runTask'; readonly atMs: number; readonly runTask: RunTaskAction };
  stopTask: { readonly kind: 'stopTask'; readonly atMs: number; readonly label: string; readonly reason?: string };
  terminateInstance: { readonly kind: 'terminateInstance'; readonly atMs: number; readonly instance: string };
  loseAvailabilityZone: { readonly kind: 'loseAvailabilityZone'; readonly atMs: number; readonly availabilityZone: string };
  disconnectAgent: { readonly kind: 'disconnectAgent'; readonly atMs: number; readonly instance: string; readonly waitForRegistration?: boolean };
  reconnectAgent: { readonly kind: 'reconnectAgent'; readonly atMs: number; readonly instance: string };
  killTask: { readonly kind: 'killTask'; readonly atMs: number; readonly label: string; readonly exitCode: number };
  failImagePulls: { readonly kind: 'failImagePulls'; readonly atMs: number; readonly forMs: number; readonly image?: string };
  createService: { readonly kind: 'createService'; readonly atMs: number; readonly service: CreateServiceAction };
  updateService: {
    readonly kind: 'updateService';
    readonly atMs: number;
    readonly service: string;
    readonly desiredCount?: number;
    /** A task definition reference (family, family:revision or ARN); with forceNewDeployment, what starts a deployment (ecs-facts S-073). */
    readonly taskDefinition?: string;
    readonly forceNewDeployment?: boolean;
    readonly minimumHealthyPercent?: number;
    readonly maximumPercent?: number;
    readonly deploymentCircuitBreaker?: DeploymentCircuitBreaker;
    readonly availabilityZoneRebalancing?: 'ENABLED' | 'DISABLED';
    /** ecs-facts S-120, S-073: a new strategy applies to new tasks and starts no deployment. */
    readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  } & DeploymentOptions;
  /** Fargate reclaims Spot tasks (ecs-facts A-031): `count` (all when absent) of the running FARGATE_SPOT tasks, chosen at random. */
  interruptFargateSpot: { readonly kind: 'interruptFargateSpot'; readonly atMs: number; readonly count?: number; readonly service?: string; readonly availabilityZone?: string };
  /** EC2's two-minute Spot notice for an instance (ecs-facts A-034). */
  interruptSpotInstance: { readonly kind: 'interruptSpotInstance'; readonly atMs: number; readonly instance: string };
  /** ContinueServiceDeployment (ecs-facts S-107): resumes a PAUSE hook, by hookId or by the stage it waits in. */
  continueServiceDeployment: { readonly kind: 'continueServiceDeployment'; readonly atMs: number; readonly service: string; readonly hookId?: string; readonly lifecycleStage?: string; readonly action: 'CONTINUE' | 'ROLLBACK' };
  /** CodeDeploy's CreateDeployment for an ECS deployment group (ecs-facts S-090 to S-097). */
  createDeployment: { readonly kind: 'createDeployment'; readonly atMs: number; readonly request: CreateDeploymentRequest };
  deleteService: { readonly kind: 'deleteService'; readonly atMs: number; readonly service: string; readonly force: boolean };
  updateContainerInstancesState: { readonly kind: 'updateContainerInstancesState'; readonly atMs: number; readonly instance: string; readonly status: 'ACTIVE' | 'DRAINING'; readonly waitForRegistration?: boolean };
}

export type TimelineAction = TimelineActions[keyof TimelineActions];

/**
 * `deploymentConfiguration.deploymentCircuitBreaker` (ecs-facts S-082, S-083): enable and
 * rollback are required; resetOnHealthyTask (default true) and thresholdConfiguration
 * (default BOUNDED_PERCENT, 50) are the 2026 additions.
 */
export interface DeploymentCircuitBreaker {
  readonly enable: boolean;
  readonly rollback: boolean;
  readonly resetOnHealthyTask?: boolean;
  readonly thresholdConfiguration?: { readonly type?: 'COUNT' | 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT'; readonly value?: number };
}

/** `CapacityProviderStrategyItem` (ecs-facts S-123, A-028): base 0–100000, weight 0–1000. */
export interface CapacityProviderStrategyItem {
  readonly capacityProvider: string;
  readonly weight: number;
  readonly base: number;
}

/** CreateService, in the API's terms, with defaults applied (ecs-facts S-050, S-119). */
export interface CreateServiceAction extends DeploymentOptions {
  readonly serviceName: string;
  readonly taskDefinition: string;
  readonly desiredCount: number;
  readonly launchType: 'EC2' | 'FARGATE' | 'EXTERNAL';
  readonly schedulingStrategy: 'REPLICA' | 'DAEMON';
  readonly placementConstraints: readonly PlacementConstraint[];
  readonly placementStrategy: readonly PlacementStrategy[];
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  /** Absent: no circuit breaker, as when CreateService omits it. */
  readonly deploymentCircuitBreaker?: DeploymentCircuitBreaker;
  readonly healthCheckGracePeriodMs: number;
  /**
   * AZ rebalancing (ecs-facts S-025 to S-028). The scenario loader applies CreateService's
   * default (ENABLED when the service is compatible); absent here counts as DISABLED, as
   * ECS counts a service that never had a value.
   */
  readonly availabilityZoneRebalancing?: 'ENABLED' | 'DISABLED';
  /** Instead of launchType: the providers tasks are spread over (ecs-facts A-028). */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /** Target groups the service's tasks are registered in (ecs-facts L-042), target group ARNs resolved. */
  readonly loadBalancers?: readonly ServiceLoadBalancer[];
  /** ECS (absent) or CODE_DEPLOY, whose service runs task sets (ecs-facts S-090); EXTERNAL is accepted and listed as ignored. */
  readonly deploymentController?: { readonly type: 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL' };
  /** Fields of the input the simulator accepts but does not model. */
  readonly ignoredFields: readonly string[];
}

export interface EcsConfig {
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
  readonly instanceGroups: readonly InstanceGroup[];
  /** The container-instances-per-cluster quota Auto Scaling groups grow to (ecs-facts S-131); 5,000 when absent. */
  readonly containerInstancesPerCluster?: number;
  readonly fargate?: FargateConfig;
  readonly images: Readonly<Record<string, ImageSpec>>;
  readonly defaultImageSizeMB: number;
  readonly taskDefinitions: readonly { readonly definition: TaskDefinition; readonly behaviour: TaskBehaviour }[];
  readonly latencies: Latencies;
  readonly timeline: readonly TimelineAction[];
  /** Instance types the scenario adds to (or overrides in) the built-in table. */
  readonly customInstanceTypes?: Readonly<Record<string, InstanceTypeOverride>>;
  /** Secrets (valueFrom) that cannot be fetched, to simulate a missing secret or permission. */
  readonly failingSecrets: readonly string[];
  /** Times at which the result records `describe-services` (`EcsResult.describeServices`). */
  readonly describeServicesAtMs?: readonly number[];
  /** The cluster's Container Insights setting is on: ECS/ContainerInsights task counts are published (ecs-facts C-007). */
  readonly containerInsights?: boolean;
  /** Providers standing for Auto Scaling group capacity providers: a name for an instance group (ecs-facts A-028). */
  readonly capacityProviders?: readonly CapacityProviderDefinition[];
  /** The cluster's default strategy, used when neither launchType nor a strategy is given (ecs-facts S-119). */
  readonly defaultCapacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /** Simulated Lambda functions behind deployment lifecycle hooks, by function ARN or name (ecs-facts S-105). */
  readonly lambdaFunctions?: Readonly<Record<string, LambdaFunctionBehaviour>>;
  /** CodeDeploy deployment groups and custom deployment configurations (ecs-facts S-090 to S-094). */
  readonly codeDeploy?: CodeDeployConfig;
}
