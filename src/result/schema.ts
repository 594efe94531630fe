import { z } from 'zod';

/**
 * The run result, described once as data: what `runScenario` returns, field by field, with
 * what each field means. Reports, expectation paths and the shipped JSON Schema all read this
 * description. The model keeps its own result types (src/ecs/result.ts, src/elb, ...); a
 * type-level test (test/result/) keeps the two in step, and the bundled-scenario test parses
 * every bundled scenario's result with it. Objects are strict, so a field the model adds
 * without describing it here fails that test. Times are ms of simulated time unless named
 * otherwise.
 */

/** A list in the result: read-only, like everything the run hands back. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

export const stationResultSchema = z.strictObject({
  servers: z.number().describe('TODO'),
  arrivals: z.number().describe('TODO'),
  served: z.number().describe('TODO'),
  blocked: z.number().describe('TODO'),
  counted: z.number().describe('Customers counted (arrived after warm-up and served).'),
  meanWaitMs: z.number().describe('TODO'),
  maxWaitMs: z.number().describe('TODO'),
  probabilityOfWaiting: z.number().describe('Share of counted customers that waited at all.'),
  meanServiceMs: z.number().describe('TODO'),
  meanQueueLength: z.number().describe('Time-average number waiting, over the measured span.'),
  utilization: z.number().describe('Time-average share of busy servers, over the measured span.'),
  theory: z.strictObject({
    model: z.literal('M/M/c').describe('TODO'),
    offeredLoad: z.number().describe('TODO'),
    rho: z.number().describe('TODO'),
    probabilityOfWaiting: z.number().describe('TODO'),
    meanWaitMs: z.number().describe('TODO'),
    meanWaitRelativeError: z.number().describe('(simulated - theory) / theory.'),
  }).exactOptional().describe('Theory, when both distributions are exponential and the queue has no limit.'),
});

export const launchTypeSchema = z.enum(['EC2', 'FARGATE', 'EXTERNAL']);

export const taskStatusSchema = z.enum(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);

export const desiredStatusSchema = z.enum(['RUNNING', 'STOPPED']);

export const healthStatusSchema = z.enum(['HEALTHY', 'UNHEALTHY', 'UNKNOWN']);

export const containerStatusSchema = z.enum(['PENDING', 'RUNNING', 'STOPPED']);

/** `networkBindings` of a container in describe-tasks (bridge and host mode). */
/** Why a task stopped, as describe-tasks `stopCode` says it. */
export const stopCodeSchema = z.enum(['TaskFailedToStart', 'EssentialContainerExited', 'UserInitiated', 'ServiceSchedulerInitiated', 'SpotInterruption', 'TerminationNotice', 'InfrastructureHealth']);

export const networkBindingSchema = z.strictObject({
  bindIP: z.string().describe('TODO'),
  containerPort: z.number().describe('TODO'),
  hostPort: z.number().describe('TODO'),
  protocol: z.enum(['tcp', 'udp']).describe('TODO'),
});

/** A task as the control plane knows it: the fields of the ECS API's `Task`, with every timestamp in ms of simulated time, plus its full state history. This is what `describe-tasks` would say, as of the last report that reached the control plane. */
export const containerRecordSchema = z.strictObject({
  name: z.string().describe('TODO'),
  image: z.string().describe('TODO'),
  lastStatus: containerStatusSchema.describe('TODO'),
  exitCode: z.number().exactOptional().describe('TODO'),
  reason: z.string().exactOptional().describe('TODO'),
  healthStatus: healthStatusSchema.describe('TODO'),
  networkBindings: list(networkBindingSchema).exactOptional().describe('Host ports of bridge and host mode tasks (describe-tasks `networkBindings`).'),
});

/** describe-tasks `attachments`: the task ENI of an awsvpc task (ecs-facts T-024). */
export const attachmentSchema = z.strictObject({
  id: z.string().describe('TODO'),
  type: z.literal('ElasticNetworkInterface').describe('TODO'),
  status: z.enum(['PRECREATED', 'ATTACHED', 'DELETED']).describe('TODO'),
  details: list(z.strictObject({
    name: z.string().describe('TODO'),
    value: z.string().describe('TODO'),
  })).describe('TODO'),
});

export const taskStateChangeSchema = z.strictObject({
  t: z.number().describe('TODO'),
  lastStatus: taskStatusSchema.describe('TODO'),
  desiredStatus: desiredStatusSchema.describe('TODO'),
});

/** Spans that users ask about, derived from the timestamps (absent until known). */
export const taskDurationsSchema = z.strictObject({
  startupMs: z.number().exactOptional().describe('createdAt → startedAt.'),
  pullMs: z.number().exactOptional().describe('pullStartedAt → pullStoppedAt.'),
  stoppingMs: z.number().exactOptional().describe('stoppingAt → stoppedAt.'),
  runningMs: z.number().exactOptional().describe('startedAt → stoppingAt (or stoppedAt).'),
});

/** The ECS part of a run result: every task with its full state history, every container instance with its resources over time, the ECS events, and what each timeline action did. JSON-serialisable and deterministic. */
export const taskResultSchema = z.strictObject({
  taskArn: z.string().describe('TODO'),
  taskDefinitionArn: z.string().describe('TODO'),
  clusterArn: z.string().describe('TODO'),
  launchType: launchTypeSchema.describe('TODO'),
  group: z.string().describe('TODO'),
  startedBy: z.string().exactOptional().describe('TODO'),
  cpu: z.string().describe('Task-level CPU units and memory MiB as ECS reports them (strings, ecs-facts T-053).'),
  memory: z.string().describe('TODO'),
  availabilityZone: z.string().describe('TODO'),
  containerInstanceArn: z.string().exactOptional().describe('TODO'),
  ec2InstanceId: z.string().exactOptional().describe('TODO'),
  capacityProviderName: z.string().exactOptional().describe('The capacity provider that runs the task (describe-tasks `capacityProviderName`), when launched by a strategy.'),
  label: z.string().describe('The scenario label of the RunTask that made it.'),
  lastStatus: taskStatusSchema.describe('TODO'),
  desiredStatus: desiredStatusSchema.describe('TODO'),
  healthStatus: healthStatusSchema.describe('TODO'),
  connectivity: z.enum(['CONNECTED', 'DISCONNECTED']).exactOptional().describe('TODO'),
  stopCode: stopCodeSchema.exactOptional().describe('TODO'),
  stoppedReason: z.string().exactOptional().describe('TODO'),
  createdAt: z.number().describe('TODO'),
  connectivityAt: z.number().exactOptional().describe('TODO'),
  pullStartedAt: z.number().exactOptional().describe('TODO'),
  pullStoppedAt: z.number().exactOptional().describe('TODO'),
  startedAt: z.number().exactOptional().describe('TODO'),
  stoppingAt: z.number().exactOptional().describe('TODO'),
  executionStoppedAt: z.number().exactOptional().describe('TODO'),
  stoppedAt: z.number().exactOptional().describe('TODO'),
  version: z.number().describe('Incremented on every change that emits an event (ecs-facts T-022).'),
  containers: list(containerRecordSchema).describe('TODO'),
  attachments: list(attachmentSchema).exactOptional().describe('TODO'),
  history: list(taskStateChangeSchema).describe('TODO'),
  durations: taskDurationsSchema.describe('TODO'),
  instanceRef: z.string().exactOptional().describe("The scenario's name for the task's instance (`pool/1`), for EC2 and EXTERNAL tasks."),
});

