import { listenerArn, listenerRuleArn, loadBalancerArn } from './arn.js';
import { z } from 'zod';
import { DurationError, parseDuration } from '../engine/duration.js';
import { didYouMean, InputError } from '../issues/index.js';
import {
  ALB_HEALTH_CHECK_TIMEOUT_DEFAULT_SECONDS,
  ALB_IDLE_TIMEOUT_SECONDS,
  ALB_MATCHER,
  DEREGISTRATION_DELAY_SECONDS,
  FORWARD_WEIGHT,
  FORWARD_WEIGHT_DEFAULT,
  HEALTH_CHECK_INTERVAL_SECONDS,
  HEALTH_CHECK_PATH_DEFAULT,
  HEALTH_CHECK_TIMEOUT_RANGE_SECONDS,
  HEALTHY_THRESHOLD,
  LOAD_BALANCING_ALGORITHMS,
  MAX_PATTERN_LENGTH,
  MAX_TARGET_GROUPS_PER_FORWARD,
  MAX_WILDCARDS_PER_RULE,
  MINIMUM_HEALTHY_TARGETS_DEFAULT,
  NLB_HTTP_HEALTH_CHECK_TIMEOUT_DEFAULT_SECONDS,
  NLB_MATCHER,
  NLB_TCP_HTTPS_HEALTH_CHECK_TIMEOUT_DEFAULT_SECONDS,
  NLB_TCP_IDLE_TIMEOUT_SECONDS,
  RULE_PRIORITY,
  SLOW_START_SECONDS,
  UNHEALTHY_THRESHOLD,
  type LoadBalancerType,
  type LoadBalancingAlgorithm,
} from './defaults.js';

/**
 * ELBv2 input in the API's own shapes, so users paste real `create-target-group`,
 * `create-load-balancer`, `create-listener` and `create-rule` JSON. These schemas are the
 * only gate for ELB input: each parses to settings with every default filled in, per
 * protocol and load balancer type as ecs-facts L-001 to L-041 give them.
 *
 * - Objects are strict (a typo is an error, never a silent default).
 * - `Attributes` take ModifyTargetGroupAttributes' / ModifyLoadBalancerAttributes'
 *   `[{Key, Value}]` with the API's keys; values are strings as in the API (numbers and
 *   booleans are accepted and read as their text). Known keys the model does not act on
 *   (access logs, deletion protection, ...) are accepted and have no effect; behaviour
 *   the model lacks (stickiness, anomaly mitigation) is refused rather than ignored.
 * - A target group's type of load balancer follows its `Protocol`, as in the API:
 *   HTTP/HTTPS target groups are ALB's, TCP/TLS/UDP/TCP_UDP are NLB's.
 * - Fields real JSON carries that do not change behaviour here (VpcId, Tags,
 *   IpAddressType, Certificates, SslPolicy, ...) are accepted.
 * - Messages name what is allowed; the scenario loader adds the field path and the value.
 */

// --- Small pieces ---

const TARGET_GROUP_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP'] as const;
export type TargetGroupProtocol = (typeof TARGET_GROUP_PROTOCOLS)[number];
const HEALTH_CHECK_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP'] as const;
export type HealthCheckProtocol = (typeof HEALTH_CHECK_PROTOCOLS)[number];
const ALB_LISTENER_PROTOCOLS = ['HTTP', 'HTTPS'] as const;
const NLB_LISTENER_PROTOCOLS = ['TCP', 'TLS', 'UDP', 'TCP_UDP'] as const;
export type ListenerProtocol = (typeof ALB_LISTENER_PROTOCOLS)[number] | (typeof NLB_LISTENER_PROTOCOLS)[number];

/** The load balancer type a target group protocol belongs to. */
export function loadBalancerTypeOf(protocol: TargetGroupProtocol): LoadBalancerType {
  return protocol === 'HTTP' || protocol === 'HTTPS' ? 'application' : 'network';
}

function intIn(min: number, max: number, what: string) {
  const message = `${what} must be an integer from ${min} to ${max}`;
  return z.number({ error: `expected an integer (${what}, ${min} to ${max})` }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
}

const port = intIn(1, 65535, 'a port');
/** ELB names: 1–32 letters, digits and hyphens, not starting or ending with a hyphen (API CreateTargetGroup / CreateLoadBalancer `Name`). */
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const elbName = z.string({ error: 'expected a name' }).regex(NAME, { error: 'expected 1 to 32 letters, digits and hyphens, not starting or ending with a hyphen' });
/** Attribute values are strings in the API; YAML numbers and booleans are read as their text. */
const attributeValue = z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string value' }).transform((v) => String(v));
const attributes = z.array(z.strictObject({ Key: z.string({ error: 'expected an attribute key' }), Value: attributeValue }));
const tags = z.array(z.strictObject({ Key: z.string(), Value: z.string().optional() })).optional();
const ignoredString = z.string().optional();

// --- Attributes ---

interface AttributeSpec {
  /** Which load balancer types have it. */
  readonly types: readonly LoadBalancerType[];
  readonly defaultFor: (type: LoadBalancerType) => string;
  /** An error message naming what is allowed, or undefined when the value is good. */
  readonly check: (value: string, type: LoadBalancerType) => string | undefined;
}

const BOTH: readonly LoadBalancerType[] = ['application', 'network'];
const ALB: readonly LoadBalancerType[] = ['application'];
const NLB: readonly LoadBalancerType[] = ['network'];

function intCheck(min: number, max: number, extra?: string): (value: string) => string | undefined {
  return (value) => {
    if (extra !== undefined && value === extra) return undefined;
    const n = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isInteger(n) && n >= min && n <= max) return undefined;
    return `must be ${extra === undefined ? '' : `"${extra}" or `}an integer from ${min} to ${max}`;
  };
}

function oneOf(...values: string[]): (value: string) => string | undefined {
  return (value) => (values.includes(value) ? undefined : `must be one of ${values.map((v) => `"${v}"`).join(', ')}`);
}

