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

// ---- queueing: the engine's G/G/c example station -----------------------------------------------

export const stationResultSchema = z.strictObject({
  servers: z.number().describe('Servers (c of M/M/c) at the station.'),
  arrivals: z.number().describe('Customers that arrived over the whole run.'),
  served: z.number().describe('Customers whose service finished.'),
  blocked: z.number().describe('Customers turned away because the queue was full.'),
  counted: z.number().describe('Customers counted (arrived after warm-up and served).'),
  meanWaitMs: z.number().describe('Mean time a counted customer waited in the queue before service.'),
  maxWaitMs: z.number().describe('Longest wait of a counted customer.'),
  probabilityOfWaiting: z.number().describe('Share of counted customers that waited at all.'),
  meanServiceMs: z.number().describe('Mean service time of the counted customers.'),
  meanQueueLength: z.number().describe('Time-average number waiting, over the measured span.'),
  utilization: z.number().describe('Time-average share of busy servers, over the measured span.'),
  theory: z.strictObject({
    model: z.literal('M/M/c').describe('The queueing model the theory is for.'),
    offeredLoad: z.number().describe('Offered load a = λ/μ, in Erlangs.'),
    rho: z.number().describe('Server utilisation ρ = a/c.'),
    probabilityOfWaiting: z.number().describe('Erlang C: the probability that a customer waits.'),
    meanWaitMs: z.number().describe('Mean wait in the queue by Erlang C.'),
    meanWaitRelativeError: z.number().describe('(simulated - theory) / theory.'),
  }).exactOptional().describe('Theory, when both distributions are exponential and the queue has no limit.'),
});

// ---- ecs: tasks, container instances, services, placements, events (src/ecs/result.ts) ----------

export const launchTypeSchema = z.enum(['EC2', 'FARGATE', 'EXTERNAL']);

export const taskStatusSchema = z.enum(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);

export const desiredStatusSchema = z.enum(['RUNNING', 'STOPPED']);

export const healthStatusSchema = z.enum(['HEALTHY', 'UNHEALTHY', 'UNKNOWN']);

export const containerStatusSchema = z.enum(['PENDING', 'RUNNING', 'STOPPED']);

/** `networkBindings` of a container in describe-tasks (bridge and host mode). */
/** Why a task stopped, as describe-tasks `stopCode` says it. */
export const stopCodeSchema = z.enum(['TaskFailedToStart', 'EssentialContainerExited', 'UserInitiated', 'ServiceSchedulerInitiated', 'SpotInterruption', 'TerminationNotice', 'InfrastructureHealth']);

export const networkBindingSchema = z.strictObject({
  bindIP: z.string().describe('The address the host port is bound on (`0.0.0.0`).'),
  containerPort: z.number().describe("The container's port."),
  hostPort: z.number().describe("The host's port mapped to it (static, or from the dynamic range)."),
  protocol: z.enum(['tcp', 'udp']).describe("The port's protocol."),
});

/** A task as the control plane knows it: the fields of the ECS API's `Task`, with every timestamp in ms of simulated time, plus its full state history. This is what `describe-tasks` would say, as of the last report that reached the control plane. */
export const containerRecordSchema = z.strictObject({
  name: z.string().describe("The container's name in the task definition."),
  image: z.string().describe('The image it runs.'),
  lastStatus: containerStatusSchema.describe("The container's last reported status."),
  exitCode: z.number().exactOptional().describe('Its exit code, once it has exited.'),
  reason: z.string().exactOptional().describe('Why it stopped, when ECS gives a reason.'),
  healthStatus: healthStatusSchema.describe("Its container health check's status (UNKNOWN without a health check)."),
  networkBindings: list(networkBindingSchema).exactOptional().describe('Host ports of bridge and host mode tasks (describe-tasks `networkBindings`).'),
});

/** describe-tasks `attachments`: the task ENI of an awsvpc task (ecs-facts T-024). */
export const attachmentSchema = z.strictObject({
  id: z.string().describe("The attachment's id."),
  type: z.literal('ElasticNetworkInterface').describe("The kind of attachment: the task's elastic network interface."),
  status: z.enum(['PRECREATED', 'ATTACHED', 'DELETED']).describe('Where the ENI is in its life.'),
  details: list(z.strictObject({
    name: z.string().describe("The detail's name (`subnetId`, `privateIPv4Address`, ...)."),
    value: z.string().describe('Its value.'),
  })).describe("The ENI's details as name/value pairs (subnet, private IPv4 address, ...)."),
});

export const taskStateChangeSchema = z.strictObject({
  t: z.number().describe('When the task changed (simulated ms).'),
  lastStatus: taskStatusSchema.describe("The task's status from then on."),
  desiredStatus: desiredStatusSchema.describe('The status ECS wanted from then on.'),
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
  taskArn: z.string().describe("The task's ARN."),
  taskDefinitionArn: z.string().describe('The task definition revision it runs.'),
  clusterArn: z.string().describe('The cluster it runs in.'),
  launchType: launchTypeSchema.describe('Where it runs: EC2, FARGATE or EXTERNAL (ECS Anywhere).'),
  group: z.string().describe("Its task group (`service:<name>` for a service's tasks, `family:<family>` by default)."),
  startedBy: z.string().exactOptional().describe('Who started it (`ecs-svc/...` for a service deployment).'),
  cpu: z.string().describe('Task-level CPU units and memory MiB as ECS reports them (strings, ecs-facts T-053).'),
  memory: z.string().describe('Task-level memory in MiB as ECS reports it (a string, ecs-facts T-053).'),
  availabilityZone: z.string().describe('The Availability Zone it runs in.'),
  containerInstanceArn: z.string().exactOptional().describe('The container instance it runs on (EC2 and EXTERNAL tasks).'),
  ec2InstanceId: z.string().exactOptional().describe('The EC2 instance it runs on (EC2 tasks).'),
  capacityProviderName: z.string().exactOptional().describe('The capacity provider that runs the task (describe-tasks `capacityProviderName`), when launched by a strategy.'),
  label: z.string().describe('The scenario label of the RunTask that made it.'),
  lastStatus: taskStatusSchema.describe("The task's last status (ecs-facts T-001)."),
  desiredStatus: desiredStatusSchema.describe('The status ECS wants it in: RUNNING, or STOPPED once it is to stop.'),
  healthStatus: healthStatusSchema.describe("The task's health, from its essential containers' health checks."),
  connectivity: z.enum(['CONNECTED', 'DISCONNECTED']).exactOptional().describe('Whether the task is connected (Fargate and awsvpc tasks).'),
  stopCode: stopCodeSchema.exactOptional().describe('Why the task stopped, as describe-tasks `stopCode` says it.'),
  stoppedReason: z.string().exactOptional().describe("Why it stopped, in ECS's words."),
  createdAt: z.number().describe('When RunTask (or the service scheduler) created it.'),
  connectivityAt: z.number().exactOptional().describe('When it became connected.'),
  pullStartedAt: z.number().exactOptional().describe('When the first image pull started.'),
  pullStoppedAt: z.number().exactOptional().describe('When the last image pull finished.'),
  startedAt: z.number().exactOptional().describe('When it reached RUNNING.'),
  stoppingAt: z.number().exactOptional().describe('When it began to stop (desiredStatus became STOPPED).'),
  executionStoppedAt: z.number().exactOptional().describe('When its containers had all exited.'),
  stoppedAt: z.number().exactOptional().describe('When it reached STOPPED.'),
  version: z.number().describe('Incremented on every change that emits an event (ecs-facts T-022).'),
  containers: list(containerRecordSchema).describe('Its containers, in task definition order.'),
  attachments: list(attachmentSchema).exactOptional().describe('Its ENI, for awsvpc tasks.'),
  history: list(taskStateChangeSchema).describe('Every change of lastStatus or desiredStatus, oldest first.'),
  durations: taskDurationsSchema.describe('Spans derived from the timestamps (startup, pull, running, stopping), each absent until known.'),
  instanceRef: z.string().exactOptional().describe("The scenario's name for the task's instance (`pool/1`), for EC2 and EXTERNAL tasks."),
});

export const resourcesSchema = z.strictObject({
  cpu: z.number().describe('CPU units (1024 per vCPU).'),
  memory: z.number().describe('Memory in MiB.'),
  eni: z.number().describe('Tasks with their own ENI (awsvpc) this instance can still take.'),
  gpu: z.number().exactOptional().describe('GPUs (resourceRequirements of type GPU), on instances whose type has them.'),
});

export const resourceSampleSchema = z.strictObject({
  t: z.number().describe('When (simulated ms).'),
  cpu: z.number().describe('CPU units remaining after the change.'),
  memory: z.number().describe('Memory MiB remaining after the change.'),
  eni: z.number().describe('Elastic network interfaces still free for awsvpc tasks.'),
  tasks: z.number().describe('Tasks holding a reservation on the instance.'),
});

