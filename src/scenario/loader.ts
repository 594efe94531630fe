import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { jsonSyntaxError } from './json-syntax.js';
import { InputError, type FieldPath, type ScenarioIssue } from './errors.js';
import { scenarioSchema, type ScenarioSpec } from './schema/scenario.js';
import { explainIssues } from './zod-issues.js';
import { unwrapPasted, type ScenarioWarning } from './schema/pasted.js';
import type { z } from 'zod';

/** A validated scenario, with the means to point back into its file. */
export interface Scenario {
  readonly file: string;
  readonly spec: ScenarioSpec;
  /** The 1-based line and column of the value (or key) at `path`, or of its nearest ancestor. */
  locate(path: FieldPath, atKey?: boolean): { line: number; col: number } | undefined;
  /** A located issue at `path`, for errors found after parsing. */
  issue(path: FieldPath, message: string, atKey?: boolean): ScenarioIssue;
  /** What loading unwrapped or dropped from pasted AWS outputs (schema/pasted.ts); absent when nothing. */
  readonly warnings?: readonly ScenarioWarning[];
  /** The path in the file of a path in `spec` (they differ where a pasted output was unwrapped). */
  readonly originalPath?: (path: FieldPath) => FieldPath;
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Reads and validates a scenario file (YAML, or JSON, which YAML's parser also reads
 * with positions).
 * @throws InputError listing every problem in the file.
 */
export function loadScenarioFile(file: string): Scenario {
  if (!EXTENSIONS.has(extname(file).toLowerCase())) {
    throw new InputError([{ file, path: [], message: `expected a .yaml, .yml or .json scenario file` }]);
  }
  return parseScenario(readText(file, 'the scenario'), file);
}

/**
 * The largest file the loader reads (scenarios, the files they name, traces): 8 MiB.
 * Checked before reading (a regular file's size) or while reading (a device or pipe,
 * such as /dev/zero), so no input can fill memory; scenarios are a few KiB.
 */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * The largest YAML or JSON document parsed: 2 MiB (2,097,152 characters). The YAML parser
 * takes about 2 s a MiB on a shared core, so this bounds a parse to seconds.
 */
export const MAX_DOCUMENT_CHARS = 2 * 1024 * 1024;

/**
 * Reads a text file for the loader, at most MAX_FILE_BYTES.
 * @throws InputError naming the file when it cannot be read or is too large.
 */
export function readText(file: string, what: string): string {
  const tooLarge = (size: string): InputError =>
    new InputError([{ file, path: [], message: `cannot read ${what}: ${size}, more than the ${MAX_FILE_BYTES / 1024 / 1024} MiB a file may have` }]);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (stat.isFile() && stat.size > MAX_FILE_BYTES) throw tooLarge(`${stat.size} bytes`);
    // Read in chunks up to one byte past the limit: a device or pipe has no size to check.
    const buffer = Buffer.alloc(Math.min(MAX_FILE_BYTES + 1, stat.isFile() ? stat.size + 1 : MAX_FILE_BYTES + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_FILE_BYTES) throw tooLarge('more than that');
        break;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return decodeText(buffer.subarray(0, length));
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new InputError([{ file, path: [], message: `cannot read ${what}: ${why}` }]);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The text of a file's bytes: UTF-8, or UTF-16 when it starts with a UTF-16 byte order mark
 * (Windows PowerShell 5's `aws ecs describe-task-definition ... > td.json` writes UTF-16LE);
 * a byte order mark is not part of the text (a UTF-8 one is what Notepad writes).
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return bytes.toString('utf8');
}

/**
 * Validates scenario text; `file` names it in messages.
 * @throws InputError listing every problem.
 */
export function parseScenario(text: string, file: string): Scenario {
  const { data, locate, issue } = parseWithPositions(text, file);
  return validateScenarioData(data, file, locate, issue);
}

/**
 * A scenario given as data (the object a scenario file holds), for library users who build
 * scenarios in code. Problems name the field path; `name` stands where a file would, and
 * files the scenario names (task definitions, traces) resolve from the current directory.
 * @throws InputError listing every problem.
 */
export function scenarioFromObject(data: unknown, name = '<scenario>'): Scenario {
  const locate = (): undefined => undefined;
  const issue = (path: FieldPath, message: string): ScenarioIssue => ({ file: name, path, message });
  return validateScenarioData(data, name, locate, issue);
}

/** How many schema issues get a full explanation (did-you-mean, allowed values). */
const EXPLAINED_ISSUES = 1000;

/**
 * How many problems a large document is checked for before checking stops: zod collects
 * every issue (a 2 MB file of wrong-typed fields has 186,000, and 800 MB of them), and the
 * CLI prints 50 then a count, which is then "at least".
 */
export const MAX_COLLECTED_ISSUES = 1000;

/** A document with fewer values than this is checked whole, as it always was. */
const LARGE_DOCUMENT_VALUES = 5000;

/** Validates scenario data whose positions `locate` and `issue` know (used by variants.ts too). */
export function validateScenarioData(raw: unknown, file: string, fileLocate: Scenario['locate'], fileIssue: Scenario['issue']): Scenario {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError([{ file, line: 1, col: 1, path: [], message: 'expected a mapping of scenario fields (name, until, ...)' }]);
  }
  // Pasted AWS outputs are unwrapped first; problems then point back to where they sit in the file.
  const { data, warnings, originalPath } = unwrapPasted(raw);
  const locate: Scenario['locate'] = (path, atKey) => fileLocate(originalPath(path), atKey);
  const issue: Scenario['issue'] = (path, message, atKey) => fileIssue(originalPath(path), message, atKey);
  const first = countValues(data, LARGE_DOCUMENT_VALUES) < LARGE_DOCUMENT_VALUES ? undefined : firstIssues(scenarioSchema, data, MAX_COLLECTED_ISSUES);
  if (first !== undefined) {
    const error = new InputError(explainIssues(first, scenarioSchema).map((i) => issue(i.path, i.message, i.atKey === true)));
    error.incomplete = true;
    throw error;
  }
  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    // Explaining costs about 0.1 ms an issue: a file with 200,000 problems gets the first
    // EXPLAINED_ISSUES explained and the rest in zod's words (the CLI prints 50 and a count).
    const all = parsed.error.issues;
    const explained = withCloudFormationHint(explainIssues(all.slice(0, EXPLAINED_ISSUES), scenarioSchema)).map((i) => issue(i.path, i.message, i.atKey === true));
    const plain = all.slice(EXPLAINED_ISSUES).map((i) => issue(i.path.filter((k) => typeof k !== 'symbol'), i.message));
    throw new InputError([...explained, ...plain]);
  }
  return { file, spec: parsed.data, locate, issue, ...(warnings.length === 0 ? {} : { warnings, originalPath }) };
}

/** An issue as explainIssues gives it. */
type Explained = ReturnType<typeof explainIssues>[number];

/**
 * CloudFormation spells the API's fields in PascalCase (`Family`, `ContainerDefinitions`):
 * where two or more unknown keys of one object are a known field with its first letter
 * capitalised, one more issue at that object says so and names the way in for templates.
 */
function withCloudFormationHint(issues: readonly Explained[]): Explained[] {
  const byParent = new Map<string, { path: FieldPath; keys: string[] }>();
  for (const i of issues) {
    const key = i.path[i.path.length - 1];
    if (typeof key !== 'string' || !/^[A-Z]/.test(key)) continue;
    const camel = `${key.charAt(0).toLowerCase()}${key.slice(1)}`;
    if (!i.message.startsWith('Unknown parameter in') || !i.message.includes(`did you mean "${camel}"?`)) continue;
    const parent = i.path.slice(0, -1);
    const id = JSON.stringify(parent);
    const entry = byParent.get(id) ?? { path: parent, keys: [] };
    entry.keys.push(key);
    byParent.set(id, entry);
  }
  const hints = [...byParent.values()].filter((e) => e.keys.length >= 2).map((e) => ({
    path: e.path,
    message: `${e.keys.join(', ')}: CloudFormation's property names (PascalCase); a scenario takes the API's JSON, in camelCase (${e.keys.map((k) => `${k.charAt(0).toLowerCase()}${k.slice(1)}`).join(', ')}), as the AWS CLI prints it. To start from a CloudFormation or CDK template, run \`ecs-sim import template.json --out scenario.yaml\``,
  }));
  return [...issues, ...hints];
}

/** How many values (scalars and containers) `data` holds, counted up to `stop`. */
function countValues(data: unknown, stop: number): number {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0 && count < stop) {
    const value = stack.pop();
    count += 1;
    // One by one: spreading a list of 100,000 entries into push() would overflow the stack.
    if (Array.isArray(value)) for (const v of value) stack.push(v);
    else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) stack.push(v);
  }
  return count;
}