export const resourcesSchema = z.strictObject({
  cpu: z.number().describe('TODO'),
  memory: z.number().describe('TODO'),
  eni: z.number().describe('Tasks with their own ENI (awsvpc) this instance can still take.'),
});

export const resourceSampleSchema = z.strictObject({
  t: z.number().describe('TODO'),
  cpu: z.number().describe('TODO'),
  memory: z.number().describe('TODO'),
  eni: z.number().describe('TODO'),
  tasks: z.number().describe('TODO'),
});

export const containerInstanceResultSchema = z.strictObject({
  ref: z.string().describe('TODO'),
  containerInstanceArn: z.string().describe('TODO'),
  ec2InstanceId: z.string().describe('TODO'),
  instanceType: z.string().describe('TODO'),
  availabilityZone: z.string().describe('TODO'),
  status: z.string().describe('TODO'),
  agentConnected: z.boolean().describe('TODO'),
  registeredAt: z.number().exactOptional().describe('TODO'),
  launchedAt: z.number().exactOptional().describe("EC2's launch and termination times (the billed lifetime; no termination = running at the end)."),
  terminatedAt: z.number().exactOptional().describe('TODO'),
  instanceLifecycle: z.enum(['spot']).exactOptional().describe("EC2's InstanceLifecycle: `spot`, or absent for On-Demand."),
  registeredResources: resourcesSchema.describe('TODO'),
  remainingResources: resourcesSchema.describe('TODO'),
  runningTasksCount: z.number().describe('TODO'),
  pendingTasksCount: z.number().describe('TODO'),
  attributes: z.record(z.string(), z.string()).describe('TODO'),
  history: list(resourceSampleSchema).describe('Remaining resources after each change.'),
});

export const serviceStatusSchema = z.enum(['ACTIVE', 'DRAINING', 'INACTIVE']);

/** `CapacityProviderStrategyItem` (ecs-facts S-123, A-028): base 0–100000, weight 0–1000. */
export const capacityProviderStrategyItemSchema = z.strictObject({
  capacityProvider: z.string().describe('TODO'),
  weight: z.number().describe('TODO'),
  base: z.number().describe('TODO'),
});

/** `deploymentConfiguration.deploymentCircuitBreaker` (ecs-facts S-082, S-083): enable and rollback are required; resetOnHealthyTask (default true) and thresholdConfiguration (default BOUNDED_PERCENT, 50) are the 2026 additions. */
export const deploymentCircuitBreakerSchema = z.strictObject({
  enable: z.boolean().describe('TODO'),
  rollback: z.boolean().describe('TODO'),
  resetOnHealthyTask: z.boolean().exactOptional().describe('TODO'),
  thresholdConfiguration: z.strictObject({
    type: z.enum(['COUNT', 'BOUNDED_PERCENT', 'UNBOUNDED_PERCENT']).exactOptional().describe('TODO'),
    value: z.number().exactOptional().describe('TODO'),
  }).exactOptional().describe('TODO'),
});

/** `deploymentConfiguration.alarms` (ecs-facts S-088, S-121): every field required. */
export const deploymentAlarmsSchema = z.strictObject({
  alarmNames: list(z.string()).describe('TODO'),
  enable: z.boolean().describe('TODO'),
  rollback: z.boolean().describe('TODO'),
});

/** ecs-facts S-099: stepPercent 3.0–100.0 (multiple of 0.1, default 10.0); stepBakeTimeInMinutes 0–1440 (default 6). */
export const linearConfigurationSchema = z.strictObject({
  stepPercent: z.number().describe('TODO'),
  stepBakeTimeInMinutes: z.number().describe('TODO'),
});

/** ecs-facts S-099: canaryPercent 0.1–100.0 (default 5.0); canaryBakeTimeInMinutes 0–1440 (default 10). */
export const canaryConfigurationSchema = z.strictObject({
  canaryPercent: z.number().describe('TODO'),
  canaryBakeTimeInMinutes: z.number().describe('TODO'),
});

/** `DeploymentLifecycleHook` (ecs-facts S-102). */
export const deploymentLifecycleHookSchema = z.strictObject({
  targetType: z.enum(['AWS_LAMBDA', 'PAUSE']).describe('TODO'),
  hookTargetArn: z.string().exactOptional().describe("The Lambda function's ARN (AWS_LAMBDA); a PAUSE hook needs none."),
  roleArn: z.string().exactOptional().describe('TODO'),
  lifecycleStages: list(z.enum(['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'])).describe('TODO'),
  hookDetails: z.unknown().exactOptional().describe('TODO'),
  timeoutConfiguration: z.strictObject({
    timeoutInMinutes: z.number().describe('TODO'),
    action: z.enum(['ROLLBACK', 'CONTINUE']).describe('TODO'),
  }).describe('TODO'),
});

/** `PlacementConstraint` in the API's shape (ecs-facts S-016, S-017). */
export const placementConstraintSchema = z.strictObject({
  type: z.string().describe('TODO'),
  expression: z.string().exactOptional().describe('TODO'),
});

/** `PlacementStrategy` in the API's shape (ecs-facts S-003). */
export const placementStrategySchema = z.strictObject({
  type: z.string().describe('TODO'),
  field: z.string().exactOptional().describe('TODO'),
});

