// ecs-sim's public API. Named exports only; types are listed apart.
export {
  Simulation,
  SimulationError,
  Timer,
  parseDuration,
  formatDuration,
  DurationError,
  RandomStream,
  RandomStreams,
  makeDistribution,
  normalQuantile,
  Z_99,
  Process,
  SimEvent,
  Signal,
  Sleep,
  Interrupt,
  sleep,
  timeout,
  anyOf,
  allOf,
  Tracer,
  MemorySink,
  HashSink,
  JsonlFileSink,
  Probe,
} from './engine/index.js';
export { Station, createStation, erlangC, mmcMeanWait } from './queueing/index.js';
export { loadScenarioFile, parseScenario } from './scenario/loader.js';
export { runScenario } from './scenario/runner.js';
export { ScenarioError, formatIssues, formatPath } from './scenario/errors.js';
export { scenarioSchema } from './scenario/schema/scenario.js';
export { formatSummary } from './report/summary.js';
export { EcsModel } from './ecs/model.js';
export { ControlPlane } from './ecs/control-plane.js';
export { checkInvariants } from './ecs/invariants.js';
export { DEFAULT_LATENCIES } from './ecs/defaults.js';
export { canMove, taskHealth, TASK_STATUS_ORDER } from './ecs/task/lifecycle.js';
export { instanceType, resolveInstanceType, registeredMemoryMiB, maxAwsvpcTasks, INSTANCE_TYPE_NAMES, InstanceTypeError } from './ecs/capacity/instance-types.js';
export {
  TaskDefinitionRegistry,
  TaskDefinitionError,
  taskDefinitionInputSchema,
  validateTaskDefinition,
  normalizeTaskDefinition,
  compatibilitiesOf,
  parseTaskCpu,
  parseTaskMemory,
  FARGATE_TASK_SIZES,
} from './ecs/task-definition/index.js';
export { buildEcsConfig } from './scenario/ecs-config.js';
export { PlacementRegistry, PlacementArgumentError } from './ecs/placement/registry.js';
export { place, scanContext, unableToPlaceMessage, type IndexedPool } from './ecs/placement/place.js';
export { PlacementIndex, TwinSet } from './ecs/placement/twin-index.js';
export { parseExpression, evaluate, memberOf, formatExpression, QueryLanguageError } from './ecs/placement/query-language.js';
export { ServiceScheduler } from './ecs/service/scheduler.js';
export { EcsObservers } from './ecs/observers.js';
export type { EcsObserver, DeploymentChange } from './ecs/observers.js';
export { main as cliMain, EXIT } from './cli/main.js';
export type { StationConfig, StationResult } from './queueing/index.js';
export type { EcsConfig, ContainerBehaviour, TaskBehaviour, Latencies, InstanceGroup, FargateConfig, TimelineAction, RunTaskAction, DeploymentCircuitBreaker } from './ecs/config.js';
export type { EcsResult, TaskResult, ContainerInstanceResult, DescribeServicesSnapshot } from './ecs/result.js';
export type { RunTaskOutcome, RunTaskFailure, EcsEvent } from './ecs/control-plane.js';
export type { TaskRecord, ContainerRecord, TaskDurations } from './ecs/task/task-record.js';
export type { TaskStatus, DesiredStatus, StopCode, ContainerStatus, HealthStatus, LaunchType } from './ecs/task/lifecycle.js';
export type { InstanceTypeSpec, InstanceTypeOverride } from './ecs/capacity/instance-types.js';
export type {
  FilterPlugin,
  StrategyPlugin,
  PluginFactory,
  Candidate,
  PlacementContext,
  PlacementRequest,
  PlacementDecision,
  PlacementConstraint,
  PlacementStrategy,
  Rejection,
} from './ecs/placement/framework.js';
export type { Expression, QueryTarget } from './ecs/placement/query-language.js';
export type { ServiceResult, ServiceEvent, Deployment } from './ecs/service/service.js';
export type { PlacementRecord } from './ecs/control-plane.js';
export type { TaskDefinition, TaskDefinitionInput, TaskDefinitionIssue, ContainerDefinition } from './ecs/task-definition/index.js';
export type { Scenario } from './scenario/loader.js';
export type { RunResult, RunScenarioOptions, RunOutput, CloudwatchResult } from './scenario/runner.js';
export type { ScenarioIssue, FieldPath } from './scenario/errors.js';
export type { ExpectationResult } from './scenario/expectations.js';
export type { ScenarioInput, ScenarioSpec, ExpectationSpec, StationSpec } from './scenario/schema/scenario.js';
export type { RunTiming } from './report/summary.js';
export type { CliIo } from './cli/main.js';
export type {
  SimulationOptions,
  RunOptions,
  StopReason,
  DurationOptions,
  Distribution,
  DistributionSpec,
  ProcessBody,
  Waitable,
  TraceRecord,
  TraceSink,
  ProbeObserver,
} from './engine/index.js';
// Elastic Load Balancing and request traffic (their folders' public APIs).
export { ElasticLoadBalancing } from './elb/elb.js';
export type { ElasticLoadBalancingOptions, ElbResult, LoadBalancerResult, TargetGroupResult, TargetGroupDescription } from './elb/elb.js';
export { LoadBalancer, Listener } from './elb/load-balancer.js';
export type { LoadBalancerOptions } from './elb/load-balancer.js';
export { TargetGroup, Target, ElbApiError } from './elb/target-group.js';
export type {
  TargetDescription,
  TargetView,
  TargetHealthDescription,
  HealthHistoryEntry,
  TargetHealthChangeEvent,
  TargetDeregisteredEvent,
  HostCountSample,
  TargetResolver,
  TargetGroupOptions,
  TargetGroupOwner,
} from './elb/target-group.js';
export { afterCheck, sameHealth, responseCodeMismatch, DESCRIPTIONS } from './elb/health.js';
export type { TargetHealth, TargetHealthState, TargetHealthReason, CheckResult, HealthStatus as TargetCheckStatus, Thresholds } from './elb/health.js';
export { TargetSelector, RuleTable, wildcardToRegExp } from './elb/routing.js';
export type { Routable, SelectionAlgorithm, RuleInput } from './elb/routing.js';
export { ElbStats, TargetCounters, codeCounts } from './elb/stats.js';
export type { ElbStatsRecorder, RequestSink, ElbCodeCounts, ElbRequestSummary, TargetRequestSummary } from './elb/stats.js';
export {
  createTargetGroupSchema,
  createLoadBalancerSchema,
  createListenerSchema,
  createRuleSchema,
  elbModelSchema,
  elbSectionSchema,
  parseElbSection,
  parseMatcher,
  loadBalancerTypeOf,
  targetGroupNameFromArn,
  resolveTargetGroupName,
  ElbConfigError,
} from './elb/schema.js';
export type {
  CreateTargetGroupInput,
  CreateLoadBalancerInput,
  CreateListenerInput,
  CreateRuleInput,
  ElbSectionInput,
  ElbSection,
  ElbModelOptions,
  TargetGroupSettings,
  TargetGroupAttribute,
  LoadBalancerSettings,
  ListenerSettings,
  RuleSettings,
  ConditionSettings,
  ActionSettings,
  WeightedTargetGroup,
  TargetGroupProtocol,
  HealthCheckProtocol,
  ListenerProtocol,
  ElbConfigIssue,
} from './elb/schema.js';
export { idHex, targetGroupArn, loadBalancerArn, listenerArn } from './elb/arn.js';
export {
  HEALTH_CHECK_INTERVAL_SECONDS,
  HEALTH_CHECK_TIMEOUT_RANGE_SECONDS,
  ALB_HEALTH_CHECK_TIMEOUT_DEFAULT_SECONDS,
  NLB_HTTP_HEALTH_CHECK_TIMEOUT_DEFAULT_SECONDS,
  NLB_TCP_HTTPS_HEALTH_CHECK_TIMEOUT_DEFAULT_SECONDS,
  HEALTHY_THRESHOLD,
  UNHEALTHY_THRESHOLD,
  ALB_MATCHER,
  NLB_MATCHER,
  HEALTH_CHECK_PATH_DEFAULT,
  NEW_TARGET_HEALTHY_AFTER,
  ALB_REGISTRATION_DELAY_MS,
  NLB_REGISTRATION_DELAY_MS,
  DEREGISTRATION_DELAY_SECONDS,
  SLOW_START_SECONDS,
  LOAD_BALANCING_ALGORITHMS,
  MINIMUM_HEALTHY_TARGETS_DEFAULT,
  ALB_IDLE_TIMEOUT_SECONDS,
  NLB_TCP_IDLE_TIMEOUT_SECONDS,
  CONNECT_TIMEOUT_MS,
  RULE_PRIORITY,
  MAX_WILDCARDS_PER_RULE,
  MAX_PATTERN_LENGTH,
  MAX_TARGET_GROUPS_PER_FORWARD,
  FORWARD_WEIGHT,
  FORWARD_WEIGHT_DEFAULT,
  STATUS_NO_TARGETS,
  STATUS_BAD_GATEWAY,
  STATUS_GATEWAY_TIMEOUT,
  STATUS_CONNECTION_RESET,
} from './elb/defaults.js';
export type { LoadBalancerType, LoadBalancingAlgorithm } from './elb/defaults.js';
export { Network, nextRequestId } from './traffic/http.js';
export type { HttpRequest, ServerOutcome, HttpServer, HttpResponse, HttpEndpoint } from './traffic/http.js';
export { makeRateProfile, PoissonArrivals, RateProfile } from './traffic/profile.js';
export type { RateProfileSpec, RateStep, RateSpike } from './traffic/profile.js';
export { Workload } from './traffic/workload.js';
export type { WorkloadConfig, WorkloadOptions, RouteConfig, ArrivalSpec, TimestampTrace } from './traffic/workload.js';
export { TaskServer, averageUsage } from './traffic/server.js';
export type { TaskServerConfig, ColdStart, HealthBehaviour, ServerUsage, UsageAverages } from './traffic/server.js';
export { EXACT_LATENCY_SAMPLES, LatencySamples, RequestRecorder, RequestStats, SKETCH_RELATIVE_ACCURACY } from './traffic/stats.js';
export type { LatencyOptions, LatencySummary, RequestSummary, ResponseSource, StatusCount } from './traffic/stats.js';
export { FluidService, runFluid } from './traffic/fluid.js';
export type { FluidConfig, FluidResult, FluidStep } from './traffic/fluid.js';
export { parseTimestampCsv, parseRateCsv } from './traffic/trace-csv.js';
export type { TimestampCsvOptions, RateCsvOptions } from './traffic/trace-csv.js';
export {
  normalCdf,
  serviceMoments,
  serviceCdf,
  mm1MeanWait,
  erlangArrivalSigma,
  erlangArrivalMeanWait,
  mgcMeanWait,
  mmcSojournSurvival,
  mmcSojournQuantile,
} from './traffic/theory.js';
export type { Moments } from './traffic/theory.js';
export { TaskTargets, type LoadBalancingLink, type ServiceLoadBalancer, type TaskTarget } from './ecs/service/load-balancers.js';
export { elbLink } from './ecs/service/elb-link.js';
export type { WorkloadResult } from './scenario/runner.js';
// CloudWatch: the metric store, alarms and their input schema.
export { MetricStore, MetricQueryError, metricKey, percentile, statisticOf, isStatistic, isValidPeriod, PUBLICATION_DELAY_MS_DEFAULT, PERIOD_SECONDS_DEFAULT } from './cloudwatch/metric-store.js';
export type {
  BasicStatistic,
  Dimension,
  GetMetricDataInput,
  GetMetricDataOutput,
  GetMetricStatisticsInput,
  MetricDataQuery,
  MetricDataResult,
  MetricId,
  MetricStoreOptions,
  SeriesPoint,
  Statistic,
  StatisticSet,
  StatisticsDatapoint,
  WindowSummary,
} from './cloudwatch/metric-store.js';
export { CloudWatch, evaluationCadenceMs, isLowSample, INITIAL_STATE_REASON } from './cloudwatch/alarm.js';
export type { AlarmActionHandler, AlarmActionInvocation, AlarmHistoryItem, AlarmStateChange, CloudWatchOptions, MetricAlarmDescription } from './cloudwatch/alarm.js';
export { evaluateRange, evaluationRangeOf, breaches, stateReasonText } from './cloudwatch/evaluation.js';
export type { AlarmStateValue, EvaluationSettings, RangeEvaluation, RangePoint } from './cloudwatch/evaluation.js';
export { putMetricAlarmSchema, parseMetricAlarm, AlarmConfigError, COMPARISON_OPERATORS, TREAT_MISSING_DATA } from './cloudwatch/schema.js';
export type { ComparisonOperator, MetricAlarmConfig, PutMetricAlarmInput, TreatMissingData, AlarmConfigIssue } from './cloudwatch/schema.js';
export { formatNumber, formatReasonDate, formatIsoTimestamp } from './cloudwatch/format.js';
export { EcsMetrics } from './ecs/metrics.js';
export { ElbMetrics, loadBalancerDimension, targetGroupDimension } from './elb/metrics.js';
export { cloudwatchSectionSchema, metricQuerySchema, setAlarmStateSchema } from './scenario/schema/cloudwatch.js';
export type { CloudwatchSectionSpec } from './scenario/schema/cloudwatch.js';

