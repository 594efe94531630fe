import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../support.js';

/** Issue 16: a fluid workload's requests are the model's expected counts; its Perfetto counter says so. */
describe('--perfetto with fluid traffic', () => {
  it("names a fluid workload's counter as expected requests, and a request-level one as requests", async () => {
    const dir = tempDir();
    const fluid = join(dir, 'fluid.json');
    const counted = join(dir, 'counted.json');
    expect((await cli('run', join(ROOT, 'scenarios', '22-fluid-traffic-over-two-days.yaml'), '--until', '1h', '--perfetto', fluid)).code).toBeLessThan(2);
    expect((await cli('run', join(ROOT, 'scenarios', '09-alb-web-service.yaml'), '--perfetto', counted)).code).toBeLessThan(2);
    const counters = (file: string): string[] => [...new Set((JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: { ph: string; name: string }[] }).traceEvents.filter((e) => e.ph === 'C' && /requests/.test(e.name)).map((e) => e.name))];
    const names = counters(fluid);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => /^workload .+ expected requests\/s \(fluid: expected counts, not counted\)$/.test(n))).toBe(true);
    expect(counters(counted).some((n) => /^load balancer .+ requests\/s$/.test(n))).toBe(true);
    expect(counters(counted).some((n) => n.includes('expected'))).toBe(false);
  });
});
