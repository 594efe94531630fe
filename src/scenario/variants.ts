import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { didYouMean, InputError, type FieldPath } from '../issues/index.js';
import type { ScenarioIssue } from './errors.js';
import { parseWithPositions, readText, validateScenarioData, type PositionedDocument, type Scenario } from './loader.js';

/**
 * Variants: a scenario that `extends:` another file and overrides what it names, and
 * `--set PATH=VALUE` overrides on top. The result is validated as one scenario; every
 * value keeps where it came from, so an error in a value the base file gave points into
 * the base file, and one in a value `--set` gave names that `--set`.
 *
 * Merge rules: mappings merge key by key (a `null` removes the key); lists are replaced,
 * except lists whose entries have a name (an instance group's or load balancer's `name` /
 * `Name`, a service's `serviceName`, a task definition's `family` or `definition.family`,
 * a timeline `createService`'s `serviceName`): there each overriding entry merges into the
 * base entry of the same name, and new names are appended.
 */

/** Where a value came from: a file (with positions), or a `--set`. */
interface Source {
  readonly file: string;
  readonly doc?: PositionedDocument;
}

interface Origin {
  readonly source: Source;
  /** The value's path inside its source. */
  readonly path: FieldPath;
}

type Mapping = Record<string, unknown>;

/** For each container of the merged data: where each of its keys (or indexes) came from. */
type Origins = WeakMap<object, Map<string | number, Origin>>;

/** One `--set`: the text as given, its path and its value. */
export interface SetOverride {
  readonly text: string;
  readonly path: readonly Selector[];
  readonly value: unknown;
}

/** A step of a `--set` path: a key, an index `[i]`, or an entry `[field=value]` (field may be dotted). */
export type Selector = { readonly key: string } | { readonly index: number } | { readonly field: string; readonly equals: string };

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

const isMapping = (v: unknown): v is Mapping => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Loads a scenario file, following `extends:` and applying `--set` overrides.
 * @throws InputError listing every problem, each in the file (or `--set`) it comes from.
 */
export function loadScenarioVariant(file: string, set: readonly string[] = []): Scenario {
  if (!EXTENSIONS.has(extname(file).toLowerCase())) {
    throw new InputError([{ file, path: [], message: `expected a .yaml, .yml or .json scenario file` }]);
  }
  const origins: Origins = new WeakMap();
  const data = loadChain(file, [], origins);
  return finish(file, data, origins, set);
}

/**
 * A scenario given as data, with `extends:` (resolved from the current directory) and
 * `--set` overrides, as `simulate(object, { set })` takes it.
 */
export function scenarioVariantFromObject(data: unknown, set: readonly string[], name = '<scenario>'): Scenario {
  const origins: Origins = new WeakMap();
  const source: Source = { file: name };
  let merged = tag(data, source, [], origins);
  if (isMapping(merged) && 'extends' in merged) merged = withBase(merged, join(process.cwd(), name), [name], source, origins);
  return finish(name, merged, origins, set);
}

function finish(file: string, data: unknown, origins: Origins, set: readonly string[]): Scenario {
  const overrides = parseSetOverrides(set);
  const problems = overrides.flatMap((o) => {
    try {
      applySet(data, o, origins);
      return [];
    } catch (error) {
      if (error instanceof InputError) return error.issues;
      throw error;
    }
  });
  if (problems.length > 0) throw new InputError(problems);
  const issue = (path: FieldPath, message: string, atKey = false): ScenarioIssue => locateIssue(data, origins, file, path, message, atKey);
  const locate = (path: FieldPath, atKey = false): { line: number; col: number } | undefined => {
    const { line, col } = issue(path, '', atKey);
    return line === undefined ? undefined : { line, col: col ?? 1 };
  };
  return validateScenarioData(data, file, locate, issue);
}

/** Reads `file` and the files it extends, merged; `chain` is the files that extend it. */
function loadChain(file: string, chain: readonly string[], origins: Origins): unknown {
  const doc = parseWithPositions(readText(file, chain.length === 0 ? 'the scenario' : 'the base scenario'), file);
  const source: Source = { file, doc };
  const data = tag(doc.data, source, [], origins);
  if (!isMapping(data) || !('extends' in data)) return data;
  return withBase(data, file, [...chain, file], source, origins);
}