// ---- ECS EventBridge events (src/ecs/events) ----
export { EventBridgeRecorder, formatEventsJsonl, SIMULATED_AGENT_HASH, SIMULATED_DOCKER_VERSION, FIRST_INSTANCE_VERSION } from './ecs/events/eventbridge.js';
export type { EventBridgeEvent, EventBridgeRecorderOptions, EcsDetailType } from './ecs/events/eventbridge.js';
export { SERVICE_ACTION_MAPPINGS, serviceActionFor, PLACEMENT_FAILURE_REASONS } from './ecs/events/service-actions.js';
export type { ServiceActionMapping, ServiceActionEventName, ServiceActionEventType } from './ecs/events/service-actions.js';
// Cost: prices as dated data, usage metering, pricing and the summary (src/cost, src/report/cost-summary.ts).
export { US_EAST_1_PRICES, PRICE_TABLES, DEFAULT_PRICE_REGION, ASSUMED_EC2_SPOT_DISCOUNT, ASSUMED_FARGATE_SPOT_DISCOUNT } from './cost/prices.js';
export type { PriceItem, PriceTable, FargateArchitecturePrices, LoadBalancerPrices } from './cost/prices.js';
export { costSectionSchema, costPricesSchema, pricesFor } from './cost/schema.js';
export type { CostSection, CostPricesOverride } from './cost/schema.js';
export { meterUsage, EC2_MINIMUM_BILLED_SECONDS, FARGATE_MINIMUM_BILLED_SECONDS, FARGATE_INCLUDED_EPHEMERAL_GB, LCU_DIMENSIONS_NOT_MODELLED } from './cost/usage.js';
export type { Usage, Ec2Usage, FargateUsage, LoadBalancerUsage, PurchaseOption } from './cost/usage.js';
export { priceUsage, costOfRun } from './cost/cost.js';
export type { CostResult, CostLine, CostGroup, UnpricedItem } from './cost/cost.js';
export { formatCostSummary, costSummaryLines } from './report/cost-summary.js';
// Application Auto Scaling (service auto scaling for ECS): policies, scheduled actions, input schema.
export { ApplicationAutoScaling, SCALE_IN_COOLDOWN_SECONDS_DEFAULT, SCALE_OUT_COOLDOWN_SECONDS_DEFAULT, STEP_COOLDOWN_SECONDS_DEFAULT, ALARM_LOW_FACTOR, ALARM_HIGH_EVALUATION_PERIODS, ALARM_LOW_EVALUATION_PERIODS, DISABLE_SCALE_IN_OMITS_ALARM_LOW, SCALE_OUT_FROM_ZERO_BASE } from './autoscaling/application-auto-scaling.js';
export type { ScalableTargetLink, ApplicationAutoScalingOptions, ScalingActivity, ScalingActivityStatusCode, NotScaledReason, NotScaledReasonCode, ScalableTargetDescription, ScalingPolicyDescription, ScheduledActionDescription, SuspendedState } from './autoscaling/application-auto-scaling.js';
export { targetTrackingCapacity, roundPercentAdjustment, selectStep, adjustedCapacity } from './autoscaling/capacity.js';
export type { AdjustmentType, StepAdjustment } from './autoscaling/capacity.js';
export { parseSchedule, parseCron, nextCronTime, nextScheduleTime, parseUtcDateTime, ScheduleError } from './autoscaling/schedule.js';
export type { Schedule, CronExpression } from './autoscaling/schedule.js';
export { autoscalingSectionSchema, registerScalableTargetSchema, putScalingPolicySchema, putScheduledActionSchema, AutoScalingConfigError, PREDEFINED_METRIC_TYPES } from './autoscaling/schema.js';
export type { AutoscalingSection, AutoscalingSectionInput, RegisterScalableTargetInput, PutScalingPolicyInput, PutScheduledActionInput, AutoScalingConfigIssue, PredefinedMetricType } from './autoscaling/schema.js';