/** Construct a type with the properties of T except for those in type K. */
export const deploymentSchema = z.strictObject({
  id: z.string().describe('`ecs-svc/` and 19 digits (ecs-facts S-025, S-126).'),
  status: z.enum(['ACTIVE', 'INACTIVE', 'PRIMARY']).describe('PRIMARY = newest; ACTIVE = older, tasks still being replaced; INACTIVE = fully replaced (ecs-facts S-075).'),
  taskDefinition: z.string().describe('TODO'),
  desiredCount: z.number().describe('TODO'),
  pendingCount: z.number().describe('TODO'),
  runningCount: z.number().describe('TODO'),
  failedTasks: z.number().describe('TODO'),
  createdAt: z.number().describe('TODO'),
  updatedAt: z.number().describe('TODO'),
  rolloutState: z.enum(['IN_PROGRESS', 'COMPLETED', 'FAILED']).describe('ecs-facts S-076, S-077.'),
  rolloutStateReason: z.string().describe('TODO'),
  lifecycleStage: z.enum(['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'SCALE_UP', 'BAKE_TIME', 'CLEAN_UP']).exactOptional().describe('ECS-native blue/green, linear and canary only: the stage it is in, as ServiceDeployment shows it (ecs-facts S-081, S-104).'),
  productionTrafficWeights: z.record(z.string(), z.number()).exactOptional().describe("Blue/green family only: production traffic % per deployment id (the hook payload's productionTrafficWeights, S-106)."),
  testTrafficWeights: z.record(z.string(), z.number()).exactOptional().describe('Blue/green family only: test traffic % per deployment id (S-106).'),
});

export const serviceEventSchema = z.strictObject({
  id: z.string().describe('A UUID, as ECS gives (ecs-facts S-058).'),
  createdAt: z.number().describe('TODO'),
  message: z.string().describe('TODO'),
});

/** A task set as `describe-services` shows it (ecs-facts S-097, S-125). */
export const taskSetResultSchema = z.strictObject({
  id: z.string().describe('`ecs-svc/` and 19 digits.'),
  taskSetArn: z.string().describe('TODO'),
  serviceArn: z.string().describe('TODO'),
  status: z.enum(['ACTIVE', 'DRAINING', 'PRIMARY']).describe('TODO'),
  taskDefinition: z.string().describe('TODO'),
  computedDesiredCount: z.number().describe('TODO'),
  pendingCount: z.number().describe('TODO'),
  runningCount: z.number().describe('TODO'),
  scale: z.strictObject({
    value: z.number().describe('TODO'),
    unit: z.literal('PERCENT').describe('TODO'),
  }).describe('TODO'),
  stabilityStatus: z.enum(['STEADY_STATE', 'STABILIZING']).describe('TODO'),
  externalId: z.string().exactOptional().describe("The CodeDeploy deployment that created it (ecs-facts S-097); absent for the service's first task set."),
  launchType: z.string().describe('TODO'),
  createdAt: z.number().describe('TODO'),
  updatedAt: z.number().describe('TODO'),
  loadBalancers: list(z.strictObject({
    targetGroupArn: z.string().describe('TODO'),
    containerName: z.string().describe('TODO'),
    containerPort: z.number().describe('TODO'),
  })).describe('TODO'),
});

/** `describe-services` for one service (ecs-facts S-125), plus what a run can tell. */
export const serviceResultSchema = z.strictObject({
  serviceArn: z.string().describe('TODO'),
  serviceName: z.string().describe('TODO'),
  status: serviceStatusSchema.describe('TODO'),
  desiredCount: z.number().describe('TODO'),
  runningCount: z.number().describe('TODO'),
  pendingCount: z.number().describe('TODO'),
  launchType: z.string().describe('TODO'),
  capacityProviderStrategy: list(capacityProviderStrategyItemSchema).exactOptional().describe('Present when the service runs by capacity provider strategy (ecs-facts A-028).'),
  schedulingStrategy: z.string().describe('TODO'),
  taskDefinition: z.string().describe('TODO'),
  deploymentConfiguration: z.strictObject({
    minimumHealthyPercent: z.number().describe('TODO'),
    maximumPercent: z.number().describe('TODO'),
    deploymentCircuitBreaker: deploymentCircuitBreakerSchema.exactOptional().describe('TODO'),
    alarms: deploymentAlarmsSchema.exactOptional().describe('TODO'),
    strategy: z.enum(['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY']).exactOptional().describe('TODO'),
    bakeTimeInMinutes: z.number().exactOptional().describe('TODO'),
    linearConfiguration: linearConfigurationSchema.exactOptional().describe('TODO'),
    canaryConfiguration: canaryConfigurationSchema.exactOptional().describe('TODO'),
    lifecycleHooks: list(deploymentLifecycleHookSchema).exactOptional().describe('TODO'),
  }).describe('TODO'),
  placementConstraints: list(placementConstraintSchema).describe('TODO'),
  placementStrategy: list(placementStrategySchema).describe('TODO'),
  healthCheckGracePeriodSeconds: z.number().describe('TODO'),
  availabilityZoneRebalancing: z.enum(['ENABLED', 'DISABLED']).describe('ecs-facts S-025: DISABLED when the service never had a value.'),
  createdAt: z.number().describe('TODO'),
  deployments: list(deploymentSchema).describe('TODO'),
  events: list(serviceEventSchema).describe('Newest first, at most 100, as DescribeServices returns them (ecs-facts S-058).'),
  eventCount: z.number().describe('TODO'),
  steadyStateAt: z.number().exactOptional().describe('When the service last reached a steady state, if it did.'),
  deploymentController: z.strictObject({
    type: z.enum(['EXTERNAL', 'ECS', 'CODE_DEPLOY']).describe('TODO'),
  }).exactOptional().describe('As CreateService gave it (absent: ECS, ecs-facts S-050).'),
  taskSets: list(taskSetResultSchema).exactOptional().describe('CODE_DEPLOY services: their task sets instead of deployments (ecs-facts S-090, S-097).'),
});

/** `describe-services` as it answered at one moment of the run (ecs-facts S-125; events as S-058). */
export const describeServicesSnapshotSchema = z.strictObject({
  at: z.number().describe('Simulated ms: after everything that happened at that instant.'),
  services: z.record(z.string(), serviceResultSchema).describe('The services that existed then, by name, as in `EcsResult.services`.'),
});

/** The ECS control plane: the API (RunTask, StopTask), the desired state of every task, and the view it builds from what agents and Fargate report. Like real ECS it holds the desired state and learns the actual state only from reports. */
export const runTaskFailureSchema = z.strictObject({
  arn: z.string().exactOptional().describe('TODO'),
  reason: z.string().describe('TODO'),
  detail: z.string().exactOptional().describe('TODO'),
});

/** ecs-facts T-112: `{ tasks, failures }`, or an exception for a cluster with no instances. */
export const runTaskOutcomeSchema = z.strictObject({
  t: z.number().describe('TODO'),
  label: z.string().describe('TODO'),
  tasks: list(z.string()).describe('TODO'),
  failures: list(runTaskFailureSchema).describe('TODO'),
  exception: z.string().exactOptional().describe('TODO'),
});

export const placementStatusSchema = z.enum(['Success', 'Unplaceable', 'Error']);

/** One instance's part in a decision: rejected by a filter, or ranked. */
export const candidateExplanationSchema = z.strictObject({
  containerInstanceArn: z.string().describe('TODO'),
  ec2InstanceId: z.string().describe('TODO'),
  rejectedBy: z.string().exactOptional().describe('TODO'),
  reason: z.string().exactOptional().describe('TODO'),
  detail: z.string().exactOptional().describe('TODO'),
  ranks: list(z.number()).exactOptional().describe('Per strategy, in order, when it passed every filter.'),
});

/** One placement decision, kept for `explain` (every instance) or when it failed (the summary). */
export const placementRecordSchema = z.strictObject({
  t: z.number().describe('TODO'),
  label: z.string().describe('TODO'),
  group: z.string().describe('TODO'),
  status: placementStatusSchema.describe('TODO'),
  taskArn: z.string().exactOptional().describe('TODO'),
  chosen: z.string().exactOptional().describe('TODO'),
  strategies: list(z.string()).describe('TODO'),
  candidates: list(candidateExplanationSchema).exactOptional().describe('Per instance, when explanations were asked for.'),
  closest: z.strictObject({
    containerInstanceArn: z.string().describe('TODO'),
    reason: z.string().describe('TODO'),
    detail: z.string().describe('TODO'),
  }).exactOptional().describe('What stopped the closest instance, when nothing fitted.'),
});

/** A container instance's status, as describe-container-instances says it. */
export const containerInstanceStatusSchema = z.enum(['REGISTERING', 'REGISTRATION_FAILED', 'ACTIVE', 'INACTIVE', 'DEREGISTERING', 'DRAINING']);

/**
 * An ECS state change, as the control plane recorded it: a task's or a container instance's.
 * (The model types these as open records; their two shapes are described here, and every
 * bundled scenario's events are parsed with them.)
 */
export const ecsEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    t: z.number().describe('When it happened (simulated ms).'),
    type: z.literal('TaskStateChange').describe('A task changed: its status, health or stop reason (one event per `version`).'),
    taskArn: z.string().describe('The task that changed.'),
    lastStatus: taskStatusSchema.describe('The task\'s status after the change.'),
    desiredStatus: desiredStatusSchema.describe('The status ECS wants the task in after the change.'),
    healthStatus: healthStatusSchema.describe('The task\'s health after the change.'),
    version: z.number().describe('The task\'s version after the change: one more per change that emits an event (ecs-facts T-022).'),
    stopCode: stopCodeSchema.exactOptional().describe('Why the task stops, once it is stopping.'),
    stoppedReason: z.string().exactOptional().describe('Why the task stops, in words, once it is stopping.'),
  }),
  z.strictObject({
    t: z.number().describe('When it happened (simulated ms).'),
    type: z.literal('ContainerInstanceStateChange').describe('A container instance changed: its status or its agent\'s connection.'),
    containerInstanceArn: z.string().describe('The container instance that changed.'),
    ec2InstanceId: z.string().describe('Its EC2 instance.'),
    status: containerInstanceStatusSchema.describe('Its status after the change.'),
    agentConnected: z.boolean().describe('Whether its ECS agent is connected after the change.'),
  }),
]);