/** `data` (which has `extends`) merged over the file it names. */
function withBase(data: Mapping, file: string, chain: readonly string[], source: Source, origins: Origins): unknown {
  const ref = data['extends'];
  const at = (message: string): InputError => new InputError([issueAt(source, ['extends'], ['extends'], message)]);
  if (typeof ref !== 'string' || ref.trim() === '') throw at('expected the path of a base scenario file (.yaml, .yml or .json), relative to this file');
  // Named as the user would (relative to the first file's folder when given so), compared resolved.
  const base = isAbsolute(ref) ? ref : join(dirname(file), ref);
  const shown = [...chain, base].join(' → ');
  if (chain.some((f) => resolve(f) === resolve(base))) throw at(`extends makes a cycle: ${shown}`);
  let baseData: unknown;
  try {
    baseData = loadChain(base, chain, origins);
  } catch (error) {
    // A base that cannot be read is this file's problem; problems inside the base stay there.
    if (error instanceof InputError && error.issues.length === 1 && error.issues[0]?.file === base && error.issues[0].line === undefined) {
      throw at(`${error.issues[0].message.replace('the base scenario', `the base scenario "${ref}"`)} (extends chain: ${shown})`);
    }
    throw error;
  }
  if (!isMapping(baseData)) throw at(`the base scenario "${ref}" is not a mapping of scenario fields`);
  const { extends: _, ...own } = data;
  const ownMap = origins.get(data);
  if (ownMap !== undefined) origins.set(own, ownMap);
  const { extends: __, ...baseOwn } = baseData;
  const baseMap = origins.get(baseData);
  if (baseMap !== undefined) origins.set(baseOwn, baseMap);
  return mergeValues(baseOwn, own, origins);
}

/** A fresh copy of parsed data (aliases become copies), each container's keys tagged with their source path. */
function tag(value: unknown, source: Source, path: FieldPath, origins: Origins): unknown {
  if (Array.isArray(value)) {
    const out = value.map((v, i) => tag(v, source, [...path, i], origins));
    origins.set(out, new Map(out.map((_, i) => [i, { source, path: [...path, i] }])));
    return out;
  }
  if (isMapping(value)) {
    const out: Mapping = {};
    const keys = new Map<string | number, Origin>();
    for (const [k, v] of Object.entries(value)) {
      out[k] = tag(v, source, [...path, k], origins);
      keys.set(k, { source, path: [...path, k] });
    }
    origins.set(out, keys);
    return out;
  }
  return value;
}

/** `over` merged onto `base` (both already tagged); the merged containers get the origins of what they hold. */
export function mergeValues(base: unknown, over: unknown, origins: Origins = new WeakMap()): unknown {
  if (isMapping(base) && isMapping(over)) {
    const out: Mapping = {};
    const keys = new Map<string | number, Origin>();
    const baseKeys = origins.get(base);
    const overKeys = origins.get(over);
    for (const [k, v] of Object.entries(base)) {
      out[k] = v;
      const o = baseKeys?.get(k);
      if (o !== undefined) keys.set(k, o);
    }
    for (const [k, v] of Object.entries(over)) {
      if (v === null) {
        // `key: null` removes what the base gave.
        delete out[k];
        keys.delete(k);
        continue;
      }
      out[k] = k in out ? mergeValues(out[k], v, origins) : v;
      const o = overKeys?.get(k);
      if (o !== undefined) keys.set(k, o);
    }
    origins.set(out, keys);
    return out;
  }
  if (Array.isArray(base) && Array.isArray(over)) return mergeLists(base, over, origins);
  return over;
}

