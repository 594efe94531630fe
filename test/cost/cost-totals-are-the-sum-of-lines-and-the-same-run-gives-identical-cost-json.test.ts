import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costOfRun, priceUsage } from '../../src/cost/cost.js';
import { pricesFor } from '../../src/cost/schema.js';
import type { Usage } from '../../src/cost/usage.js';
import { formatCostSummary } from '../../src/report/cost-summary.js';
import { build, config, fargateRun, HOUR, instances, oneVcpuTwoGb } from './support.js';

const TYPES = ['m5.large', 'c5.large', 'g5.xlarge', 't3.medium'];

const usageArb: fc.Arbitrary<Usage> = fc.record({
  endMs: fc.integer({ min: 0, max: 10 * HOUR }),
  ec2: fc.uniqueArray(
    fc.record({ instanceType: fc.constantFrom(...TYPES), purchaseOption: fc.constantFrom('on-demand' as const, 'spot' as const), osType: fc.constant('linux'), instances: fc.integer({ min: 1, max: 50 }), instanceSeconds: fc.integer({ min: 60, max: 10_000_000 }) }),
    { selector: (u) => `${u.instanceType}|${u.purchaseOption}`, maxLength: 8 },
  ),
  external: fc.record({ instances: fc.integer({ min: 0, max: 3 }), instanceSeconds: fc.integer({ min: 0, max: 100_000 }) }),
  fargate: fc.array(
    fc.record({ cpuArchitecture: fc.constantFrom('X86_64' as const, 'ARM64' as const), purchaseOption: fc.constantFrom('on-demand' as const, 'spot' as const), operatingSystem: fc.constant('LINUX' as const), tasks: fc.integer({ min: 1, max: 100 }), vcpuSeconds: fc.integer({ min: 0, max: 1e7 }).map((x) => x / 4), gbSeconds: fc.integer({ min: 0, max: 1e7 }).map((x) => x / 8), ephemeralStorageGbSeconds: fc.integer({ min: 0, max: 1e6 }) }),
    { maxLength: 4 },
  ),
  loadBalancers: fc.array(fc.record({ LoadBalancerName: fc.constantFrom('a', 'b'), Type: fc.constantFrom('application' as const, 'network' as const), hours: fc.integer({ min: 0, max: 10 }), dimensionsNotModelled: fc.constant([]) }), { maxLength: 2 }),
  notMetered: fc.constant([]),
});

describe('cost totals', () => {
  it('the total is the sum of the lines, in their order, and each group total the sum of its lines', () => {
    fc.assert(
      fc.property(usageArb, (usage) => {
        const cost = priceUsage(usage, pricesFor(undefined));
        let total = 0;
        for (const l of cost.lines) {
          expect(l.cost).toBe(l.quantity * l.unitPrice);
          total += l.cost;
        }
        expect(cost.totals.total).toBe(total);
        for (const g of ['ec2', 'fargate', 'elb', 'ecsAnywhere'] as const) expect(cost.totals[g]).toBe(cost.lines.filter((l) => l.group === g).reduce((s, l) => s + l.cost, 0));
        // Unpriced usage never shows as a 0 line.
        expect(cost.lines.some((l) => l.item.startsWith('g5.xlarge'))).toBe(false);
        expect(cost.unpriced.some((u) => u.item.startsWith('g5.xlarge'))).toBe(usage.ec2.some((u) => u.instanceType === 'g5.xlarge'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the same run', () => {
  const once = () => {
    const m = build(
      config({ instanceGroups: [instances({ count: 3 })], fargate: true, definitions: [oneVcpuTwoGb('web')], timeline: [fargateRun('web', 'a', 0), fargateRun('web', 'b', 90_000), { kind: 'stopTask', atMs: 1_000_000, label: 'a' }] }),
      true,
      7,
    );
    m.run(2 * HOUR);
    return costOfRun(m.model, m.elb, 2 * HOUR);
  };

  it('gives identical cost JSON and summary text', () => {
    const [a, b] = [once(), once()];
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(formatCostSummary(a)).toBe(formatCostSummary(b));
    expect(a.lines.map((l) => l.group)).toEqual(['ec2', 'fargate', 'fargate', 'elb']);
  });

  it('summarises as a short table that says the prices are unverified and as of when', () => {
    const text = formatCostSummary(once());
    expect(text.split('\n')[0]).toMatch(/^cost {2}\$[0-9.]+ USD over 2 h, \$[0-9.]+ per simulated hour {2}\(us-east-1; prices unverified, as of \d{4}-\d{2}-\d{2}\)$/);
    expect(text).toContain('m5.large On-Demand');
    expect(text).toContain('not metered: load balancer capacity units');
  });
});
