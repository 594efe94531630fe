import { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { formatDuration } from '../engine/duration.js';
import type { CliIo } from './shared.js';

/**
 * Progress displays, on stderr and only on a terminal: a bar for sweeps (runs done of
 * runs planned) and, for a run that takes more than a few seconds, simulated time of the
 * end and events/s. On a pipe they print nothing, so what is captured is the output
 * alone; they never write to stdout and never touch a result. The bar is cli-progress
 * (maintained, no dependencies of its own but its string-width helper).
 */

/** A sweep or comparison's progress: call with runs done and runs planned (which may grow). */
export type RunsProgress = ((done: number, total: number) => void) | undefined;

/** How long a run goes before its progress shows (short runs stay quiet). */
export const RUN_PROGRESS_AFTER_MS = 2_000;

/** `io.err` as a stream cli-progress can draw on; a terminal only when `io.errIsTTY`. */
function errStream(io: CliIo): NodeJS.WritableStream {
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      io.err(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  return Object.assign(stream, { isTTY: io.errIsTTY === true, columns: io.errColumns ?? 80 });
}

/** A bar of runs done, or undefined on a pipe. The bar ends (and stays on screen) when done reaches total. */
export function sweepProgress(io: CliIo, label = 'runs'): RunsProgress {
  if (io.errIsTTY !== true) return undefined;
  const bar = new cliProgress.SingleBar(
    { stream: errStream(io), format: `{bar} {value}/{total} ${label} | {percentage}% | ETA {eta_formatted}`, hideCursor: false, clearOnComplete: false, stopOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return (done, total) => {
    if (!started) {
      bar.start(total, 0);
      started = true;
    }
    if (bar.getTotal() !== total) bar.setTotal(total);
    bar.update(done);
    if (done === total) {
      bar.stop();
      started = false;
    }
  };
}

export interface RunProgress {
  /** After each slice of events: where the simulation is. */
  readonly tick: (simulatedMs: number, eventsProcessed: number) => void;
  /** The run ended: the bar (if any) is cleared, so the summary follows on a clean line. */
  readonly done: () => void;
}

/**
 * A run's progress: nothing for the first RUN_PROGRESS_AFTER_MS of wall time, then a bar of
 * simulated time out of the scenario's end, with events processed and events/s. Wall time
 * comes from `io.clock` and only ever reaches stderr.
 */
export function runProgress(io: CliIo, untilMs: number): RunProgress | undefined {
  if (io.errIsTTY !== true) return undefined;
  const startedAt = io.clock();
  let bar: cliProgress.SingleBar | undefined;
  const payload = (simulatedMs: number, events: number): Record<string, string> => {
    const seconds = (io.clock() - startedAt) / 1000;
    return { simulated: formatDuration(simulatedMs), end: formatDuration(untilMs), events: events.toLocaleString('en-US'), rate: seconds > 0 ? Math.round(events / seconds).toLocaleString('en-US') : '-' };
  };
  return {
    tick(simulatedMs, eventsProcessed) {
      if (bar === undefined) {
        if (io.clock() - startedAt < RUN_PROGRESS_AFTER_MS) return;
        bar = new cliProgress.SingleBar(
          { stream: errStream(io), format: '{bar} {simulated} of {end} simulated | {events} events | {rate} events/s', hideCursor: false, clearOnComplete: true, stopOnComplete: false },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(1, untilMs), 0, payload(simulatedMs, eventsProcessed));
      }
      bar.update(Math.min(simulatedMs, untilMs), payload(simulatedMs, eventsProcessed));
    },
    done() {
      bar?.stop();
    },
  };
}