const bool = oneOf('true', 'false');
const anyString = (): undefined => undefined;
const fixed = (value: string) => () => value;

/** ModifyTargetGroupAttributes keys (L-016, L-019, L-023 to L-031). */
const TARGET_GROUP_ATTRIBUTES: Readonly<Record<string, AttributeSpec>> = {
  'deregistration_delay.timeout_seconds': { types: BOTH, defaultFor: fixed(String(DEREGISTRATION_DELAY_SECONDS.default)), check: intCheck(DEREGISTRATION_DELAY_SECONDS.min, DEREGISTRATION_DELAY_SECONDS.max) },
  'deregistration_delay.connection_termination.enabled': { types: NLB, defaultFor: fixed('false'), check: bool },
  'slow_start.duration_seconds': {
    types: ALB,
    defaultFor: fixed('0'),
    check: (v) => (v === '0' || intCheck(SLOW_START_SECONDS.min, SLOW_START_SECONDS.max)(v) === undefined ? undefined : `must be 0 (off) or an integer from ${SLOW_START_SECONDS.min} to ${SLOW_START_SECONDS.max} (ecs-facts L-023)`),
  },
  'load_balancing.algorithm.type': { types: ALB, defaultFor: fixed('round_robin'), check: oneOf(...LOAD_BALANCING_ALGORITHMS) },
  'load_balancing.algorithm.anomaly_mitigation': { types: ALB, defaultFor: fixed('off'), check: (v) => (v === 'off' ? undefined : v === 'on' ? 'anomaly mitigation (automatic target weights) is not modelled; use "off"' : 'must be "on" or "off"') },
  'load_balancing.cross_zone.enabled': { types: BOTH, defaultFor: fixed('use_load_balancer_configuration'), check: oneOf('true', 'false', 'use_load_balancer_configuration') },
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': { types: BOTH, defaultFor: fixed(String(MINIMUM_HEALTHY_TARGETS_DEFAULT)), check: intCheck(1, 1000) },
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': { types: BOTH, defaultFor: fixed('off'), check: intCheck(1, 100, 'off') },
  'target_group_health.dns_failover.minimum_healthy_targets.count': { types: BOTH, defaultFor: fixed('off'), check: intCheck(1, 1000, 'off') },
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': { types: BOTH, defaultFor: fixed('off'), check: intCheck(1, 100, 'off') },
  'stickiness.enabled': { types: BOTH, defaultFor: fixed('false'), check: (v) => (v === 'false' ? undefined : v === 'true' ? 'stickiness is not modelled; use "false"' : 'must be "true" or "false"') },
  'stickiness.type': { types: BOTH, defaultFor: (t) => (t === 'application' ? 'lb_cookie' : 'source_ip'), check: (v, t) => (t === 'application' ? oneOf('lb_cookie', 'app_cookie')(v) : oneOf('source_ip')(v)) },
  'stickiness.lb_cookie.duration_seconds': { types: ALB, defaultFor: fixed('86400'), check: intCheck(1, 604_800) },
  'stickiness.app_cookie.duration_seconds': { types: ALB, defaultFor: fixed('86400'), check: intCheck(1, 604_800) },
  'stickiness.app_cookie.cookie_name': { types: ALB, defaultFor: fixed(''), check: anyString },
  'preserve_client_ip.enabled': { types: NLB, defaultFor: fixed('true'), check: bool },
  'proxy_protocol_v2.enabled': { types: NLB, defaultFor: fixed('false'), check: bool },
  'target_health_state.unhealthy.connection_termination.enabled': { types: NLB, defaultFor: fixed('true'), check: bool },
  'target_health_state.unhealthy.draining_interval_seconds': { types: NLB, defaultFor: fixed('0'), check: (v) => (v === '0' ? undefined : 'the unhealthy.draining state is not modelled (ecs-facts L-016); use 0') },
};

/** ModifyLoadBalancerAttributes keys (L-028, L-037), plus common ones that change nothing here. */
const LOAD_BALANCER_ATTRIBUTES: Readonly<Record<string, AttributeSpec>> = {
  'idle_timeout.timeout_seconds': { types: ALB, defaultFor: fixed(String(ALB_IDLE_TIMEOUT_SECONDS.default)), check: intCheck(ALB_IDLE_TIMEOUT_SECONDS.min, ALB_IDLE_TIMEOUT_SECONDS.max) },
  'load_balancing.cross_zone.enabled': {
    types: BOTH,
    defaultFor: (t) => (t === 'application' ? 'true' : 'false'),
    check: (v, t) => (t === 'application' ? (v === 'true' ? undefined : 'is always "true" on an Application Load Balancer (ecs-facts L-028); turn it off per target group instead') : bool(v)),
  },
  'deletion_protection.enabled': { types: BOTH, defaultFor: fixed('false'), check: bool },
  'access_logs.s3.enabled': { types: BOTH, defaultFor: fixed('false'), check: bool },
  'access_logs.s3.bucket': { types: BOTH, defaultFor: fixed(''), check: anyString },
  'access_logs.s3.prefix': { types: BOTH, defaultFor: fixed(''), check: anyString },
  'routing.http2.enabled': { types: ALB, defaultFor: fixed('true'), check: bool },
  'routing.http.drop_invalid_header_fields.enabled': { types: ALB, defaultFor: fixed('false'), check: bool },
  'client_keep_alive.seconds': { types: ALB, defaultFor: fixed('3600'), check: intCheck(60, 604_800) },
  'dns_record.client_routing_policy': { types: NLB, defaultFor: fixed('any_availability_zone'), check: oneOf('availability_zone_affinity', 'partial_availability_zone_affinity', 'any_availability_zone') },
};

