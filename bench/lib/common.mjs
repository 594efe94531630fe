// Helpers shared by the benches: the machine line, small statistics, number formatting,
// and the "run me alone or as part of run-all" plumbing.
import os from 'node:os';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

/** One line naming what the figures were measured on (STYLE.md section 8). */
export function machineLine() {
  const cpus = os.cpus();
  const model = (cpus[0]?.model ?? 'unknown cpu').replace(/\s+/g, ' ').trim();
  return `machine: node ${process.version} · ${os.type()} ${os.release()} ${os.arch()} · ${model} · ${cpus.length} cores`;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-quantile with linear interpolation between order statistics. */
export function quantile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const i = Math.floor(pos);
  return i + 1 < sorted.length ? sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

/** 1234567 -> "1.23M", 45678 -> "45.7k". */
export function si(x) {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e9) return `${(x / 1e9).toPrecision(3)}G`;
  if (abs >= 1e6) return `${(x / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${(x / 1e3).toPrecision(3)}k`;
  return x.toPrecision(3);
}

export function pct(x, digits = 2) {
  return `${(100 * x).toFixed(digits)}%`;
}

/** Collects garbage left by the previous contender so it is not billed to the next. */
export function collectGarbage() {
  globalThis.gc?.();
}

export function gcNote() {
  return typeof globalThis.gc === 'function' ? '' : ' (run node with --expose-gc for steadier figures)';
}

/**
 * True when `importMetaUrl` is the script node was started with. A bench file then runs
 * itself: `--json` prints its result object for run-all.js, otherwise its text report.
 */
export function isMain(importMetaUrl) {
  return process.argv[1] !== undefined && importMetaUrl === pathToFileURL(process.argv[1]).href;
}

export async function runStandalone(run, format) {
  const json = process.argv.includes('--json');
  const result = await run({ log: (line) => console.error(line) });
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    console.log(machineLine());
    console.log(format(result).join('\n'));
  }
}

/** A bench's precondition failed: the contenders disagree, so timing them means nothing. */
export class MismatchError extends Error {
  name = 'MismatchError';
}
