import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runResultSchema } from '../../src/result/schema.js';
import { ROOT, tempDir } from '../support.js';
import { bundled, write } from './support.js';

const bin = join(ROOT, 'bin', 'ecs-sim.js');

function finished(child: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** Waits until the run has written part of its trace, so the signal lands mid-run. */
async function started(trace: string): Promise<void> {
  for (let i = 0; i < 600 && !(existsSync(trace) && statSync(trace).size > 0); i += 1) await new Promise((r) => setTimeout(r, 50));
}

/** A run of the M/M/3 queue for 60 simulated days: about 25 million events, long enough to interrupt. */
const long = (): string => write('long.yaml', bundled('32-mmc-queue.yaml').replace('until: 2d', 'until: 60d'));

/** Issue 19: an interrupted run keeps complete files and says it is partial. */
describe('interrupted runs', () => {
  it('SIGINT: exits 130, the trace ends at a whole line and hashes to the logHash, --json says partial and the time reached', async () => {
    const trace = join(tempDir(), 'trace.jsonl');
    const child = spawn(process.execPath, [bin, 'run', long(), '--json', '--trace', trace]);
    const done = finished(child);
    await started(trace);
    child.kill('SIGINT');
    const { code, out, err } = await done;
    expect(err).toBe('');
    expect(code).toBe(130);
    const result = runResultSchema.parse(JSON.parse(out));
    expect(result.partial).toBe(true);
    expect(result.stopReason).toBe('stopped');
    expect(result.simulatedMs).toBeGreaterThan(0);
    expect(result.simulatedMs).toBeLessThan(result.untilMs);
    const text = readFileSync(trace, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(result.traceRecords);
    expect(() => lines.forEach((l) => JSON.parse(l))).not.toThrow();
    expect(createHash('sha256').update(text).digest('hex')).toBe(result.logHash);
  }, 60_000);

  it('SIGTERM: exits 143 and the summary is marked partial', async () => {
    const trace = join(tempDir(), 'trace.jsonl');
    const child = spawn(process.execPath, [bin, 'run', long(), '--trace', trace]);
    const done = finished(child);
    await started(trace);
    child.kill('SIGTERM');
    const { code, out } = await done;
    expect(code).toBe(143);
    expect(out).toMatch(/⚠ partial: interrupted by SIGTERM at .+ of 60d simulated/);
  }, 60_000);
});

describe('a closed pipe', () => {
  it('ends quietly when the reader goes away (`| head`)', async () => {
    // 7 MB of JSON: far more than a pipe holds.
    const child = spawn(process.execPath, [bin, 'run', join(ROOT, 'scenarios', '16-bad-revision-with-and-without-circuit-breaker.yaml'), '--json']);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});