/** Checks `[{Key, Value}]` against a table; returns every key's effective value (defaults filled in). */
function resolveAttributes(
  given: readonly { readonly Key: string; readonly Value: string }[],
  table: Readonly<Record<string, AttributeSpec>>,
  type: LoadBalancerType,
  kind: string,
  ctx: z.RefinementCtx,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, spec] of Object.entries(table)) if (spec.types.includes(type)) out.set(key, spec.defaultFor(type));
  const seen = new Set<string>();
  given.forEach((a, i) => {
    const spec = table[a.Key];
    const typeName = type === 'application' ? 'an Application Load Balancer' : 'a Network Load Balancer';
    if (spec === undefined) {
      const guess = didYouMean(a.Key, Object.keys(table));
      ctx.addIssue({ code: 'custom', path: ['Attributes', i, 'Key'], input: a.Key, message: `unknown ${kind} attribute "${a.Key}"${guess === undefined ? '' : `; did you mean "${guess}"?`}` });
      return;
    }
    if (!spec.types.includes(type)) {
      ctx.addIssue({ code: 'custom', path: ['Attributes', i, 'Key'], input: a.Key, message: `"${a.Key}" is not a ${kind} attribute of ${typeName}` });
      return;
    }
    if (seen.has(a.Key)) {
      ctx.addIssue({ code: 'custom', path: ['Attributes', i, 'Key'], input: a.Key, message: `"${a.Key}" is given twice` });
      return;
    }
    seen.add(a.Key);
    const problem = spec.check(a.Value, type);
    if (problem !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['Attributes', i, 'Value'], input: a.Value, message: `${a.Key} ${problem}, got "${a.Value}"` });
      return;
    }
    out.set(a.Key, a.Value);
  });
  return out;
}

// --- Matcher ---

/**
 * Reads `Matcher.HttpCode`: codes, lists ("200,202") and ranges ("200-299") within the
 * allowed span (ALB 200–499 per L-004, NLB 200–599 per L-009).
 * @returns the ranges, or an error message.
 */
export function parseMatcher(httpCode: string, min: number, max: number): readonly (readonly [number, number])[] | string {
  const ranges: [number, number][] = [];
  for (const part of httpCode.split(',')) {
    const m = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/.exec(part);
    const lo = m === null ? Number.NaN : Number(m[1]);
    const hi = m === null ? Number.NaN : m[2] === undefined ? lo : Number(m[2]);
    if (!(lo >= min && hi <= max && lo <= hi)) {
      return `must be HTTP codes from ${min} to ${max}: a code ("200"), a list ("200,202") or a range ("200-299"), got "${httpCode}"`;
    }
    ranges.push([lo, hi]);
  }
  return ranges;
}

// --- CreateTargetGroup ---

export interface TargetGroupAttribute {
  readonly Key: string;
  readonly Value: string;
}

/**
 * A target group as created: the API's fields with every default filled in, plus the
 * attributes' effective values read into the model's units (ms).
 */
export interface TargetGroupSettings {
  readonly Name: string;
  readonly Protocol: TargetGroupProtocol;
  readonly Port: number;
  readonly TargetType: 'instance' | 'ip';
  readonly HealthCheckProtocol: HealthCheckProtocol;
  /** `traffic-port` or a port number as a string, as DescribeTargetGroups shows it. */
  readonly HealthCheckPort: string;
  /** Absent for TCP health checks. */
  readonly HealthCheckPath: string | undefined;
  readonly HealthCheckIntervalSeconds: number;
  readonly HealthCheckTimeoutSeconds: number;
  readonly HealthyThresholdCount: number;
  readonly UnhealthyThresholdCount: number;
  /** Absent for TCP health checks. */
  readonly Matcher: { readonly HttpCode: string } | undefined;
  /** Every attribute with its effective value, in the API's `[{Key, Value}]` shape. */
  readonly Attributes: readonly TargetGroupAttribute[];
  /** The type of load balancer this target group serves (from `Protocol`). */
  readonly loadBalancerType: LoadBalancerType;
  /** `Matcher.HttpCode` as inclusive ranges. */
  readonly matcherCodes: readonly (readonly [number, number])[];
  readonly deregistrationDelayMs: number;
  /** 0 when slow start is off. */
  readonly slowStartMs: number;
  readonly algorithm: LoadBalancingAlgorithm;
  readonly crossZone: 'true' | 'false' | 'use_load_balancer_configuration';
  readonly minimumHealthyTargetsCount: number;
  /** undefined when `off`. */
  readonly minimumHealthyTargetsPercentage: number | undefined;
  /** NLB `deregistration_delay.connection_termination.enabled` (L-022). */
  readonly terminateConnectionsOnDeregistration: boolean;
  /** NLB `target_health_state.unhealthy.connection_termination.enabled` (L-011, L-016). */
  readonly terminateConnectionsWhenUnhealthy: boolean;
}

const healthCheckPortInput = z.union([z.string(), z.number()], { error: 'expected "traffic-port" or a port number' });

