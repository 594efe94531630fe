/**
 * Prices as dated data. Every figure here is `[unverified]` (ecs-facts Part 3 §8, open
 * question 12): the official AWS pricing pages could not be read, so each item names where
 * its number came from, the table says when the figures were taken, and a scenario's
 * `cost.prices` section overrides any of them (see schema.ts and `mergePrices`).
 *
 * Nothing here is ever a silent 0: an instance type missing from `ec2OnDemand`, or an item
 * with no shipped price (ECS Anywhere), comes back from `priceUsage` as `unpriced`.
 */

/** One price and where it came from: a fact id, a named assumption or the scenario. */
export interface PriceItem {
  /** USD per unit; for the discounts, a fraction of the On-Demand price taken off (0 to 1). */
  readonly usd: number;
  /** `P-007`, `assumption: …`, `scenario` (an override) or a source URL. */
  readonly source: string;
}

export interface FargateArchitecturePrices {
  readonly perVcpuHour: PriceItem;
  readonly perGbHour: PriceItem;
}

export interface LoadBalancerPrices {
  /** Per load-balancer hour or partial hour (ecs-facts P-005). */
  readonly perHour: PriceItem;
  /** Per capacity unit-hour (LCU for an ALB, NLCU for an NLB). */
  readonly perCapacityUnitHour: PriceItem;
}

export interface PriceTable {
  readonly region: string;
  /** The date (YYYY-MM-DD) the figures reflect. */
  readonly asOf: string;
  /** False until someone checks every figure against the AWS pricing pages (open question 12). */
  readonly verified: boolean;
  /** Source keys (ecs-facts P-*) and where they point. */
  readonly sources: Readonly<Record<string, string>>;
  /** EC2 On-Demand Linux, USD per instance-hour, by instance type. */
  readonly ec2OnDemand: Readonly<Record<string, PriceItem>>;
  /** EC2 Spot: the fraction taken off the On-Demand price. */
  readonly ec2SpotDiscount: PriceItem;
  /** Fargate Linux by `runtimePlatform.cpuArchitecture`. */
  readonly fargate: {
    readonly X86_64: FargateArchitecturePrices;
    readonly ARM64: FargateArchitecturePrices;
    /** Per GB-hour of ephemeral storage above the included 20 GB (ecs-facts P-003). */
    readonly ephemeralStoragePerGbHour: PriceItem;
  };
  /** Fargate Spot: the fraction taken off the Fargate price. */
  readonly fargateSpotDiscount: PriceItem;
  readonly alb: LoadBalancerPrices;
  readonly nlb: LoadBalancerPrices;
  /** ECS Anywhere, per managed external instance-hour; absent when no price was found. */
  readonly ecsAnywhere?: { readonly perInstanceHour: PriceItem };
}

/**
 * Assumption (no ecs-facts entry): EC2 Spot prices move with supply and demand per type
 * and AZ. 60% off On-Demand stands in for "a typical Spot price"; override it per scenario.
 */
export const ASSUMED_EC2_SPOT_DISCOUNT = 0.6;

/**
 * ecs-facts P-004: Fargate Spot is "up to a 70% discount", one source gives 50–70%. We take
 * the middle of that documented range (60%), so the error is at most 10 points either way.
 */
export const ASSUMED_FARGATE_SPOT_DISCOUNT = 0.6;

const P007 = 'P-007';

/** us-east-1, figures as of the newest source behind ecs-facts P-007 (June 2026). */
export const US_EAST_1_PRICES: PriceTable = {
  region: 'us-east-1',
  asOf: '2026-06-17',
  verified: false,
  sources: {
    'P-VAN': 'https://www.vantage.sh/blog/fargate-pricing',
    'P-WRING': 'https://www.wring.co/blog/aws-fargate-pricing-guide',
    'P-CB': 'https://cloudburn.io/blog/aws-fargate-pricing',
    'P-NCL': 'https://www.nclouds.com/blog/aws-fargate-spot-cost-optimization/',
    'P-FORTEM': 'https://fortem.dev/fargate-spot/',
    'P-VH': 'https://handbook.vantage.sh/aws/services/elb-pricing',
    'P-ALB3P': 'repositories quoting the AWS ELB pricing page (ecs-facts Part 3 §8)',
    'P-EC2-3P': 'https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/',
    'NLB-3P': 'https://awsnegotiations.com/elastic-load-balancer-cost.html ; https://clustercost.com/blog/network-load-balancer-pricing-2025 (not in ecs-facts)',
  },
  ec2OnDemand: {
    't3.medium': { usd: 0.0416, source: P007 },
    't3.large': { usd: 0.0832, source: P007 },
    'm5.large': { usd: 0.096, source: P007 },
    'm5.xlarge': { usd: 0.192, source: P007 },
    'm6i.large': { usd: 0.096, source: P007 },
    'm6i.xlarge': { usd: 0.192, source: P007 },
    'c5.large': { usd: 0.085, source: P007 },
    // P-008 quotes c5.xlarge at $0.170 (the reference it infers c6i.xlarge from).
    'c5.xlarge': { usd: 0.17, source: 'P-008' },
    'r5.large': { usd: 0.126, source: P007 },
    'm7g.large': { usd: 0.0816, source: P007 },
    // ecs-facts P-008: inferred, no direct quote.
    'c6i.xlarge': { usd: 0.17, source: 'P-008 (inferred)' },
  },
  ec2SpotDiscount: { usd: ASSUMED_EC2_SPOT_DISCOUNT, source: 'assumption: typical Spot discount, not in ecs-facts' },
  fargate: {
    X86_64: { perVcpuHour: { usd: 0.04048, source: 'P-001' }, perGbHour: { usd: 0.004445, source: 'P-001' } },
    ARM64: { perVcpuHour: { usd: 0.03238, source: 'P-002' }, perGbHour: { usd: 0.00356, source: 'P-002' } },
    ephemeralStoragePerGbHour: { usd: 0.000111, source: 'P-003' },
  },
  fargateSpotDiscount: { usd: ASSUMED_FARGATE_SPOT_DISCOUNT, source: 'assumption: middle of the 50–70% range in P-004' },
  alb: { perHour: { usd: 0.0225, source: 'P-005' }, perCapacityUnitHour: { usd: 0.008, source: 'P-005' } },
  // Not in ecs-facts: two third-party pages (NLB-3P) give the same hour price as the ALB and $0.006 per NLCU-hour.
  nlb: { perHour: { usd: 0.0225, source: 'NLB-3P' }, perCapacityUnitHour: { usd: 0.006, source: 'NLB-3P' } },
  // ECS Anywhere: the search found no source for its per-instance-hour price, so none is shipped;
  // external instance-hours come back unpriced until a scenario gives `ecsAnywhere.perInstanceHour`.
};

/** The shipped tables by region. */
export const PRICE_TABLES: Readonly<Record<string, PriceTable>> = { 'us-east-1': US_EAST_1_PRICES };

/** The default region of the cost report (the only one with shipped prices). */
export const DEFAULT_PRICE_REGION = 'us-east-1';
