import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { InputError, type FieldPath, type ScenarioIssue } from './errors.js';
import { scenarioSchema, type ScenarioSpec } from './schema/scenario.js';
import { explainIssues } from './zod-issues.js';

/** A validated scenario, with the means to point back into its file. */
export interface Scenario {
  readonly file: string;
  readonly spec: ScenarioSpec;
  /** The 1-based line and column of the value (or key) at `path`, or of its nearest ancestor. */
  locate(path: FieldPath, atKey?: boolean): { line: number; col: number } | undefined;
  /** A located issue at `path`, for errors found after parsing. */
  issue(path: FieldPath, message: string, atKey?: boolean): ScenarioIssue;
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
 * Reads a text file for the loader.
 * @throws InputError naming the file when it cannot be read.
 */
export function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new InputError([{ file, path: [], message: `cannot read ${what}: ${why}` }]);
  }
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

/** Validates scenario data whose positions `locate` and `issue` know (used by variants.ts too). */
export function validateScenarioData(data: unknown, file: string, locate: Scenario['locate'], issue: Scenario['issue']): Scenario {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError([{ file, line: 1, col: 1, path: [], message: 'expected a mapping of scenario fields (name, until, ...)' }]);
  }
  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    throw new InputError(explainIssues(parsed.error.issues, scenarioSchema).map((i) => issue(i.path, i.message, i.atKey === true)));
  }
  return { file, spec: parsed.data, locate, issue };
}

/** A parsed YAML or JSON document that can point back into its text. */
export interface PositionedDocument {
  readonly data: unknown;
  locate(path: FieldPath, atKey?: boolean): { line: number; col: number } | undefined;
  issue(path: FieldPath, message: string, atKey?: boolean): ScenarioIssue;
}

/**
 * Parses YAML (or JSON, which YAML's parser reads too) keeping positions.
 * @throws InputError for a syntax error.
 */
export function parseWithPositions(text: string, file: string): PositionedDocument {
  const lineCounter = new LineCounter();
  // Merge keys (`<<: *anchor`) let scenarios derive one definition from another.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, merge: true });
  const at = (offset: number): { line: number; col: number } => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((e) => ({ file, ...at(e.pos[0]), path: [], message: `not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${firstLine(e.message)}` })),
    );
  }
  const locate = (path: FieldPath, atKey = false): { line: number; col: number } | undefined => {
    const offset = findOffset(doc, path, atKey);
    return offset === undefined ? undefined : at(offset);
  };
  const issue = (path: FieldPath, message: string, atKey = false): ScenarioIssue => ({ file, ...locate(path, atKey), path, message });

  return { data: doc.toJS({ maxAliasCount: 1000 }) as unknown, locate, issue };
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