export const codeDeployDeploymentStatusSchema = z.enum(['Created', 'InProgress', 'Succeeded', 'Failed', 'Stopped']);

export const lifecycleEventStatusSchema = z.enum(['InProgress', 'Succeeded', 'Failed', 'Pending', 'Skipped']);

export const codeDeployLifecycleEventSchema = z.strictObject({
  lifecycleEventName: z.enum(['BeforeInstall', 'Install', 'AfterInstall', 'AllowTestTraffic', 'AfterAllowTestTraffic', 'BeforeAllowTraffic', 'AllowTraffic', 'AfterAllowTraffic']).describe('TODO'),
  status: lifecycleEventStatusSchema.describe('TODO'),
  startTime: z.number().exactOptional().describe('TODO'),
  endTime: z.number().exactOptional().describe('TODO'),
});

/** GetDeployment's `deploymentInfo`, the fields the model fills, plus the traffic history. */
export const codeDeployDeploymentSchema = z.strictObject({
  deploymentId: z.string().describe('`d-` and 9 upper-case letters and digits.'),
  applicationName: z.string().describe('TODO'),
  deploymentGroupName: z.string().describe('TODO'),
  deploymentConfigName: z.string().describe('TODO'),
  serviceName: z.string().describe('TODO'),
  status: codeDeployDeploymentStatusSchema.describe('TODO'),
  createTime: z.number().describe('TODO'),
  completeTime: z.number().exactOptional().describe('TODO'),
  taskDefinition: z.string().describe('TODO'),
  originalTaskSet: z.string().describe('The original and replacement task set ids.'),
  replacementTaskSet: z.string().describe('TODO'),
  lifecycleEvents: list(codeDeployLifecycleEventSchema).describe('TODO'),
  errorInformation: z.strictObject({
    code: z.string().describe('TODO'),
    message: z.string().describe('TODO'),
  }).exactOptional().describe('TODO'),
  rollbackInfo: z.strictObject({
    rollbackMessage: z.string().describe('TODO'),
  }).exactOptional().describe('Set when traffic was returned to the original task set.'),
  trafficShifts: list(z.strictObject({
    at: z.number().describe('TODO'),
    original: z.number().describe('TODO'),
    replacement: z.number().describe('TODO'),
  })).describe("The production listener's weights (%) after each shift, in time order: the original and the replacement task set's."),
});

export const ecsResultSchema = z.strictObject({
  clusterArn: z.string().describe('TODO'),
  taskCounts: z.record(z.string(), z.number()).describe('Counts by lastStatus over all tasks, every state listed: `{ PROVISIONING: 0, ..., RUNNING: 3, ..., STOPPED: 1 }`.'),
  tasksByLabel: z.record(z.string(), list(taskResultSchema)).describe('Tasks by the label of the RunTask that made them, in creation order.'),
  containerInstances: list(containerInstanceResultSchema).describe('TODO'),
  services: z.record(z.string(), serviceResultSchema).describe('`describe-services` at the end of the run, by service name.'),
  describeServices: list(describeServicesSnapshotSchema).describe('`describe-services` at each time the scenario asked for (`ecs.describeServicesAt`), in time order.'),
  runTask: list(runTaskOutcomeSchema).describe('TODO'),
  placements: list(placementRecordSchema).describe('Failed placements, and every placement when explanations were asked for.'),
  actions: list(z.strictObject({
    t: z.number().describe('TODO'),
    action: z.string().describe('TODO'),
    outcome: z.string().describe('TODO'),
  })).describe('TODO'),
  images: z.strictObject({
    pulls: z.number().describe('TODO'),
    cacheHits: z.number().describe('TODO'),
    totalPullMs: z.number().describe('TODO'),
  }).describe('Registry pulls made, how many found the image cached (skipped or manifest-only), and their total time.'),
  events: list(ecsEventSchema).describe('TODO'),
  invariantViolations: list(z.string()).describe('TODO'),
  codeDeployDeployments: list(codeDeployDeploymentSchema).exactOptional().describe("CodeDeploy deployments of CODE_DEPLOY services (GetDeployment's deploymentInfo, plus the traffic shifts), in creation order; absent when there were none."),
});

export const listenerProtocolSchema = z.enum(['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP']);

/** The counts CloudWatch's AWS/ApplicationELB and AWS/NetworkELB metrics would show for the same requests (HTTPCode_ELB_5XX_Count is the load balancer's own 5XX, HTTPCode_Target_* the targets'; TCP_*_Reset_Count the NLB's resets by who sent them). */
export const elbCodeCountsSchema = z.strictObject({
  RequestCount: z.number().describe('TODO'),
  HTTPCode_ELB_4XX_Count: z.number().describe('TODO'),
  HTTPCode_ELB_5XX_Count: z.number().describe('TODO'),
  HTTPCode_ELB_502_Count: z.number().describe('TODO'),
  HTTPCode_ELB_503_Count: z.number().describe('TODO'),
  HTTPCode_ELB_504_Count: z.number().describe('TODO'),
  HTTPCode_Target_2XX_Count: z.number().describe('TODO'),
  HTTPCode_Target_3XX_Count: z.number().describe('TODO'),
  HTTPCode_Target_4XX_Count: z.number().describe('TODO'),
  HTTPCode_Target_5XX_Count: z.number().describe('TODO'),
  TCP_ELB_Reset_Count: z.number().describe('TODO'),
  TCP_Target_Reset_Count: z.number().describe('TODO'),
});

export const latencySummarySchema = z.strictObject({
  count: z.number().describe('TODO'),
  mean: z.number().describe('Arithmetic mean in ms (0 when there are no samples).'),
  p50: z.number().describe('TODO'),
  p90: z.number().describe('TODO'),
  p99: z.number().describe('TODO'),
  max: z.number().exactOptional().describe("The largest sample. Absent where the model has no maximum (the fluid mode's unbounded tails)."),
});