/** Lists of named entries merge by name; any other list is replaced. */
function mergeLists(base: readonly unknown[], over: readonly unknown[], origins: Origins): unknown[] {
  const baseIds = base.map(entryName);
  const overIds = over.map(entryName);
  const named = over.length > 0 && overIds.every((id) => id !== undefined) && new Set(baseIds.filter((id) => id !== undefined)).size === baseIds.filter((id) => id !== undefined).length;
  if (!named) return [...over];
  const out = [...base];
  const positions = new Map<string | number, Origin>();
  const baseKeys = origins.get(base);
  const overKeys = origins.get(over);
  base.forEach((_, i) => {
    const o = baseKeys?.get(i);
    if (o !== undefined) positions.set(i, o);
  });
  over.forEach((entry, j) => {
    const i = out.findIndex((e) => entryName(e) === overIds[j]);
    const at = i < 0 ? out.length : i;
    out[at] = i < 0 ? entry : mergeValues(out[i], entry, origins);
    const o = overKeys?.get(j);
    if (o !== undefined) positions.set(at, o);
  });
  origins.set(out, positions);
  return out;
}

/** The name a list entry goes by, when it has one. */
export function entryName(entry: unknown): string | undefined {
  if (!isMapping(entry)) return undefined;
  for (const key of ['name', 'Name', 'serviceName', 'family']) if (typeof entry[key] === 'string') return `${key}=${entry[key] as string}`;
  const def = entry['definition'];
  if (isMapping(def) && typeof def['family'] === 'string') return `family=${def['family'] as string}`;
  const create = entry['createService'];
  if (isMapping(create) && typeof create['serviceName'] === 'string') return `createService=${create['serviceName'] as string}`;
  return undefined;
}

/** An issue at `path` of the merged data, placed in the file (or `--set`) its value came from. */
function locateIssue(data: unknown, origins: Origins, file: string, path: FieldPath, message: string, atKey: boolean): ScenarioIssue {
  let node: unknown = data;
  let origin: Origin | undefined;
  let rest = 0;
  for (let i = 0; i < path.length; i += 1) {
    const key = path[i] as string | number;
    const found = node !== null && typeof node === 'object' ? origins.get(node)?.get(key) : undefined;
    if (found === undefined) break;
    origin = found;
    rest = i + 1;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (origin === undefined) {
    // Nothing tagged this far: the top file's root.
    return { file, path, message };
  }
  return issueAt(origin.source, [...origin.path, ...path.slice(rest)], path, message, atKey);
}

function issueAt(source: Source, sourcePath: FieldPath, path: FieldPath, message: string, atKey = false): ScenarioIssue {
  const where = source.doc?.locate(sourcePath, atKey);
  return { file: source.file, ...where, path, message };
}

/**
 * `PATH=VALUE` → its path and YAML value.
 * @throws InputError naming the `--set` for a malformed one.
 */
export function parseSetOverrides(texts: readonly string[]): SetOverride[] {
  const issues: ScenarioIssue[] = [];
  const out: SetOverride[] = [];
  for (const text of texts) {
    const file = `--set ${text}`;
    const eq = topLevelIndex(text, '=');
    if (eq <= 0) {
      issues.push({ file, path: [], message: 'expected PATH=VALUE, e.g. ecs.instances[name=m5].count=9' });
      continue;
    }
    const path = parseSelectorPath(text.slice(0, eq));
    if (typeof path === 'string') {
      issues.push({ file, path: [], message: path });
      continue;
    }
    try {
      out.push({ text, path, value: parseYaml(text.slice(eq + 1)) as unknown });
    } catch (error) {
      issues.push({ file, path: [], message: `the value is not valid YAML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}` });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return out;
}

/** The index of the first `ch` outside brackets and quotes, or -1. */
function topLevelIndex(text: string, ch: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '[') depth += 1;
    else if (c === ']') depth -= 1;
    else if (c === ch && depth === 0) return i;
  }
  return -1;
}

/** `a.b[0].c[name=x]` → selectors, or what is wrong with it. */
export function parseSelectorPath(text: string): Selector[] | string {
  const out: Selector[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]|\./gy;
  let expectKey = true;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(text)) !== null) {
    last = re.lastIndex;
    if (m[1] !== undefined) {
      if (!expectKey) return `bad path "${text}": put a "." before "${m[1]}"`;
      out.push({ key: m[1] });
      expectKey = false;
    } else if (m[2] !== undefined) {
      const inside = m[2];
      if (/^\d+$/.test(inside)) out.push({ index: Number(inside) });
      else if (/^[^=]+=.*$/.test(inside)) {
        const eq = inside.indexOf('=');
        out.push({ field: inside.slice(0, eq).trim(), equals: inside.slice(eq + 1).trim() });
      } else return `bad path "${text}": expected [index] or [field=value], got [${inside}]`;
      expectKey = false;
    } else {
      if (expectKey) return `bad path "${text}": an empty key`;
      expectKey = true;
    }
  }
  if (last !== text.length || expectKey) return `bad path "${text}": expected keys separated by ".", with [index] or [field=value] selectors`;
  return out;
}