// ---- Capacity providers and Spot (ecs/capacity) ----
export {
  chooseCapacityProvider,
  liveTasksByProvider,
  strategyLaunchType,
  strategyWithDefaults,
  isFargateProvider,
  capacityProviderStrategySchema,
  CapacityProviders,
  FARGATE_PROVIDERS,
  MAX_STRATEGY_ITEMS,
} from './ecs/capacity/capacity-providers.js';
export { FARGATE_SPOT_STOP_CODE, FARGATE_SPOT_STOPPED_REASON, SPOT_INTERRUPTION_NOTICE_MS } from './ecs/capacity/fargate.js';
export { interruptFargateSpot, interruptSpotInstance } from './ecs/capacity/spot-interruptions.js';
export type { CapacityProviderDefinition, ProviderTarget, FargateProviderName } from './ecs/capacity/capacity-providers.js';
export type { SpotNoticeLink } from './ecs/capacity/fargate.js';
export type { FargateSpotInterruption } from './ecs/capacity/spot-interruptions.js';
export type { CapacityProviderStrategyItem } from './ecs/config.js';

// ---- Deployment history and waterfall (src/ecs/service/deployment-history.ts, src/report/deployment-summary.ts) ----
export { DeploymentHistory, DEPLOYMENT_PHASES, taskPhaseSpans } from './ecs/service/deployment-history.js';
export type { DeploymentOutcome, DeploymentPhase, DeploymentRecord, PhaseSpan, PhaseTotal } from './ecs/service/deployment-history.js';
export { formatDeployments, waterfallBar, shortDeploymentId, span as formatSpan, PHASE_LABELS } from './report/deployment-summary.js';