export const containerInstanceResultSchema = z.strictObject({
  ref: z.string().describe("The scenario's name for the instance (`pool/1`)."),
  containerInstanceArn: z.string().describe("The container instance's ARN."),
  ec2InstanceId: z.string().describe('Its EC2 instance id (`mi-...` for an ECS Anywhere instance).'),
  instanceType: z.string().describe('Its EC2 instance type.'),
  availabilityZone: z.string().describe('Its Availability Zone.'),
  status: z.string().describe('Its status at the end (ACTIVE, DRAINING, INACTIVE, ...).'),
  agentConnected: z.boolean().describe('Whether its ECS agent was connected at the end.'),
  registeredAt: z.number().exactOptional().describe('When it registered with the cluster.'),
  launchedAt: z.number().exactOptional().describe("EC2's launch and termination times (the billed lifetime; no termination = running at the end)."),
  terminatedAt: z.number().exactOptional().describe('When EC2 terminated it.'),
  instanceLifecycle: z.enum(['spot']).exactOptional().describe("EC2's InstanceLifecycle: `spot`, or absent for On-Demand."),
  registeredResources: resourcesSchema.describe('What it registered with (what tasks may reserve).'),
  remainingResources: resourcesSchema.describe('What was left unreserved at the end.'),
  runningTasksCount: z.number().describe('Tasks in RUNNING that should run (ecs-facts T-072).'),
  pendingTasksCount: z.number().describe('Tasks in PENDING.'),
  attributes: z.record(z.string(), z.string()).describe('Its attributes (`ecs.instance-type`, `ecs.availability-zone`, custom ones), by name.'),
  history: list(resourceSampleSchema).describe('Remaining resources after each change.'),
});

export const serviceStatusSchema = z.enum(['ACTIVE', 'DRAINING', 'INACTIVE']);

/** `CapacityProviderStrategyItem` (ecs-facts S-123, A-028): base 0–100000, weight 0–1000. */
export const capacityProviderStrategyItemSchema = z.strictObject({
  capacityProvider: z.string().describe("The capacity provider's name."),
  weight: z.number().describe('Its share of the tasks beyond the bases.'),
  base: z.number().describe('Tasks placed on it first, before weights apply.'),
});

/** `deploymentConfiguration.deploymentCircuitBreaker` (ecs-facts S-082, S-083): enable and rollback are required; resetOnHealthyTask (default true) and thresholdConfiguration (default BOUNDED_PERCENT, 50) are the 2026 additions. */
export const deploymentCircuitBreakerSchema = z.strictObject({
  enable: z.boolean().describe('Whether the circuit breaker watches deployments.'),
  rollback: z.boolean().describe('Whether a tripped breaker rolls back to the last completed deployment.'),
  resetOnHealthyTask: z.boolean().exactOptional().describe('Whether a healthy task resets the failure count.'),
  thresholdConfiguration: z.strictObject({
    type: z.enum(['COUNT', 'BOUNDED_PERCENT', 'UNBOUNDED_PERCENT']).exactOptional().describe('How the threshold counts.'),
    value: z.number().exactOptional().describe('The threshold.'),
  }).exactOptional().describe('How many failed tasks trip the breaker.'),
});

/** `deploymentConfiguration.alarms` (ecs-facts S-088, S-121): every field required. */
export const deploymentAlarmsSchema = z.strictObject({
  alarmNames: list(z.string()).describe('The CloudWatch alarms watched during a deployment.'),
  enable: z.boolean().describe('Whether the alarms are watched.'),
  rollback: z.boolean().describe('Whether an alarm in ALARM rolls the deployment back.'),
});

/** ecs-facts S-099: stepPercent 3.0–100.0 (multiple of 0.1, default 10.0); stepBakeTimeInMinutes 0–1440 (default 6). */
export const linearConfigurationSchema = z.strictObject({
  stepPercent: z.number().describe('Production traffic % moved at each step.'),
  stepBakeTimeInMinutes: z.number().describe('Wait between steps.'),
});

/** ecs-facts S-099: canaryPercent 0.1–100.0 (default 5.0); canaryBakeTimeInMinutes 0–1440 (default 10). */
export const canaryConfigurationSchema = z.strictObject({
  canaryPercent: z.number().describe('Production traffic % moved first.'),
  canaryBakeTimeInMinutes: z.number().describe('Wait before the rest moves.'),
});

/** `DeploymentLifecycleHook` (ecs-facts S-102). */
export const deploymentLifecycleHookSchema = z.strictObject({
  targetType: z.enum(['AWS_LAMBDA', 'PAUSE']).describe('What the hook calls: a Lambda function, or a pause until resumed.'),
  hookTargetArn: z.string().exactOptional().describe("The Lambda function's ARN (AWS_LAMBDA); a PAUSE hook needs none."),
  roleArn: z.string().exactOptional().describe('The role ECS assumes to call the hook.'),
  lifecycleStages: list(z.enum(['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'])).describe('The stages at which the hook runs.'),
  hookDetails: z.unknown().exactOptional().describe('Free-form details passed to the hook, as given.'),
  timeoutConfiguration: z.strictObject({
    timeoutInMinutes: z.number().describe('How long ECS waits for the hook.'),
    action: z.enum(['ROLLBACK', 'CONTINUE']).describe('What ECS does after the timeout.'),
  }).describe('What happens when the hook does not answer in time.'),
});

/** `PlacementConstraint` in the API's shape (ecs-facts S-016, S-017). */
export const placementConstraintSchema = z.strictObject({
  type: z.string().describe('`distinctInstance` or `memberOf`.'),
  expression: z.string().exactOptional().describe('The cluster query language expression of a `memberOf` constraint.'),
});

/** `PlacementStrategy` in the API's shape (ecs-facts S-003). */
export const placementStrategySchema = z.strictObject({
  type: z.string().describe("`binpack`, `spread`, `random`, or a registered plug-in's name."),
  field: z.string().exactOptional().describe('What the strategy binpacks on or spreads over (`memory`, `attribute:ecs.availability-zone`, ...).'),
});

