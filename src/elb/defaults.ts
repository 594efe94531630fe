/**
 * Elastic Load Balancing's documented defaults and limits, one named constant each, with
 * the fact it comes from. Where two AWS texts disagree, the constant says which reading
 * the simulator takes and why; model options can switch where the choice matters.
 */

/** Which kind of load balancer a target group's protocol belongs to: HTTP/HTTPS → ALB, the rest → NLB. */
export type LoadBalancerType = 'application' | 'network';

// --- Health checks (ecs-facts L-001 to L-009) ---

/** L-003, L-009: 5–300 s, default 30 s for `instance`/`ip` targets on both ALB and NLB. */
export const HEALTH_CHECK_INTERVAL_SECONDS = { min: 5, max: 300, default: 30 } as const;
/** L-002, L-009: 2–120 s. */
export const HEALTH_CHECK_TIMEOUT_RANGE_SECONDS = { min: 2, max: 120 } as const;
/**
 * ALB health-check timeout default. Conflict (L-002): the ALB user guide says 5 s for
 * `instance`/`ip`; the CreateTargetGroup API reference says 6 s for an HTTP target group.
 * We take the guide's **5 s**: it is the ALB's own current page, and the 6 s / 10 s pair
 * the API text gives matches the NLB's documented defaults (L-009), which is where it
 * most plausibly belongs.
 */
export const ALB_HEALTH_CHECK_TIMEOUT_DEFAULT_SECONDS = 5;
/** L-009: NLB default timeout for HTTP health checks. */
export const NLB_HTTP_HEALTH_CHECK_TIMEOUT_DEFAULT_SECONDS = 6;
/** L-009: NLB default timeout for TCP and HTTPS health checks. */
export const NLB_TCP_HTTPS_HEALTH_CHECK_TIMEOUT_DEFAULT_SECONDS = 10;
/** L-003, L-009: `HealthyThresholdCount` 2–10, default 5 (ALB and NLB). */
export const HEALTHY_THRESHOLD = { min: 2, max: 10, default: 5 } as const;
/** L-003, L-009: `UnhealthyThresholdCount` 2–10, default 2 (ALB and NLB, 2023 guide). */
export const UNHEALTHY_THRESHOLD = { min: 2, max: 10, default: 2 } as const;
/** L-004: ALB `Matcher.HttpCode` codes 200–499, default "200". */
export const ALB_MATCHER = { min: 200, max: 499, default: '200' } as const;
/** L-009: NLB `Matcher.HttpCode` codes 200–599, default "200-399". */
export const NLB_MATCHER = { min: 200, max: 599, default: '200-399' } as const;
/** L-001, L-009: default `HealthCheckPath`. */
export const HEALTH_CHECK_PATH_DEFAULT = '/';

/**
 * How many passing checks a newly registered target needs before it is `healthy`.
 * Conflict (L-006 vs L-003): the ALB guide says a new target "must pass one health check
 * to be considered healthy"; the current ECS developer guide ("Optimize load balancer
 * health check parameters") says the load balancer "requires five passing health checks
 * before it reports that the target container is healthy" (30 s × 5 = 150 s), i.e. the
 * `HealthyThresholdCount`. We take **HealthyThresholdCount**: it is the later, more
 * specific text and the one ECS users plan deployments by. `'one'` selects the ALB
 * guide's reading (model option `newTargetHealthyAfter`).
 */
export const NEW_TARGET_HEALTHY_AFTER: 'HealthyThresholdCount' | 'one' = 'HealthyThresholdCount';

// --- Registration, deregistration, slow start (L-017 to L-024) ---

/**
 * Time from RegisterTargets until health checks start (the target shows `initial` /
 * `Elb.RegistrationInProgress` meanwhile). Undocumented for ALB ("as soon as the
 * registration process completes", L-017): we assume **5 s**.
 */
export const ALB_REGISTRATION_DELAY_MS = 5_000;
/** L-018: NLB "can take a few minutes for the registration process to complete and health checks to start": we take **2 min**. */
export const NLB_REGISTRATION_DELAY_MS = 120_000;
/** L-019: `deregistration_delay.timeout_seconds` 0–3600, default 300 (ALB and NLB). */
export const DEREGISTRATION_DELAY_SECONDS = { min: 0, max: 3600, default: 300 } as const;
/** L-023: `slow_start.duration_seconds` 30–900, or 0 (off, the default). ALB only. */
export const SLOW_START_SECONDS = { min: 30, max: 900, default: 0 } as const;

// --- Routing and timeouts (L-025 to L-037) ---

/** L-025. */
export const LOAD_BALANCING_ALGORITHMS = ['round_robin', 'least_outstanding_requests', 'weighted_random'] as const;
export type LoadBalancingAlgorithm = (typeof LOAD_BALANCING_ALGORITHMS)[number];
/** L-031: `target_group_health.unhealthy_state_routing.minimum_healthy_targets.count` default. */
export const MINIMUM_HEALTHY_TARGETS_DEFAULT = 1;
/** L-037: ALB `idle_timeout.timeout_seconds` 1–4000, default 60. */
export const ALB_IDLE_TIMEOUT_SECONDS = { min: 1, max: 4000, default: 60 } as const;
/** L-037: the NLB's TCP idle timeout, fixed in the 2023 guide. A request silent this long is reset. */
export const NLB_TCP_IDLE_TIMEOUT_SECONDS = 350;
/** L-035: no connection to the target within this long gives a 504. */
export const CONNECT_TIMEOUT_MS = 10_000;

// --- Listener rules (L-038 to L-041) ---

/** L-038. */
export const RULE_PRIORITY = { min: 1, max: 50_000 } as const;
/** L-039: at most 5 wildcards per rule; a path pattern at most 128 characters. */
export const MAX_WILDCARDS_PER_RULE = 5;
export const MAX_PATTERN_LENGTH = 128;
/** L-040: target groups per forward action, and their weights. */
export const MAX_TARGET_GROUPS_PER_FORWARD = 5;
export const FORWARD_WEIGHT = { min: 0, max: 999 } as const;
/**
 * The weight of a target group in `ForwardConfig` when `Weight` is left out. The API does
 * not document one; 1 makes a lone target group take all traffic and equal splits even.
 */
export const FORWARD_WEIGHT_DEFAULT = 1;

// --- Status codes the load balancer itself gives (L-033 to L-036) ---

/** L-033: no registered (routable) target. */
export const STATUS_NO_TARGETS = 503;
/** L-034: refused or reset by the target, or the deregistration delay ended with the request in flight. */
export const STATUS_BAD_GATEWAY = 502;
/** L-035: no answer within the idle timeout, or no connection within 10 s. */
export const STATUS_GATEWAY_TIMEOUT = 504;
/**
 * An NLB gives no HTTP status of its own: what the client sees is the TCP connection
 * reset (L-011, L-032). ecs-sim records that as status **0** ("no HTTP response", as
 * curl prints 000), with source `elb` when the load balancer sent the reset
 * (TCP_ELB_Reset_Count) and `target` when the target did (TCP_Target_Reset_Count).
 * ELB statistics count status 0 as an error.
 */
export const STATUS_CONNECTION_RESET = 0;

/** Defaults for ARNs, as the ECS side uses. */
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '123456789012';
