import { loadBalancerArn, targetGroupArn } from '../elb/arn.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../elb/defaults.js';
import { loadBalancerDimension, targetGroupDimension } from '../elb/metrics.js';
import type { Dimension } from '../cloudwatch/metric-store.js';
import { didYouMean } from '../issues/index.js';
import type { ScenarioSpec } from './schema/scenario.js';

/**
 * CloudWatch queries by name. The load balancers' metrics carry the dimension values
 * CloudWatch gives them (ecs-facts C-008): `LoadBalancer` = `app/<name>/<id>`,
 * `TargetGroup` = `targetgroup/<name>/<id>`. A scenario may name them plainly (`shop`):
 * such a value resolves to the one CloudWatch uses; a value that is neither (a typo, a
 * pasted id from another account) is refused before the run with the exact values there
 * are. ELB ARNs depend only on names, region and account (elb/arn.ts), so the values are
 * known before anything runs.
 */
export interface ElbDimensionValues {
  /** By load balancer name: its `LoadBalancer` dimension value. */
  readonly loadBalancers: ReadonlyMap<string, string>;
  /** By target group name: its `TargetGroup` dimension value. */
  readonly targetGroups: ReadonlyMap<string, string>;
}

const ELB_NAMESPACES = new Set(['AWS/ApplicationELB', 'AWS/NetworkELB']);

/** The dimension values of the scenario's load balancers and target groups. */
export function elbDimensionValues(spec: ScenarioSpec, ecs: { readonly region: string; readonly accountId: string } | undefined): ElbDimensionValues {
  const region = ecs?.region ?? DEFAULT_REGION;
  const account = ecs?.accountId ?? DEFAULT_ACCOUNT_ID;
  const loadBalancers = new Map<string, string>();
  const targetGroups = new Map<string, string>();
  for (const lb of spec.elb?.loadBalancers ?? []) loadBalancers.set(lb.Name, loadBalancerDimension(loadBalancerArn(region, account, lb.Type, lb.Name)));
  for (const g of spec.elb?.targetGroups ?? []) targetGroups.set(g.Name, targetGroupDimension(targetGroupArn(region, account, g.Name)));
  return { loadBalancers, targetGroups };
}

/** A dimension's value resolved, or why it names nothing (with the values to use). */
export type ResolvedDimension = { readonly value: string } | { readonly problem: string };

/** `LoadBalancer` / `TargetGroup` of an ELB namespace: a CloudWatch value stays, a plain name resolves, anything else is a problem. */
export function resolveElbDimension(namespace: string, d: Dimension, values: ElbDimensionValues): ResolvedDimension {
  if (!ELB_NAMESPACES.has(namespace)) return { value: d.Value };
  const byName = d.Name === 'LoadBalancer' ? values.loadBalancers : d.Name === 'TargetGroup' ? values.targetGroups : undefined;
  if (byName === undefined) return { value: d.Value };
  const known = [...byName.values()];
  if (known.includes(d.Value)) return { value: d.Value };
  const plain = byName.get(d.Value);
  if (plain !== undefined) return { value: plain };
  const what = d.Name === 'LoadBalancer' ? 'load balancer' : 'target group';
  if (known.length === 0) return { problem: `${d.Name} "${d.Value}": the scenario has no ${what}s (elb section), so nothing publishes this metric` };
  // A name part that matches (a pasted value with another id), else the nearest name.
  const namePart = d.Value.split('/').find((part) => byName.has(part));
  const guess = namePart ?? didYouMean(d.Value, [...byName.keys()]);
  const use = guess === undefined ? `use one of ${known.map((v) => `"${v}"`).join(', ')} (or the plain name)` : `use "${byName.get(guess) as string}" (or "${guess}")`;
  return { problem: `${d.Name} "${d.Value}" names no ${what} of this scenario; CloudWatch names it by "${d.Name === 'LoadBalancer' ? 'app/<name>/<id>' : 'targetgroup/<name>/<id>'}": ${use}` };
}

/** Every dimension of a query or alarm resolved; `problems` by dimension index. */
export function resolveDimensions(namespace: string, dimensions: readonly Dimension[], values: ElbDimensionValues): { readonly dimensions: Dimension[]; readonly problems: { readonly index: number; readonly message: string }[] } {
  const problems: { index: number; message: string }[] = [];
  const out = dimensions.map((d, index) => {
    const r = resolveElbDimension(namespace, d, values);
    if ('problem' in r) {
      problems.push({ index, message: r.problem });
      return d;
    }
    return r.value === d.Value ? d : { Name: d.Name, Value: r.value };
  });
  return { dimensions: out, problems };
}

/**
 * Why a query returned nothing, when nothing was ever published under its namespace,
 * name and dimensions (listMetrics of the run): the dimension sets the metric was
 * published with, if any. Undefined when the metric exists (an empty answer is then a
 * real "no data in this range", as for the HTTPCode counts, published only when nonzero).
 */
export function unmatchedQueryWarning(
  where: string,
  query: { readonly Namespace: string; readonly MetricName: string; readonly Dimensions: readonly Dimension[] },
  published: readonly { readonly Namespace: string; readonly MetricName: string; readonly Dimensions: readonly Dimension[] }[],
): string | undefined {
  const key = (ds: readonly Dimension[]): string =>
    [...ds]
      .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
      .map((d) => `${d.Name}=${d.Value}`)
      .join(',');
  const mine = key(query.Dimensions);
  const same = published.filter((m) => m.Namespace === query.Namespace && m.MetricName === query.MetricName);
  if (same.some((m) => key(m.Dimensions) === mine)) return undefined;
  const head = `${where}: no metric ${query.Namespace} ${query.MetricName}${mine === '' ? ' without dimensions' : ` with ${mine}`} was published in this run, so its Values are empty`;
  if (same.length > 0) {
    const sets = [...new Set(same.map((m) => key(m.Dimensions) || '(no dimensions)'))];
    return `${head}; it was published with ${sets.slice(0, 5).join('; ')}${sets.length > 5 ? `; and ${sets.length - 5} more` : ''}`;
  }
  const names = [...new Set(published.filter((m) => m.Namespace === query.Namespace).map((m) => m.MetricName))].sort();
  if (names.length > 0) return `${head}; ${query.Namespace} has ${names.join(', ')}`;
  return `${head}; nothing was published in ${query.Namespace}`;
}