/** Construct a type with the properties of T except for those in type K. */
export const deploymentSchema = z.strictObject({
  id: z.string().describe('`ecs-svc/` and 19 digits (ecs-facts S-025, S-126).'),
  status: z.enum(['ACTIVE', 'INACTIVE', 'PRIMARY']).describe('PRIMARY = newest; ACTIVE = older, tasks still being replaced; INACTIVE = fully replaced (ecs-facts S-075).'),
  taskDefinition: z.string().describe('The task definition revision the deployment runs.'),
  desiredCount: z.number().describe('Tasks the deployment wants.'),
  pendingCount: z.number().describe('Its tasks in PENDING.'),
  runningCount: z.number().describe('Its tasks in RUNNING.'),
  failedTasks: z.number().describe('Its tasks that failed to start or stopped unexpectedly (what the circuit breaker counts).'),
  createdAt: z.number().describe('When the deployment was created.'),
  updatedAt: z.number().describe('When it last changed.'),
  rolloutState: z.enum(['IN_PROGRESS', 'COMPLETED', 'FAILED']).describe('ecs-facts S-076, S-077.'),
  rolloutStateReason: z.string().describe("Why it is in its rollout state, in ECS's words."),
  lifecycleStage: z.enum(['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'SCALE_UP', 'BAKE_TIME', 'CLEAN_UP']).exactOptional().describe('ECS-native blue/green, linear and canary only: the stage it is in, as ServiceDeployment shows it (ecs-facts S-081, S-104).'),
  productionTrafficWeights: z.record(z.string(), z.number()).exactOptional().describe("Blue/green family only: production traffic % per deployment id (the hook payload's productionTrafficWeights, S-106)."),
  testTrafficWeights: z.record(z.string(), z.number()).exactOptional().describe('Blue/green family only: test traffic % per deployment id (S-106).'),
});

export const serviceEventSchema = z.strictObject({
  id: z.string().describe('A UUID, as ECS gives (ecs-facts S-058).'),
  createdAt: z.number().describe('When the event was recorded.'),
  message: z.string().describe("The event's message, as ECS words it (`(service web) has reached a steady state.`)."),
});

/** A task set as `describe-services` shows it (ecs-facts S-097, S-125). */
export const taskSetResultSchema = z.strictObject({
  id: z.string().describe('`ecs-svc/` and 19 digits.'),
  taskSetArn: z.string().describe("The task set's ARN."),
  serviceArn: z.string().describe('The service it belongs to.'),
  status: z.enum(['ACTIVE', 'DRAINING', 'PRIMARY']).describe('PRIMARY serves production traffic; ACTIVE is the other; DRAINING is being removed.'),
  taskDefinition: z.string().describe('The task definition revision it runs.'),
  computedDesiredCount: z.number().describe("Tasks it wants: its scale applied to the service's desired count, rounded up."),
  pendingCount: z.number().describe('Its tasks in PENDING.'),
  runningCount: z.number().describe('Its tasks in RUNNING.'),
  scale: z.strictObject({
    value: z.number().describe('The share.'),
    unit: z.literal('PERCENT').describe('Always PERCENT.'),
  }).describe("Its size as a share of the service's desired count."),
  stabilityStatus: z.enum(['STEADY_STATE', 'STABILIZING']).describe('Whether its tasks have reached its computed desired count and are healthy.'),
  externalId: z.string().exactOptional().describe("The CodeDeploy deployment that created it (ecs-facts S-097); absent for the service's first task set."),
  launchType: z.string().describe('The launch type of its tasks.'),
  createdAt: z.number().describe('When it was created.'),
  updatedAt: z.number().describe('When it last changed.'),
  loadBalancers: list(z.strictObject({
    targetGroupArn: z.string().describe('The target group.'),
    containerName: z.string().describe('The container registered.'),
    containerPort: z.number().describe('Its port.'),
  })).describe('The target groups its tasks register with.'),
});

/** `describe-services` for one service (ecs-facts S-125), plus what a run can tell. */
export const serviceResultSchema = z.strictObject({
  serviceArn: z.string().describe("The service's ARN."),
  serviceName: z.string().describe("The service's name."),
  status: serviceStatusSchema.describe("The service's status."),
  desiredCount: z.number().describe('Tasks the service wants.'),
  runningCount: z.number().describe('Its tasks in RUNNING.'),
  pendingCount: z.number().describe('Its tasks in PENDING.'),
  launchType: z.string().describe('The launch type of its tasks, as CreateService gave it.'),
  capacityProviderStrategy: list(capacityProviderStrategyItemSchema).exactOptional().describe('Present when the service runs by capacity provider strategy (ecs-facts A-028).'),
  schedulingStrategy: z.string().describe('REPLICA or DAEMON.'),
  taskDefinition: z.string().describe('The task definition revision the service runs: the latest CreateService or UpdateService gave.'),
  deploymentConfiguration: z.strictObject({
    minimumHealthyPercent: z.number().describe('Lower bound of running tasks during a deployment, % of the desired count.'),
    maximumPercent: z.number().describe('Upper bound of running and pending tasks during a deployment, % of the desired count.'),
    deploymentCircuitBreaker: deploymentCircuitBreakerSchema.exactOptional().describe('The deployment circuit breaker, when configured.'),
    alarms: deploymentAlarmsSchema.exactOptional().describe('The deployment alarms, when configured.'),
    strategy: z.enum(['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY']).exactOptional().describe('The ECS deployment strategy (ROLLING by default).'),
    bakeTimeInMinutes: z.number().exactOptional().describe('Blue/green family: how long both revisions are kept after the shift.'),
    linearConfiguration: linearConfigurationSchema.exactOptional().describe('LINEAR: the steps.'),
    canaryConfiguration: canaryConfigurationSchema.exactOptional().describe('CANARY: the canary.'),
    lifecycleHooks: list(deploymentLifecycleHookSchema).exactOptional().describe('Blue/green family: the lifecycle hooks.'),
  }).describe('How deployments replace tasks, as CreateService or UpdateService set it.'),
  placementConstraints: list(placementConstraintSchema).describe("The service's placement constraints."),
  placementStrategy: list(placementStrategySchema).describe("The service's placement strategy, in order."),
  healthCheckGracePeriodSeconds: z.number().describe('How long load balancer health checks are ignored after a task starts.'),
  availabilityZoneRebalancing: z.enum(['ENABLED', 'DISABLED']).describe('ecs-facts S-025: DISABLED when the service never had a value.'),
  createdAt: z.number().describe('When the service was created.'),
  deployments: list(deploymentSchema).describe("The service's deployments still listed (INACTIVE ones are not, ecs-facts S-075), oldest first; empty for a CODE_DEPLOY service, which has taskSets."),
  events: list(serviceEventSchema).describe('Newest first, at most 100, as DescribeServices returns them (ecs-facts S-058).'),
  eventCount: z.number().describe('Service events recorded in all (the list keeps the newest 100).'),
  steadyStateAt: z.number().exactOptional().describe('When the service last reached a steady state, if it did.'),
  deploymentController: z.strictObject({
    type: z.enum(['EXTERNAL', 'ECS', 'CODE_DEPLOY']).describe('Who deploys: ECS, CODE_DEPLOY or EXTERNAL.'),
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
  arn: z.string().exactOptional().describe('The resource the failure is about (a container instance), when there is one.'),
  reason: z.string().describe("Why, as RunTask's `failures` say it (`RESOURCE:MEMORY`, ...)."),
  detail: z.string().exactOptional().describe('More about why.'),
});

/** ecs-facts T-112: `{ tasks, failures }`, or an exception for a cluster with no instances. */
export const runTaskOutcomeSchema = z.strictObject({
  t: z.number().describe('When RunTask was called.'),
  label: z.string().describe('The scenario label of the call.'),
  tasks: list(z.string()).describe('ARNs of the tasks it started.'),
  failures: list(runTaskFailureSchema).describe('Its failures, one per task it could not place.'),
  exception: z.string().exactOptional().describe('The error the API answered instead, if any.'),
});

export const placementStatusSchema = z.enum(['Success', 'Unplaceable', 'Error']);

/** One instance's part in a decision: rejected by a filter, or ranked. */
export const candidateExplanationSchema = z.strictObject({
  containerInstanceArn: z.string().describe('The candidate instance.'),
  ec2InstanceId: z.string().describe('Its EC2 instance.'),
  rejectedBy: z.string().exactOptional().describe('The filter that rejected it.'),
  reason: z.string().exactOptional().describe('Why, as a RunTask failure reason.'),
  detail: z.string().exactOptional().describe('More about why.'),
  ranks: list(z.number()).exactOptional().describe('Per strategy, in order, when it passed every filter.'),
});

/** One placement decision, kept for `explain` (every instance) or when it failed (the summary). */
export const placementRecordSchema = z.strictObject({
  t: z.number().describe('When the placement was decided.'),
  label: z.string().describe('The scenario label of the launch (a RunTask label, or the service\'s).'),
  group: z.string().describe('The task group.'),
  status: placementStatusSchema.describe('Whether a task was placed.'),
  taskArn: z.string().exactOptional().describe('The task placed.'),
  chosen: z.string().exactOptional().describe('The container instance chosen.'),
  strategies: list(z.string()).describe('The strategies applied, in order.'),
  candidates: list(candidateExplanationSchema).exactOptional().describe('Per instance, when explanations were asked for.'),
  closest: z.strictObject({
    containerInstanceArn: z.string().describe('The instance that came closest.'),
    reason: z.string().describe('Why it was not enough.'),
    detail: z.string().describe('More about why.'),
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
  lifecycleEventName: z.enum(['BeforeInstall', 'Install', 'AfterInstall', 'AllowTestTraffic', 'AfterAllowTestTraffic', 'BeforeAllowTraffic', 'AllowTraffic', 'AfterAllowTraffic']).describe('The lifecycle event.'),
  status: lifecycleEventStatusSchema.describe('How it went.'),
  startTime: z.number().exactOptional().describe('When it started.'),
  endTime: z.number().exactOptional().describe('When it ended.'),
});

/** GetDeployment's `deploymentInfo`, the fields the model fills, plus the traffic history. */
export const codeDeployDeploymentSchema = z.strictObject({
  deploymentId: z.string().describe('`d-` and 9 upper-case letters and digits.'),
  applicationName: z.string().describe('The CodeDeploy application.'),
  deploymentGroupName: z.string().describe('The deployment group.'),
  deploymentConfigName: z.string().describe('The deployment configuration (`CodeDeployDefault.ECSCanary10Percent5Minutes`, ...).'),
  serviceName: z.string().describe('The ECS service deployed.'),
  status: codeDeployDeploymentStatusSchema.describe("The deployment's status."),
  createTime: z.number().describe('When it was created.'),
  completeTime: z.number().exactOptional().describe('When it ended.'),
  taskDefinition: z.string().describe('The task definition revision it deploys.'),
  originalTaskSet: z.string().describe('The original and replacement task set ids.'),
  replacementTaskSet: z.string().describe('The task set it created.'),
  lifecycleEvents: list(codeDeployLifecycleEventSchema).describe('Its lifecycle events, in order.'),
  errorInformation: z.strictObject({
    code: z.string().describe('The error code.'),
    message: z.string().describe('The error message.'),
  }).exactOptional().describe('Why it failed or stopped.'),
  rollbackInfo: z.strictObject({
    rollbackMessage: z.string().describe('Why it was rolled back.'),
  }).exactOptional().describe('Set when traffic was returned to the original task set.'),
  trafficShifts: list(z.strictObject({
    at: z.number().describe('When the weights changed.'),
    original: z.number().describe("The original task set's weight (%)."),
    replacement: z.number().describe("The replacement task set's weight (%)."),
  })).describe("The production listener's weights (%) after each shift, in time order: the original and the replacement task set's."),
});

export const ecsResultSchema = z.strictObject({
  clusterArn: z.string().describe("The cluster's ARN."),
  taskCounts: z.record(z.string(), z.number()).describe('Counts by lastStatus over all tasks, every state listed: `{ PROVISIONING: 0, ..., RUNNING: 3, ..., STOPPED: 1 }`.'),
  tasksByLabel: z.record(z.string(), list(taskResultSchema)).describe('Tasks by the label of the RunTask that made them, in creation order.'),
  containerInstances: list(containerInstanceResultSchema).describe('Every container instance the cluster had, in the order the run created them.'),
  services: z.record(z.string(), serviceResultSchema).describe('`describe-services` at the end of the run, by service name.'),
  describeServices: list(describeServicesSnapshotSchema).describe('`describe-services` at each time the scenario asked for (`ecs.describeServicesAt`), in time order.'),
  runTask: list(runTaskOutcomeSchema).describe('Every RunTask call of the timeline, in order.'),
  startTask: list(runTaskOutcomeSchema).exactOptional().describe('Every StartTask call (ecs-facts T-117), in call order: one task per container instance named, or a failure naming it; absent when there were none.'),
  placements: list(placementRecordSchema).describe('Failed placements, and every placement when explanations were asked for.'),
  actions: list(z.strictObject({
    t: z.number().describe('When the action ran.'),
    action: z.string().describe('The action, as the timeline named it.'),
    outcome: z.string().describe('What it did.'),
  })).describe('What each timeline action did, in time order.'),
  images: z.strictObject({
    pulls: z.number().describe('Image pulls made.'),
    cacheHits: z.number().describe('Pulls that found the image cached.'),
    totalPullMs: z.number().describe('Time all pulls took, summed.'),
  }).describe('Registry pulls made, how many found the image cached (skipped or manifest-only), and their total time.'),
  events: list(ecsEventSchema).describe('Task and container instance state changes, in order.'),
  invariantViolations: list(z.string()).describe('Broken model invariants found by the checks (empty in a sound run).'),
  codeDeployDeployments: list(codeDeployDeploymentSchema).exactOptional().describe("CodeDeploy deployments of CODE_DEPLOY services (GetDeployment's deploymentInfo, plus the traffic shifts), in creation order; absent when there were none."),
});

// ---- elb: load balancers and target groups (src/elb) --------------------------------------------

export const listenerProtocolSchema = z.enum(['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP']);

/** The counts CloudWatch's AWS/ApplicationELB and AWS/NetworkELB metrics would show for the same requests (HTTPCode_ELB_5XX_Count is the load balancer's own 5XX, HTTPCode_Target_* the targets'; TCP_*_Reset_Count the NLB's resets by who sent them). */
export const elbCodeCountsSchema = z.strictObject({
  RequestsReceived: z.number().describe('Requests the load balancer received, whoever answered them.'),
  RequestCount: z.number().describe("Requests for which the load balancer chose a target, as CloudWatch's RequestCount counts them: not its own 503s with no target nor its fixed responses (ecs-facts C-009)."),
  HTTPCode_ELB_4XX_Count: z.number().describe('4XX responses the load balancer made itself.'),
  HTTPCode_ELB_5XX_Count: z.number().describe('5XX responses the load balancer made itself.'),
  HTTPCode_ELB_502_Count: z.number().describe('502 Bad Gateway from the load balancer (a target reset or closed the connection).'),
  HTTPCode_ELB_503_Count: z.number().describe('503 Service Unavailable from the load balancer (no registered targets).'),
  HTTPCode_ELB_504_Count: z.number().describe('504 Gateway Timeout from the load balancer (the target did not answer within the idle timeout).'),
  HTTPCode_Target_2XX_Count: z.number().describe('2XX responses from targets.'),
  HTTPCode_Target_3XX_Count: z.number().describe('3XX responses from targets.'),
  HTTPCode_Target_4XX_Count: z.number().describe('4XX responses from targets.'),
  HTTPCode_Target_5XX_Count: z.number().describe('5XX responses from targets.'),
  TCP_ELB_Reset_Count: z.number().describe('NLB: resets the load balancer sent.'),
  TCP_Target_Reset_Count: z.number().describe('NLB: resets from targets.'),
});

export const latencySummarySchema = z.strictObject({
  count: z.number().describe('Samples.'),
  mean: z.number().describe('Arithmetic mean in ms (0 when there are no samples).'),
  p50: z.number().describe('Median (nearest rank).'),
  p90: z.number().describe('90th percentile (nearest rank).'),
  p99: z.number().describe('99th percentile (nearest rank).'),
  max: z.number().exactOptional().describe("The largest sample. Absent where the model has no maximum (the fluid mode's unbounded tails)."),
});

export const responseSourceSchema = z.enum(['elb', 'target', 'client']);

export const statusCountSchema = z.strictObject({
  status: z.number().describe('The HTTP status (0 for a reset connection).'),
  source: responseSourceSchema.describe('Who answered: the load balancer, the target, or the client (a timeout).'),
  count: z.number().describe('Responses with that status from that source.'),
});

export const elbRequestSummarySchema = z.strictObject({
  counts: elbCodeCountsSchema.describe('The request and response-code counts over the run, by their CloudWatch metric names.'),
  key: z.string().describe('What the statistics are of: the load balancer\'s name or the target group\'s ARN.'),
  count: z.number().describe('Responses recorded (in the fluid mode: expected requests, not necessarily whole).'),
  errors: z.number().describe("Responses with a status of 400 or more, or 0 (a reset connection), whatever their source (a client's 460 included)."),
  latency: latencySummarySchema.describe('Latency of every response, errors included: the time the client waited.'),
  codes: list(statusCountSchema).describe('Counts by (status, source), ordered by status then source (elb, target, client).'),
});

export const loadBalancerResultSchema = z.strictObject({
  LoadBalancerName: z.string().describe("The load balancer's name."),
  LoadBalancerArn: z.string().describe('Its ARN.'),
  Type: z.enum(['application', 'network']).describe('Application or network load balancer.'),
  Scheme: z.enum(['internet-facing', 'internal']).describe('internet-facing or internal.'),
  AvailabilityZones: list(z.string()).describe('The Availability Zones it is enabled in.'),
  Listeners: list(z.strictObject({
    ListenerArn: z.string().describe("The listener's ARN."),
    Port: z.number().describe('The port it listens on.'),
    Protocol: listenerProtocolSchema.describe('Its protocol.'),
  })).describe('Its listeners.'),
  requests: elbRequestSummarySchema.exactOptional().describe('Every request the load balancer answered (absent with a custom stats recorder).'),
  inFlight: z.number().describe('Requests still in flight to targets when the result was taken.'),
});

/** DescribeTargetGroups' `TargetGroup`, as the API returns it. */
export const targetGroupDescriptionSchema = z.strictObject({
  TargetGroupArn: z.string().describe("The target group's ARN."),
  TargetGroupName: z.string().describe('Its name.'),
  Protocol: z.string().describe('The protocol to targets.'),
  Port: z.number().describe('The default port of targets.'),
  HealthCheckProtocol: z.string().describe("The health check's protocol."),
  HealthCheckPort: z.string().describe("The health check's port (`traffic-port`: the target's own)."),
  HealthCheckEnabled: z.literal(true).describe('Health checks are on.'),
  HealthCheckIntervalSeconds: z.number().describe('Seconds between health checks of a target.'),
  HealthCheckTimeoutSeconds: z.number().describe('Seconds after which a check with no answer fails.'),
  HealthyThresholdCount: z.number().describe('Passing checks in a row that make a target healthy.'),
  UnhealthyThresholdCount: z.number().describe('Failing checks in a row that make a target unhealthy.'),
  HealthCheckPath: z.string().exactOptional().describe('The HTTP path checked.'),
  Matcher: z.strictObject({
    HttpCode: z.string().describe('The passing codes (`200`, `200-299`).'),
  }).exactOptional().describe('Which HTTP codes pass.'),
  LoadBalancerArns: list(z.string()).describe('The load balancers that forward to it.'),
  TargetType: z.enum(['instance', 'ip']).describe('instance (bridge and host mode tasks) or ip (awsvpc tasks).'),
});

/** A target as DescribeTargetHealth shows it. */
export const targetViewSchema = z.strictObject({
  Id: z.string().describe('The target: an instance id or an IP address.'),
  Port: z.number().describe('Its port.'),
  AvailabilityZone: z.string().describe('Its Availability Zone.'),
});

export const targetHealthStateSchema = z.enum(['initial', 'healthy', 'unhealthy', 'unhealthy.draining', 'unused', 'draining', 'unavailable']);

/** A health change of one target, at time `t` (ms). */
export const healthHistoryEntrySchema = z.strictObject({
  t: z.number().describe('When the state changed.'),
  State: targetHealthStateSchema.describe("The target's state from then on."),
  Reason: z.enum(['Elb.RegistrationInProgress', 'Elb.InitialHealthChecking', 'Elb.InternalError', 'Target.ResponseCodeMismatch', 'Target.Timeout', 'Target.FailedHealthChecks', 'Target.NotRegistered', 'Target.NotInUse', 'Target.InvalidState', 'Target.IpUnusable', 'Target.DeregistrationInProgress', 'Target.HealthCheckDisabled']).exactOptional().describe('Why, as DescribeTargetHealth gives it.'),
  Description: z.string().exactOptional().describe('Why, in words.'),
});

export const targetRequestSummarySchema = z.strictObject({
  count: z.number().describe('Requests sent to the target.'),
  errors: z.number().describe('Of them, answered with 400 or more, or reset.'),
  meanMs: z.number().describe('Mean response time.'),
  maxMs: z.number().describe('Longest response time.'),
  codes: list(statusCountSchema).describe('Responses by status and source.'),
});

/** `HealthyHostCount` and `UnHealthyHostCount` from time `t` on. */
export const hostCountSampleSchema = z.strictObject({
  t: z.number().describe('When the counts changed.'),
  HealthyHostCount: z.number().describe('Healthy targets from then on.'),
  UnHealthyHostCount: z.number().describe('Unhealthy targets from then on.'),
});

/** `TargetHealth` in the API's shape. `Reason` and `Description` are absent when healthy (L-013). */
export const targetHealthSchema = z.strictObject({
  State: targetHealthStateSchema.describe("The target's state."),
  Reason: z.enum(['Elb.RegistrationInProgress', 'Elb.InitialHealthChecking', 'Elb.InternalError', 'Target.ResponseCodeMismatch', 'Target.Timeout', 'Target.FailedHealthChecks', 'Target.NotRegistered', 'Target.NotInUse', 'Target.InvalidState', 'Target.IpUnusable', 'Target.DeregistrationInProgress', 'Target.HealthCheckDisabled']).exactOptional().describe('Why, as DescribeTargetHealth gives it.'),
  Description: z.string().exactOptional().describe('Why, in words.'),
});

/** One `TargetHealthDescriptions` entry. */
export const targetHealthDescriptionSchema = z.strictObject({
  Target: targetViewSchema.describe('The target.'),
  HealthCheckPort: z.string().describe('The port its health checks go to.'),
  TargetHealth: targetHealthSchema.describe('Its health.'),
});

export const targetGroupResultSchema = z.strictObject({
  TargetGroup: targetGroupDescriptionSchema.describe("DescribeTargetGroups' answer for it."),
  Attributes: list(z.strictObject({
    Key: z.string().describe("The attribute's key."),
    Value: z.string().describe('Its value, as a string.'),
  })).describe('Every attribute with its effective value (DescribeTargetGroupAttributes).'),
  requests: elbRequestSummarySchema.exactOptional().describe('Absent when a custom stats recorder collected the requests.'),
  targets: list(z.strictObject({
    Target: targetViewSchema.describe('The target.'),
    history: list(healthHistoryEntrySchema).describe('Its health states, oldest first.'),
    requests: targetRequestSummarySchema.exactOptional().describe('The requests it was sent, when traffic ran.'),
  })).describe('Every target ever registered, with its health history (reason codes as ELB gives them).'),
  hostCounts: list(hostCountSampleSchema).describe('HealthyHostCount / UnHealthyHostCount over time: one sample per change.'),
  TargetHealthDescriptions: list(targetHealthDescriptionSchema).describe('DescribeTargetHealth at the end of the run.'),
  describeTargetHealth: list(z.strictObject({
    at: z.number().describe('When it was asked.'),
    TargetHealthDescriptions: list(targetHealthDescriptionSchema).describe('Its answer.'),
  })).describe('DescribeTargetHealth at each time the scenario asked for (`elb.describeTargetHealthAt`).'),
});

/** The ELB part of a run's result: JSON-serialisable. */
export const elbResultSchema = z.strictObject({
  loadBalancers: list(loadBalancerResultSchema).describe('Every load balancer, as DescribeLoadBalancers and DescribeListeners show it.'),
  targetGroups: list(targetGroupResultSchema).describe('Every target group, with its targets over time.'),
});

// ---- traffic: what the workloads' clients saw (src/traffic/stats.ts) ----------------------------

export const requestSummarySchema = z.strictObject({
  key: z.string().describe('What the statistics are of (the workload, or one route of it).'),
  count: z.number().describe('Responses recorded (in the fluid mode: expected requests, not necessarily whole).'),
  errors: z.number().describe("Responses with a status of 400 or more, or 0 (a reset connection), whatever their source (a client's 460 included)."),
  latency: latencySummarySchema.describe('Latency of every response, errors included: the time the client waited.'),
  codes: list(statusCountSchema).describe('Counts by (status, source), ordered by status then source (elb, target, client).'),
});

/** Runs a validated scenario: builds the model on a fresh simulation, runs it to `until`, and gathers one JSON-serialisable result. The result holds nothing that depends on the host (no wall time, no file paths), so the same scenario and seed give the same bytes. */
export const workloadResultSchema = z.strictObject({
  name: z.string().describe("The workload's name."),
  mode: z.enum(['fluid']).exactOptional().describe('`fluid` for the aggregate mode: counts are expected values, and latency has no max.'),
  sent: z.number().describe('Requests sent.'),
  finished: z.number().describe('Requests answered (or given up on by the client).'),
  inFlight: z.number().describe('Requests still open at the end.'),
  total: requestSummarySchema.describe('Every request of the workload, as its clients saw them.'),
  routes: list(requestSummarySchema).describe('Per route, the same statistics.'),
});

// ---- cloudwatch: alarms, their history, metric data (src/cloudwatch) ----------------------------

export const alarmStateValueSchema = z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']);

export const dimensionSchema = z.strictObject({
  Name: z.string().describe("The dimension's name."),
  Value: z.string().describe('Its value.'),
});

/** `DescribeAlarms` `MetricAlarms[]` entry. */
export const metricAlarmDescriptionSchema = z.strictObject({
  AlarmDescription: z.string().exactOptional().describe("The alarm's description."),
  Statistic: z.string().exactOptional().describe('The statistic evaluated (Average, Sum, ...).'),
  ExtendedStatistic: z.string().exactOptional().describe('The percentile evaluated (`p99`), instead of a statistic.'),
  Unit: z.string().exactOptional().describe("The metric's unit."),
  EvaluateLowSampleCountPercentile: z.string().exactOptional().describe('For percentiles: `evaluate` or `ignore` when samples are few.'),
  StateValue: alarmStateValueSchema.describe("The alarm's state at the end."),
  StateReason: z.string().describe('Why it is in that state, as CloudWatch words it.'),
  StateReasonData: z.string().exactOptional().describe('The same as JSON.'),
  StateUpdatedTimestamp: z.string().describe("When the state last changed (ISO 8601, from the scenario's start time)."),
  AlarmConfigurationUpdatedTimestamp: z.string().describe('When the alarm was last put (ISO 8601).'),
  AlarmName: z.string().describe("The alarm's name."),
  ActionsEnabled: z.boolean().describe('Whether its actions run.'),
  OKActions: list(z.string()).describe('Actions on entering OK.'),
  AlarmActions: list(z.string()).describe('Actions on entering ALARM.'),
  InsufficientDataActions: list(z.string()).describe('Actions on entering INSUFFICIENT_DATA.'),
  MetricName: z.string().describe('The metric watched.'),
  Namespace: z.string().describe('Its namespace.'),
  Dimensions: list(dimensionSchema).describe('Its dimensions.'),
  Period: z.number().describe('Seconds per datapoint.'),
  EvaluationPeriods: z.number().describe('Datapoints evaluated.'),
  DatapointsToAlarm: z.number().describe('Defaults to EvaluationPeriods (an N-out-of-N alarm).'),
  Threshold: z.number().describe('The threshold compared with.'),
  ComparisonOperator: z.enum(['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold']).describe('How a datapoint is compared with the threshold.'),
  TreatMissingData: z.enum(['missing', 'notBreaching', 'breaching', 'ignore']).describe('Defaults to `missing` (C-024).'),
});

export const alarmHistoryItemSchema = z.strictObject({
  AlarmName: z.string().describe('The alarm.'),
  AlarmType: z.literal('MetricAlarm').describe('Always MetricAlarm.'),
  Timestamp: z.string().describe('When (ISO 8601).'),
  HistoryItemType: z.enum(['ConfigurationUpdate', 'StateUpdate', 'Action']).describe('A configuration change, a state change, or an action.'),
  HistorySummary: z.string().describe('What happened, as CloudWatch words it.'),
  HistoryData: z.string().describe('The details as JSON.'),
});

export const metricDataResultSchema = z.strictObject({
  Id: z.string().describe("The query's id, from `cloudwatch.metrics`."),
  Label: z.string().describe("The query's label."),
  Timestamps: list(z.string()).describe("The datapoints' times (ISO 8601), oldest first."),
  Values: list(z.number()).describe("The datapoints' values, with the timestamps."),
  StatusCode: z.literal('Complete').describe('Always Complete: every datapoint is in.'),
  Messages: z.tuple([]).describe('Always empty.'),
});

/** CloudWatch at the end of the run, in the APIs' shapes. */
export const cloudwatchResultSchema = z.strictObject({
  alarms: z.strictObject({
    MetricAlarms: list(metricAlarmDescriptionSchema).describe('Every metric alarm.'),
  }).describe('DescribeAlarms.'),
  history: list(alarmHistoryItemSchema).describe('DescribeAlarmHistory, oldest first (the API answers newest first).'),
  metricData: list(metricDataResultSchema).describe('GetMetricData over the whole run for `cloudwatch.metrics`, oldest first (ScanBy TimestampAscending); what is published by the end (C-019 delay).'),
  warnings: list(z.string()).exactOptional().describe('Queries of `cloudwatch.metrics` that matched no metric the run published (their Values are empty), each naming the dimensions the metric was published with instead.'),
});

// ---- deployments: each deployment and where its time went (src/ecs/service/deployment-history.ts) ----

export const deploymentOutcomeSchema = z.enum(['IN_PROGRESS', 'COMPLETED', 'FAILED', 'SUPERSEDED']);

/** Where a deployment's time went, in the order a deployment meets them (DEPLOYMENT_PHASES). */
export const deploymentPhaseSchema = z.enum(['placement', 'provisioning', 'imagePull', 'containerStart', 'registration', 'healthChecks', 'deregistrationDelay', 'stopping', 'lifecycleHooks', 'trafficShift', 'bake', 'scheduler']);

export const phaseTotalSchema = z.strictObject({
  name: deploymentPhaseSchema.describe('The phase.'),
  totalMs: z.number().describe("Summed over the deployment's tasks (for `placement` and `scheduler`, which belong to no task: their critical-path time)."),
  criticalPathMs: z.number().describe('Time the phase took on the critical path.'),
});

/** A span of one task's (or, with `taskId` null, the deployment's or the scheduler's) time. */
export const phaseSpanSchema = z.strictObject({
  taskId: z.union([z.null(), z.string()]).describe('The task the span is about, or null for the service as a whole.'),
  phase: deploymentPhaseSchema.describe('What the time went to.'),
  startMs: z.number().describe('When the span began.'),
  endMs: z.number().describe('When it ended.'),
});

export const deploymentRecordSchema = z.strictObject({
  id: z.string().describe('`ecs-svc/…` (ecs-facts S-075).'),
  serviceName: z.string().describe('The service deployed.'),
  strategy: z.string().describe("The service's deployment strategy when it started; ROLLING unless the service names another."),
  taskDefinition: z.string().describe('The task definition revision it deployed.'),
  startMs: z.number().describe('When it began.'),
  endMs: z.number().describe('When it completed, failed or was superseded; the end of the run while IN_PROGRESS.'),
  durationMs: z.number().describe('How long it took (to the end of the run, if still in progress).'),
  outcome: deploymentOutcomeSchema.describe('How it ended.'),
  rollbackTo: z.string().exactOptional().describe('On a rollback deployment: the deployment it returns to (ecs-facts S-087).'),
  rolledBackBy: z.string().exactOptional().describe('On a FAILED deployment the circuit breaker rolled back: the rollback deployment.'),
  desiredCount: z.number().describe("The service's desiredCount and deployment configuration when the deployment started."),
  minimumHealthyPercent: z.number().describe("The deployment's minimumHealthyPercent."),
  maximumPercent: z.number().describe("The deployment's maximumPercent."),
  healthyFloor: z.number().describe('ceil(desiredCount × minimumHealthyPercent / 100) (ecs-facts S-067, L-046).'),
  runningCeiling: z.number().describe('floor(desiredCount × maximumPercent / 100) (ecs-facts S-067, L-046).'),
  minHealthyCount: z.number().describe('The fewest healthy service tasks (S-045) at the end of any instant while it ran.'),
  maxRunningCount: z.number().describe('The most service tasks RUNNING or on their way to it (PROVISIONING, PENDING, ACTIVATING) and not being stopped, at the end of any instant while it ran (S-067).'),
  tasksStarted: z.number().describe('Tasks the deployment started (their `startedBy` is its id) while it ran.'),
  tasksStopped: z.number().describe("The deployment's tasks, and the older ones it stopped, that reached STOPPED while it ran."),
  phases: list(phaseTotalSchema).describe('Every phase, in DEPLOYMENT_PHASES order.'),
  criticalPath: list(phaseSpanSchema).describe('Oldest first; contiguous from startMs to endMs, so the spans sum to durationMs exactly.'),
});

// ---- autoscaling: Application Auto Scaling of services (src/autoscaling, src/scenario/autoscaling.ts) ----

export const suspendedStateSchema = z.strictObject({
  DynamicScalingInSuspended: z.boolean().describe('Scale-in by policies is suspended.'),
  DynamicScalingOutSuspended: z.boolean().describe('Scale-out by policies is suspended.'),
  ScheduledScalingSuspended: z.boolean().describe('Scheduled actions are suspended.'),
});

export const scalableTargetDescriptionSchema = z.strictObject({
  ServiceNamespace: z.literal('ecs').describe('Always ecs.'),
  ResourceId: z.string().describe('The service: `service/<cluster>/<service>`.'),
  ScalableDimension: z.literal('ecs:service:DesiredCount').describe("The service's desired count."),
  MinCapacity: z.number().describe('The lowest desired count scaling may set.'),
  MaxCapacity: z.number().describe('The highest desired count scaling may set.'),
  RoleARN: z.string().describe('The service-linked role.'),
  CreationTime: z.number().describe('Epoch seconds.'),
  SuspendedState: suspendedStateSchema.describe('Which scaling is suspended.'),
});

const scalingPolicyKnownKeys = {
  PolicyARN: 1, PolicyName: 1, ServiceNamespace: 1, ResourceId: 1, ScalableDimension: 1, PolicyType: 1, TargetTrackingScalingPolicyConfiguration: 1, StepScalingPolicyConfiguration: 1, Alarms: 1, CreationTime: 1,
} as const;

export const scalingPolicyDescriptionSchema = z.strictObject({
  PolicyARN: z.string().describe("The policy's ARN."),
  PolicyName: z.string().describe('Its name.'),
  ServiceNamespace: z.literal('ecs').describe('Always ecs.'),
  ResourceId: z.string().describe('The service it scales.'),
  ScalableDimension: z.literal('ecs:service:DesiredCount').describe("The service's desired count."),
  PolicyType: z.string().describe("TargetTrackingScaling, StepScaling, or a plug-in's registered policy type."),
  TargetTrackingScalingPolicyConfiguration: z.strictObject({
    TargetValue: z.number().describe('The value the metric is kept at.'),
    PredefinedMetricSpecification: z.strictObject({
      PredefinedMetricType: z.enum(['ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization', 'ALBRequestCountPerTarget']).describe('Which predefined metric.'),
      ResourceLabel: z.string().optional().describe('ALBRequestCountPerTarget: the load balancer and target group.'),
    }).optional().describe('A predefined metric.'),
    CustomizedMetricSpecification: z.strictObject({
      MetricName: z.string().describe("The metric's name."),
      Namespace: z.string().describe('Its namespace.'),
      Statistic: z.enum(['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum']).describe('The statistic tracked.'),
      Dimensions: list(z.strictObject({
        Name: z.string().describe("The dimension's name."),
        Value: z.string().describe('Its value.'),
      })).optional().describe('Its dimensions.'),
      Unit: z.string().optional().describe('Its unit.'),
    }).optional().describe("A CloudWatch metric of one's own."),
    ScaleOutCooldown: z.number().optional().describe('Seconds after a scale-out before the next.'),
    ScaleInCooldown: z.number().optional().describe('Seconds after a scale-in before the next.'),
    DisableScaleIn: z.boolean().optional().describe('Whether the policy never scales in.'),
  }).optional().describe('Target tracking: the metric and its target.'),
  StepScalingPolicyConfiguration: z.strictObject({
    AdjustmentType: z.enum(['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity']).describe("How a step's adjustment is read."),
    StepAdjustments: list(z.strictObject({
      ScalingAdjustment: z.number().describe('The adjustment of this step.'),
      MetricIntervalLowerBound: z.number().optional().describe("The step's lower bound, relative to the threshold (absent: minus infinity)."),
      MetricIntervalUpperBound: z.number().optional().describe("The step's upper bound, relative to the threshold (absent: infinity)."),
    })).describe("The steps, by how far the metric is past the alarm's threshold."),
    MinAdjustmentMagnitude: z.number().optional().describe('PercentChangeInCapacity: the smallest change.'),
    Cooldown: z.number().optional().describe('Seconds after an activity before the next.'),
    MetricAggregationType: z.enum(['Average', 'Minimum', 'Maximum']).optional().describe("How the metric's datapoints are aggregated."),
  }).optional().describe('Step scaling: the steps and how they adjust.'),
  Alarms: list(z.strictObject({
    AlarmName: z.string().describe("The alarm's name."),
    AlarmARN: z.string().describe('Its ARN.'),
  })).describe('The CloudWatch alarms that invoke the policy.'),
  CreationTime: z.number().describe('Epoch seconds.'),
})
  // A plug-in policy type's configuration comes under `<PolicyType>PolicyConfiguration`, as the API returns AWS's own.
  .catchall(z.unknown().describe("A plug-in policy type's configuration, under `<PolicyType>PolicyConfiguration`."))
  .superRefine((policy, ctx) => {
    for (const key of Object.keys(policy)) {
      if (!(key in scalingPolicyKnownKeys) && !key.endsWith('PolicyConfiguration')) ctx.addIssue({ code: 'custom', path: [key], message: `unknown field "${key}"` });
    }
  });

export const scheduledActionDescriptionSchema = z.strictObject({
  ScheduledActionName: z.string().describe("The action's name."),
  ScheduledActionARN: z.string().describe('Its ARN.'),
  ServiceNamespace: z.literal('ecs').describe('Always ecs.'),
  Schedule: z.string().describe('When it runs: `at(...)`, `rate(...)` or `cron(...)`.'),
  Timezone: z.string().describe('The time zone of the schedule.'),
  ResourceId: z.string().describe('The service it acts on.'),
  ScalableDimension: z.literal('ecs:service:DesiredCount').describe("The service's desired count."),
  StartTime: z.number().exactOptional().describe('When the schedule starts.'),
  EndTime: z.number().exactOptional().describe('When it ends.'),
  ScalableTargetAction: z.strictObject({
    MinCapacity: z.number().optional().describe('The new MinCapacity.'),
    MaxCapacity: z.number().optional().describe('The new MaxCapacity.'),
  }).describe('What it sets.'),
  CreationTime: z.number().describe('When it was put.'),
});

export const scalingActivityStatusCodeSchema = z.enum(['InProgress', 'Failed', 'Pending', 'Successful', 'Overridden', 'Unfulfilled']);

export const notScaledReasonCodeSchema = z.enum(['AlreadyAtMaxCapacity', 'AlreadyAtMinCapacity', 'AlreadyAtDesiredCapacity']);

export const notScaledReasonSchema = z.strictObject({
  Code: notScaledReasonCodeSchema.describe('Why capacity did not change.'),
  MaxCapacity: z.number().exactOptional().describe('The MaxCapacity then.'),
  MinCapacity: z.number().exactOptional().describe('The MinCapacity then.'),
  CurrentCapacity: z.number().exactOptional().describe('The capacity then.'),
});

/** `DescribeScalingActivities` `ScalingActivities[]` entry. */
export const scalingActivitySchema = z.strictObject({
  ActivityId: z.string().describe("The activity's id."),
  ServiceNamespace: z.literal('ecs').describe('Always ecs.'),
  ResourceId: z.string().describe('The service scaled.'),
  ScalableDimension: z.literal('ecs:service:DesiredCount').describe("The service's desired count."),
  Description: z.string().describe('What it did, as Application Auto Scaling words it.'),
  Cause: z.string().describe('Why: the alarm or scheduled action, as Application Auto Scaling words it.'),
  StartTime: z.number().describe("Epoch seconds (the API's JSON form)."),
  EndTime: z.number().describe('Epoch seconds.'),
  StatusCode: scalingActivityStatusCodeSchema.describe('How it went.'),
  StatusMessage: z.string().describe('More about how it went.'),
  NotScaledReasons: list(notScaledReasonSchema).exactOptional().describe('Why capacity did not change, when it did not.'),
});

/** One minute's view of a scalable target: what the result charts as desired vs running. */
export const scalingSampleSchema = z.strictObject({
  t: z.number().describe('When.'),
  desired: z.number().describe("The service's desired count then."),
  running: z.number().describe('Its running count then.'),
});

export const autoscalingResultSchema = z.strictObject({
  scalableTargets: list(scalableTargetDescriptionSchema).describe('DescribeScalableTargets.'),
  scalingPolicies: list(scalingPolicyDescriptionSchema).describe('DescribeScalingPolicies (with the alarms target tracking created).'),
  scheduledActions: list(scheduledActionDescriptionSchema).describe('DescribeScheduledActions.'),
  activities: list(scalingActivitySchema).describe('DescribeScalingActivities with IncludeNotScaledActivities, oldest first.'),
  series: z.record(z.string(), list(scalingSampleSchema)).describe('Desired and running count of each target at every minute boundary, by ResourceId.'),
});

// ---- clusterAutoScaling: managed scaling of capacity providers (src/ecs/capacity/managed-scaling.ts) ----

export const managedScalingSampleSchema = z.strictObject({
  t: z.number().describe('When.'),
  DesiredCapacity: z.number().describe("The Auto Scaling group's desired capacity then."),
  InService: z.number().describe('Its instances in service then.'),
  CapacityProviderReservation: z.number().describe('The CapacityProviderReservation metric then (ecs-facts A-021).'),
  provisioningTasks: z.number().describe('Tasks waiting in PROVISIONING for an instance then.'),
});

export const scalingActionSchema = z.strictObject({
  t: z.number().describe('When the target tracking policy acted.'),
  kind: z.enum(['scaleOut', 'scaleIn']).describe('Out or in.'),
  AlarmName: z.string().describe('The alarm that invoked it.'),
  from: z.number().describe('The desired capacity before.'),
  to: z.number().describe('The desired capacity after.'),
  reason: z.string().describe('Why, in words.'),
});

/** One change of the group, for the result. */
export const autoScalingGroupActivitySchema = z.strictObject({
  t: z.number().describe('When.'),
  kind: z.enum(['launch', 'terminateWait', 'terminate', 'terminationAborted', 'launchRefused']).describe('A launch, a termination (waiting for its tasks, done, or aborted), or launches refused past the container-instances-per-cluster quota.'),
  instance: z.string().describe('The instance (`group/index`); for launchRefused, the first one not launched.'),
  message: z.string().optional().describe('Why the launches were refused (launchRefused).'),
});

export const capacityProviderScalingResultSchema = z.strictObject({
  autoScalingGroupName: z.string().describe('The Auto Scaling group the capacity provider manages.'),
  alarms: z.strictObject({
    high: z.string().describe("The scale-out alarm's name."),
    low: z.string().describe("The scale-in alarm's name."),
  }).describe('The two alarms managed scaling creates on CapacityProviderReservation.'),
  samples: list(managedScalingSampleSchema).describe("The group's capacity and reservation over time."),
  scalingActions: list(scalingActionSchema).describe("Every change of the group's desired capacity by its target tracking policy."),
  activities: list(autoScalingGroupActivitySchema).describe('Every launch and termination of the group.'),
  firstProvisioningAtMs: z.number().exactOptional().describe('When the first task waited in PROVISIONING.'),
  steadyStateAtMs: z.number().exactOptional().describe('When its services next reached a steady state.'),
  timeToSteadyStateMs: z.number().exactOptional().describe("From the first PROVISIONING task to its services' next steady state."),
});

export const managedScalingResultSchema = z.strictObject({
  capacityProviders: z.record(z.string(), capacityProviderScalingResultSchema).describe('Per capacity provider with managed scaling, by name.'),
});

// ---- cost: what the run's capacity cost (src/cost) ----------------------------------------------

export const costGroupSchema = z.enum(['elb', 'ec2', 'fargate', 'ecsAnywhere']);

export const costLineSchema = z.strictObject({
  group: costGroupSchema.describe('What the line is for.'),
  item: z.string().describe('What was used (an instance type, vCPU-hours, ...).'),
  quantity: z.number().describe('How much.'),
  unit: z.string().describe('In what unit.'),
  unitPrice: z.number().describe('USD per unit.'),
  cost: z.number().describe('quantity × unitPrice, USD.'),
  priceSource: z.string().describe('Where the unit price came from: a fact id, an assumption or `scenario`.'),
});

/** Usage the table has no price for: never priced at 0. */
export const unpricedItemSchema = z.strictObject({
  group: costGroupSchema.describe('What the item is for.'),
  item: z.string().describe('What was used.'),
  quantity: z.number().describe('How much.'),
  unit: z.string().describe('In what unit.'),
  message: z.string().describe('Why it has no price.'),
});

export const costResultSchema = z.strictObject({
  currency: z.literal('USD').describe('Always USD.'),
  region: z.string().describe('The region the prices are for.'),
  asOf: z.string().describe('The date of the price table.'),
  verified: z.boolean().describe('Whether every figure of the price table was checked against the AWS pricing pages.'),
  lines: list(costLineSchema).describe('One line per priced item.'),
  totals: z.strictObject({
    ec2: z.number().describe('EC2 instances.'),
    fargate: z.number().describe('Fargate tasks.'),
    elb: z.number().describe('Load balancers.'),
    ecsAnywhere: z.number().describe('ECS Anywhere instances.'),
    total: z.number().describe('Everything.'),
  }).describe('Totals in USD by group, and overall.'),
  hours: z.number().describe('Simulated hours the run covered.'),
  perHour: z.union([z.null(), z.number()]).describe('total / hours: compares what-ifs of different lengths; null for a run of length 0.'),
  unpriced: list(unpricedItemSchema).describe('What was used but has no price in the table: never counted as zero.'),
  notMetered: list(z.string()).describe('What the cost leaves out because the model does not measure it.'),
});

// ---- time series: the run over time, for charts (src/scenario/time-series.ts) --------------------

const stepT = list(z.number()).describe('Simulated ms of each point, ascending: the values hold from there until the next point (a step function; several changes at one time are one point).');

export const serviceSeriesSchema = z.strictObject({
  cluster: z.string().describe("The service's cluster name."),
  serviceName: z.string().describe('The service.'),
  t: stepT,
  desiredCount: list(z.number()).describe("The service's desiredCount (a DAEMON service's: the instances it should run on)."),
  runningCount: list(z.number()).describe('Tasks RUNNING (ecs-facts S-075).'),
  pendingCount: list(z.number()).describe('Tasks PENDING (ecs-facts S-075).'),
  healthyCount: list(z.number()).describe("Tasks the scheduler counts as healthy (ecs-facts S-045, L-046), as of its last look."),
  floor: list(z.number()).describe('desiredCount × minimumHealthyPercent / 100 rounded up: the fewest healthy tasks a deployment keeps (ecs-facts L-046).'),
  ceiling: list(z.number()).describe('desiredCount × maximumPercent / 100 rounded down: the most tasks a deployment runs (ecs-facts L-046, S-067).'),
});

export const instanceSeriesSchema = z.strictObject({
  containerInstanceArn: z.string().describe('The container instance.'),
  ec2InstanceId: z.string().exactOptional().describe('Its EC2 instance id (absent for EXTERNAL instances).'),
  availabilityZone: z.string().describe('Its Availability Zone.'),
  cpuRegistered: z.number().describe('CPU units it registered.'),
  memoryRegistered: z.number().describe('MiB of memory it registered.'),
  t: stepT,
  cpuReserved: list(z.number()).describe('CPU units its tasks reserve.'),
  memoryReserved: list(z.number()).describe('MiB of memory its tasks reserve.'),
  runningTasks: list(z.number()).describe('Tasks holding a reservation on it.'),
});

export const alarmSeriesSchema = z.strictObject({
  alarmName: z.string().describe('The alarm.'),
  t: stepT,
  state: list(z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA'])).describe('Its state from each point on (INSUFFICIENT_DATA when created, then every StateUpdate of its history).'),
});

const perPeriod = (what: string) => list(z.number()).describe(`${what} in each period.`);
const percentile = (p: string) => list(z.union([z.number(), z.null()])).describe(`The ${p} latency (ms, nearest rank) of the period's responses; null for a period without any.`);

export const requestSeriesSchema = z.strictObject({
  scope: z.enum(['loadBalancer', 'targetGroup', 'workload']).describe('What is counted: every response of a load balancer (its own and its target groups\'), of one target group (by whichever load balancer), or every response a workload\'s clients saw (a request-level workload\'s own 460s included; a fluid workload\'s expected requests, see `mode`).'),
  mode: z.literal('fluid').exactOptional().describe("A fluid (aggregate) workload's series: `count` and the status columns are the model's expected requests, not whole, exact to the model (each step's integral of the rate profile, split as the run's totals are, so the periods add up to them; a step spanning periods is split by the profile's integral over each part; a step running past the run's end counts in the last period); 3xx is always 0; the percentiles are read off the model's latency distribution of the period's requests (shed ones at latency 0), as the totals' are: exact for M/M/c up to the grid, approximate otherwise (src/traffic/fluid.ts), not nearest rank of samples."),
  name: z.string().describe('The load balancer, target group or workload name.'),
  t: list(z.number()).describe('The start of each period (simulated ms): 0, periodMs, 2·periodMs, … up to the period the run ended in (partial; a run ending on a boundary has a last period starting there, holding what happened at that instant).'),
  count: perPeriod('Responses'),
  http2xx: perPeriod('Responses with a 2xx status'),
  http3xx: perPeriod('Responses with a 3xx status'),
  http4xx: perPeriod('Responses with a 4xx status (whoever sent them)'),
  http5xx: perPeriod('Responses with a 5xx status (whoever sent them): elb5xx + target5xx'),
  elb5xx: perPeriod('5xx the load balancer generated (502, 503, 504: HTTPCode_ELB_5XX_Count)'),
  target5xx: perPeriod('5xx the targets sent (HTTPCode_Target_5XX_Count)'),
  p50Ms: percentile('median'),
  p90Ms: percentile('90th percentile'),
  p99Ms: percentile('99th percentile'),
});

/** The run over time, in columns (one array per quantity, index-aligned with `t`), so a chart takes them as they are. */
export const timeSeriesSchema = z.strictObject({
  periodMs: z.number().describe('The aggregation period of `requests` (60000: a CloudWatch minute).'),
  services: list(serviceSeriesSchema).describe('One per service, in creation order: its counts at every change.'),
  instances: list(instanceSeriesSchema).describe('One per container instance (EC2 and EXTERNAL; Fargate has none), in registration order: its reservations at every change.'),
  alarms: list(alarmSeriesSchema).describe('One per CloudWatch alarm, by name: its state at every change.'),
  requests: list(requestSeriesSchema).describe('Requests per period: each load balancer, then each target group, then each request-level workload, then each fluid workload.'),
});

// ---- expectations, and the run result itself ----------------------------------------------------

/** Expectations: assertions a scenario carries about its own result, at the end of the run (`that`, a path into the run result) or throughout it (`throughout`, a probe checked at every change). Each failure says what was expected and what was seen. */
export const expectationResultSchema = z.strictObject({
  index: z.number().describe("Position in the scenario's `expectations` list."),
  claim: z.string().describe('`queueing.checkout.meanWaitMs ≈ 1185 ± 5%`'),
  status: z.enum(['passed', 'failed', 'invalid']).describe('passed, failed, or invalid (the path or probe does not exist).'),
  seen: z.union([z.null(), z.string(), z.number(), z.boolean()]).exactOptional().describe('What was seen: the final value, or the first violating value for `throughout`.'),
  atMs: z.number().exactOptional().describe('Simulated time of the first violation (`throughout`).'),
  message: z.string().describe('Why it failed or is invalid; empty when it passed.'),
  description: z.string().exactOptional().describe("The expectation's description, from the scenario."),
});

/** The version of this description: it moves when a field changes meaning, or a required field is removed or renamed. */
export const RESULT_SCHEMA_VERSION = 1 as const;

/** One decision record (docs/decisions.md): `t`, `kind`, then the kind's own fields in a fixed order. */
export const decisionRecordSchema = z
  .looseObject({
    t: z.number().describe('Simulated time of the decision, in ms.'),
    kind: z.enum(['placement', 'scaleIn', 'serviceReconcile', 'circuitBreaker', 'deploymentAlarm', 'scaling', 'managedScaling', 'instanceScaleIn']).describe('What was decided; each kind has its own fields (docs/decisions.md).'),
  })
  .describe('A decision the control plane took, and why.');

export const runResultSchema = z.strictObject({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION).describe('Which version of the result description this result follows (the shipped run-result.schema.json describes it).'),
  scenario: z.string().describe("The scenario's name."),
  seed: z.union([z.string(), z.number()]).describe('The seed the run used.'),
  logHash: z.string().describe("SHA-256 of the JSONL event log: the run's determinism fingerprint."),
  untilMs: z.number().describe('How long the scenario asked to run.'),
  simulatedMs: z.number().describe('The simulated time when the run stopped.'),
  eventsProcessed: z.number().describe('Events the simulation processed.'),
  traceRecords: z.number().describe('Records written to the event log.'),
  stopReason: z.enum(['empty', 'until', 'maxEvents', 'stopWhen', 'stopped', 'error']).describe('Why the run stopped: `until` (the scenario\'s end), `empty` (nothing left to happen), `error` (see `error`), or a limit the caller set (`maxEvents`, `stopWhen`, `stopped`).'),
  error: z.strictObject({
    message: z.string().describe('What went wrong.'),
    atMs: z.number().describe('When.'),
    actor: z.string().exactOptional().describe('The process that threw, when known.'),
  }).exactOptional().describe('Set when a model callback threw: the run stopped there and the rest is partial.'),
  partial: z.literal(true).exactOptional().describe('Set when the run stopped before `untilMs`, interrupted (SIGINT or SIGTERM; stopReason `stopped`) or at the CLI\'s event limit (stopReason `maxEvents`): everything here is as of `simulatedMs`.'),
  queueing: z.record(z.string(), stationResultSchema).exactOptional().describe('Each queueing station of the scenario, by name.'),
  ecs: ecsResultSchema.exactOptional().describe('ECS: tasks, container instances, services, placements and events, when the scenario has an `ecs` section.'),
  elb: elbResultSchema.exactOptional().describe("Elastic Load Balancing: load balancers and target groups with their targets' health over time, when the scenario has an `elb` section."),
  traffic: z.strictObject({
    workloads: list(workloadResultSchema).describe('Each workload, in scenario order (request-level first, then fluid).'),
  }).exactOptional().describe("The workloads' requests, when the scenario has `workloads`."),
  cloudwatch: cloudwatchResultSchema.exactOptional().describe('Present when the scenario has a `cloudwatch` section.'),
  deployments: list(deploymentRecordSchema).exactOptional().describe('Every service deployment with its timings, outcome and where its time went (critical path).'),
  autoscaling: autoscalingResultSchema.exactOptional().describe('Service Auto Scaling, when the scenario has an `autoscaling` section.'),
  clusterAutoScaling: managedScalingResultSchema.exactOptional().describe('Cluster auto scaling per capacity provider, when one has managed scaling (ecs-facts A-020 to A-027).'),
  cost: costResultSchema.exactOptional().describe("What the run's capacity cost (EC2, Fargate, load balancers), from the shipped price table and the scenario's overrides."),
  ignoredFields: list(
    z.strictObject({
      at: z.string().describe('Where, as a field path of the scenario: `timeline[2].updateService`, or a task definition: `ecs.taskDefinitions[0].file` (or `.definition`).'),
      fields: list(z.string()).describe('The fields given there that change nothing in the run (in a task definition: paths in its document, `containerDefinitions[0].linuxParameters`).'),
    }),
  )
    .exactOptional()
    .describe('API fields the scenario gives that ecs-sim accepts but does not model (task definitions, CreateService, UpdateService, RunTask, StartTask): named, never dropped silently. Absent when there are none.'),
  warnings: list(
    z.strictObject({
      at: z.string().describe('Where, as a field path of the scenario: `timeline[0].createService`, `ecs.taskDefinitions[0].file`.'),
      message: z.string().describe('What was unwrapped, dropped or assumed there, and why.'),
      fields: list(z.string()).exactOptional().describe('Every field path it concerns, relative to `at` (the read-only fields and nulls dropped from a pasted output).'),
    }),
  )
    .exactOptional()
    .describe('What loading unwrapped or dropped from pasted AWS outputs (describe-services, describe-task-definition, console exports) and what it assumed (a container behind a target group without server behaviour answers health checks): said, never silent. Absent when there is nothing to say.'),
  expectations: list(expectationResultSchema).describe("Each of the scenario's expectations, in order, with how it went."),
  decisions: list(decisionRecordSchema).exactOptional().describe('Every decision the control plane took, in order (placement, scale-in, service reconciliations, circuit breaker and deployment alarm verdicts, Service Auto Scaling, managed scaling, instance scale-in), when asked for (`simulate(…, { decisions: true })`); never part of the log hash. Shapes: docs/decisions.md.'),
  timeSeries: timeSeriesSchema.exactOptional().describe('The run over time (service counts, instance reservations, alarm states, requests per minute), for charts and traces; present when the run has an `ecs`, `elb`, `cloudwatch` or `workloads` section.'),
});

