import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HashSink, JsonlFileSink, Simulation } from '../../src/engine/index.js';

describe('the log hash', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('is the SHA-256 of the JSONL file written for the same run', () => {
    dir = mkdtempSync(join(tmpdir(), 'ecs-sim-trace-'));
    const path = join(dir, 'run.jsonl');
    const hash = new HashSink();
    const file = new JsonlFileSink(path);
    const sim = new Simulation({ seed: 1, sinks: [hash, file] });
    const rng = sim.rng('work');
    // Enough records to pass the file sink's 64 KiB buffer several times, with
    // non-ASCII text so that bytes and UTF-16 units differ.
    for (let i = 0; i < 5_000; i += 1) {
      sim.schedule(rng.int(100_000), (n: number) => {
        sim.trace.emit(`tâche-${n % 7}`, n % 3 === 0 ? 'task.started' : 'task.stopped', { n, reason: 'Éssential container exited', x: rng.next() });
      }, i);
    }
    sim.run();
    sim.trace.close();

    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThan(4 * 65_536);
    expect(bytes.toString('utf8').split('\n')).toHaveLength(5_001);
    expect(hash.digest()).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('of an empty run is the SHA-256 of an empty file', () => {
    dir = mkdtempSync(join(tmpdir(), 'ecs-sim-trace-'));
    const path = join(dir, 'empty.jsonl');
    const hash = new HashSink();
    const sim = new Simulation({ sinks: [hash, new JsonlFileSink(path)] });
    sim.run();
    sim.trace.close();

    expect(readFileSync(path)).toHaveLength(0);
    expect(hash.digest()).toBe(createHash('sha256').digest('hex'));
  });
});
