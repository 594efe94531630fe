import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decisionsText, outcomesText, parseBaseline, type Baseline } from './baseline.js';

/**
 * A baseline on disk: `<prefix>.decisions.jsonl` and `<prefix>.outcomes.json`. The CLI's
 * prefix is `DIR/<scenario file name without extension>`; the vitest matcher's is the
 * path it is given.
 */
export function baselineFiles(prefix: string): { readonly decisions: string; readonly outcomes: string } {
  return { decisions: `${prefix}.decisions.jsonl`, outcomes: `${prefix}.outcomes.json` };
}

/** The prefix of a scenario's baseline in `dir`. */
export function baselinePrefix(dir: string, scenarioFile: string): string {
  return join(dir, basename(scenarioFile).replace(/\.(ya?ml|json)$/i, ''));
}

export function writeBaseline(prefix: string, baseline: Baseline): void {
  const files = baselineFiles(prefix);
  mkdirSync(dirname(files.decisions), { recursive: true });
  writeFileSync(files.decisions, decisionsText(baseline));
  writeFileSync(files.outcomes, outcomesText(baseline));
}

/** The baseline at `prefix`, or why it cannot be read. */
export function readBaseline(prefix: string): Baseline | string {
  const files = baselineFiles(prefix);
  for (const f of [files.decisions, files.outcomes]) if (!existsSync(f)) return `no baseline file ${f}`;
  const parsed = parseBaseline(readFileSync(files.decisions, 'utf8'), readFileSync(files.outcomes, 'utf8'));
  return typeof parsed === 'string' ? `${files.decisions}: ${parsed}` : parsed;
}
