import type { EcsModel } from '../ecs/model.js';
import type { ElasticLoadBalancing } from '../elb/elb.js';
import type { PriceItem, PriceTable } from './prices.js';
import { pricesFor, type CostSection } from './schema.js';
import { meterUsage, type Usage } from './usage.js';

/**
 * A run's cost: usage × prices, as a JSON-serialisable breakdown. Sums are exact doubles
 * taken in the fixed order of `lines` (group, then item), so the same run gives the same
 * bytes; round only when displaying (`formatCostSummary`).
 */

export type CostGroup = 'ec2' | 'fargate' | 'elb' | 'ecsAnywhere';

export interface CostLine {
  readonly group: CostGroup;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  /** USD per unit. */
  readonly unitPrice: number;
  /** quantity × unitPrice, USD. */
  readonly cost: number;
  /** Where the unit price came from: a fact id, an assumption or `scenario`. */
  readonly priceSource: string;
}

/** Usage the table has no price for: never priced at 0. */
export interface UnpricedItem {
  readonly group: CostGroup;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly message: string;
}

export interface CostResult {
  readonly currency: 'USD';
  readonly region: string;
  readonly asOf: string;
  readonly verified: boolean;
  readonly lines: readonly CostLine[];
  readonly totals: { readonly ec2: number; readonly fargate: number; readonly elb: number; readonly ecsAnywhere: number; readonly total: number };
  /** Simulated hours the run covered. */
  readonly hours: number;
  /** total / hours: compares what-ifs of different lengths; null for a run of length 0. */
  readonly perHour: number | null;
  readonly unpriced: readonly UnpricedItem[];
  /** What the cost leaves out because the model does not measure it. */
  readonly notMetered: readonly string[];
}

const HOUR_S = 3600;
const GROUPS: readonly CostGroup[] = ['ec2', 'fargate', 'elb', 'ecsAnywhere'];