export const createTargetGroupSchema = z
  .strictObject({
    Name: elbName,
    Protocol: z.enum(TARGET_GROUP_PROTOCOLS, { error: `expected one of ${TARGET_GROUP_PROTOCOLS.join(', ')}` }),
    ProtocolVersion: z.enum(['HTTP1', 'HTTP2'], { error: 'expected HTTP1 or HTTP2 (gRPC target groups are not modelled)' }).optional(),
    Port: port,
    VpcId: ignoredString,
    TargetType: z.enum(['instance', 'ip'], { error: 'expected "instance" or "ip" (lambda and alb targets are not modelled)' }).default('instance'),
    HealthCheckEnabled: z.literal(true, { error: 'health checks are always on for instance and ip targets and cannot be disabled (ecs-facts L-008)' }).optional(),
    HealthCheckProtocol: z.enum(HEALTH_CHECK_PROTOCOLS, { error: 'expected HTTP, HTTPS or TCP' }).optional(),
    HealthCheckPort: healthCheckPortInput.optional(),
    HealthCheckPath: z.string().min(1).max(1024, { error: 'must be at most 1024 characters' }).startsWith('/', { error: 'must start with "/"' }).optional(),
    HealthCheckIntervalSeconds: intIn(HEALTH_CHECK_INTERVAL_SECONDS.min, HEALTH_CHECK_INTERVAL_SECONDS.max, 'HealthCheckIntervalSeconds (seconds, ecs-facts L-003)').optional(),
    HealthCheckTimeoutSeconds: intIn(HEALTH_CHECK_TIMEOUT_RANGE_SECONDS.min, HEALTH_CHECK_TIMEOUT_RANGE_SECONDS.max, 'HealthCheckTimeoutSeconds (seconds, ecs-facts L-002)').optional(),
    HealthyThresholdCount: intIn(HEALTHY_THRESHOLD.min, HEALTHY_THRESHOLD.max, 'HealthyThresholdCount (ecs-facts L-003)').optional(),
    UnhealthyThresholdCount: intIn(UNHEALTHY_THRESHOLD.min, UNHEALTHY_THRESHOLD.max, 'UnhealthyThresholdCount (ecs-facts L-003)').optional(),
    Matcher: z.strictObject({ HttpCode: z.string({ error: 'expected HTTP codes such as "200" or "200-299"' }) }).optional(),
    IpAddressType: z.enum(['ipv4', 'ipv6']).optional(),
    Tags: tags,
    Attributes: attributes.default([]),
  })
  .transform((tg, ctx): TargetGroupSettings => {
    const type = loadBalancerTypeOf(tg.Protocol);
    // L-001: ALB checks are HTTP or HTTPS, default HTTP. L-009: NLB checks are TCP (default), HTTP or HTTPS.
    const hcProtocol: HealthCheckProtocol = tg.HealthCheckProtocol ?? (type === 'application' ? 'HTTP' : 'TCP');
    if (type === 'application' && hcProtocol === 'TCP') {
      ctx.addIssue({ code: 'custom', path: ['HealthCheckProtocol'], input: hcProtocol, message: 'must be HTTP or HTTPS for an HTTP/HTTPS target group (ecs-facts L-001)' });
    }
    const isHttpCheck = hcProtocol !== 'TCP';
    if (!isHttpCheck && tg.HealthCheckPath !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['HealthCheckPath'], input: tg.HealthCheckPath, message: 'applies only to HTTP and HTTPS health checks' });
    }
    if (!isHttpCheck && tg.Matcher !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['Matcher'], input: tg.Matcher, message: 'applies only to HTTP and HTTPS health checks' });
    }
    let hcPort = 'traffic-port';
    if (tg.HealthCheckPort !== undefined && tg.HealthCheckPort !== 'traffic-port') {
      const n = typeof tg.HealthCheckPort === 'number' ? tg.HealthCheckPort : /^\d+$/.test(tg.HealthCheckPort) ? Number(tg.HealthCheckPort) : Number.NaN;
      if (Number.isInteger(n) && n >= 1 && n <= 65535) hcPort = String(n);
      else ctx.addIssue({ code: 'custom', path: ['HealthCheckPort'], input: tg.HealthCheckPort, message: `must be "traffic-port" or a port from 1 to 65535, got ${JSON.stringify(tg.HealthCheckPort)}` });
    }
    const interval = tg.HealthCheckIntervalSeconds ?? HEALTH_CHECK_INTERVAL_SECONDS.default;
    // L-002 (conflict resolved in defaults.ts), L-009.
    const timeout =
      tg.HealthCheckTimeoutSeconds ??
      (type === 'application' ? ALB_HEALTH_CHECK_TIMEOUT_DEFAULT_SECONDS : hcProtocol === 'HTTP' ? NLB_HTTP_HEALTH_CHECK_TIMEOUT_DEFAULT_SECONDS : NLB_TCP_HTTPS_HEALTH_CHECK_TIMEOUT_DEFAULT_SECONDS);
    if (timeout >= interval) {
      // ELB's own ValidationError: the timeout must be smaller than the interval.
      ctx.addIssue({
        code: 'custom',
        path: [tg.HealthCheckTimeoutSeconds !== undefined ? 'HealthCheckTimeoutSeconds' : 'HealthCheckIntervalSeconds'],
        input: tg.HealthCheckTimeoutSeconds ?? interval,
        message: `the health check timeout (${timeout} s) must be smaller than the interval (${interval} s)`,
      });
    }
    const span = type === 'application' ? ALB_MATCHER : NLB_MATCHER;
    const httpCode = tg.Matcher?.HttpCode ?? span.default;
    const matcher = parseMatcher(httpCode, span.min, span.max);
    if (typeof matcher === 'string') ctx.addIssue({ code: 'custom', path: ['Matcher', 'HttpCode'], input: httpCode, message: `${type === 'application' ? 'on an ALB target group' : 'on an NLB target group'} Matcher.HttpCode ${matcher}` });

    const attrs = resolveAttributes(tg.Attributes, TARGET_GROUP_ATTRIBUTES, type, 'target group', ctx);
    const algorithm = attrs.get('load_balancing.algorithm.type') ?? 'round_robin';
    const slowStart = Number(attrs.get('slow_start.duration_seconds') ?? '0');
    if (algorithm === 'least_outstanding_requests' && slowStart > 0) {
      const i = tg.Attributes.findIndex((a) => a.Key === 'slow_start.duration_seconds');
      ctx.addIssue({ code: 'custom', path: ['Attributes', Math.max(0, i), 'Value'], input: String(slowStart), message: 'slow start cannot be combined with least_outstanding_requests (ecs-facts L-024)' });
    }
    const percentage = attrs.get('target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage') ?? 'off';
    return {
      Name: tg.Name,
      Protocol: tg.Protocol,
      Port: tg.Port,
      TargetType: tg.TargetType,
      HealthCheckProtocol: hcProtocol,
      HealthCheckPort: hcPort,
      HealthCheckPath: isHttpCheck ? (tg.HealthCheckPath ?? HEALTH_CHECK_PATH_DEFAULT) : undefined,
      HealthCheckIntervalSeconds: interval,
      HealthCheckTimeoutSeconds: timeout,
      HealthyThresholdCount: tg.HealthyThresholdCount ?? HEALTHY_THRESHOLD.default,
      UnhealthyThresholdCount: tg.UnhealthyThresholdCount ?? UNHEALTHY_THRESHOLD.default,
      Matcher: isHttpCheck ? { HttpCode: httpCode } : undefined,
      Attributes: [...attrs].map(([Key, Value]) => ({ Key, Value })),
      loadBalancerType: type,
      matcherCodes: typeof matcher === 'string' ? [] : matcher,
      deregistrationDelayMs: Number(attrs.get('deregistration_delay.timeout_seconds') ?? DEREGISTRATION_DELAY_SECONDS.default) * 1000,
      slowStartMs: slowStart * 1000,
      algorithm: algorithm as LoadBalancingAlgorithm,
      crossZone: (attrs.get('load_balancing.cross_zone.enabled') ?? 'use_load_balancer_configuration') as TargetGroupSettings['crossZone'],
      minimumHealthyTargetsCount: Number(attrs.get('target_group_health.unhealthy_state_routing.minimum_healthy_targets.count') ?? MINIMUM_HEALTHY_TARGETS_DEFAULT),
      minimumHealthyTargetsPercentage: percentage === 'off' ? undefined : Number(percentage),
      terminateConnectionsOnDeregistration: attrs.get('deregistration_delay.connection_termination.enabled') === 'true',
      terminateConnectionsWhenUnhealthy: attrs.get('target_health_state.unhealthy.connection_termination.enabled') !== 'false',
    };
  });

