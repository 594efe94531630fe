import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { FIXTURES, ROOT } from '../support.js';

const SMALL = join(FIXTURES, 'small-queue.yaml');
const SWEEP = ['sweep', SMALL, '--param', 'queueing[name=desk].servers=2,3', '--replications', '2', '--metric', 'queueing.desk.served', '--workers', '1'];
// About 300,000 events: a few slices of a run, so its progress hook is called.
const LONG_RUN = ['run', join(ROOT, 'scenarios', '32-mmc-queue.yaml'), '--set', 'until=16h'];

/** The CLI in-process, stderr a terminal or a pipe; a clock that jumps `step` ms a call, so a run "takes long". */
async function cli(argv: string[], errIsTTY: boolean, step = 100): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let tick = 0;
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), clock: () => (tick += step), errIsTTY, errColumns: 120 };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('progress', () => {
  it('a sweep on a terminal draws a bar on stderr, and its output is the same as on a pipe', async () => {
    const tty = await cli(SWEEP, true);
    const pipe = await cli(SWEEP, false);
    expect(tty.code).toBe(0);
    expect(tty.err).toContain('4/4 runs | 100%');
    expect(tty.err).toContain('█');
    expect(pipe.err).toBe('');
    expect(tty.out).toBe(pipe.out);
  });

  it('a long run on a terminal shows simulated time of the end and events/s, then clears it; on a pipe nothing', async () => {
    const tty = await cli(LONG_RUN, true, 1_000);
    const pipe = await cli(LONG_RUN, false, 1_000);
    // Cut to 16h, the scenario's own expectations may fail (exit 1): the progress must not change that.
    expect(tty.code).toBe(pipe.code);
    expect(tty.err).toMatch(/ of 16h simulated \| [\d,]+ events \| [\d,]+ events\/s/);
    expect(tty.err).toContain('\x1b[0K');
    expect(pipe.err).toBe('');
    // The same summary but for the wall time (the fake clock was read more often on the terminal).
    const noWall = (text: string): string => text.replace(/ in [\d.]+ s wall \([^)]*\)/, '');
    expect(noWall(tty.out)).toBe(noWall(pipe.out));
    expect(tty.out).not.toContain('\x1b');
  }, 60_000);

  it('a short run shows nothing, even on a terminal', async () => {
    const quick = await cli(LONG_RUN, true, 1);
    expect(quick.err).toBe('');
  }, 60_000);

  it('through a real pseudo-terminal (script), the bar reaches stderr and stdout stays the summary', () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'bin', 'ecs-sim.js'))} ${SWEEP.map((a) => `'${a}'`).join(' ')} > /dev/null`;
    let shown: string;
    try {
      shown = execFileSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // no `script` here: the in-process tests above cover it
      throw error;
    }
    expect(shown).toContain('4/4 runs | 100%');
    const piped = execFileSync(process.execPath, [join(ROOT, 'bin', 'ecs-sim.js'), ...SWEEP], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(piped).not.toContain('runs |');
  }, 60_000);
});