type ZodIssue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/**
 * The first `limit` schema issues of a large document, or undefined when it has fewer
 * (then the whole document is checked at once, with its cross-field rules). Lists are
 * checked entry by entry and mappings field by field, where the schema is a plain list or
 * mapping, so that checking stops once `limit` issues are found.
 */
function firstIssues(root: AnySchema, data: unknown, limit: number): ZodIssue[] | undefined {
  const out: ZodIssue[] = [];
  const visit = (schema: AnySchema, value: unknown, path: (string | number)[]): void => {
    // A small value is checked whole (its missing fields, its cross-field rules).
    const plain = countValues(value, LARGE_DOCUMENT_VALUES) < LARGE_DOCUMENT_VALUES ? undefined : plainContainer(schema);
    if (plain?.type === 'array' && Array.isArray(value)) {
      for (let i = 0; i < value.length && out.length < limit; i += 1) visit(plain.element, value[i], [...path, i]);
      return;
    }
    if (plain?.type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(plain.shape)) {
        if (out.length >= limit) return;
        if (key in value) visit(child, (value as Record<string, unknown>)[key], [...path, key]);
      }
      return;
    }
    const parsed = (schema as z.ZodType).safeParse(value, { reportInput: true });
    if (!parsed.success) for (const i of parsed.error.issues) if (out.length < limit) out.push({ ...i, path: [...path, ...i.path] });
  };
  visit(root, data, []);
  return out.length >= limit ? out : undefined;
}