export const responseSourceSchema = z.enum(['elb', 'target', 'client']);

export const statusCountSchema = z.strictObject({
  status: z.number().describe('TODO'),
  source: responseSourceSchema.describe('TODO'),
  count: z.number().describe('TODO'),
});

export const elbRequestSummarySchema = z.strictObject({
  counts: elbCodeCountsSchema.describe('TODO'),
  key: z.string().describe('TODO'),
  count: z.number().describe('Responses recorded (in the fluid mode: expected requests, not necessarily whole).'),
  errors: z.number().describe("Responses with a status of 400 or more, or 0 (a reset connection), whatever their source (a client's 460 included)."),
  latency: latencySummarySchema.describe('Latency of every response, errors included: the time the client waited.'),
  codes: list(statusCountSchema).describe('Counts by (status, source), ordered by status then source (elb, target, client).'),
});

export const loadBalancerResultSchema = z.strictObject({
  LoadBalancerName: z.string().describe('TODO'),
  LoadBalancerArn: z.string().describe('TODO'),
  Type: z.enum(['application', 'network']).describe('TODO'),
  Scheme: z.enum(['internet-facing', 'internal']).describe('TODO'),
  AvailabilityZones: list(z.string()).describe('TODO'),
  Listeners: list(z.strictObject({
    ListenerArn: z.string().describe('TODO'),
    Port: z.number().describe('TODO'),
    Protocol: listenerProtocolSchema.describe('TODO'),
  })).describe('TODO'),
  requests: elbRequestSummarySchema.exactOptional().describe('Every request the load balancer answered (absent with a custom stats recorder).'),
  inFlight: z.number().describe('Requests still in flight to targets when the result was taken.'),
});

/** DescribeTargetGroups' `TargetGroup`, as the API returns it. */
export const targetGroupDescriptionSchema = z.strictObject({
  TargetGroupArn: z.string().describe('TODO'),
  TargetGroupName: z.string().describe('TODO'),
  Protocol: z.string().describe('TODO'),
  Port: z.number().describe('TODO'),
  HealthCheckProtocol: z.string().describe('TODO'),
  HealthCheckPort: z.string().describe('TODO'),
  HealthCheckEnabled: z.literal(true).describe('TODO'),
  HealthCheckIntervalSeconds: z.number().describe('TODO'),
  HealthCheckTimeoutSeconds: z.number().describe('TODO'),
  HealthyThresholdCount: z.number().describe('TODO'),
  UnhealthyThresholdCount: z.number().describe('TODO'),
  HealthCheckPath: z.string().exactOptional().describe('TODO'),
  Matcher: z.strictObject({
    HttpCode: z.string().describe('TODO'),
  }).exactOptional().describe('TODO'),
  LoadBalancerArns: list(z.string()).describe('TODO'),
  TargetType: z.enum(['instance', 'ip']).describe('TODO'),
});

/** A target as DescribeTargetHealth shows it. */
export const targetViewSchema = z.strictObject({
  Id: z.string().describe('TODO'),
  Port: z.number().describe('TODO'),
  AvailabilityZone: z.string().describe('TODO'),
});

export const targetHealthStateSchema = z.enum(['initial', 'healthy', 'unhealthy', 'unhealthy.draining', 'unused', 'draining', 'unavailable']);

/** A health change of one target, at time `t` (ms). */
export const healthHistoryEntrySchema = z.strictObject({
  t: z.number().describe('TODO'),
  State: targetHealthStateSchema.describe('TODO'),
  Reason: z.enum(['Elb.RegistrationInProgress', 'Elb.InitialHealthChecking', 'Elb.InternalError', 'Target.ResponseCodeMismatch', 'Target.Timeout', 'Target.FailedHealthChecks', 'Target.NotRegistered', 'Target.NotInUse', 'Target.InvalidState', 'Target.IpUnusable', 'Target.DeregistrationInProgress', 'Target.HealthCheckDisabled']).exactOptional().describe('TODO'),
  Description: z.string().exactOptional().describe('TODO'),
});

export const targetRequestSummarySchema = z.strictObject({
  count: z.number().describe('TODO'),
  errors: z.number().describe('TODO'),
  meanMs: z.number().describe('TODO'),
  maxMs: z.number().describe('TODO'),
  codes: list(statusCountSchema).describe('TODO'),
});

/** `HealthyHostCount` and `UnHealthyHostCount` from time `t` on. */
export const hostCountSampleSchema = z.strictObject({
  t: z.number().describe('TODO'),
  HealthyHostCount: z.number().describe('TODO'),
  UnHealthyHostCount: z.number().describe('TODO'),
});

/** `TargetHealth` in the API's shape. `Reason` and `Description` are absent when healthy (L-013). */
export const targetHealthSchema = z.strictObject({
  State: targetHealthStateSchema.describe('TODO'),
  Reason: z.enum(['Elb.RegistrationInProgress', 'Elb.InitialHealthChecking', 'Elb.InternalError', 'Target.ResponseCodeMismatch', 'Target.Timeout', 'Target.FailedHealthChecks', 'Target.NotRegistered', 'Target.NotInUse', 'Target.InvalidState', 'Target.IpUnusable', 'Target.DeregistrationInProgress', 'Target.HealthCheckDisabled']).exactOptional().describe('TODO'),
  Description: z.string().exactOptional().describe('TODO'),
});

/** One `TargetHealthDescriptions` entry. */
export const targetHealthDescriptionSchema = z.strictObject({
  Target: targetViewSchema.describe('TODO'),
  HealthCheckPort: z.string().describe('TODO'),
  TargetHealth: targetHealthSchema.describe('TODO'),
});

export const targetGroupResultSchema = z.strictObject({
  TargetGroup: targetGroupDescriptionSchema.describe('TODO'),
  Attributes: list(z.strictObject({
    Key: z.string().describe('TODO'),
    Value: z.string().describe('TODO'),
  })).describe('Every attribute with its effective value (DescribeTargetGroupAttributes).'),
  requests: elbRequestSummarySchema.exactOptional().describe('Absent when a custom stats recorder collected the requests.'),
  targets: list(z.strictObject({
    Target: targetViewSchema.describe('TODO'),
    history: list(healthHistoryEntrySchema).describe('TODO'),
    requests: targetRequestSummarySchema.exactOptional().describe('TODO'),
  })).describe('Every target ever registered, with its health history (reason codes as ELB gives them).'),
  hostCounts: list(hostCountSampleSchema).describe('HealthyHostCount / UnHealthyHostCount over time: one sample per change.'),
  TargetHealthDescriptions: list(targetHealthDescriptionSchema).describe('DescribeTargetHealth at the end of the run.'),
  describeTargetHealth: list(z.strictObject({
    at: z.number().describe('TODO'),
    TargetHealthDescriptions: list(targetHealthDescriptionSchema).describe('TODO'),
  })).describe('DescribeTargetHealth at each time the scenario asked for (`elb.describeTargetHealthAt`).'),
});

/** The ELB part of a run's result: JSON-serialisable. */
export const elbResultSchema = z.strictObject({
  loadBalancers: list(loadBalancerResultSchema).describe('TODO'),
  targetGroups: list(targetGroupResultSchema).describe('TODO'),
});

