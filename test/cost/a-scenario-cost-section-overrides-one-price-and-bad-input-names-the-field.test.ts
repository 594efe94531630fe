import { describe, expect, it } from 'vitest';
import { costSectionSchema, pricesFor } from '../../src/cost/schema.js';
import { US_EAST_1_PRICES } from '../../src/cost/prices.js';

const messages = (input: unknown): string[] => {
  const r = costSectionSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the cost section', () => {
  it('replaces exactly the prices it gives and keeps the rest as shipped', () => {
    const section = costSectionSchema.parse({ prices: { fargate: { ARM64: { perVcpuHour: 0.03 } } } });
    const prices = pricesFor(section);
    expect(prices.fargate.ARM64.perVcpuHour).toEqual({ usd: 0.03, source: 'scenario' });
    expect(prices.fargate.ARM64.perGbHour).toEqual(US_EAST_1_PRICES.fargate.ARM64.perGbHour);
    expect({ ...prices, fargate: { ...prices.fargate, ARM64: US_EAST_1_PRICES.fargate.ARM64 } }).toEqual(US_EAST_1_PRICES);
  });

  it('without overrides is the shipped table, unverified and dated', () => {
    expect(pricesFor(undefined)).toBe(US_EAST_1_PRICES);
    expect(US_EAST_1_PRICES.verified).toBe(false);
    expect(US_EAST_1_PRICES.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses a negative price, a discount above 1, an unknown key and a region without a table, naming each field', () => {
    expect(messages({ region: 'eu-west-9', prices: { ec2OnDemand: { 'm5.large': -1 }, fargateSpotDiscount: 1.5, alb: { perLCUHour: 0.008 } } })).toEqual([
      'region: region must be one of the regions with a price table: us-east-1 (give other regions\' prices under prices)',
      'prices.ec2OnDemand.m5.large: ec2OnDemand.<instanceType> must be a price in USD per instance-hour (a number of at least 0)',
      'prices.fargateSpotDiscount: fargateSpotDiscount must be from 0 to 1 (0.6 = 60% off)',
      'prices.alb: Unrecognized key: "perLCUHour"',
    ]);
  });
});