export type CreateTargetGroupInput = z.input<typeof createTargetGroupSchema>;

// --- Actions, rules, listeners ---

/** One target group of a forward action; `TargetGroupArn` may be the group's name or ARN. */
export interface WeightedTargetGroup {
  readonly TargetGroupArn: string;
  readonly Weight: number;
}

export type ActionSettings =
  | { readonly Type: 'forward'; readonly ForwardConfig: { readonly TargetGroups: readonly WeightedTargetGroup[] } }
  | { readonly Type: 'fixed-response'; readonly FixedResponseConfig: { readonly StatusCode: string; readonly ContentType?: string; readonly MessageBody?: string } };

const NOT_MODELLED_ACTIONS = ['redirect', 'authenticate-oidc', 'authenticate-cognito'];

const actionSchema = z
  .strictObject({
    Type: z.string({ error: 'expected an action type' }),
    TargetGroupArn: z.string().min(1).optional(),
    ForwardConfig: z
      .strictObject({
        TargetGroups: z
          .array(z.strictObject({ TargetGroupArn: z.string().min(1), Weight: intIn(FORWARD_WEIGHT.min, FORWARD_WEIGHT.max, 'Weight (ecs-facts L-040)').optional() }))
          .min(1, { error: 'needs at least one target group' })
          .max(MAX_TARGET_GROUPS_PER_FORWARD, { error: `at most ${MAX_TARGET_GROUPS_PER_FORWARD} target groups per forward action (ecs-facts L-040)` }),
        TargetGroupStickinessConfig: z
          .strictObject({ Enabled: z.literal(false, { error: 'target group stickiness is not modelled; use false' }).optional(), DurationSeconds: z.number().int().optional() })
          .optional(),
      })
      .optional(),
    FixedResponseConfig: z
      .strictObject({
        StatusCode: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^[245]\d\d$/, { error: 'expected a status code 2XX, 4XX or 5XX' })),
        ContentType: z.enum(['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json']).optional(),
        MessageBody: z.string().max(1024).optional(),
      })
      .optional(),
    Order: intIn(1, 50_000, 'Order').optional(),
  })
  .transform((a, ctx): ActionSettings => {
    if (a.Type === 'forward') {
      const groups = a.ForwardConfig?.TargetGroups.map((g) => ({ TargetGroupArn: g.TargetGroupArn, Weight: g.Weight ?? FORWARD_WEIGHT_DEFAULT }));
      if (groups === undefined) {
        if (a.TargetGroupArn === undefined) {
          ctx.addIssue({ code: 'custom', path: ['TargetGroupArn'], input: undefined, message: 'a forward action needs TargetGroupArn or ForwardConfig.TargetGroups' });
          return z.NEVER;
        }
        return { Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: a.TargetGroupArn, Weight: FORWARD_WEIGHT_DEFAULT }] } };
      }
      // describe-listeners output carries both; they must then name the same single group.
      if (a.TargetGroupArn !== undefined && (groups.length !== 1 || groups[0]?.TargetGroupArn !== a.TargetGroupArn)) {
        ctx.addIssue({ code: 'custom', path: ['TargetGroupArn'], input: a.TargetGroupArn, message: 'with ForwardConfig, TargetGroupArn must name the same single target group (or be left out)' });
      }
      return { Type: 'forward', ForwardConfig: { TargetGroups: groups } };
    }
    if (a.Type === 'fixed-response') {
      if (a.FixedResponseConfig === undefined) {
        ctx.addIssue({ code: 'custom', path: ['FixedResponseConfig'], input: undefined, message: 'a fixed-response action needs FixedResponseConfig' });
        return z.NEVER;
      }
      const c = a.FixedResponseConfig;
      return {
        Type: 'fixed-response',
        FixedResponseConfig: { StatusCode: c.StatusCode, ...(c.ContentType === undefined ? {} : { ContentType: c.ContentType }), ...(c.MessageBody === undefined ? {} : { MessageBody: c.MessageBody }) },
      };
    }
    ctx.addIssue({
      code: 'custom',
      path: ['Type'],
      input: a.Type,
      message: NOT_MODELLED_ACTIONS.includes(a.Type) ? `the ${a.Type} action is not modelled; use forward or fixed-response` : `expected "forward" or "fixed-response", got "${a.Type}"`,
    });
    return z.NEVER;
  });

const actions = z
  .array(actionSchema)
  .min(1, { error: 'needs one action' })
  .max(1, { error: 'only one action (forward or fixed-response) is modelled' })
  .transform((list) => list[0] as ActionSettings);

export interface ConditionSettings {
  readonly Field: 'path-pattern' | 'host-header';
  readonly Values: readonly string[];
}