/** The list or mapping schema under optional/default wrappers, when that is all `schema` is. */
function plainContainer(schema: AnySchema): { type: 'array'; element: AnySchema } | { type: 'object'; shape: Record<string, AnySchema> } | undefined {
  let s = schema;
  for (let depth = 0; depth < 10; depth += 1) {
    const def = s._zod.def as unknown as { type: string; innerType?: AnySchema; element?: AnySchema; shape?: Record<string, AnySchema> };
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType !== undefined) s = def.innerType;
    else if (def.type === 'array' && def.element !== undefined) return { type: 'array', element: def.element };
    else if (def.type === 'object' && def.shape !== undefined) return { type: 'object', shape: def.shape };
    else return undefined;
  }
  return undefined;
}

/** A parsed YAML or JSON document that can point back into its text. */
export interface PositionedDocument {
  readonly data: unknown;
  locate(path: FieldPath, atKey?: boolean): { line: number; col: number } | undefined;
  issue(path: FieldPath, message: string, atKey?: boolean): ScenarioIssue;
  /** With `repeatedKeys: 'lastWins'`, the keys a JSON document repeats (the last value is kept): where each repeat is. */
  readonly repeatedKeys?: readonly { readonly path: FieldPath; readonly line: number; readonly col: number }[];
}