export const requestSummarySchema = z.strictObject({
  key: z.string().describe('TODO'),
  count: z.number().describe('Responses recorded (in the fluid mode: expected requests, not necessarily whole).'),
  errors: z.number().describe("Responses with a status of 400 or more, or 0 (a reset connection), whatever their source (a client's 460 included)."),
  latency: latencySummarySchema.describe('Latency of every response, errors included: the time the client waited.'),
  codes: list(statusCountSchema).describe('Counts by (status, source), ordered by status then source (elb, target, client).'),
});

/** Runs a validated scenario: builds the model on a fresh simulation, runs it to `until`, and gathers one JSON-serialisable result. The result holds nothing that depends on the host (no wall time, no file paths), so the same scenario and seed give the same bytes. */
export const workloadResultSchema = z.strictObject({
  name: z.string().describe('TODO'),
  mode: z.enum(['fluid']).exactOptional().describe('`fluid` for the aggregate mode: counts are expected values, and latency has no max.'),
  sent: z.number().describe('TODO'),
  finished: z.number().describe('TODO'),
  inFlight: z.number().describe('TODO'),
  total: requestSummarySchema.describe('Every request of the workload, as its clients saw them.'),
  routes: list(requestSummarySchema).describe('TODO'),
});

export const alarmStateValueSchema = z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']);

export const dimensionSchema = z.strictObject({
  Name: z.string().describe('TODO'),
  Value: z.string().describe('TODO'),
});

/** `DescribeAlarms` `MetricAlarms[]` entry. */
export const metricAlarmDescriptionSchema = z.strictObject({
  AlarmDescription: z.string().exactOptional().describe('TODO'),
  Statistic: z.string().exactOptional().describe('TODO'),
  ExtendedStatistic: z.string().exactOptional().describe('TODO'),
  Unit: z.string().exactOptional().describe('TODO'),
  EvaluateLowSampleCountPercentile: z.string().exactOptional().describe('TODO'),
  StateValue: alarmStateValueSchema.describe('TODO'),
  StateReason: z.string().describe('TODO'),
  StateReasonData: z.string().exactOptional().describe('TODO'),
  StateUpdatedTimestamp: z.string().describe('TODO'),
  AlarmConfigurationUpdatedTimestamp: z.string().describe('TODO'),
  AlarmName: z.string().describe('TODO'),
  ActionsEnabled: z.boolean().describe('TODO'),
  OKActions: list(z.string()).describe('TODO'),
  AlarmActions: list(z.string()).describe('TODO'),
  InsufficientDataActions: list(z.string()).describe('TODO'),
  MetricName: z.string().describe('TODO'),
  Namespace: z.string().describe('TODO'),
  Dimensions: list(dimensionSchema).describe('TODO'),
  Period: z.number().describe('TODO'),
  EvaluationPeriods: z.number().describe('TODO'),
  DatapointsToAlarm: z.number().describe('Defaults to EvaluationPeriods (an N-out-of-N alarm).'),
  Threshold: z.number().describe('TODO'),
  ComparisonOperator: z.enum(['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold']).describe('TODO'),
  TreatMissingData: z.enum(['missing', 'notBreaching', 'breaching', 'ignore']).describe('Defaults to `missing` (C-024).'),
});

export const alarmHistoryItemSchema = z.strictObject({
  AlarmName: z.string().describe('TODO'),
  AlarmType: z.literal('MetricAlarm').describe('TODO'),
  Timestamp: z.string().describe('TODO'),
  HistoryItemType: z.enum(['ConfigurationUpdate', 'StateUpdate', 'Action']).describe('TODO'),
  HistorySummary: z.string().describe('TODO'),
  HistoryData: z.string().describe('TODO'),
});

export const metricDataResultSchema = z.strictObject({
  Id: z.string().describe('TODO'),
  Label: z.string().describe('TODO'),
  Timestamps: list(z.string()).describe('TODO'),
  Values: list(z.number()).describe('TODO'),
  StatusCode: z.literal('Complete').describe('TODO'),
  Messages: z.tuple([]).describe('TODO'),
});

/** CloudWatch at the end of the run, in the APIs' shapes. */
export const cloudwatchResultSchema = z.strictObject({
  alarms: z.strictObject({
    MetricAlarms: list(metricAlarmDescriptionSchema).describe('TODO'),
  }).describe('DescribeAlarms.'),
  history: list(alarmHistoryItemSchema).describe('DescribeAlarmHistory, oldest first (the API answers newest first).'),
  metricData: list(metricDataResultSchema).describe('GetMetricData over the whole run for `cloudwatch.metrics`, oldest first (ScanBy TimestampAscending); what is published by the end (C-019 delay).'),
});

export const deploymentOutcomeSchema = z.enum(['IN_PROGRESS', 'COMPLETED', 'FAILED', 'SUPERSEDED']);

/** Where a deployment's time went, in the order a deployment meets them (DEPLOYMENT_PHASES). */
export const deploymentPhaseSchema = z.enum(['placement', 'provisioning', 'imagePull', 'containerStart', 'registration', 'healthChecks', 'deregistrationDelay', 'stopping', 'lifecycleHooks', 'trafficShift', 'bake', 'scheduler']);

export const phaseTotalSchema = z.strictObject({
  name: deploymentPhaseSchema.describe('TODO'),
  totalMs: z.number().describe("Summed over the deployment's tasks (for `placement` and `scheduler`, which belong to no task: their critical-path time)."),
  criticalPathMs: z.number().describe('TODO'),
});

/** A span of one task's (or, with `taskId` null, the deployment's or the scheduler's) time. */
export const phaseSpanSchema = z.strictObject({
  taskId: z.union([z.null(), z.string()]).describe('TODO'),
  phase: deploymentPhaseSchema.describe('TODO'),
  startMs: z.number().describe('TODO'),
  endMs: z.number().describe('TODO'),
});

export const deploymentRecordSchema = z.strictObject({
  id: z.string().describe('`ecs-svc/…` (ecs-facts S-075).'),
  serviceName: z.string().describe('TODO'),
  strategy: z.string().describe("The service's deployment strategy when it started; ROLLING unless the service names another."),
  taskDefinition: z.string().describe('TODO'),
  startMs: z.number().describe('TODO'),
  endMs: z.number().describe('When it completed, failed or was superseded; the end of the run while IN_PROGRESS.'),
  durationMs: z.number().describe('TODO'),
  outcome: deploymentOutcomeSchema.describe('TODO'),
  rollbackTo: z.string().exactOptional().describe('On a rollback deployment: the deployment it returns to (ecs-facts S-087).'),
  rolledBackBy: z.string().exactOptional().describe('On a FAILED deployment the circuit breaker rolled back: the rollback deployment.'),
  desiredCount: z.number().describe("The service's desiredCount and deployment configuration when the deployment started."),
  minimumHealthyPercent: z.number().describe('TODO'),
  maximumPercent: z.number().describe('TODO'),
  healthyFloor: z.number().describe('ceil(desiredCount × minimumHealthyPercent / 100) (ecs-facts S-067, L-046).'),
  runningCeiling: z.number().describe('floor(desiredCount × maximumPercent / 100) (ecs-facts S-067, L-046).'),
  minHealthyCount: z.number().describe('The fewest healthy service tasks (S-045) at the end of any instant while it ran.'),
  maxRunningCount: z.number().describe('The most service tasks RUNNING or on their way to it (PROVISIONING, PENDING, ACTIVATING) and not being stopped, at the end of any instant while it ran (S-067).'),
  tasksStarted: z.number().describe('Tasks the deployment started (their `startedBy` is its id) while it ran.'),
  tasksStopped: z.number().describe("The deployment's tasks, and the older ones it stopped, that reached STOPPED while it ran."),
  phases: list(phaseTotalSchema).describe('Every phase, in DEPLOYMENT_PHASES order.'),
  criticalPath: list(phaseSpanSchema).describe('Oldest first; contiguous from startMs to endMs, so the spans sum to durationMs exactly.'),
});

