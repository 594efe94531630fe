import { describe, expect, it } from 'vitest';
import { costOfRun } from '../../src/cost/cost.js';
import { build, config, HOUR } from './support.js';

describe('load balancers in the cost (P-005)', () => {
  it('an ALB up for 1 h and 1 ms is billed 2 ALB-hours', () => {
    const m = build(config({}), true);
    m.run(HOUR + 1);
    const cost = costOfRun(undefined, m.elb, HOUR + 1);
    expect(cost.lines).toEqual([{ group: 'elb', item: 'ALB front', quantity: 2, unit: 'ALB-hour', unitPrice: 0.0225, cost: 0.045, priceSource: 'P-005' }]);
  });

  it('exactly 1 h is 1 ALB-hour', () => {
    const m = build(config({}), true);
    m.run(HOUR);
    expect(costOfRun(undefined, m.elb, HOUR).lines[0]?.quantity).toBe(1);
  });

  it('LCUs are not priced from invented numbers: the result says which dimensions are not modelled (P-006)', () => {
    const m = build(config({}), true);
    m.run(HOUR);
    const cost = costOfRun(undefined, m.elb, HOUR);
    expect(cost.lines.some((l) => l.unit === 'LCU-hour')).toBe(false);
    expect(cost.notMetered[0]).toContain('new connections per second, active connections per minute, processed bytes, rule evaluations per second');
  });
});
