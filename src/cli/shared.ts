import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDuration } from '../engine/duration.js';
import { didYouMeanTail, InputError } from '../issues/index.js';

/**
 * What every command of the CLI shares: where it writes, its exit codes, usage errors and
 * parsing flags into them, and the check that output files can be written. Apart from
 * main.ts so that the commands in their own files (sweep.ts, compare.ts) import it
 * without an import circle.
 */

/** Exit codes, as documented in `ecs-sim --help`. */
export const EXIT = { ok: 0, expectationFailed: 1, badInput: 2, runFailed: 3, interrupted: 130, terminated: 143 } as const;

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Monotonic ms, for wall-time figures only (never part of a result). */
  readonly clock: () => number;
  /** Whether `err` is a terminal (progress lines go there only then). */
  readonly errIsTTY?: boolean | undefined;
  /** The terminal's width, for progress bars. */
  readonly errColumns?: number | undefined;
}

export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** Runs node's parseArgs, turning its errors into usage errors in our words. */
export function guard<T>(usage: string, parse: () => T, options: readonly string[] = []): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(argsProblem(error, options), usage);
  }
}

/** parseArgs's error, said as the rest of the CLI says things. */
function argsProblem(error: unknown, options: readonly string[]): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' <]+)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option "${option}"${didYouMeanTail(option, options.map((o) => `--${o}`))}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/ambiguous/.test(message)) return `${option} needs a value; for a value starting with "-" write ${option}=VALUE`;
      return /argument missing/.test(message) ? `${option} needs a value` : `${option} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return 'unexpected argument';
    default:
      return message;
  }
}

/**
 * Each output file can be written: its directory exists and is writable, it is not a
 * directory, not the scenario itself, and no two outputs share a path. Checked before
 * anything is read or run.
 */
export function outputProblems(outputs: readonly (readonly [flag: string, path: string | undefined])[], inputs: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const [flag, path] of outputs) {
    if (path === undefined) continue;
    const full = resolve(path);
    const other = seen.get(full);
    if (other !== undefined) problems.push(`${flag} ${path}: the same file as ${other}`);
    seen.set(full, flag);
    if (inputs.some((i) => resolve(i) === full)) {
      problems.push(`${flag} ${path}: that is the scenario file; it would be overwritten`);
      continue;
    }
    const problem = unwritable(full);
    if (problem !== undefined) problems.push(`${flag} ${path}: cannot write: ${problem}`);
  }
  return problems;
}

function unwritable(full: string): string | undefined {
  const dir = dirname(full);
  const kind = (p: string): 'dir' | 'file' | 'other' | undefined => {
    try {
      const st = statSync(p);
      return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    } catch {
      return undefined;
    }
  };
  if (kind(dir) !== 'dir') return `no such directory ${dir}`;
  const target = kind(full);
  if (target === 'dir') return 'is a directory';
  try {
    accessSync(target === undefined ? dir : full, constants.W_OK);
  } catch {
    return target === undefined ? `directory ${dir} is not writable` : 'permission denied';
  }
  return undefined;
}


/** `--until DURATION` (run, explain, sweep): a duration in our words (the scenario's own format), more than 0. */
export function parseUntil(text: string, usage: string): number {
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new UsageError(`--until: ${error.message}`, usage);
  }
  if (ms <= 0) throw new UsageError(`--until expects a duration longer than 0, got ${JSON.stringify(text)}`, usage);
  return ms;
}