const valuesConfig = z.strictObject({ Values: z.array(z.string().min(1)).min(1, { error: 'needs at least one value' }) });

const conditionSchema = z
  .strictObject({
    Field: z.string({ error: 'expected a condition field' }),
    Values: z.array(z.string().min(1)).min(1, { error: 'needs at least one value' }).optional(),
    PathPatternConfig: valuesConfig.optional(),
    HostHeaderConfig: valuesConfig.optional(),
  })
  .transform((c, ctx): ConditionSettings => {
    if (c.Field !== 'path-pattern' && c.Field !== 'host-header') {
      const known = ['http-header', 'http-request-method', 'query-string', 'source-ip'];
      ctx.addIssue({
        code: 'custom',
        path: ['Field'],
        input: c.Field,
        message: known.includes(c.Field) ? `the ${c.Field} condition is not modelled; use path-pattern or host-header` : `expected "path-pattern" or "host-header", got "${c.Field}"`,
      });
      return z.NEVER;
    }
    const config = c.Field === 'path-pattern' ? c.PathPatternConfig : c.HostHeaderConfig;
    const other = c.Field === 'path-pattern' ? c.HostHeaderConfig : c.PathPatternConfig;
    if (other !== undefined) ctx.addIssue({ code: 'custom', path: [c.Field === 'path-pattern' ? 'HostHeaderConfig' : 'PathPatternConfig'], input: other, message: `does not go with Field "${c.Field}"` });
    const values = config?.Values ?? c.Values;
    if (values === undefined) {
      ctx.addIssue({ code: 'custom', path: ['Values'], input: undefined, message: `needs Values or ${c.Field === 'path-pattern' ? 'PathPatternConfig' : 'HostHeaderConfig'}.Values` });
      return z.NEVER;
    }
    values.forEach((v, i) => {
      if (v.length > MAX_PATTERN_LENGTH) ctx.addIssue({ code: 'custom', path: ['Values', i], input: v, message: `must be at most ${MAX_PATTERN_LENGTH} characters (ecs-facts L-039)` });
    });
    return { Field: c.Field, Values: values };
  });

export interface RuleSettings {
  readonly Priority: number;
  readonly Conditions: readonly ConditionSettings[];
  readonly Action: ActionSettings;
}

export const createRuleSchema = z
  .strictObject({
    ListenerArn: ignoredString,
    Priority: intIn(RULE_PRIORITY.min, RULE_PRIORITY.max, 'Priority (ecs-facts L-038)'),
    Conditions: z.array(conditionSchema).min(1, { error: 'a rule needs at least one condition (only the default action has none)' }),
    Actions: actions,
    Tags: tags,
  })
  .transform((r, ctx): RuleSettings => {
    // L-039: at most one path-pattern and one host-header per rule, at most 5 wildcards in all.
    for (const field of ['path-pattern', 'host-header'] as const) {
      const at = r.Conditions.map((c, i) => (c.Field === field ? i : -1)).filter((i) => i >= 0);
      if (at.length > 1) ctx.addIssue({ code: 'custom', path: ['Conditions', at[1] as number, 'Field'], input: field, message: `a rule has at most one ${field} condition (ecs-facts L-039)` });
    }
    const wildcards = r.Conditions.reduce((n, c) => n + c.Values.reduce((m, v) => m + (v.match(/[*?]/g)?.length ?? 0), 0), 0);
    if (wildcards > MAX_WILDCARDS_PER_RULE) ctx.addIssue({ code: 'custom', path: ['Conditions'], input: wildcards, message: `a rule has at most ${MAX_WILDCARDS_PER_RULE} wildcards (* and ?) in all, got ${wildcards} (ecs-facts L-039)` });
    return { Priority: r.Priority, Conditions: r.Conditions, Action: r.Actions };
  });

export type CreateRuleInput = z.input<typeof createRuleSchema>;

export interface ListenerSettings {
  readonly Port: number;
  readonly Protocol: ListenerProtocol;
  readonly DefaultAction: ActionSettings;
  /** In priority order, lowest first (L-038). */
  readonly Rules: readonly RuleSettings[];
}

export const createListenerSchema = z
  .strictObject({
    LoadBalancerArn: ignoredString,
    Port: port,
    Protocol: z.enum([...ALB_LISTENER_PROTOCOLS, ...NLB_LISTENER_PROTOCOLS], { error: 'expected HTTP, HTTPS (ALB) or TCP, TLS, UDP, TCP_UDP (NLB)' }),
    DefaultActions: actions,
    Certificates: z.array(z.strictObject({ CertificateArn: z.string().optional(), IsDefault: z.boolean().optional() })).optional(),
    SslPolicy: ignoredString,
    AlpnPolicy: z.array(z.string()).optional(),
    Tags: tags,
    /** ecs-sim: the listener's rules (CreateRule inputs), nested so a scenario reads top-down. */
    Rules: z.array(createRuleSchema).default([]),
  })
  .transform((l, ctx): ListenerSettings => {
    const seen = new Map<number, number>();
    l.Rules.forEach((r, i) => {
      if (seen.has(r.Priority)) ctx.addIssue({ code: 'custom', path: ['Rules', i, 'Priority'], input: r.Priority, message: `priority ${r.Priority} is already used by Rules[${seen.get(r.Priority)}]; priorities are unique per listener` });
      seen.set(r.Priority, i);
    });
    return { Port: l.Port, Protocol: l.Protocol, DefaultAction: l.DefaultActions, Rules: [...l.Rules].sort((a, b) => a.Priority - b.Priority) };
  });

export type CreateListenerInput = z.input<typeof createListenerSchema>;

// --- CreateLoadBalancer ---

export interface LoadBalancerSettings {
  readonly Name: string;
  readonly Type: LoadBalancerType;
  readonly Scheme: 'internet-facing' | 'internal';
  /** The enabled zones: one load balancer node each. */
  readonly AvailabilityZones: readonly string[];
  readonly Attributes: readonly TargetGroupAttribute[];
  readonly idleTimeoutMs: number;
  readonly crossZone: boolean;
  readonly Listeners: readonly ListenerSettings[];
}

