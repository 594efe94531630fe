import { didYouMean } from '../issues/index.js';
import type { z } from 'zod';
import { runResultSchema } from './schema.js';

/**
 * Expectation paths checked against the described result, before anything runs: a path
 * that no run result can have (a typo, a list read as an object, a filter on a field that
 * does not exist) is found when the scenario is read, with a did-you-mean, instead of after
 * the whole simulation. The syntax is the one expectations evaluate (src/scenario/expectations.ts):
 * dotted keys, `\.` for a dot inside a key, a list item by its index, `.length` of a list,
 * `[field=value]` filters on a list (several in a row narrow further), and any key of a map
 * such as `ecs.services.<name>` or `ecs.tasksByLabel.<label>`.
 */
export type ResultPathCheck = { readonly ok: true } | { readonly error: string; readonly didYouMean?: string };

/** `a.b\.c.0` → ["a", "b.c", "0"]: as expectations split a path (a `[...]` filter keeps its dots). */
export function splitResultPath(dotted: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < dotted.length; i += 1) {
    const ch = dotted[i] as string;
    if (ch === '\\' && dotted[i + 1] === '.') {
      current += '.';
      i += 1;
    } else if (ch === '.' && depth === 0) {
      out.push(current);
      current = '';
    } else {
      if (ch === '[') depth += 1;
      if (ch === ']') depth = Math.max(0, depth - 1);
      current += ch;
    }
  }
  out.push(current);
  return out;
}

/** A segment: the key it reads (empty for a bare filter), then its `[field=value]` filters. */
interface Segment {
  readonly key: string;
  readonly filters: readonly { readonly field: string; readonly value: string }[];
  /** Text after the key that is not a well-formed filter, if any. */
  readonly junk: string;
}

function parseSegment(segment: string): Segment {
  const bracket = segment.indexOf('[');
  if (bracket < 0) return { key: segment, filters: [], junk: '' };
  const rest = segment.slice(bracket);
  const filters = [...rest.matchAll(/\[([^=\]]+)=([^\]]*)\]/g)].map((m) => ({ field: m[1] as string, value: m[2] as string }));
  return { key: segment.slice(0, bracket), filters, junk: rest.replace(/\[([^=\]]+)=([^\]]*)\]/g, '') };
}

/** What a node of the schema is, once the wrappers that do not change the data's shape are peeled off. */
type Node =
  | { readonly kind: 'object'; readonly shape: Readonly<Record<string, z.core.$ZodType>> }
  | { readonly kind: 'array'; readonly element: z.core.$ZodType }
  | { readonly kind: 'tuple'; readonly items: readonly z.core.$ZodType[] }
  | { readonly kind: 'record'; readonly value: z.core.$ZodType }
  | { readonly kind: 'union'; readonly options: readonly z.core.$ZodType[] }
  | { readonly kind: 'any' }
  | { readonly kind: 'leaf'; readonly type: string; readonly values?: readonly string[] };

function nodeOf(schema: z.core.$ZodType): Node {
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'catch':
      return nodeOf((def as unknown as { innerType: z.core.$ZodType }).innerType);
    case 'lazy':
      return nodeOf((def as z.core.$ZodLazyDef).getter());
    case 'pipe':
      return nodeOf((def as z.core.$ZodPipeDef).out);
    case 'object':
      return { kind: 'object', shape: (def as z.core.$ZodObjectDef).shape };
    case 'array':
      return { kind: 'array', element: (def as z.core.$ZodArrayDef).element };
    case 'tuple':
      return { kind: 'tuple', items: (def as z.core.$ZodTupleDef).items };
    case 'record':
      return { kind: 'record', value: (def as z.core.$ZodRecordDef).valueType };
    case 'union':
      return { kind: 'union', options: (def as z.core.$ZodUnionDef).options };
    case 'unknown':
    case 'any':
      return { kind: 'any' };
    case 'enum':
      return { kind: 'leaf', type: 'string', values: Object.values((def as z.core.$ZodEnumDef).entries).map(String) };
    case 'literal':
      return { kind: 'leaf', type: typeof (def as z.core.$ZodLiteralDef<z.core.util.Literal>).values[0], values: (def as z.core.$ZodLiteralDef<z.core.util.Literal>).values.map(String) };
    case 'boolean':
      return { kind: 'leaf', type: 'boolean', values: ['true', 'false'] };
    default:
      return { kind: 'leaf', type: def.type };
  }
}

