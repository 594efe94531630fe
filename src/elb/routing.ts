import { z } from 'zod';
import type { RandomStream } from '../engine/random.js';
import { Registry } from '../engine/registry.js';
import { InputError } from '../issues/index.js';
import type { LoadBalancingAlgorithm } from './defaults.js';

/**
 * Target selection within a target group (ecs-facts L-023 to L-032), and listener rule
 * matching (L-038, L-039). Both sit on the per-request path, so each is a few array reads:
 * the pools of routable targets are rebuilt only when health or registration changes.
 */

/** What selection needs of a target. */
export interface Routable {
  /** Requests sent to it and not yet answered (least outstanding requests). */
  outstanding: number;
  /** Slow start (L-023): from when, until when (ms); `until <= now` means not in slow start. */
  slowStartFrom: number;
  slowStartUntil: number;
}

/** The ALB algorithms (L-025), plus the NLB's flow hash (L-032), which picks uniformly per connection. */
export type SelectionAlgorithm = LoadBalancingAlgorithm | 'flow_hash';

const EMPTY: readonly never[] = [];

/** What an algorithm may draw on besides the pool: the selector's random stream and slow start's admission. */
export interface SelectionDraws {
  /** Draws for weighted_random and flow_hash (`elb/<group>/routing` or `/flow`). */
  readonly rng: RandomStream;
  /** L-023: whether a target in slow start takes this request (draws from `elb/<group>/slow-start`). */
  admit(t: Routable, now: number): boolean;
}

/**
 * A routing algorithm: the target for one request from a non-empty pool. `cursors[p]` is the
 * pool's round-robin cursor, which the algorithm may read and move. Called per request, so
 * it allocates nothing.
 */
export interface RoutingAlgorithm {
  readonly name: string;
  pick<T extends Routable>(pool: readonly T[], cursors: Int32Array, p: number, now: number, draws: SelectionDraws): T;
}

/** L-025: each target in turn; a target in slow start may pass its turn on (L-023). */
export const roundRobin: RoutingAlgorithm = {
  name: 'round_robin',
  pick(pool, cursors, p, now, draws) {
    const n = pool.length;
    let c = cursors[p] as number;
    for (let tries = 1; ; tries += 1) {
      const t = pool[c] as (typeof pool)[number];
      c = c + 1 === n ? 0 : c + 1;
      if (t.slowStartUntil <= now || tries >= n || draws.admit(t, now)) {
        cursors[p] = c;
        return t;
      }
    }
  },
};

/**
 * L-025: the fewest outstanding requests; ties go round-robin from the cursor, so idle
 * targets share evenly. (Slow start is not allowed with this algorithm, L-024.)
 */
export const leastOutstandingRequests: RoutingAlgorithm = {
  name: 'least_outstanding_requests',
  pick(pool, cursors, p) {
    const n = pool.length;
    const start = cursors[p] as number;
    let best = start;
    let bestCount = (pool[start] as (typeof pool)[number]).outstanding;
    for (let k = 1; k < n && bestCount > 0; k += 1) {
      const i = start + k < n ? start + k : start + k - n;
      const o = (pool[i] as (typeof pool)[number]).outstanding;
      if (o < bestCount) {
        best = i;
        bestCount = o;
      }
    }
    cursors[p] = best + 1 === n ? 0 : best + 1;
    return pool[best] as (typeof pool)[number];
  },
};

/** L-025: uniform draws (equal weights: anomaly mitigation is not modelled); slow start as for round robin. */
export const weightedRandom: RoutingAlgorithm = {
  name: 'weighted_random',
  pick(pool, _cursors, _p, now, draws) {
    const n = pool.length;
    for (let tries = 1; ; tries += 1) {
      const t = pool[draws.rng.int(n)] as (typeof pool)[number];
      if (t.slowStartUntil <= now || tries >= n || draws.admit(t, now)) return t;
    }
  },
};

/** L-032: the NLB hashes each flow to a target, uniformly: the same draws as weighted_random. */
export const flowHash: RoutingAlgorithm = { ...weightedRandom, name: 'flow_hash' };

/** The routing algorithms by the value of `load_balancing.algorithm.type` (and the NLB's `flow_hash`). */
export function routingAlgorithms(): Registry<RoutingAlgorithm> {
  const r = new Registry<RoutingAlgorithm>({ kind: 'load balancing algorithm' });
  // No argument: weighted_random's anomaly_mitigation can only be "off" (schema.ts).
  for (const algorithm of [roundRobin, leastOutstandingRequests, weightedRandom, flowHash]) r.register(algorithm.name, { args: z.undefined(), create: () => algorithm });
  return r;
}

const ROUTING = routingAlgorithms();

/**
 * The algorithm for a target group.
 * @throws InputError for a name no algorithm has (the schema lets none through).
 */
export function routingAlgorithm(name: string): RoutingAlgorithm {
  const built = ROUTING.build(name, undefined);
  if (!built.ok) throw new InputError([{ path: ['load_balancing.algorithm.type'], message: built.failure.message, didYouMean: built.failure.didYouMean }]);
  return built.value;
}

/**
 * Picks a target for a request arriving at a load balancer node. Each node (one per
 * enabled zone) has a pool: with cross-zone on, all nodes share one pool (and one
 * round-robin cursor, so "round robin alternates" holds across nodes); with it off, each
 * node's pool holds its own zone's targets.
 */
export class TargetSelector<T extends Routable> {
  private pools: (readonly T[])[] = [EMPTY];
  private poolOfZone: Int32Array;
  private cursors = new Int32Array(1);

  private readonly algorithm: RoutingAlgorithm;
  private readonly draws: SelectionDraws;