// ---- Deployment alarms and ECS-native blue/green, linear and canary deployments (ecs/service) ----
export { alarmBakeTimeMs, alarmMessages, DEFAULT_ALARM_BAKE_TIME_MS } from './ecs/service/deployment-alarms.js';
export { deploymentAlarmsLink } from './ecs/service/cloudwatch-link.js';
export {
  BAKE_TIME_RANGE,
  CANARY_DEFAULTS,
  DEFAULT_CALLBACK_DELAY_MS,
  HOOK_TIMEOUT_DEFAULT_MINUTES,
  HOOKABLE_STAGES,
  LIFECYCLE_STAGES,
  LINEAR_DEFAULTS,
  trafficSteps,
  withDeploymentDefaults,
} from './ecs/service/deployment-strategy.js';
export { blueGreenMessages } from './ecs/service/blue-green.js';
export { listenerRuleArn } from './elb/arn.js';
export type { DeploymentAlarms, DeploymentAlarmsLink, DeploymentAlarmState } from './ecs/service/deployment-alarms.js';
export type {
  CanaryConfiguration,
  DeploymentLifecycleHook,
  DeploymentOptions,
  DeploymentStrategy,
  HookStage,
  LambdaFunctionBehaviour,
  LambdaHookResponse,
  LifecycleStage,
  LinearConfiguration,
} from './ecs/service/deployment-strategy.js';
export type { AdvancedConfiguration, ForwardWeight } from './ecs/service/load-balancers.js';