/** Shows a selector path as it was written: `ecs.instances[name=m5].count`. */
export function showSelectors(path: readonly Selector[]): string {
  return path.map((s, i) => ('key' in s ? `${i === 0 ? '' : '.'}${s.key}` : 'index' in s ? `[${s.index}]` : `[${s.field}=${s.equals}]`)).join('');
}

/**
 * Sets one override in the (tagged) data, in place.
 * @throws InputError with a did-you-mean when the path names nothing.
 */
function applySet(data: unknown, set: SetOverride, origins: Origins): void {
  const file = `--set ${set.text}`;
  const fail = (message: string, didYou?: string): InputError => new InputError([{ file, path: [], message, didYouMean: didYou }]);
  let node: unknown = data;
  const done: Selector[] = [];
  const where = (): string => (done.length === 0 ? 'the scenario' : `"${showSelectors(done)}"`);
  for (let i = 0; i < set.path.length; i += 1) {
    const step = set.path[i] as Selector;
    const last = i === set.path.length - 1;
    let key: string | number;
    if ('key' in step) {
      if (!isMapping(node)) throw fail(`${where()} is ${Array.isArray(node) ? `a list of ${node.length}` : 'not a mapping'}, so it has no "${step.key}"${Array.isArray(node) ? '; pick an entry first with [index] or [field=value]' : ''}`);
      key = step.key;
      if (!(key in node)) {
        const guess = didYouMean(key, Object.keys(node));
        // A new field may be added at the end of the path (the schema then checks it); a likely typo may not.
        if (!last || guess !== undefined) {
          const has = Object.keys(node);
          throw fail(`${where()} has no "${key}"${guess === undefined && has.length > 0 && has.length <= 30 ? `; it has ${has.join(', ')}` : ''}`, guess);
        }
      }
    } else if ('index' in step) {
      if (!Array.isArray(node)) throw fail(`${where()} is not a list, so [${step.index}] names nothing`);
      if (step.index >= node.length) throw fail(`${where()} has ${node.length} entr${node.length === 1 ? 'y' : 'ies'}, so [${step.index}] names nothing`);
      key = step.index;
    } else {
      if (!Array.isArray(node)) throw fail(`${where()} is not a list, so [${step.field}=${step.equals}] names nothing`);
      const fieldPath = step.field.split('.');
      const values = node.map((e) => fieldAt(e, fieldPath));
      const matches = values.flatMap((v, j) => (v !== undefined && String(v) === step.equals ? [j] : []));
      if (matches.length === 0) {
        const known = values.filter((v) => v !== undefined).map(String);
        const guess = didYouMean(step.equals, known);
        throw fail(`no entry of ${where()} has ${step.field} "${step.equals}"${guess === undefined && known.length > 0 ? `; there are ${known.join(', ')}` : ''}`, guess === undefined ? undefined : `${step.field}=${guess}`);
      }
      if (matches.length > 1) throw fail(`${matches.length} entries of ${where()} have ${step.field} "${step.equals}" (${matches.map((j) => `[${j}]`).join(', ')}): pick one by index`);
      key = matches[0] as number;
    }
    done.push(step);
    const container = node as Record<string | number, unknown>;
    if (last) {
      const source: Source = { file };
      container[key] = tag(set.value, source, [], origins);
      const keys = origins.get(container) ?? new Map<string | number, Origin>();
      keys.set(key, { source, path: [] });
      origins.set(container, keys);
      return;
    }
    node = container[key];
  }
  throw fail('expected a path to a field');
}

function fieldAt(entry: unknown, path: readonly string[]): unknown {
  let node = entry;
  for (const k of path) {
    if (!isMapping(node)) return undefined;
    node = node[k];
  }
  return node;
}