export const suspendedStateSchema = z.strictObject({
  DynamicScalingInSuspended: z.boolean().describe('TODO'),
  DynamicScalingOutSuspended: z.boolean().describe('TODO'),
  ScheduledScalingSuspended: z.boolean().describe('TODO'),
});

export const scalableTargetDescriptionSchema = z.strictObject({
  ServiceNamespace: z.literal('ecs').describe('TODO'),
  ResourceId: z.string().describe('TODO'),
  ScalableDimension: z.literal('ecs:service:DesiredCount').describe('TODO'),
  MinCapacity: z.number().describe('TODO'),
  MaxCapacity: z.number().describe('TODO'),
  RoleARN: z.string().describe('TODO'),
  CreationTime: z.number().describe('Epoch seconds.'),
  SuspendedState: suspendedStateSchema.describe('TODO'),
});

export const scalingPolicyDescriptionSchema = z.strictObject({
  PolicyARN: z.string().describe('TODO'),
  PolicyName: z.string().describe('TODO'),
  ServiceNamespace: z.literal('ecs').describe('TODO'),
  ResourceId: z.string().describe('TODO'),
  ScalableDimension: z.literal('ecs:service:DesiredCount').describe('TODO'),
  PolicyType: z.enum(['TargetTrackingScaling', 'StepScaling']).describe('TODO'),
  TargetTrackingScalingPolicyConfiguration: z.strictObject({
    TargetValue: z.number().describe('TODO'),
    PredefinedMetricSpecification: z.strictObject({
      PredefinedMetricType: z.enum(['ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization', 'ALBRequestCountPerTarget']).describe('TODO'),
      ResourceLabel: z.string().optional().describe('TODO'),
    }).optional().describe('TODO'),
    CustomizedMetricSpecification: z.strictObject({
      MetricName: z.string().describe('TODO'),
      Namespace: z.string().describe('TODO'),
      Statistic: z.enum(['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum']).describe('TODO'),
      Dimensions: list(z.strictObject({
        Name: z.string().describe('TODO'),
        Value: z.string().describe('TODO'),
      })).optional().describe('TODO'),
      Unit: z.string().optional().describe('TODO'),
    }).optional().describe('TODO'),
    ScaleOutCooldown: z.number().optional().describe('TODO'),
    ScaleInCooldown: z.number().optional().describe('TODO'),
    DisableScaleIn: z.boolean().optional().describe('TODO'),
  }).optional().describe('TODO'),
  StepScalingPolicyConfiguration: z.strictObject({
    AdjustmentType: z.enum(['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity']).describe('TODO'),
    StepAdjustments: list(z.strictObject({
      ScalingAdjustment: z.number().describe('TODO'),
      MetricIntervalLowerBound: z.number().optional().describe('TODO'),
      MetricIntervalUpperBound: z.number().optional().describe('TODO'),
    })).describe('TODO'),
    MinAdjustmentMagnitude: z.number().optional().describe('TODO'),
    Cooldown: z.number().optional().describe('TODO'),
    MetricAggregationType: z.enum(['Average', 'Minimum', 'Maximum']).optional().describe('TODO'),
  }).optional().describe('TODO'),
  Alarms: list(z.strictObject({
    AlarmName: z.string().describe('TODO'),
    AlarmARN: z.string().describe('TODO'),
  })).describe('TODO'),
  CreationTime: z.number().describe('Epoch seconds.'),
});

export const scheduledActionDescriptionSchema = z.strictObject({
  ScheduledActionName: z.string().describe('TODO'),
  ScheduledActionARN: z.string().describe('TODO'),
  ServiceNamespace: z.literal('ecs').describe('TODO'),
  Schedule: z.string().describe('TODO'),
  Timezone: z.string().describe('TODO'),
  ResourceId: z.string().describe('TODO'),
  ScalableDimension: z.literal('ecs:service:DesiredCount').describe('TODO'),
  StartTime: z.number().exactOptional().describe('TODO'),
  EndTime: z.number().exactOptional().describe('TODO'),
  ScalableTargetAction: z.strictObject({
    MinCapacity: z.number().optional().describe('TODO'),
    MaxCapacity: z.number().optional().describe('TODO'),
  }).describe('TODO'),
  CreationTime: z.number().describe('TODO'),
});

export const scalingActivityStatusCodeSchema = z.enum(['InProgress', 'Failed', 'Pending', 'Successful', 'Overridden', 'Unfulfilled']);

export const notScaledReasonCodeSchema = z.enum(['AlreadyAtMaxCapacity', 'AlreadyAtMinCapacity', 'AlreadyAtDesiredCapacity']);

export const notScaledReasonSchema = z.strictObject({
  Code: notScaledReasonCodeSchema.describe('TODO'),
  MaxCapacity: z.number().exactOptional().describe('TODO'),
  MinCapacity: z.number().exactOptional().describe('TODO'),
  CurrentCapacity: z.number().exactOptional().describe('TODO'),
});

/** `DescribeScalingActivities` `ScalingActivities[]` entry. */
export const scalingActivitySchema = z.strictObject({
  ActivityId: z.string().describe('TODO'),
  ServiceNamespace: z.literal('ecs').describe('TODO'),
  ResourceId: z.string().describe('TODO'),
  ScalableDimension: z.literal('ecs:service:DesiredCount').describe('TODO'),
  Description: z.string().describe('TODO'),
  Cause: z.string().describe('TODO'),
  StartTime: z.number().describe("Epoch seconds (the API's JSON form)."),
  EndTime: z.number().describe('Epoch seconds.'),
  StatusCode: scalingActivityStatusCodeSchema.describe('TODO'),
  StatusMessage: z.string().describe('TODO'),
  NotScaledReasons: list(notScaledReasonSchema).exactOptional().describe('TODO'),
});

/** One minute's view of a scalable target: what the result charts as desired vs running. */
export const scalingSampleSchema = z.strictObject({
  t: z.number().describe('TODO'),
  desired: z.number().describe('TODO'),
  running: z.number().describe('TODO'),
});

