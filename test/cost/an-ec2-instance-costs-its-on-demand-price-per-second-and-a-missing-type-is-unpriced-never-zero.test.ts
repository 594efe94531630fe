import { describe, expect, it } from 'vitest';
import { costOfRun, priceUsage } from '../../src/cost/cost.js';
import { US_EAST_1_PRICES } from '../../src/cost/prices.js';
import { pricesFor } from '../../src/cost/schema.js';
import { meterUsage } from '../../src/cost/usage.js';
import { build, config, HOUR, instances } from './support.js';

describe('EC2 instances in the cost', () => {
  it('an m5.large running 2 h costs 2 × its On-Demand price (P-007)', () => {
    const m = build(config({ instanceGroups: [instances({ instanceType: 'm5.large' })] }));
    m.run(2 * HOUR);
    const cost = costOfRun(m.model, undefined, 2 * HOUR);
    expect(cost.lines).toHaveLength(1);
    expect(cost.lines[0]).toMatchObject({ group: 'ec2', item: 'm5.large On-Demand', quantity: 2, unit: 'instance-hour', unitPrice: 0.096, priceSource: 'P-007' });
    expect(cost.totals.total).toBeCloseTo(2 * 0.096, 12);
    expect(cost.perHour).toBeCloseTo(0.096, 12);
    expect(cost).toMatchObject({ currency: 'USD', region: 'us-east-1', asOf: US_EAST_1_PRICES.asOf, verified: false });
  });

  it('bills from launch to termination, with a 60 s minimum per instance', () => {
    const m = build(
      config({
        instanceGroups: [instances({ instanceType: 'c5.large', count: 2 })],
        timeline: [
          { kind: 'terminateInstance', atMs: 10_000, instance: 'pool/0' },
          { kind: 'terminateInstance', atMs: 1_800_000, instance: 'pool/1' },
        ],
      }),
    );
    m.run(HOUR);
    const usage = meterUsage(m.model, undefined, HOUR);
    // 10 s is billed as 60 s; the other ran 1800 s.
    expect(usage.ec2).toEqual([{ instanceType: 'c5.large', purchaseOption: 'on-demand', osType: 'linux', instances: 2, instanceSeconds: 60 + 1800 }]);
  });

  it('a Spot instance costs the On-Demand price less the Spot discount (an assumption, overridable)', () => {
    const m = build(config({ instanceGroups: [instances({ instanceType: 'm5.large' })] }));
    m.run(HOUR);
    const instance = [...m.model.instancesByRef.values()][0];
    if (instance === undefined) throw new Error('no instance');
    instance.instanceLifecycle = 'spot';
    const usage = meterUsage(m.model, undefined, HOUR);
    const shipped = priceUsage(usage, pricesFor(undefined));
    expect(shipped.lines[0]?.item).toBe('m5.large Spot');
    expect(shipped.totals.total).toBeCloseTo(0.096 * (1 - US_EAST_1_PRICES.ec2SpotDiscount.usd), 12);
    const overridden = priceUsage(usage, pricesFor({ prices: { ec2SpotDiscount: 0.7 } }));
    expect(overridden.totals.total).toBeCloseTo(0.096 * 0.3, 12);
  });

  it('an instance type missing from the table is listed as unpriced with a message, never priced at 0', () => {
    const m = build(config({ instanceGroups: [instances({ instanceType: 'm5.large' }), instances({ name: 'arm', instanceType: 'c6g.large' })] }));
    m.run(HOUR);
    const cost = costOfRun(m.model, undefined, HOUR);
    expect(cost.lines.map((l) => l.item)).toEqual(['m5.large On-Demand']);
    expect(cost.lines.every((l) => l.unitPrice > 0)).toBe(true);
    expect(cost.unpriced).toEqual([
      { group: 'ec2', item: 'c6g.large On-Demand', quantity: 1, unit: 'instance-hour', message: 'no price for c6g.large in the us-east-1 table; give it as cost.prices.ec2OnDemand["c6g.large"] (USD per hour)' },
    ]);
    // The scenario can give it.
    const priced = costOfRun(m.model, undefined, HOUR, { prices: { ec2OnDemand: { 'c6g.large': 0.068 } } });
    expect(priced.unpriced).toEqual([]);
    expect(priced.lines.find((l) => l.item === 'c6g.large On-Demand')).toMatchObject({ unitPrice: 0.068, priceSource: 'scenario' });
  });

  it('EXTERNAL instances cost nothing in EC2 terms and are unpriced until ECS Anywhere is given a price', () => {
    const m = build(config({ instanceGroups: [instances({ instanceType: 'm5.large', launchType: 'EXTERNAL' })] }));
    m.run(HOUR);
    const cost = costOfRun(m.model, undefined, HOUR);
    expect(cost.totals.ec2).toBe(0);
    expect(cost.unpriced.map((u) => [u.group, u.quantity])).toEqual([['ecsAnywhere', 1]]);
    const priced = costOfRun(m.model, undefined, HOUR, { prices: { ecsAnywhere: { perInstanceHour: 0.01 } } });
    expect(priced.totals.ecsAnywhere).toBeCloseTo(0.01, 12);
  });
});
