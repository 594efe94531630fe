// Elastic Load Balancing's public surface: src/index.ts may re-export it.
export { ElasticLoadBalancing } from './elb.js';
export type { ElasticLoadBalancingOptions, ElbResult, LoadBalancerResult, TargetGroupResult, TargetGroupDescription } from './elb.js';
export { LoadBalancer, Listener } from './load-balancer.js';
export type { LoadBalancerOptions } from './load-balancer.js';
export { TargetGroup, Target, ElbApiError } from './target-group.js';
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
} from './target-group.js';
export { afterCheck, sameHealth, responseCodeMismatch, DESCRIPTIONS } from './health.js';
export type { TargetHealth, TargetHealthState, TargetHealthReason, CheckResult, HealthStatus, Thresholds } from './health.js';
export { TargetSelector, RuleTable, wildcardToRegExp } from './routing.js';
export type { Routable, SelectionAlgorithm, RuleInput } from './routing.js';
export { ElbStats, TargetCounters, codeCounts } from './stats.js';
export type { ElbStatsRecorder, RequestSink, ElbCodeCounts, ElbRequestSummary, TargetRequestSummary } from './stats.js';
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
} from './schema.js';
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
} from './schema.js';
export { idHex, targetGroupArn, loadBalancerArn, listenerArn } from './arn.js';
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
} from './defaults.js';
export type { LoadBalancerType, LoadBalancingAlgorithm } from './defaults.js';