export const createLoadBalancerSchema = z
  .strictObject({
    Name: elbName.refine((n) => !n.startsWith('internal-'), { error: 'must not begin with "internal-"' }),
    Type: z.enum(['application', 'network'], { error: 'expected "application" or "network" (gateway load balancers are not modelled)' }).default('application'),
    Scheme: z.enum(['internet-facing', 'internal']).default('internet-facing'),
    /** ecs-sim's stand-in for Subnets/SubnetMappings: the enabled Availability Zones by name. */
    AvailabilityZones: z.array(z.string().min(1)).min(1, { error: 'needs at least one Availability Zone' }),
    SecurityGroups: z.array(z.string()).optional(),
    IpAddressType: z.enum(['ipv4', 'dualstack', 'dualstack-without-public-ipv4']).optional(),
    Tags: tags,
    Attributes: attributes.default([]),
    Listeners: z.array(createListenerSchema).default([]),
  })
  .transform((lb, ctx): LoadBalancerSettings => {
    const zones = new Set<string>();
    lb.AvailabilityZones.forEach((az, i) => {
      if (zones.has(az)) ctx.addIssue({ code: 'custom', path: ['AvailabilityZones', i], input: az, message: `"${az}" is listed twice` });
      zones.add(az);
    });
    // An ALB needs subnets in at least two Availability Zones (CreateLoadBalancer's ValidationError).
    if (lb.Type === 'application' && zones.size < 2) ctx.addIssue({ code: 'custom', path: ['AvailabilityZones'], input: lb.AvailabilityZones, message: 'an Application Load Balancer needs at least two Availability Zones' });
    const attrs = resolveAttributes(lb.Attributes, LOAD_BALANCER_ATTRIBUTES, lb.Type, 'load balancer', ctx);
    const ports = new Map<number, number>();
    const allowed: readonly string[] = lb.Type === 'application' ? ALB_LISTENER_PROTOCOLS : NLB_LISTENER_PROTOCOLS;
    lb.Listeners.forEach((l, i) => {
      if (ports.has(l.Port)) ctx.addIssue({ code: 'custom', path: ['Listeners', i, 'Port'], input: l.Port, message: `port ${l.Port} already has a listener (Listeners[${ports.get(l.Port)}])` });
      ports.set(l.Port, i);
      if (!allowed.includes(l.Protocol)) ctx.addIssue({ code: 'custom', path: ['Listeners', i, 'Protocol'], input: l.Protocol, message: `a${lb.Type === 'application' ? 'n Application' : ' Network'} Load Balancer listener takes ${allowed.join(', ')}` });
      if (lb.Type === 'network') {
        if (l.Rules.length > 0) ctx.addIssue({ code: 'custom', path: ['Listeners', i, 'Rules'], input: l.Rules, message: 'Network Load Balancer listeners have no rules' });
        const a = l.DefaultAction;
        if (a.Type !== 'forward') ctx.addIssue({ code: 'custom', path: ['Listeners', i, 'DefaultActions', 0, 'Type'], input: a.Type, message: 'a Network Load Balancer listener can only forward' });
        else if (a.ForwardConfig.TargetGroups.length > 1) ctx.addIssue({ code: 'custom', path: ['Listeners', i, 'DefaultActions', 0, 'ForwardConfig'], input: a, message: 'weighted forwarding to several target groups is modelled for Application Load Balancers only' });
      }
    });
    return {
      Name: lb.Name,
      Type: lb.Type,
      Scheme: lb.Scheme,
      AvailabilityZones: lb.AvailabilityZones,
      Attributes: [...attrs].map(([Key, Value]) => ({ Key, Value })),
      idleTimeoutMs: (lb.Type === 'application' ? Number(attrs.get('idle_timeout.timeout_seconds') ?? ALB_IDLE_TIMEOUT_SECONDS.default) : NLB_TCP_IDLE_TIMEOUT_SECONDS) * 1000,
      crossZone: attrs.get('load_balancing.cross_zone.enabled') === 'true',
      Listeners: lb.Listeners,
    };
  });

export type CreateLoadBalancerInput = z.input<typeof createLoadBalancerSchema>;

// --- Model options (ecs-sim's own fields) ---

const durationField = z.union([z.string(), z.number()], { error: 'expected a duration such as "5s" or "2m"' }).transform((value, ctx) => {
  try {
    return parseDuration(value);
  } catch (error) {
    if (!(error instanceof DurationError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message, input: value });
    return z.NEVER;
  }
});

export const elbModelSchema = z.strictObject({
  /** L-006 vs L-003, see defaults.ts NEW_TARGET_HEALTHY_AFTER. */
  newTargetHealthyAfter: z.enum(['HealthyThresholdCount', 'one']).optional(),
  /** Time from RegisterTargets until health checks start, per load balancer type. */
  registrationDelay: z.strictObject({ application: durationField.optional(), network: durationField.optional() }).optional(),
  /**
   * What a load balancer finds at a target address where nothing listens: `refused` (a
   * TCP RST: 502, failed check at once) or `timeout` (no answer, as when the address's
   * ENI is gone: 504 after the 10 s connect timeout, check fails with Target.Timeout).
   */
  unreachableTargets: z.enum(['refused', 'timeout']).optional(),
  /** The latest the first health check of a new target may come after registration completes (default: one interval). */
  firstCheckJitter: durationField.optional(),
  /**
   * How health checks run: `elided` (default) accounts for a healthy target's checks its
   * idle server will pass with no event until something touches the server; `per-check`
   * makes every check a request with its events. Both give the same results and log.
   */
  healthCheckEvents: z.enum(['elided', 'per-check']).optional(),
});

export type ElbModelOptions = z.output<typeof elbModelSchema>;

// --- The scenario section ---