/** How a document's repeated keys are taken: refused (scenarios), or for a pasted AWS JSON document, the last one kept, as the AWS CLI does. */
export interface ParseOptions {
  readonly repeatedKeys?: 'refuse' | 'lastWins';
}

/** How many alias expansions a YAML document may make (an alias bomb makes billions). */
const MAX_ALIAS_COUNT = 1000;
/** How deep a document may nest: a scenario needs about 10 levels. */
export const MAX_DEPTH = 64;

/**
 * Parses YAML, or JSON as JSON (a `.json` file: trailing commas and single quotes are
 * errors), keeping positions. Alias bombs, undefined aliases, unknown tags, deep nesting
 * and NUL characters are refused at their line and column.
 * @throws InputError for a syntax error.
 */
export function parseWithPositions(text: string, file: string, options: ParseOptions = {}): PositionedDocument {
  const json = extname(file).toLowerCase() === '.json';
  // The AWS CLI reads --cli-input-json with Python's json module, which keeps a repeated key's last value.
  const lastWins = json && options.repeatedKeys === 'lastWins';
  if (text.length > MAX_DOCUMENT_CHARS) {
    throw new InputError([{ file, path: [], message: `a ${json ? 'JSON' : 'YAML'} document may have at most ${MAX_DOCUMENT_CHARS} characters (2 MiB); this one has ${text.length}` }]);
  }
  const lineCounter = new LineCounter();
  const at = (offset: number): { line: number; col: number } => lineCounter.linePos(offset);
  const fail = (offset: number, message: string): InputError => new InputError([{ file, ...at(offset), path: [], message: `not valid ${json ? 'JSON' : 'YAML'}: ${message}` }]);
  if (json) {
    const problem = jsonSyntaxError(text, MAX_DEPTH);
    if (problem !== undefined) throw new InputError([{ file, ...lineColOf(text, problem.offset), path: [], message: `not valid JSON: ${problem.message}` }]);
  }
  // Keys are checked for duplicates below, in linear time: yaml's own check is quadratic.
  const doc = parse(text, lineCounter, () => fail(0, `nested too deeply`));
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    throw new InputError(problems.map((e) => ({ file, ...at(e.pos[0]), path: [], message: `not valid ${json ? 'JSON' : 'YAML'}: ${tooDeep(firstLine(e.message))}` })));
  }
  const structural = structureProblem(doc, lastWins);
  if (structural !== undefined) throw fail(structural.offset, structural.message);
  let data: unknown;
  try {
    data = json ? (JSON.parse(text) as unknown) : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws for an alias bomb, a self-merging alias, or an alias to an anchor defined later.
    const message = error instanceof Error ? error.message : String(error);
    throw fail(firstAliasOffset(doc) ?? 0, /alias count/i.test(message) ? `aliases expand to more than ${MAX_ALIAS_COUNT} nodes (an alias bomb?)` : firstLine(message));
  }
  const locate = (path: FieldPath, atKey = false): { line: number; col: number } | undefined => {
    const offset = findOffset(doc, path, atKey);
    return offset === undefined ? undefined : at(offset);
  };
  const issue = (path: FieldPath, message: string, atKey = false): ScenarioIssue => ({ file, ...locate(path, atKey), path, message });
  const nul = nulPaths(data);
  if (nul.length > 0) throw new InputError(nul.map((path) => issue(path, 'a NUL character (\\0) is not allowed in text')));
  const repeated = lastWins ? repeatedKeyPaths(doc.contents, []).map((r) => ({ path: r.path, ...at(r.offset) })) : [];
  return { data, locate, issue, ...(repeated.length === 0 ? {} : { repeatedKeys: repeated }) };
}

/** 1-based line and column of `offset` in `text`. */
function lineColOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

function parse(text: string, lineCounter: LineCounter, tooDeep: () => InputError): Document {
  try {
    // Merge keys (`<<: *anchor`) let scenarios derive one definition from another.
    return parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true, merge: true });
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    throw error;
  }
}

