import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { InputError } from '../../src/issues/index.js';
import { cli, ROOT } from '../support.js';

const scenario = (name: string): string => join(ROOT, 'scenarios', name);
const bin = join(ROOT, 'bin', 'ecs-sim.js');

/** The CPU time (s) process `pid` has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

describe('explain --until', () => {
  it('ends the run there: only the placements made by then are explained', async () => {
    const early = await cli('explain', scenario('07-placement-strategies.yaml'), '--until', '4m');
    const whole = await cli('explain', scenario('07-placement-strategies.yaml'));
    expect(early.code).toBe(0);
    // Each placement's heading starts with its simulated time, m:ss.s.
    const minutes = (out: string): number[] =>
      out.split('\n').flatMap((l) => {
        const m = /^(\d+):(\d\d\.\d) /.exec(l);
        return m === null ? [] : [Number(m[1]) + Number(m[2]) / 60];
      });
    expect(minutes(early.out).length).toBeGreaterThan(0);
    expect(Math.max(...minutes(early.out))).toBeLessThan(4);
    expect(Math.max(...minutes(whole.out))).toBeGreaterThan(4);
  });

  it.each([
    ['0s', '--until expects a duration longer than 0, got "0s"'],
    ['soon', '--until: expected'],
  ])('--until %s is refused with exit 2, as run refuses it', async (value, message) => {
    for (const command of ['explain', 'run']) {
      const { code, err } = await cli(command, scenario('07-placement-strategies.yaml'), '--until', value);
      expect(code).toBe(2);
      expect(err).toContain(message);
    }
  });
});

describe('explain is interruptible', () => {
  it('SIGINT during a long explain: exit 130 promptly, with the placements so far and a partial line', async () => {
    const child = spawn(process.execPath, [bin, 'explain', scenario('09-alb-web-service.yaml'), '--until', '30d']);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Loading and checking take well under 1.5 s of CPU: past that, the run is under way.
    for (let i = 0; i < 1200 && cpuSeconds(child.pid as number) < 1.5; i += 1) await new Promise((r) => setTimeout(r, 50));
    const sent = Date.now();
    child.kill('SIGINT');
    const code = await closed;
    expect(Date.now() - sent).toBeLessThan(10_000);
    expect(err).toBe('');
    expect(code).toBe(130);
    expect(out).toMatch(/placed on /);
    expect(out).toMatch(/⚠ partial: interrupted by SIGINT at .+ of 30d simulated; the placements above are those made by then\n$/);
  }, 90_000);
});

describe('sweep --until', () => {
  it('every run ends there', async () => {
    const { code, out } = await cli('sweep', scenario('32-mmc-queue.yaml'), '--param', 'queueing[0].servers=3,4', '--replications', '2', '--metric', 'simulatedMs', '--until', '90s', '--workers', '1', '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(out) as { combinations: { metrics: { simulatedMs: { mean: number; max: number } } }[] };
    expect(summary.combinations).toHaveLength(2);
    for (const c of summary.combinations) expect(c.metrics.simulatedMs.max).toBeLessThanOrEqual(90_000);
  });

  it('refuses a bad --until with exit 2', async () => {
    const { code, err } = await cli('sweep', scenario('32-mmc-queue.yaml'), '--param', 'queueing[0].servers=3,4', '--until=-1m');
    expect(code).toBe(2);
    expect(err).toContain('--until: expected a non-negative duration, got "-1m"');
  });
});

describe('simulate(…, { until })', () => {
  it('ends the run there, as --until does, with the same result as the CLI', async () => {
    const file = scenario('32-mmc-queue.yaml');
    const result = await simulate(file, { until: '90s' });
    expect(result.untilMs).toBe(90_000);
    expect(result.simulatedMs).toBeLessThanOrEqual(90_000);
    const { out } = await cli('run', file, '--until', '90s', '--json');
    expect((JSON.parse(out) as { logHash: string }).logHash).toBe(result.logHash);
    expect((await simulate(file, { until: 90_000 })).logHash).toBe(result.logHash);
  });

  it.each([[0], ['0s'], ['later'], [-5]])('refuses until: %j with an InputError naming the option', async (until) => {
    await expect(simulate(scenario('32-mmc-queue.yaml'), { until })).rejects.toThrow(InputError);
    await expect(simulate(scenario('32-mmc-queue.yaml'), { until })).rejects.toThrow(/until option expects a duration longer than 0/);
  });
});