/** `a.b\.c`: segments back to a path, dots inside keys escaped. */
function joinPath(segments: readonly string[]): string {
  return segments.map((s) => s.replace(/\./g, '\\.')).join('.');
}

interface Failure {
  readonly error: string;
  /** The whole path with the one segment mended, when a mend is likely. */
  readonly didYouMean?: string;
  /** How far the walk got: the deepest failure is the one worth reporting. */
  readonly depth: number;
}

/**
 * Walks `all` from `schema`, at segment `at`: undefined when some result can have a value
 * there, else why not.
 */
function walk(schema: z.core.$ZodType, all: readonly string[], at: number): Failure | undefined {
  if (at === all.length) return undefined;
  const node = nodeOf(schema);
  if (node.kind === 'any') return undefined;
  if (node.kind === 'union') {
    const failures = node.options.map((o) => walk(o, all, at));
    if (failures.some((f) => f === undefined)) return undefined;
    const deepest = (failures as Failure[]).reduce((a, b) => (b.depth > a.depth ? b : a));
    // A field none of the shapes has (`ecs.events.0.<field>`): the did-you-mean looks at every shape's fields.
    const shapes = node.options.map(nodeOf).flatMap((o) => (o.kind === 'object' ? [o.shape] : []));
    const { key } = parseSegment(all[at] as string);
    if (deepest.depth > at || shapes.length !== node.options.length || key === '' || shapes.some((shape) => Object.hasOwn(shape, key))) return deepest;
    const keys = [...new Set(shapes.flatMap((shape) => Object.keys(shape)))];
    const guess = didYouMean(key, keys);
    const where = at === 0 ? 'the run result' : `"${joinPath(all.slice(0, at))}"`;
    if (guess === undefined) return { error: `${where} has no field "${key}"${keys.length <= 30 ? `; its items have ${keys.join(', ')}` : ''}`, depth: at };
    const raw = all[at] as string;
    return { error: `${where} has no field "${key}"; did you mean "${guess}"?`, didYouMean: joinPath([...all.slice(0, at), `${guess}${raw.slice(key.length)}`, ...all.slice(at + 1)]), depth: at };
  }
  const raw = all[at] as string;
  const { key, filters, junk } = parseSegment(raw);
  const where = at === 0 ? 'the run result' : `"${joinPath(all.slice(0, at))}"`;
  const mend = (...replacement: string[]): string => joinPath([...all.slice(0, at), ...replacement, ...all.slice(at + 1)]);
  if (junk !== '') return { error: `"${raw}" has a malformed filter "${junk}": write [field=value]`, depth: at };

  // The key first: a field, a map entry, a list item or a list's length.
  let next: z.core.$ZodType | 'length' | undefined;
  if (key === '') next = schema;
  else if (node.kind === 'object') {
    if (!Object.hasOwn(node.shape, key)) {
      const keys = Object.keys(node.shape);
      // A near name here, else the field one level down (`total.p99` for `total.latency.p99`).
      const guess = didYouMean(key, keys) ?? oneLevelDown(node.shape, key);
      const hint = guess !== undefined ? `; did you mean "${guess}"?` : keys.length <= 30 ? `; it has ${keys.join(', ')}` : '';
      return { error: `${where} has no field "${key}"${hint}`, ...(guess === undefined ? {} : { didYouMean: mend(...`${guess}${raw.slice(key.length)}`.split('.')) }), depth: at };
    }
    next = node.shape[key] as z.core.$ZodType;
  } else if (node.kind === 'record') next = node.value;
  else if (node.kind === 'array' || node.kind === 'tuple') {
    if (key === 'length') next = 'length';
    else if (didYouMean(key, ['length']) !== undefined) return { error: `${where} is a list: it has no "${key}"; did you mean "length"?`, didYouMean: mend(`length${raw.slice(key.length)}`), depth: at };
    else if (/^\d+$/.test(key)) {
      if (node.kind === 'tuple' && Number(key) >= node.items.length) return { error: `${where} has ${node.items.length} items; "${key}" is past its end`, depth: at };
      next = node.kind === 'array' ? node.element : (node.items[Number(key)] as z.core.$ZodType);
    } else {
      const example = joinPath([...all.slice(0, at), '0', ...all.slice(at)]);
      return { error: `${where} is a list: pick an item first (e.g. "${example}"), or ask for its length`, didYouMean: example, depth: at };
    }
  } else {
    return { error: `${where} is a ${node.type}: it has no "${key}"`, depth: at };
  }

  // Then the filters: each keeps the items of a list whose field has the value.
  if (filters.length > 0) {
    if (next === 'length') return { error: `"${raw}" filters a length`, depth: at };
    const list = nodeOf(next);
    if (list.kind !== 'array') return { error: `"${joinPath([...all.slice(0, at), key])}" is not a list, so "${raw}" cannot filter it`, depth: at };
    for (const { field, value } of filters) {
      // An empty value is a filter left half-written, not a claim about a field that is "".
      if (value === '') return { error: `the filter [${field}=] on "${joinPath([...all.slice(0, at), key])}" has no value: write [${field}=<the value to match>]`, depth: at };
      const problem = filterProblem(list.element, field, value);
      if (problem !== undefined) {
        const fixed = problem.fixed === undefined ? undefined : mend(raw.replace(`[${field}=${value}]`, problem.fixed));
        return { error: `the filter [${field}=${value}] on "${joinPath([...all.slice(0, at), key])}" ${problem.message}`, ...(fixed === undefined ? {} : { didYouMean: fixed }), depth: at };
      }
    }
  }
  if (next === 'length') return at + 1 === all.length ? undefined : { error: `"${joinPath(all.slice(0, at + 1))}" is a number: it has no "${all[at + 1] as string}"`, depth: at + 1 };
  return walk(next, all, at + 1);
}