/** Duplicate keys (a linear check), collection keys, nesting deeper than MAX_DEPTH, an alias to an undefined anchor. */
function structureProblem(doc: Document, allowRepeatedKeys = false): { offset: number; message: string } | undefined {
  const anchors = new Set<string>();
  let found: { offset: number; message: string } | undefined;
  visit(doc, (_key, node, path) => {
    if (path.length > MAX_DEPTH * 2 + 2) {
      found = { offset: rangeStart(node) ?? 0, message: `nested more than ${MAX_DEPTH} levels deep` };
      return visit.BREAK;
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (typeof anchor === 'string') anchors.add(anchor);
    if (isAlias(node) && path.some((p) => (p as { anchor?: string }).anchor === node.source)) {
      found = { offset: rangeStart(node) ?? 0, message: `alias *${node.source} is inside its own anchor &${node.source}: it would expand forever` };
      return visit.BREAK;
    }
    if (isAlias(node) && !anchors.has(node.source)) {
      found = { offset: rangeStart(node) ?? 0, message: `alias *${node.source} names no anchor defined before it` };
      return visit.BREAK;
    }
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        // A list, mapping or !!binary key (`? [a, b]`) would be stringified by the YAML library, with a Node warning.
        const odd = isMap(pair.key) ? 'a mapping' : isSeq(pair.key) ? 'a list' : isScalar(pair.key) && typeof pair.key.value === 'object' && pair.key.value !== null ? 'binary data' : undefined;
        if (odd !== undefined) {
          found = { offset: rangeStart(pair.key) ?? 0, message: `a key must be a name or a number, not ${odd}` };
          return visit.BREAK;
        }
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (key === '<<') continue;
        if (seen.has(key) && !allowRepeatedKeys) {
          found = { offset: rangeStart(pair.key) ?? 0, message: `Map keys must be unique: "${String(key)}" appears twice` };
          return visit.BREAK;
        }
        seen.add(key);
      }
    }
    return undefined;
  });
  return found;
}

/** The second and later occurrences of a key in each mapping, with their paths (a JSON document: no aliases or merge keys). */
function repeatedKeyPaths(node: unknown, path: FieldPath): { path: FieldPath; offset: number }[] {
  if (isSeq(node)) return node.items.flatMap((item, i) => repeatedKeyPaths(item, [...path, i]));
  if (!isMap(node)) return [];
  const seen = new Set<unknown>();
  return node.items.flatMap((pair) => {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    const here: FieldPath = [...path, String(key)];
    const repeat = seen.has(key) ? [{ path: here, offset: rangeStart(pair.key) ?? 0 }] : [];
    seen.add(key);
    return [...repeat, ...repeatedKeyPaths(pair.value, here)];
  });
}

function firstAliasOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = rangeStart(node);
      return visit.BREAK;
    },
  });
  return offset;
}

/** The paths of every string (value or key) holding a NUL character. */
function nulPaths(data: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0 && out.length < 1000) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof value === 'string') {
      if (value.includes('\0')) out.push(path);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('\0')) out.push([...path, k]);
        else stack.push({ value: v, path: [...path, k] });
      }
    }
  }
  return out.reverse();
}

/** The parser's stack overflow, said as what it means. */
function tooDeep(message: string): string {
  return /call stack/i.test(message) ? `nested more than ${MAX_DEPTH} levels deep` : message;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** Offset of the node at `path` (or of its key), falling back to the deepest ancestor found. */
function findOffset(doc: Document, path: FieldPath, atKey: boolean): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (let i = 0; i < path.length; i += 1) {
    const key = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (pair === undefined) return offset;
      if (last && atKey) return rangeStart(pair.key) ?? offset;
      node = pair.value;
      offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (node === undefined) return offset;
      offset = rangeStart(node) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