  constructor(
    algorithm: SelectionAlgorithm | RoutingAlgorithm,
    zones: number,
    /** Draws for weighted_random and flow_hash. */
    rng: RandomStream,
    /** Draws for slow start's admission. */
    private readonly slowStartRng: RandomStream,
  ) {
    this.poolOfZone = new Int32Array(Math.max(1, zones));
    this.algorithm = typeof algorithm === 'string' ? routingAlgorithm(algorithm) : algorithm;
    this.draws = { rng, admit: (t, now) => this.admit(t, now) };
  }

  /**
   * Sets what may be routed to. `byZone` is undefined for a shared pool (cross-zone on),
   * else one list per zone.
   */
  setPools(shared: readonly T[] | undefined, byZone?: readonly (readonly T[])[]): void {
    if (shared !== undefined) {
      this.pools = [shared];
      this.poolOfZone.fill(0);
    } else {
      this.pools = byZone === undefined ? [EMPTY] : [...byZone];
      for (let z = 0; z < this.poolOfZone.length; z += 1) this.poolOfZone[z] = z < this.pools.length ? z : 0;
    }
    if (this.cursors.length !== this.pools.length) {
      const next = new Int32Array(this.pools.length);
      next.set(this.cursors.subarray(0, Math.min(next.length, this.cursors.length)));
      this.cursors = next;
    }
    for (let p = 0; p < this.pools.length; p += 1) {
      const n = (this.pools[p] as readonly T[]).length;
      this.cursors[p] = n === 0 ? 0 : (this.cursors[p] as number) % n;
    }
  }

  /** Targets a node in this zone may route to now. */
  poolFor(zone: number): readonly T[] {
    return this.pools[this.poolOfZone[zone] ?? 0] as readonly T[];
  }

  /** The target for one request at a node in `zone`, or undefined when its pool is empty. */
  pick(zone: number, now: number): T | undefined {
    const p = this.poolOfZone[zone] ?? 0;
    const pool = this.pools[p] as readonly T[];
    const n = pool.length;
    if (n === 0) return undefined;
    return this.algorithm.pick(pool, this.cursors, p, now, this.draws);
  }

  /** L-023: a target in slow start takes a share that grows linearly from 0 to full over the duration. */
  private admit(t: Routable, now: number): boolean {
    return this.slowStartRng.next() * (t.slowStartUntil - t.slowStartFrom) < now - t.slowStartFrom;
  }
}

/**
 * A `path-pattern` or `host-header` value as a regular expression: `*` matches any run of
 * characters, `?` exactly one; the match is whole. Paths are case-sensitive, hosts not (L-039).
 */
export function wildcardToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '^';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}/-]/g, '\\$&');
  }
  return new RegExp(`${source}$`, caseInsensitive ? 'is' : 's');
}

export interface RuleInput<A> {
  readonly priority: number;
  readonly pathPatterns?: readonly string[];
  readonly hostHeaders?: readonly string[];
  readonly action: A;
}

interface CompiledRule<A> {
  readonly priority: number;
  readonly paths: readonly RegExp[] | undefined;
  readonly hosts: readonly RegExp[] | undefined;
  readonly action: A;
}

/** How many (path, host) decisions a listener remembers; requests past it are matched afresh. */
const RULE_CACHE_LIMIT = 10_000;

/**
 * A listener's rules, evaluated lowest priority first, the default action last (L-038).
 * A rule matches when every condition it has matches; a condition matches when any of its
 * values does. Decisions are cached per (path, host): workloads send few distinct paths,
 * so the per-request cost is two map lookups.
 */
export class RuleTable<A> {
  private readonly rules: readonly CompiledRule<A>[];
  private readonly cache = new Map<string, Map<string, { readonly action: A; readonly priority: number }>>();
  private cached = 0;

  constructor(
    rules: readonly RuleInput<A>[],
    readonly defaultAction: A,
  ) {
    this.rules = [...rules]
      .sort((a, b) => a.priority - b.priority)
      .map((r) => ({
        priority: r.priority,
        paths: r.pathPatterns?.map((p) => wildcardToRegExp(p, false)),
        hosts: r.hostHeaders?.map((h) => wildcardToRegExp(h, true)),
        action: r.action,
      }));
  }

  get hasRules(): boolean {
    return this.rules.length > 0;
  }

  /** The action for a request, and the matched rule's priority (0 for the default, as access logs show it). */
  match(path: string, host: string | undefined): { readonly action: A; readonly priority: number } {
    const hostKey = host ?? '';
    let byHost = this.cache.get(path);
    const hit = byHost?.get(hostKey);
    if (hit !== undefined) return hit;
    const decision = this.evaluate(path, host);
    if (this.cached < RULE_CACHE_LIMIT) {
      if (byHost === undefined) {
        byHost = new Map();
        this.cache.set(path, byHost);
      }
      byHost.set(hostKey, decision);
      this.cached += 1;
    }
    return decision;
  }

  private evaluate(rawPath: string, rawHost: string | undefined): { readonly action: A; readonly priority: number } {
    // The path condition sees the path only, never the query string (L-039).
    const q = rawPath.indexOf('?');
    const path = q < 0 ? rawPath : rawPath.slice(0, q);
    // The host condition compares the host name, without a port.
    const host = rawHost === undefined ? undefined : rawHost.replace(/:\d+$/, '');
    for (const r of this.rules) {
      if (r.paths !== undefined && !r.paths.some((re) => re.test(path))) continue;
      if (r.hosts !== undefined && (host === undefined || !r.hosts.some((re) => re.test(host)))) continue;
      return { action: r.action, priority: r.priority };
    }
    return { action: this.defaultAction, priority: 0 };
  }
}
