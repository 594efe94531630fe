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
  // The one error model (issue shape, error class, path formatter, did-you-mean): a leaf every folder may use.
  issues: [],
  // The run result described as data (zod): a leaf, so reports and tools read results without the model.
  result: ['issues'],
  engine: ['issues'],
  ...Object.fromEntries(MODEL.map((m) => [m, ['engine', ...MODEL]])),
  // Inside the model: ECS calls ELB (the service-linked role), ELB sends requests to task
  // servers, and nothing below looks up.
  queueing: ['issues', 'engine'],
  traffic: ['issues', 'engine', 'queueing'],
  elb: ['issues', 'engine', 'traffic', 'cloudwatch'],
  ecs: ['issues', 'engine', 'elb', 'traffic', 'cloudwatch'],
  cloudwatch: ['issues', 'engine'],
  // Application Auto Scaling watches CloudWatch alarms and scales through a link: it knows nothing of ECS.
  autoscaling: ['issues', 'engine', 'cloudwatch'],
  // Results: the cost reads the model's final state (usage), never the other way.
  cost: ['issues', 'engine', 'ecs', 'elb'],
  scenario: ['issues', 'engine', ...MODEL, 'cost', 'result'],
  // Reports read the described result only, never the model or the scenario that made it.
  report: ['issues', 'engine', 'result'],
  // Experiments (sweeps) run scenarios many times and summarize their results: an edge, below the CLI.
  experiment: ['issues', 'engine', ...MODEL, 'scenario', 'report', 'cost', 'result'],
  cli: ['issues', 'engine', ...MODEL, 'scenario', 'report', 'cost', 'result', 'experiment'],
  'index.ts': ['issues', 'engine', ...MODEL, 'scenario', 'report', 'cli', 'cost', 'result'],
  // The package's other entry points (`ecs-sim/engine`, `ecs-sim/plugins`, `ecs-sim/vitest`: baselines live in experiment/).
  public: ['issues', 'engine', ...MODEL, 'scenario', 'report', 'cost', 'result', 'experiment'],
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

/**
 * Circles known to exist: none since issue 13 took the ECS ones apart (shared types moved
 * to leaf modules such as ecs/types.ts and ecs/capacity/types.ts). Any circle fails the test.
 */
const KNOWN_CIRCLES: readonly string[] = [];

const layerOf = (file: string): string => relative(SRC, file).split('/')[0] as string;

/**
 * Every relative module a file names: static imports and re-exports (type-only ones too,
 * since a circle of types is still a knot to read), on one line or many, and `import()`
 * with a literal. Comments are blanked first so that they may name what they avoid.
 */
export function relativeImports(source: string): { spec: string; line: number }[] {
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (c) => c.replace(/[^\n]/g, ' '));
  const out: { spec: string; line: number }[] = [];
  const FROM = /\b(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]*?)\s*from\s*['"](\.[^'"]+)['"]|\bimport\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const m of code.matchAll(FROM)) {
    const spec = (m[1] ?? m[2] ?? m[3]) as string;
    out.push({ spec, line: code.slice(0, m.index).split('\n').length });
  }
  return out;
}

/** The import graph of src/: file → the files it imports (paths relative to src/, `.ts`). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file);
    const to = relativeImports(readFileSync(file, 'utf8')).map(({ spec }) => relative(SRC, join(file, '..', spec)).replace(/\.js$/, '.ts'));
    graph.set(from, [...new Set(to)].sort());
  }
  return graph;
}

/** Strongly connected components of more than one file (Tarjan), each sorted, in a stable order. */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
}

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
      for (const { spec, line } of relativeImports(readFileSync(file, 'utf8'))) {
        const target = layerOf(join(file, '..', spec));
        if (target !== from && !allowed.includes(target)) bad.push(`${relative(ROOT, file)}:${line} imports ${target}/ (${from}/ may import ${allowed.join(', ') || 'nothing else'})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('finds imports written over several lines, type-only ones and dynamic ones', () => {
    const src = "import {\n  a,\n  b,\n} from './x.js';\nimport type { C } from '../y.js';\n// import { z } from './comment.js';\nexport * from './z.js';\nconst m = await import('./dyn.js');";
    expect(relativeImports(src)).toEqual([
      { spec: './x.js', line: 1 },
      { spec: '../y.js', line: 5 },
      { spec: './z.js', line: 7 },
      { spec: './dyn.js', line: 8 },
    ]);
  });

  it('finds a circle of imports, and only circles', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
    ]);
    expect(circles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(circles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });

  it('no import circle anywhere under src/', () => {
    expect(circles(importGraph()).map((c) => c.join(' → '))).toEqual(KNOWN_CIRCLES);
  });

  it('the result description needs no package but zod', () => {
    const packages = sourceFiles(join(SRC, 'result')).flatMap((file) =>
      [...readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'".][^'"]*)['"]/g)].map((m) => `${relative(ROOT, file)}: ${m[1] as string}`),
    );
    expect(packages.filter((p) => !/: zod$/.test(p))).toEqual([]);
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