export const autoscalingResultSchema = z.strictObject({
  scalableTargets: list(scalableTargetDescriptionSchema).describe('DescribeScalableTargets.'),
  scalingPolicies: list(scalingPolicyDescriptionSchema).describe('DescribeScalingPolicies (with the alarms target tracking created).'),
  scheduledActions: list(scheduledActionDescriptionSchema).describe('TODO'),
  activities: list(scalingActivitySchema).describe('DescribeScalingActivities with IncludeNotScaledActivities, oldest first.'),
  series: z.record(z.string(), list(scalingSampleSchema)).describe('Desired and running count of each target at every minute boundary, by ResourceId.'),
});

export const managedScalingSampleSchema = z.strictObject({
  t: z.number().describe('TODO'),
  DesiredCapacity: z.number().describe('TODO'),
  InService: z.number().describe('TODO'),
  CapacityProviderReservation: z.number().describe('TODO'),
  provisioningTasks: z.number().describe('TODO'),
});

export const scalingActionSchema = z.strictObject({
  t: z.number().describe('TODO'),
  kind: z.enum(['scaleOut', 'scaleIn']).describe('TODO'),
  AlarmName: z.string().describe('TODO'),
  from: z.number().describe('TODO'),
  to: z.number().describe('TODO'),
  reason: z.string().describe('TODO'),
});

/** One change of the group, for the result. */
export const autoScalingGroupActivitySchema = z.strictObject({
  t: z.number().describe('TODO'),
  kind: z.enum(['launch', 'terminateWait', 'terminate', 'terminationAborted']).describe('TODO'),
  instance: z.string().describe('TODO'),
});

export const capacityProviderScalingResultSchema = z.strictObject({
  autoScalingGroupName: z.string().describe('TODO'),
  alarms: z.strictObject({
    high: z.string().describe('TODO'),
    low: z.string().describe('TODO'),
  }).describe('TODO'),
  samples: list(managedScalingSampleSchema).describe('TODO'),
  scalingActions: list(scalingActionSchema).describe('TODO'),
  activities: list(autoScalingGroupActivitySchema).describe('TODO'),
  firstProvisioningAtMs: z.number().exactOptional().describe('TODO'),
  steadyStateAtMs: z.number().exactOptional().describe('TODO'),
  timeToSteadyStateMs: z.number().exactOptional().describe("From the first PROVISIONING task to its services' next steady state."),
});

export const managedScalingResultSchema = z.strictObject({
  capacityProviders: z.record(z.string(), capacityProviderScalingResultSchema).describe('TODO'),
});

export const costGroupSchema = z.enum(['elb', 'ec2', 'fargate', 'ecsAnywhere']);

export const costLineSchema = z.strictObject({
  group: costGroupSchema.describe('TODO'),
  item: z.string().describe('TODO'),
  quantity: z.number().describe('TODO'),
  unit: z.string().describe('TODO'),
  unitPrice: z.number().describe('USD per unit.'),
  cost: z.number().describe('quantity × unitPrice, USD.'),
  priceSource: z.string().describe('Where the unit price came from: a fact id, an assumption or `scenario`.'),
});

/** Usage the table has no price for: never priced at 0. */
export const unpricedItemSchema = z.strictObject({
  group: costGroupSchema.describe('TODO'),
  item: z.string().describe('TODO'),
  quantity: z.number().describe('TODO'),
  unit: z.string().describe('TODO'),
  message: z.string().describe('TODO'),
});

export const costResultSchema = z.strictObject({
  currency: z.literal('USD').describe('TODO'),
  region: z.string().describe('TODO'),
  asOf: z.string().describe('TODO'),
  verified: z.boolean().describe('TODO'),
  lines: list(costLineSchema).describe('TODO'),
  totals: z.strictObject({
    ec2: z.number().describe('TODO'),
    fargate: z.number().describe('TODO'),
    elb: z.number().describe('TODO'),
    ecsAnywhere: z.number().describe('TODO'),
    total: z.number().describe('TODO'),
  }).describe('TODO'),
  hours: z.number().describe('Simulated hours the run covered.'),
  perHour: z.union([z.null(), z.number()]).describe('total / hours: compares what-ifs of different lengths; null for a run of length 0.'),
  unpriced: list(unpricedItemSchema).describe('TODO'),
  notMetered: list(z.string()).describe('What the cost leaves out because the model does not measure it.'),
});

/** Expectations: assertions a scenario carries about its own result, at the end of the run (`that`, a path into the run result) or throughout it (`throughout`, a probe checked at every change). Each failure says what was expected and what was seen. */
export const expectationResultSchema = z.strictObject({
  index: z.number().describe("Position in the scenario's `expectations` list."),
  claim: z.string().describe('`queueing.checkout.meanWaitMs ≈ 1185 ± 5%`'),
  status: z.enum(['passed', 'failed', 'invalid']).describe('TODO'),
  seen: z.union([z.null(), z.string(), z.number(), z.boolean()]).exactOptional().describe('What was seen: the final value, or the first violating value for `throughout`.'),
  atMs: z.number().exactOptional().describe('Simulated time of the first violation (`throughout`).'),
  message: z.string().describe('Why it failed or is invalid; empty when it passed.'),
  description: z.string().exactOptional().describe('TODO'),
});

/** The version of this description: it moves when a field changes meaning, or a required field is removed or renamed. */
export const RESULT_SCHEMA_VERSION = 1 as const;

export const runResultSchema = z.strictObject({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION).describe('Which version of the result description this result follows (the shipped run-result.schema.json describes it).'),
  scenario: z.string().describe('TODO'),
  seed: z.union([z.string(), z.number()]).describe('TODO'),
  logHash: z.string().describe("SHA-256 of the JSONL event log: the run's determinism fingerprint."),
  untilMs: z.number().describe('TODO'),
  simulatedMs: z.number().describe('TODO'),
  eventsProcessed: z.number().describe('TODO'),
  traceRecords: z.number().describe('TODO'),
  stopReason: z.enum(['empty', 'until', 'maxEvents', 'stopWhen', 'stopped', 'error']).describe('TODO'),
  error: z.strictObject({
    message: z.string().describe('TODO'),
    atMs: z.number().describe('TODO'),
    actor: z.string().exactOptional().describe('TODO'),
  }).exactOptional().describe('Set when a model callback threw: the run stopped there and the rest is partial.'),
  queueing: z.record(z.string(), stationResultSchema).exactOptional().describe('TODO'),
  ecs: ecsResultSchema.exactOptional().describe('TODO'),
  elb: elbResultSchema.exactOptional().describe('TODO'),
  traffic: z.strictObject({
    workloads: list(workloadResultSchema).describe('TODO'),
  }).exactOptional().describe('TODO'),
  cloudwatch: cloudwatchResultSchema.exactOptional().describe('Present when the scenario has a `cloudwatch` section.'),
  deployments: list(deploymentRecordSchema).exactOptional().describe('Every service deployment with its timings, outcome and where its time went (critical path).'),
  autoscaling: autoscalingResultSchema.exactOptional().describe('Service Auto Scaling, when the scenario has an `autoscaling` section.'),
  clusterAutoScaling: managedScalingResultSchema.exactOptional().describe('Cluster auto scaling per capacity provider, when one has managed scaling (ecs-facts A-020 to A-027).'),
  cost: costResultSchema.exactOptional().describe("What the run's capacity cost (EC2, Fargate, load balancers), from the shipped price table and the scenario's overrides."),
  expectations: list(expectationResultSchema).describe('TODO'),
});