/** Prices a metered run. Lines come in a fixed order: ec2, fargate, elb, ecsAnywhere, each as metered (sorted). */
export function priceUsage(usage: Usage, prices: PriceTable): CostResult {
  const lines: CostLine[] = [];
  const unpriced: UnpricedItem[] = [];
  const line = (group: CostGroup, item: string, quantity: number, unit: string, price: PriceItem, factor = 1): void => {
    const unitPrice = price.usd * factor;
    lines.push({ group, item, quantity, unit, unitPrice, cost: quantity * unitPrice, priceSource: factor === 1 ? price.source : `${price.source}; Spot discount applied` });
  };

  for (const u of usage.ec2) {
    const hours = u.instanceSeconds / HOUR_S;
    const item = `${u.instanceType} ${u.purchaseOption === 'spot' ? 'Spot' : 'On-Demand'}${u.osType === 'linux' ? '' : ` (${u.osType})`}`;
    const onDemand = prices.ec2OnDemand[u.instanceType];
    if (u.osType !== 'linux') {
      unpriced.push({ group: 'ec2', item, quantity: hours, unit: 'instance-hour', message: `the price table holds Linux prices only; ${u.osType} instances are not priced` });
    } else if (onDemand === undefined) {
      unpriced.push({ group: 'ec2', item, quantity: hours, unit: 'instance-hour', message: `no price for ${u.instanceType} in the ${prices.region} table; give it as cost.prices.ec2OnDemand["${u.instanceType}"] (USD per hour)` });
    } else if (u.purchaseOption === 'spot') {
      line('ec2', item, hours, 'instance-hour', { usd: onDemand.usd, source: `${onDemand.source}; ${prices.ec2SpotDiscount.source}` }, 1 - prices.ec2SpotDiscount.usd);
    } else {
      line('ec2', item, hours, 'instance-hour', onDemand);
    }
  }

  for (const u of usage.fargate) {
    const spot = u.purchaseOption === 'spot';
    const name = `Fargate${spot ? ' Spot' : ''} ${u.operatingSystem === 'LINUX' ? 'Linux' : 'Windows'}/${u.cpuArchitecture}`;
    if (u.operatingSystem !== 'LINUX') {
      unpriced.push({ group: 'fargate', item: `${name} vCPU`, quantity: u.vcpuSeconds / HOUR_S, unit: 'vCPU-hour', message: 'the price table holds Fargate Linux prices only; Windows tasks are not priced' });
      unpriced.push({ group: 'fargate', item: `${name} memory`, quantity: u.gbSeconds / HOUR_S, unit: 'GB-hour', message: 'the price table holds Fargate Linux prices only; Windows tasks are not priced' });
      continue;
    }
    const arch = prices.fargate[u.cpuArchitecture];
    const discount = spot ? 1 - prices.fargateSpotDiscount.usd : 1;
    const withSpot = (p: PriceItem): PriceItem => (spot ? { usd: p.usd, source: `${p.source}; ${prices.fargateSpotDiscount.source}` } : p);
    line('fargate', `${name} vCPU`, u.vcpuSeconds / HOUR_S, 'vCPU-hour', withSpot(arch.perVcpuHour), discount);
    line('fargate', `${name} memory`, u.gbSeconds / HOUR_S, 'GB-hour', withSpot(arch.perGbHour), discount);
    // Assumption: Fargate Spot's discount is not applied to extra ephemeral storage (P-004 speaks of "the Fargate price" only).
    if (u.ephemeralStorageGbSeconds > 0) line('fargate', `${name} ephemeral storage above 20 GB`, u.ephemeralStorageGbSeconds / HOUR_S, 'GB-hour', prices.fargate.ephemeralStoragePerGbHour);
  }

  for (const lb of usage.loadBalancers) {
    const p = lb.Type === 'application' ? prices.alb : prices.nlb;
    const kind = lb.Type === 'application' ? 'ALB' : 'NLB';
    line('elb', `${kind} ${lb.LoadBalancerName}`, lb.hours, `${kind}-hour`, p.perHour);
    if (lb.capacityUnitHours !== undefined) line('elb', `${kind} ${lb.LoadBalancerName} capacity units`, lb.capacityUnitHours, kind === 'ALB' ? 'LCU-hour' : 'NLCU-hour', p.perCapacityUnitHour);
  }

  if (usage.external.instances > 0) {
    const hours = usage.external.instanceSeconds / HOUR_S;
    const item = `ECS Anywhere external instances (${usage.external.instances})`;
    if (prices.ecsAnywhere === undefined) {
      unpriced.push({ group: 'ecsAnywhere', item, quantity: hours, unit: 'instance-hour', message: 'no ECS Anywhere price was found to ship; give it as cost.prices.ecsAnywhere.perInstanceHour (USD). EC2 charges do not apply to external instances' });
    } else {
      line('ecsAnywhere', item, hours, 'instance-hour', prices.ecsAnywhere.perInstanceHour);
    }
  }

  const byGroup = Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<CostGroup, number>;
  let total = 0;
  for (const l of lines) {
    byGroup[l.group] += l.cost;
    total += l.cost;
  }
  const hours = usage.endMs / (HOUR_S * 1000);
  return {
    currency: 'USD',
    region: prices.region,
    asOf: prices.asOf,
    verified: prices.verified,
    lines,
    totals: { ...byGroup, total },
    hours,
    perHour: hours > 0 ? total / hours : null,
    unpriced,
    notMetered: usage.notMetered,
  };
}

/**
 * The cost of a finished run: meters the model and load balancers up to `endMs` and prices
 * the usage with the shipped table of the section's region and the section's overrides.
 */
export function costOfRun(model: EcsModel | undefined, elb: ElasticLoadBalancing | undefined, endMs: number, section?: CostSection): CostResult {
  return priceUsage(meterUsage(model, elb, endMs), pricesFor(section));
}