// ---- Cluster auto scaling: Auto Scaling groups and capacity-provider managed scaling (ecs/capacity) ----
export { AutoScalingGroup, autoScalingGroupSettingsSchema } from './ecs/capacity/auto-scaling-group.js';
export {
  autoScalingGroupProviderSchema,
  autoScalingGroupProviderWithDefaults,
  CAPACITY_PROVIDER_RESERVATION,
  capacityProviderReservation,
  HIGH_ALARM_DATAPOINTS,
  instancesNeeded,
  LOW_ALARM_DATAPOINTS,
  LOW_ALARM_THRESHOLD_FACTOR,
  MANAGED_SCALING_NAMESPACE,
  ManagedScaling,
  managedScalingSchema,
  SCALE_IN_MAX_FRACTION,
  ZERO_INSTANCE_RESERVATION,
  ZERO_INSTANCE_SCALE_OUT,
} from './ecs/capacity/managed-scaling.js';
export type { AutoScalingGroupActivity, AutoScalingGroupHost, AutoScalingGroupSettings, GroupInstance, LifecycleState, TerminationHook } from './ecs/capacity/auto-scaling-group.js';
export type {
  AutoScalingGroupProvider,
  AutoScalingGroupProviderInput,
  CapacityProviderScalingResult,
  ManagedScalingResult,
  ManagedScalingSample,
  ManagedScalingSettings,
  ScalingAction,
  TaskSize,
} from './ecs/capacity/managed-scaling.js';

// ---- CodeDeploy blue/green for ECS services: deploymentController CODE_DEPLOY, task sets (ecs/service/codedeploy) ----
export {
  CODEDEPLOY_HOOK_EVENTS,
  CODEDEPLOY_LIFECYCLE_EVENTS,
  codeDeployMessages,
  codeDeploySteps,
  computedDesiredCount,
  DEFAULT_DEPLOYMENT_CONFIG_NAME,
  DEFAULT_TERMINATION_WAIT_MINUTES,
  HOOK_STAGE_OF,
  HOOK_TIMEOUT_MINUTES,
  PREDEFINED_DEPLOYMENT_CONFIGS,
} from './ecs/service/codedeploy.js';
export type {
  AutoRollbackEvent,
  CodeDeployConfig,
  CodeDeployDeployment,
  CodeDeployDeploymentStatus,
  CodeDeployHookEvent,
  CodeDeployLifecycleEvent,
  CodeDeployLifecycleEventName,
  CreateDeploymentRequest,
  EcsAppSpec,
  EcsDeploymentGroup,
  LifecycleEventStatus,
  TaskSetResult,
  TrafficRoutingConfig,
} from './ecs/service/codedeploy.js';
