import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT } from '../support.js';

/**
 * Mutations of the bundled scenarios, as an adversary (or a tired user) would make them:
 * a value of the wrong type, a field missing or unknown, huge and odd numbers, unicode,
 * deep nesting, a duplicated entry; and, on the text, a cut, a stray character or two
 * lines swapped. The scenarios are found by listing scenarios/, not by name.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = readonly (string | number)[];

/** The bundled scenarios' file names (scenarios/*.yaml). */
export const BUNDLED: readonly string[] = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

export function bundledText(name: string): string {
  return readFileSync(join(ROOT, 'scenarios', name), 'utf8');
}

const ODD_NUMBERS: readonly number[] = [0, -1, -0.5, 0.5, 1e9, -1e9, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity, Number.NaN];
const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  '0',
  '-1s',
  '1e400',
  '99999999999999999999d',
  '1000000d',
  '0ms',
  '1e9/s',
  'NaN',
  'null',
  'web\u200b',
  'wéb',
  '🚀🚀🚀',
  '\u202eevil',
  'a\u0301\u0301\u0301',
  'x'.repeat(10_000),
  '../../etc/passwd',
  '/dev/zero',
  '${HOME}',
  '%s%s%s',
  '<script>',
  'web:0',
  'web:-1',
  'arn:aws:ecs:us-east-1:123456789012:task-definition/nope:1',
];

/** A replacement value: wrong types, odd numbers, unicode, nesting. */
const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, [], {}, [null], { '': null }),
  fc.constantFrom(...ODD_NUMBERS),
  fc.constantFrom(...ODD_STRINGS),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 1, max: 80 }).map((depth) => nest(depth)),
);

function nest(depth: number): Json {
  let v: Json = 1;
  for (let i = 0; i < depth; i += 1) v = i % 2 === 0 ? [v] : { k: v };
  return v;
}

export type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly value: Json }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'unknownKey'; readonly at: number; readonly key: string }
  | { readonly kind: 'duplicate'; readonly at: number }
  | { readonly kind: 'scale'; readonly at: number; readonly factor: number }
  | { readonly kind: 'cut'; readonly fraction: number }
  | { readonly kind: 'insert'; readonly fraction: number; readonly text: string }
  | { readonly kind: 'swapLines'; readonly a: number; readonly b: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const at = fc.nat();

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at, value: oddValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unknownKey' as const), at, key: fc.constantFrom('desiredcount', 'Until', 'taskDefinitions ', '__proto__', 'constructor', 'x') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('scale' as const), at, factor: fc.constantFrom(-1, 0, 1000, 1e6, 1e12, 0.001) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), fraction }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), fraction, text: fc.constantFrom(':', '- ', '\t', '&a ', '*a', '!!binary ', '"', "'", '{', ']', '\u0000', '\uFEFF', '\n  - x', '#') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swapLines' as const), a: at, b: at }) },
);

/** A bundled scenario and up to three mutations. */
export const mutatedCase = fc.record({ file: fc.constantFrom(...BUNDLED), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) });

/** The text of `text` (a bundled YAML scenario) after `mutations`. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) out = apply(out, m);
  return out;
}

function apply(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'cut':
      return text.slice(0, Math.floor(text.length * m.fraction));
    case 'insert': {
      const i = Math.floor(text.length * m.fraction);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'swapLines': {
      const lines = text.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    default:
      return structural(text, m);
  }
}

/** A mutation of the document's data, written back as YAML; text that no longer parses is left as it is. */
function structural(text: string, m: Exclude<Mutation, { kind: 'cut' | 'insert' | 'swapLines' }>): string {
  let doc: Json;
  try {
    doc = parse(text, { maxAliasCount: 1000, logLevel: 'error' }) as Json;
  } catch {
    return text;
  }
  const paths = pathsOf(doc);
  if (paths.length === 0) return text;
  const path = paths[m.at % paths.length] ?? [];
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = get(doc, parentPath);
  if (key === undefined || parent === null || typeof parent !== 'object') return text;
  const current = (parent as Record<string | number, Json>)[key] ?? null;
  switch (m.kind) {
    case 'replace':
      (parent as Record<string | number, Json>)[key] = m.value;
      break;
    case 'delete':
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else delete (parent as Record<string, Json>)[key as string];
      break;
    case 'unknownKey':
      if (current !== null && typeof current === 'object' && !Array.isArray(current)) Object.defineProperty(current, m.key, { value: 1, enumerable: true, configurable: true, writable: true });
      break;
    case 'duplicate':
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 0, structuredClone(current));
      break;
    case 'scale':
      if (typeof current === 'number') (parent as Record<string | number, Json>)[key] = current * m.factor;
      else if (typeof current === 'string' && /^\d/.test(current)) (parent as Record<string | number, Json>)[key] = current.replace(/^\d+(\.\d+)?/, (n) => String(Number(n) * m.factor));
      break;
  }
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}

function pathsOf(doc: Json): Path[] {
  const out: Path[] = [];
  const walk = (v: Json, path: Path): void => {
    if (path.length > 0) out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(doc, []);
  return out;
}

function get(doc: Json, path: Path): Json {
  let v: Json = doc;
  for (const k of path) v = (v as Record<string | number, Json>)[k] ?? null;
  return v;
}
