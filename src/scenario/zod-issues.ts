import { z } from 'zod';
import { taskDefinitionInputSchema, taskDefinitionSchema } from '../ecs/task-definition/schema.js';
import { didYouMean, formatPath, type FieldPath, type Issue as InputIssue } from '../issues/index.js';

/**
 * zod issues → plain messages in the scenario's own terms. zod's defaults ("Too small:
 * expected number to be >=0") neither show the value given nor suggest the key meant,
 * so each issue code gets a message that does both, using the schema to say what is
 * allowed.
 */
export type PlainIssue = InputIssue & {
  /** Point at the key itself rather than its value (unknown keys). */
  readonly atKey?: boolean;
};

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

export function explainIssues(issues: readonly Issue[], root: AnySchema): PlainIssue[] {
  const out: PlainIssue[] = [];
  for (const issue of issues) explain(issue, [], root, out);
  return dropMissingThatWereMisspelt(out);
}

function explain(issue: Issue, prefix: FieldPath, root: AnySchema, out: PlainIssue[]): void {
  const path: FieldPath = [...prefix, ...(issue.path as (string | number)[])];
  switch (issue.code) {
    case 'invalid_union': {
      // Take the branch whose type matched the input (no type error at its root).
      const branches = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
      const best = branches.sort((a, b) => a.length - b.length)[0];
      if (best !== undefined) {
        for (const sub of best) explain(sub, path, root, out);
        return;
      }
      const custom = issue.message !== 'Invalid input' ? issue.message : `expected ${unionExpected(issue)}`;
      out.push({ path, message: `${custom}, got ${describe(issue.input)}` });
      return;
    }
    case 'unrecognized_keys': {
      const allowed = allowedKeys(root, path);
      const aws = awsInputName(root, path);
      for (const key of issue.keys) {
        const guess = didYouMean(key, allowed);
        if (aws !== undefined) {
          // ecs-facts S-127: the AWS CLI's (botocore's) own text, then our did-you-mean.
          out.push({ path: [...path, key], message: `Unknown parameter in ${aws}: "${key}", must be one of: ${allowed.join(', ')}${guess === undefined ? '' : `; did you mean "${guess}"?`}`, atKey: true });
          continue;
        }
        const hint = guess !== undefined ? `; did you mean "${guess}"?` : allowed.length > 0 && allowed.length <= 15 ? `; allowed: ${allowed.join(', ')}` : '';
        out.push({ path: [...path, key], message: `unknown field${hint}`, atKey: true });
      }
      return;
    }
    case 'invalid_type': {
      // A schema's own wording ("expected a duration such as ...") beats zod's type name.
      const expected = issue.message.startsWith('Invalid input') ? `expected ${article(issue.expected)}` : issue.message;
      if (issue.input === undefined) {
        out.push({ path, message: `required field is missing (${expected})` });
      } else {
        out.push({ path, message: `${expected}, got ${describe(issue.input)}` });
      }
      return;
    }
    case 'too_small':
    case 'too_big': {
      // A schema's own wording wins over the generic bounds text.
      const own = !issue.message.startsWith('Too small') && !issue.message.startsWith('Too big');
      out.push({ path, message: `${own ? issue.message : boundsMessage(issue, schemaAt(root, path)[0])}, got ${describe(issue.input)}` });
      return;
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const guess = typeof issue.input === 'string' ? didYouMean(issue.input, issue.values.filter((v): v is string => typeof v === 'string')) : undefined;
      out.push({ path, message: `expected one of ${allowed.join(', ')}, got ${describe(issue.input)}${guess === undefined ? '' : `; did you mean "${guess}"?`}` });
      return;
    }
    case 'invalid_format': {
      const message = issue.message.startsWith('Invalid string') ? `expected a string matching ${issue.format}` : issue.message;
      out.push({ path, message: `${message}, got ${describe(issue.input)}` });
      return;
    }
    default:
      out.push({ path, message: issue.message });
  }
}

/**
 * Object schemas that are AWS API inputs (a task definition, CreateService, ...), known by
 * their set of keys: zod's refinements clone a schema, so identity would not survive.
 */
const AWS_INPUT_SHAPES = new Set<string>();

/** Marks an object schema as an AWS API input, so its unknown keys get the AWS CLI's wording. */
export function awsInput<T extends AnySchema>(schema: T): T {
  const shape = objectShape(schema);
  if (shape !== undefined) AWS_INPUT_SHAPES.add(shapeKey(shape));
  return schema;
}

function shapeKey(shape: Record<string, AnySchema>): string {
  return Object.keys(shape).sort().join(',');
}

awsInput(taskDefinitionInputSchema);
awsInput(taskDefinitionSchema);

/**
 * botocore's name for the object at `path` inside the innermost AWS input that holds it:
 * `input` for the input itself, else the path from it (`deploymentConfiguration`,
 * `containerDefinitions[0].healthCheck`); undefined outside any AWS input.
 */
function awsInputName(root: AnySchema, path: FieldPath): string | undefined {
  for (let j = path.length; j >= 0; j--) {
    const isAws = schemaAt(root, path.slice(0, j)).some((s) => {
      const shape = objectShape(s);
      return shape !== undefined && AWS_INPUT_SHAPES.has(shapeKey(shape));
    });
    if (isAws) return j === path.length ? 'input' : formatPath(path.slice(j));
  }
  return undefined;
}

/**
 * "unknown field desiredCont; did you mean desiredCount?" makes both "desiredCount is
 * missing" and the parent object's own complaint redundant.
 */