/** `child.key` when exactly one object field of `shape` has a field named `key`. */
function oneLevelDown(shape: Readonly<Record<string, z.core.$ZodType>>, key: string): string | undefined {
  const hits = Object.entries(shape).filter(([, child]) => {
    const n = nodeOf(child);
    return n.kind === 'object' && Object.hasOwn(n.shape, key);
  });
  return hits.length === 1 ? `${(hits[0] as [string, unknown])[0]}.${key}` : undefined;
}

/** Why a `[field=value]` filter can match no item of a list of `element`, if it cannot. */
function filterProblem(element: z.core.$ZodType, field: string, value: string): { readonly message: string; readonly fixed?: string } | undefined {
  const item = nodeOf(element);
  if (item.kind === 'any' || item.kind === 'record') return undefined;
  const shapes = item.kind === 'object' ? [item.shape] : item.kind === 'union' ? item.options.map(nodeOf).flatMap((o) => (o.kind === 'object' ? [o.shape] : [])) : [];
  if (shapes.length === 0) return { message: 'filters a list whose items have no fields' };
  const owners = shapes.filter((s) => Object.hasOwn(s, field));
  if (owners.length === 0) {
    const keys = [...new Set(shapes.flatMap((s) => Object.keys(s)))];
    const guess = didYouMean(field, keys);
    return guess === undefined ? { message: `names a field the items do not have; they have ${keys.join(', ')}` } : { message: `names a field the items do not have; did you mean "${guess}"?`, fixed: `[${guess}=${value}]` };
  }
  // A field with a fixed set of values (an enum, a literal): the value must be one of them.
  const values = owners.map((s) => nodeOf(s[field] as z.core.$ZodType)).map((n) => (n.kind === 'leaf' ? n.values : undefined));
  if (values.some((v) => v === undefined)) return undefined;
  const allowed = [...new Set(values.flat() as string[])];
  if (allowed.includes(value)) return undefined;
  const guess = didYouMean(value, allowed);
  return guess === undefined
    ? { message: `can match nothing: ${field} is one of ${allowed.join(', ')}` }
    : { message: `can match nothing: ${field} is one of ${allowed.join(', ')}; did you mean "${guess}"?`, fixed: `[${field}=${guess}]` };
}

/**
 * Whether some run result can have a value at `path`, judged from the description alone.
 * A map's keys (service names, labels, attribute names) are the scenario's, so any key
 * passes there; whether that entry exists is known only after the run.
 */
export function checkResultPath(path: string, schema: z.core.$ZodType = runResultSchema): ResultPathCheck {
  const segments = splitResultPath(path);
  const failure = walk(schema, segments, 0);
  if (failure === undefined) return { ok: true };
  // A mend is offered only when it is itself a path some result has.
  const mended = failure.didYouMean === undefined ? undefined : splitResultPath(failure.didYouMean);
  const good = mended !== undefined && walk(schema, mended, 0) === undefined;
  return good ? { error: failure.error, didYouMean: failure.didYouMean as string } : { error: failure.error };
}
