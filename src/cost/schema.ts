import { z } from 'zod';
import { DEFAULT_PRICE_REGION, PRICE_TABLES, type FargateArchitecturePrices, type LoadBalancerPrices, type PriceItem, type PriceTable } from './prices.js';

/**
 * The scenario's optional `cost` section: which shipped price table to use and prices that
 * replace the table's (every shipped price is unverified, ecs-facts open question 12).
 * Strict objects: a misspelt key is an error, never a price silently left as shipped.
 *
 * ```yaml
 * cost:
 *   region: us-east-1
 *   prices:
 *     ec2OnDemand: { m5.large: 0.1, g5.xlarge: 1.006 }
 *     ec2SpotDiscount: 0.7
 *     fargate: { ARM64: { perVcpuHour: 0.03 } }
 *     fargateSpotDiscount: 0.65
 *     alb: { perHour: 0.0225, perLcuHour: 0.008 }
 * ```
 */

const usdPerUnit = (field: string, unit: string) =>
  z
    .number({ error: `${field} must be a price in USD per ${unit} (a number of at least 0)` })
    .min(0, { error: `${field} must be a price in USD per ${unit} (a number of at least 0)` })
    .refine(Number.isFinite, { error: `${field} must be a finite number` });

const discount = (field: string) =>
  z
    .number({ error: `${field} must be the fraction taken off the On-Demand price, from 0 to 1 (0.6 = 60% off)` })
    .min(0, { error: `${field} must be from 0 to 1 (0.6 = 60% off)` })
    .max(1, { error: `${field} must be from 0 to 1 (0.6 = 60% off)` });

const fargateArchitecture = (arch: string) =>
  z.strictObject({
    perVcpuHour: usdPerUnit(`fargate.${arch}.perVcpuHour`, 'vCPU-hour').optional(),
    perGbHour: usdPerUnit(`fargate.${arch}.perGbHour`, 'GB-hour').optional(),
  });

export const costPricesSchema = z.strictObject({
  /** USD per instance-hour by instance type (EC2 On-Demand Linux). */
  ec2OnDemand: z
    .record(z.string().min(1, { error: 'ec2OnDemand keys must be instance types such as m5.large' }), usdPerUnit('ec2OnDemand.<instanceType>', 'instance-hour'))
    .optional(),
  ec2SpotDiscount: discount('ec2SpotDiscount').optional(),
  fargate: z
    .strictObject({
      X86_64: fargateArchitecture('X86_64').optional(),
      ARM64: fargateArchitecture('ARM64').optional(),
      ephemeralStoragePerGbHour: usdPerUnit('fargate.ephemeralStoragePerGbHour', 'GB-hour above the included 20 GB').optional(),
    })
    .optional(),
  fargateSpotDiscount: discount('fargateSpotDiscount').optional(),
  alb: z.strictObject({ perHour: usdPerUnit('alb.perHour', 'ALB-hour').optional(), perLcuHour: usdPerUnit('alb.perLcuHour', 'LCU-hour').optional() }).optional(),
  nlb: z.strictObject({ perHour: usdPerUnit('nlb.perHour', 'NLB-hour').optional(), perNlcuHour: usdPerUnit('nlb.perNlcuHour', 'NLCU-hour').optional() }).optional(),
  ecsAnywhere: z.strictObject({ perInstanceHour: usdPerUnit('ecsAnywhere.perInstanceHour', 'external instance-hour') }).optional(),
});

const regions = Object.keys(PRICE_TABLES).sort();

export const costSectionSchema = z.strictObject({
  region: z
    .string({ error: `region must be one of the regions with a price table: ${regions.join(', ')}` })
    .refine((r) => Object.prototype.hasOwnProperty.call(PRICE_TABLES, r), { error: `region must be one of the regions with a price table: ${regions.join(', ')} (give other regions' prices under prices)` })
    .optional(),
  prices: costPricesSchema.optional(),
});

export type CostPricesOverride = z.infer<typeof costPricesSchema>;
export type CostSection = z.infer<typeof costSectionSchema>;

const SCENARIO = 'scenario';
const item = (usd: number | undefined, shipped: PriceItem): PriceItem => (usd === undefined ? shipped : { usd, source: SCENARIO });

function fargateArch(o: { perVcpuHour?: number | undefined; perGbHour?: number | undefined } | undefined, shipped: FargateArchitecturePrices): FargateArchitecturePrices {
  return { perVcpuHour: item(o?.perVcpuHour, shipped.perVcpuHour), perGbHour: item(o?.perGbHour, shipped.perGbHour) };
}

function loadBalancer(hour: number | undefined, unitHour: number | undefined, shipped: LoadBalancerPrices): LoadBalancerPrices {
  return { perHour: item(hour, shipped.perHour), perCapacityUnitHour: item(unitHour, shipped.perCapacityUnitHour) };
}

/**
 * The shipped table of the section's region (us-east-1 by default) with the section's
 * prices over it; each overridden item's source becomes `scenario`.
 * @throws Error for a region with no table (the schema refuses it first).
 */
export function pricesFor(section: CostSection | undefined): PriceTable {
  const region = section?.region ?? DEFAULT_PRICE_REGION;
  const base = PRICE_TABLES[region];
  if (base === undefined) throw new Error(`cost.region: no price table for ${region} (have: ${regions.join(', ')})`);
  const o = section?.prices;
  if (o === undefined) return base;
  const ec2OnDemand: Record<string, PriceItem> = { ...base.ec2OnDemand };
  for (const [type, usd] of Object.entries(o.ec2OnDemand ?? {})) ec2OnDemand[type] = { usd, source: SCENARIO };
  const anywhere = o.ecsAnywhere === undefined ? base.ecsAnywhere : { perInstanceHour: { usd: o.ecsAnywhere.perInstanceHour, source: SCENARIO } };
  return {
    ...base,
    ec2OnDemand,
    ec2SpotDiscount: item(o.ec2SpotDiscount, base.ec2SpotDiscount),
    fargate: {
      X86_64: fargateArch(o.fargate?.X86_64, base.fargate.X86_64),
      ARM64: fargateArch(o.fargate?.ARM64, base.fargate.ARM64),
      ephemeralStoragePerGbHour: item(o.fargate?.ephemeralStoragePerGbHour, base.fargate.ephemeralStoragePerGbHour),
    },
    fargateSpotDiscount: item(o.fargateSpotDiscount, base.fargateSpotDiscount),
    alb: loadBalancer(o.alb?.perHour, o.alb?.perLcuHour, base.alb),
    nlb: loadBalancer(o.nlb?.perHour, o.nlb?.perNlcuHour, base.nlb),
    ...(anywhere === undefined ? {} : { ecsAnywhere: anywhere }),
  };
}