function dropMissingThatWereMisspelt(issues: PlainIssue[]): PlainIssue[] {
  const suggested = new Set<string>();
  const parents = new Set<string>();
  for (const i of issues) {
    const m = /did you mean "([^"]+)"\?$/.exec(i.message);
    if (i.atKey !== true || m === null) continue;
    suggested.add(JSON.stringify([...i.path.slice(0, -1), m[1]]));
    parents.add(JSON.stringify(i.path.slice(0, -1)));
  }
  return issues.filter((i) => {
    if (i.atKey === true) return true;
    const key = JSON.stringify(i.path);
    return !parents.has(key) && !(i.message.startsWith('required field is missing') && suggested.has(key));
  });
}

function boundsMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, schema: AnySchema | undefined): string {
  const origin = issue.origin;
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    const json = schema === undefined ? { integer: false } : numberBounds(schema);
    const what = json.integer ? 'an integer' : 'a number';
    const min = json.minimum ?? (issue.code === 'too_small' ? Number(issue.minimum) : undefined);
    const max = json.maximum ?? (issue.code === 'too_big' ? Number(issue.maximum) : undefined);
    if (min !== undefined && max !== undefined) return `expected ${what} from ${min} to ${max}`;
    if (issue.code === 'too_small') return `expected ${what} ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    return `expected ${what} ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
  }
  const n = issue.code === 'too_small' ? Number(issue.minimum) : Number(issue.maximum);
  const unit = origin === 'string' ? 'character' : 'item';
  if (origin === 'string' && issue.code === 'too_small' && n === 1) return 'expected a non-empty string';
  return `expected ${issue.code === 'too_small' ? 'at least' : 'at most'} ${n} ${unit}${n === 1 ? '' : 's'}`;
}

interface NumberBounds {
  integer: boolean;
  minimum?: number;
  maximum?: number;
}

function numberBounds(schema: AnySchema): NumberBounds {
  try {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { type?: string; minimum?: number; maximum?: number };
    const out: NumberBounds = { integer: json.type === 'integer' };
    // zod writes ±MAX_SAFE_INTEGER as the bounds of .int(); they are not the user's bounds.
    if (json.minimum !== undefined && json.minimum > Number.MIN_SAFE_INTEGER) out.minimum = json.minimum;
    if (json.maximum !== undefined && json.maximum < Number.MAX_SAFE_INTEGER) out.maximum = json.maximum;
    return out;
  } catch {
    return { integer: false };
  }
}

function unionExpected(issue: z.core.$ZodIssueInvalidUnion): string {
  const types = new Set<string>();
  for (const branch of issue.errors) {
    for (const i of branch) if (i.path.length === 0 && i.code === 'invalid_type') types.add(article(i.expected));
  }
  return types.size > 0 ? [...types].join(' or ') : 'another value';
}

function article(type: string): string {
  if (type === 'int') return 'an integer';
  if (type === 'array' || type === 'object' || type === 'integer') return `an ${type}`;
  return `a ${type}`;
}

/** A short, deterministic description of a value as the user wrote it. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

/** The keys an object at `path` may have, across union branches. */
export function allowedKeys(root: AnySchema, path: FieldPath): string[] {
  const keys = new Set<string>();
  for (const schema of schemaAt(root, path)) {
    const shape = objectShape(schema);
    if (shape !== undefined) for (const key of Object.keys(shape)) keys.add(key);
  }
  return [...keys];
}

interface Def {
  readonly type: string;
  readonly shape?: Record<string, AnySchema>;
  readonly element?: AnySchema;
  readonly items?: readonly AnySchema[];
  readonly innerType?: AnySchema;
  readonly in?: AnySchema;
  readonly options?: readonly AnySchema[];
  readonly valueType?: AnySchema;
  readonly getter?: () => AnySchema;
}

function def(schema: AnySchema): Def {
  return schema._zod.def as unknown as Def;
}

function objectShape(schema: AnySchema): Record<string, AnySchema> | undefined {
  for (const s of unwrap(schema)) {
    const d = def(s);
    if (d.type === 'object') return d.shape;
  }
  return undefined;
}

/** The schema(s) that validate the value at `path` (several where unions branch). */
export function schemaAt(root: AnySchema, path: FieldPath): AnySchema[] {
  let current = unwrap(root);
  for (const key of path) {
    const next: AnySchema[] = [];
    for (const schema of current) {
      const d = def(schema);
      let child: AnySchema | undefined;
      if (d.type === 'object' && typeof key === 'string') child = d.shape?.[key];
      else if (d.type === 'array') child = d.element;
      else if (d.type === 'tuple' && typeof key === 'number') child = d.items?.[key];
      else if (d.type === 'record') child = d.valueType;
      if (child !== undefined) next.push(...unwrap(child));
    }
    current = next;
  }
  return current;
}

/** Looks through wrappers (optional, default, pipes, lazies) and unions to the schemas that shape a value. */
function unwrap(schema: AnySchema, depth = 0): AnySchema[] {
  if (depth > 20) return [schema];
  const d = def(schema);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return d.innerType === undefined ? [schema] : unwrap(d.innerType, depth + 1);
    case 'pipe':
      return d.in === undefined ? [schema] : unwrap(d.in, depth + 1);
    case 'lazy':
      return d.getter === undefined ? [schema] : unwrap(d.getter(), depth + 1);
    case 'union':
      return (d.options ?? []).flatMap((o) => unwrap(o, depth + 1));
    default:
      return [schema];
  }
}
