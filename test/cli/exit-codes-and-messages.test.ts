import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES, ROOT, tempDir } from '../support.js';

const small = join(FIXTURES, 'small-queue.yaml');

describe('ecs-sim run', () => {
  it('prints a summary with span, events, wall time, events/s, log hash and expectations, and exits 0', async () => {
    const { code, out, err } = await cli('run', small);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^small queue {2}\(.*small-queue\.yaml, seed 7\)$/m);
    expect(out).toMatch(/^ {2}simulated {5}1h$/m);
    expect(out).toMatch(/^ {2}events {8}[\d,]+ in 0\.10 s wall \([\d.,]+k? events\/s\)$/m);
    expect(out).toMatch(/^ {2}log hash {6}[0-9a-f]{64}$/m);
    expect(out).toMatch(/^expectations {2}1 passed, 0 failed$/m);
  });

  it('--json prints the run result with logHash at top level and no wall time', async () => {
    const first = await cli('run', small, '--json');
    const second = await cli('run', small, '--json');
    const result = JSON.parse(first.out) as Record<string, unknown>;
    expect(result['logHash']).toMatch(/^[0-9a-f]{64}$/);
    expect(result['scenario']).toBe('small queue');
    expect(first.out).not.toMatch(/wall/i);
    expect(first.out).toBe(second.out);
  });

  it('--seed overrides the scenario seed and changes the log', async () => {
    const base = JSON.parse((await cli('run', small, '--json')).out) as { logHash: string; seed: number };
    const other = JSON.parse((await cli('run', small, '--json', '--seed', '8')).out) as { logHash: string; seed: number };
    expect(base.seed).toBe(7);
    expect(other.seed).toBe(8);
    expect(other.logHash).not.toBe(base.logHash);
  });

  it('--trace writes the JSONL event log whose SHA-256 is the log hash', async () => {
    const trace = join(tempDir(), 'out.jsonl');
    const result = JSON.parse((await cli('run', small, '--json', '--trace', trace)).out) as { logHash: string; traceRecords: number };
    const text = readFileSync(trace, 'utf8');
    expect(createHash('sha256').update(text).digest('hex')).toBe(result.logHash);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(result.traceRecords);
    expect(JSON.parse(lines[0] as string)).toEqual({ t: expect.any(Number), actor: 'desk', kind: 'arrival', customer: 1 });
  });

  it('exits 1 when an expectation fails, saying what was expected and what was seen', async () => {
    const dir = tempDir();
    const file = join(dir, 'failing.yaml');
    writeFileSync(file, readFileSync(small, 'utf8').replace('atLeast: 2000', 'atMost: 10'));
    const { code, out } = await cli('run', file);
    expect(code).toBe(1);
    expect(out).toMatch(/✖ queueing\.desk\.served <= 10\n {6}expected <= 10, saw \d+/);
  });

  it('exits 2 when an expectation names no value in the result, with a did-you-mean and its line', async () => {
    const file = join(tempDir(), 'typo.yaml');
    writeFileSync(file, readFileSync(small, 'utf8').replace('queueing.desk.served', 'queueing.desk.servd'));
    const { code, err } = await cli('run', file);
    expect(code).toBe(2);
    expect(err).toContain('typo.yaml:11:11  expectations[0].that: the run result has no value at "queueing.desk.servd"; did you mean "queueing.desk.served"?');
  });

  it('exits 2 before running when a throughout expectation names an unknown probe', async () => {
    const file = join(tempDir(), 'probe.yaml');
    writeFileSync(file, readFileSync(small, 'utf8').replace('  - that: queueing.desk.served\n    atLeast: 2000', '  - throughout: queueing.desk.queueLen\n    atMost: 5'));
    const { code, err, out } = await cli('run', file);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('expectations[0].throughout: unknown probe "queueing.desk.queueLen"; did you mean "queueing.desk.queueLength"?');
  });

  it('exits 2 for a missing file or a bad flag, with usage and no stack trace', async () => {
    const missing = await cli('run', 'nope.yaml');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('✖ nope.yaml  cannot read the scenario: no such file\n');
    const flag = await cli('run', small, '--sedd', '3');
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/^ecs-sim: unknown option "--sedd"; did you mean "--seed"\?/);
    expect(flag.err).toContain('Usage: ecs-sim run <scenario>');
  });
});

describe('ecs-sim validate', () => {
  it('accepts good files and reports bad ones with exit 2', async () => {
    const bad = join(tempDir(), 'bad.yaml');
    writeFileSync(bad, 'name: x\nuntil: 1h\nqueueing:\n  - { name: a, servers: 0, interarrival: "1s", service: "1s" }\n');
    const ok = await cli('validate', small);
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toContain('valid (small queue)');
    const { code, err } = await cli('validate', small, bad);
    expect(code).toBe(2);
    expect(err).toMatch(/bad\.yaml:4:25 {2}queueing\[0\]\.servers: expected an integer from 1 to 100000, got 0/);
  });
});

describe('the ecs-sim binary', () => {
  it('prints help, and a readable error (never a stack trace) for bad input', () => {
    const bin = join(ROOT, 'bin', 'ecs-sim.js');
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    const bad = spawnSync(process.execPath, [bin, 'run', join(FIXTURES, 'does-not-exist.yaml')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('cannot read the scenario: no such file');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
