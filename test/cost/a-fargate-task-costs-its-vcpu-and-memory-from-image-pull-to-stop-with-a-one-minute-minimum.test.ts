import { describe, expect, it } from 'vitest';
import { costOfRun } from '../../src/cost/cost.js';
import { ASSUMED_FARGATE_SPOT_DISCOUNT } from '../../src/cost/prices.js';
import { meterUsage } from '../../src/cost/usage.js';
import { build, config, fargateRun, oneVcpuTwoGb } from './support.js';

const HALF_HOUR = 1_800_000;
// ecs-facts P-001 / P-002: per vCPU-hour and per GB-hour.
const X86 = { vcpu: 0.04048, gb: 0.004445 };
const ARM = { vcpu: 0.03238, gb: 0.00356 };

/** Runs one 1 vCPU / 2 GB task until 30 min after its image pull started; returns the cost and the task. */
function halfHourOf(definitionExtra: Record<string, unknown> = {}, runExtra: Record<string, unknown> = {}) {
  const m = build(config({ fargate: true, definitions: [oneVcpuTwoGb('web', definitionExtra)], timeline: [fargateRun('web', 'web', 0, runExtra)] }));
  m.run(60_000);
  const pulledAt = m.task('web').pullStartedAt;
  if (pulledAt === undefined) throw new Error('the task never started pulling');
  const end = pulledAt + HALF_HOUR;
  m.run(end);
  expect(m.task('web').lastStatus).toBe('RUNNING');
  return { cost: costOfRun(m.model, undefined, end), task: m.task('web') };
}

describe('Fargate tasks in the cost', () => {
  it('a 1 vCPU / 2 GB x86 task running 30 min costs 0.5 h × (vCPU price + 2 × GB price) (P-001)', () => {
    const { cost } = halfHourOf();
    expect(cost.lines.map((l) => [l.item, l.quantity, l.unit, l.unitPrice])).toEqual([
      ['Fargate Linux/X86_64 vCPU', 0.5, 'vCPU-hour', X86.vcpu],
      ['Fargate Linux/X86_64 memory', 1, 'GB-hour', X86.gb],
    ]);
    expect(cost.totals.fargate).toBeCloseTo(0.5 * (X86.vcpu + 2 * X86.gb), 12);
  });

  it('an ARM64 task is priced at the ARM rates (P-002)', () => {
    const { cost } = halfHourOf({ runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' } });
    expect(cost.lines.map((l) => l.item)).toEqual(['Fargate Linux/ARM64 vCPU', 'Fargate Linux/ARM64 memory']);
    expect(cost.totals.fargate).toBeCloseTo(0.5 * (ARM.vcpu + 2 * ARM.gb), 12);
  });

  it('a FARGATE_SPOT task gets the Fargate Spot discount (P-004, an assumed 60%)', () => {
    const { cost, task } = halfHourOf({}, { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }] });
    expect(task.capacityProviderName).toBe('FARGATE_SPOT');
    expect(cost.lines.map((l) => l.item)).toEqual(['Fargate Spot Linux/X86_64 vCPU', 'Fargate Spot Linux/X86_64 memory']);
    expect(cost.totals.fargate).toBeCloseTo(0.5 * (X86.vcpu + 2 * X86.gb) * (1 - ASSUMED_FARGATE_SPOT_DISCOUNT), 12);
  });

  it('a task that lives 20 s is billed for the 1-minute minimum (P-003)', () => {
    const m = build(config({ fargate: true, definitions: [oneVcpuTwoGb('job')], timeline: [fargateRun('job', 'job'), { kind: 'stopTask', atMs: 15_000, label: 'job' }] }));
    m.run(600_000);
    const t = m.task('job');
    expect(t.lastStatus).toBe('STOPPED');
    if (t.pullStartedAt === undefined || t.stoppedAt === undefined) throw new Error('missing timestamps');
    expect(t.stoppedAt - t.pullStartedAt).toBeLessThan(60_000);
    const usage = meterUsage(m.model, undefined, 600_000);
    expect(usage.fargate).toEqual([{ cpuArchitecture: 'X86_64', purchaseOption: 'on-demand', operatingSystem: 'LINUX', tasks: 1, vcpuSeconds: 60, gbSeconds: 120, ephemeralStorageGbSeconds: 0 }]);
  });

  it('ephemeral storage above the included 20 GB is billed per GB-hour (P-003)', () => {
    const { cost } = halfHourOf({ ephemeralStorage: { sizeInGiB: 50 } });
    const storage = cost.lines.find((l) => l.item.endsWith('ephemeral storage above 20 GB'));
    expect(storage).toMatchObject({ quantity: 15, unit: 'GB-hour', unitPrice: 0.000111, priceSource: 'P-003' });
  });
});