/** The name part of a target group ARN (`arn:aws:elasticloadbalancing:…:targetgroup/<name>/<id>`), or undefined. */
export function targetGroupNameFromArn(arn: string): string | undefined {
  const m = /^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:targetgroup\/([^/]+)\/[0-9a-f]+$/i.exec(arn);
  return m?.[1];
}

/** Resolves a reference (a name, or an ARN whose name part is a target group's) to a target group name. */
export function resolveTargetGroupName(ref: string, names: ReadonlySet<string>): string | undefined {
  if (names.has(ref)) return ref;
  const fromArn = targetGroupNameFromArn(ref);
  return fromArn !== undefined && names.has(fromArn) ? fromArn : undefined;
}

export interface ElbSection {
  readonly targetGroups: readonly TargetGroupSettings[];
  readonly loadBalancers: readonly LoadBalancerSettings[];
  readonly model: ElbModelOptions;
  /** Times (ms) at which the result records DescribeTargetHealth. */
  readonly describeTargetHealthAt?: readonly number[];
}

/**
 * The scenario's `elb` section: target groups and load balancers (with their listeners
 * and rules). Cross-checks: unique names, every target group reference resolves, target
 * group protocols suit the load balancer type, and a target group serves one load
 * balancer (L-041).
 */
export const elbSectionSchema = z
  .strictObject({
    targetGroups: z.array(createTargetGroupSchema).default([]),
    loadBalancers: z.array(createLoadBalancerSchema).default([]),
    model: elbModelSchema.default({}),
    /** Times at which the result records DescribeTargetHealth for every target group. */
    describeTargetHealthAt: z.array(durationField).default([]),
  })
  .transform((s, ctx): ElbSection => {
    const names = new Set<string>();
    s.targetGroups.forEach((tg, i) => {
      if (names.has(tg.Name)) ctx.addIssue({ code: 'custom', path: ['targetGroups', i, 'Name'], input: tg.Name, message: `a target group named "${tg.Name}" already exists` });
      names.add(tg.Name);
    });
    const byName = new Map(s.targetGroups.map((tg) => [tg.Name, tg]));
    const lbNames = new Set<string>();
    const ownerOf = new Map<string, string>();
    s.loadBalancers.forEach((lb, i) => {
      if (lbNames.has(lb.Name)) ctx.addIssue({ code: 'custom', path: ['loadBalancers', i, 'Name'], input: lb.Name, message: `a load balancer named "${lb.Name}" already exists` });
      lbNames.add(lb.Name);
      lb.Listeners.forEach((l, j) => {
        const check = (action: ActionSettings, path: (string | number)[]): void => {
          if (action.Type !== 'forward') return;
          action.ForwardConfig.TargetGroups.forEach((g, k) => {
            const at = [...path, 'ForwardConfig', 'TargetGroups', k, 'TargetGroupArn'];
            const name = resolveTargetGroupName(g.TargetGroupArn, names);
            if (name === undefined) {
              const guess = didYouMean(targetGroupNameFromArn(g.TargetGroupArn) ?? g.TargetGroupArn, [...names]);
              ctx.addIssue({ code: 'custom', path: at, input: g.TargetGroupArn, message: `no target group "${g.TargetGroupArn}" in targetGroups${guess === undefined ? '' : `; did you mean "${guess}"?`}` });
              return;
            }
            const tg = byName.get(name) as TargetGroupSettings;
            if (tg.loadBalancerType !== lb.Type) {
              ctx.addIssue({ code: 'custom', path: at, input: g.TargetGroupArn, message: `target group "${name}" (${tg.Protocol}) cannot serve a${lb.Type === 'application' ? 'n Application' : ' Network'} Load Balancer: it takes ${lb.Type === 'application' ? 'HTTP or HTTPS' : 'TCP, TLS, UDP or TCP_UDP'} target groups` });
            }
            const owner = ownerOf.get(name);
            if (owner !== undefined && owner !== lb.Name) ctx.addIssue({ code: 'custom', path: at, input: g.TargetGroupArn, message: `target group "${name}" already serves load balancer "${owner}"; a target group serves one load balancer (ecs-facts L-041)` });
            ownerOf.set(name, lb.Name);
          });
        };
        check(l.DefaultAction, ['loadBalancers', i, 'Listeners', j, 'DefaultActions', 0]);
        l.Rules.forEach((r, k) => check(r.Action, ['loadBalancers', i, 'Listeners', j, 'Rules', k, 'Actions', 0]));
      });
    });
    return { targetGroups: s.targetGroups, loadBalancers: s.loadBalancers, model: s.model, describeTargetHealthAt: [...s.describeTargetHealthAt].sort((a, b) => a - b) };
  });

export type ElbSectionInput = z.input<typeof elbSectionSchema>;

/**
 * Parses an `elb` section.
 * @throws InputError listing every issue at once, for library users who build a section
 *   without the scenario loader.
 */
export function parseElbSection(input: unknown): ElbSection {
  const result = elbSectionSchema.safeParse(input);
  if (!result.success) throw new InputError(result.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })));
  return result.data;
}

/**
 * Every way a scenario may name a listener rule (what ECS's advancedConfiguration takes,
 * ecs-facts S-101): rule ARNs (the default rule's too), listener ARNs (an NLB's "rule"),
 * and the scenario forms `<load balancer>:<port>` and `<load balancer>:<port>:<priority>`.
 */
export function listenerRuleReferences(section: ElbSection, region: string, accountId: string): Set<string> {
  const refs = new Set<string>();
  for (const lb of section.loadBalancers) {
    const lbArn = loadBalancerArn(region, accountId, lb.Type, lb.Name);
    for (const l of lb.Listeners) {
      const lArn = listenerArn(lbArn, l.Port);
      refs.add(lArn).add(listenerRuleArn(lArn, 'default')).add(`${lb.Name}:${l.Port}`).add(`${lb.Name}:${l.Port}:default`);
      for (const r of l.Rules) refs.add(listenerRuleArn(lArn, r.Priority)).add(`${lb.Name}:${l.Port}:${r.Priority}`);
    }
  }
  return refs;
}
