import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support.js';

/**
 * The architecture, kept honest: data flows scenario → model → results → reports, the
 * engine knows nothing of what it simulates, and nothing in the engine or the model
 * reads the host's clock, randomness or locale.
 */
const SRC = join(ROOT, 'src');
const MODEL = ['queueing', 'ecs', 'elb', 'cloudwatch', 'autoscaling', 'traffic'];
/** What each top-level folder may import from src/ besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  engine: [],
  ...Object.fromEntries(MODEL.map((m) => [m, ['engine', ...MODEL]])),
  // Inside the model: ECS calls ELB (the service-linked role), ELB sends requests to task
  // servers, and nothing below looks up.
  queueing: ['engine'],
  traffic: ['engine', 'queueing'],
  elb: ['engine', 'traffic', 'cloudwatch'],
  ecs: ['engine', 'elb', 'traffic', 'cloudwatch'],
  cloudwatch: ['engine'],
  // Application Auto Scaling watches CloudWatch alarms and scales through a link: it knows nothing of ECS.
  autoscaling: ['engine', 'cloudwatch'],
  // Results: the cost reads the model's final state (usage), never the other way.
  cost: ['engine', 'ecs', 'elb'],
  scenario: ['engine', ...MODEL, 'cost'],
  report: ['engine', ...MODEL, 'scenario', 'cost'],
  cli: ['engine', ...MODEL, 'scenario', 'report', 'cost'],
  'index.ts': ['engine', ...MODEL, 'scenario', 'report', 'cli', 'cost'],
};

interface SourceLine {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function sourceLines(dirs: readonly string[]): SourceLine[] {
  return dirs.flatMap((d) => {
    const path = join(SRC, d);
    let files: string[];
    try {
      files = sourceFiles(path);
    } catch {
      return [];
    }
    return files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((text, i) => ({ file: relative(ROOT, file), line: i + 1, text }))
        // Comments may name what they avoid.
        .filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l.text)),
    );
  });
}

const layerOf = (file: string): string => relative(SRC, file).split('/')[0] as string;

describe('the architecture', () => {
  it('every import under src/ points the allowed way', () => {
    const bad: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const from = layerOf(file);
      const allowed = ALLOWED[from];
      if (allowed === undefined) {
        bad.push(`${relative(ROOT, file)}: folder src/${from} is not in the architecture test`);
        continue;
      }
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const m = /^\s*(?:import|export)\b[^'"]*from\s+'(\.[^']+)'/.exec(text) ?? /^\s*import\s+'(\.[^']+)'/.exec(text);
          if (m === null) return;
          const target = layerOf(join(file, '..', m[1] as string));
          if (target !== from && !allowed.includes(target)) bad.push(`${relative(ROOT, file)}:${i + 1} imports ${target}/ (${from}/ may import ${allowed.join(', ') || 'nothing else'})`);
        });
    }
    expect(bad).toEqual([]);
  });

  it('the engine never speaks of what it simulates', () => {
    const hits = sourceLines(['engine']).filter((l) => /\b(task|service|instance|cluster|container|ecs)\b/i.test(l.text));
    expect(hits.map((l) => `${l.file}:${l.line}: ${l.text.trim()}`)).toEqual([]);
  });

  it('engine and model never read the host clock, randomness or locale', () => {
    const BANNED = /\b(?:Date\.now|new Date|Math\.random|performance\.now|localeCompare|toLocale\w*|Intl|setTimeout|setInterval|process\.hrtime)\b/;
    const hits = sourceLines(['engine', ...MODEL]).filter((l) => BANNED.test(l.text));
    expect(hits.map((l) => `${l.file}:${l.line}: ${l.text.trim()}`)).toEqual([]);
  });

  it('the public API has named exports only', () => {
    const index = readFileSync(join(SRC, 'index.ts'), 'utf8');
    expect(index).not.toMatch(/export \*/);
  });
});
