/**
 * The ECS cluster query language: the expressions of `memberOf` placement constraints
 * (ecs-facts S-017, S-018) and of ListContainerInstances filters.
 *
 * Grammar (ecs-facts S-021, S-022; AWS "Create expressions to define container instances for
 * Amazon ECS tasks", cluster-query-language):
 *
 *   expression := or
 *   or         := and (("||" | "or") and)*
 *   and        := unary (("&&" | "and") unary)*
 *   unary      := ("!" | "not") unary | "(" expression ")" | test
 *   test       := subject operator [argument]
 *   argument   := value | "[" value ("," value)* "]"
 *   value      := bare | '…' | "…"
 *
 * `not` binds tighter than `and`, and `and` tighter than `or`; `and` and `or` group to the left.
 * Keywords and operators are case-sensitive, as the AWS page spells them.
 *
 * Values. A bare value runs to the next whitespace or parenthesis (AWS: "a single expression
 * can't contain parentheses"), or to `&&` / `||`; in a list also to `,` or `]`. Anything else
 * (an attribute value with spaces, which the Attribute API allows; a regex with a group) is
 * written in single or double quotes, which have no escapes. The AWS page quotes list items
 * (`ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']`), so quotes are part of the language.
 *
 * The model folders never read the host clock: dates are computed with `Date.UTC` only, and
 * strings are compared by code unit, never by locale.
 */
import { distance } from 'fastest-levenshtein';
import { QueryLanguageError, type QueryLanguageIssue, type ValueShape } from './query-language-errors.js';

export { QueryLanguageError, formatQueryLanguageIssue } from './query-language-errors.js';
export type { QueryLanguageIssue, ValueShape } from './query-language-errors.js';

// ---------------------------------------------------------------------------------------------
// The AST

/** The subjects of ecs-facts S-021, `attribute:<name>` included. */
export type FixedSubject = 'agentConnected' | 'agentVersion' | 'ec2InstanceId' | 'registeredAt' | 'runningTasksCount' | 'task:group';
export type AttributeSubject = `attribute:${string}`;
export type Subject = FixedSubject | AttributeSubject;

/** Operators by their AWS word (ecs-facts S-022); each also has a symbol, see OPERATOR_SPELLINGS. */
export type ValueOperator = 'equals' | 'not_equals' | 'greater_than' | 'greater_than_equal' | 'less_than' | 'less_than_equal' | 'matches' | 'not_matches';
export type ListOperator = 'in' | 'not_in';
export type PresenceOperator = 'exists' | 'not_exists';
export type Operator = ValueOperator | ListOperator | PresenceOperator;

/** `subject operator value`, e.g. `agentVersion < 1.14.5`. */
export interface ComparisonTest {
  readonly kind: 'comparison';
  readonly subject: Subject;
  readonly operator: ValueOperator;
  readonly value: string;
}

/** `subject in [a, b]` (ecs-facts S-022: in and not_in take a list). */
export interface MembershipTest {
  readonly kind: 'membership';
  readonly subject: Subject;
  readonly operator: ListOperator;
  readonly values: readonly string[];
}

/** `attribute:<name> exists`. */
export interface ExistenceTest {
  readonly kind: 'existence';
  readonly subject: AttributeSubject;
  readonly operator: PresenceOperator;
}

export interface NotExpression {
  readonly kind: 'not';
  readonly operand: Expression;
}

export interface AndExpression {
  readonly kind: 'and';
  readonly left: Expression;
  readonly right: Expression;
}

export interface OrExpression {
  readonly kind: 'or';
  readonly left: Expression;
  readonly right: Expression;
}

export type Expression = ComparisonTest | MembershipTest | ExistenceTest | NotExpression | AndExpression | OrExpression;

// ---------------------------------------------------------------------------------------------
// Operators and subjects

/** Every operator in the AWS table's order (ecs-facts S-022). */
export const OPERATORS: readonly Operator[] = Object.freeze([
  'equals',
  'not_equals',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'exists',
  'not_exists',
  'in',
  'not_in',
  'matches',
  'not_matches',
] as const);

/** Each operator's spellings, the printed one first (ecs-facts S-022). */
export const OPERATOR_SPELLINGS: Readonly<Record<Operator, readonly [string, ...string[]]>> = Object.freeze({
  equals: ['==', 'equals'],
  not_equals: ['!=', 'not_equals'],
  greater_than: ['>', 'greater_than'],
  greater_than_equal: ['>=', 'greater_than_equal'],
  less_than: ['<', 'less_than'],
  less_than_equal: ['<=', 'less_than_equal'],
  exists: ['exists'],
  not_exists: ['!exists', 'not_exists'],
  in: ['in'],
  not_in: ['!in', 'not_in'],
  matches: ['=~', 'matches'],
  not_matches: ['!~', 'not_matches'],
});

const BY_SPELLING: ReadonlyMap<string, Operator> = new Map(OPERATORS.flatMap((op) => OPERATOR_SPELLINGS[op].map((s) => [s, op] as const)));

/** Operator symbols, each before any symbol that is its prefix (`>=` before `>`). */
const SYMBOLS: readonly string[] = ['!exists', '!in', '!=', '!~', '==', '=~', '>=', '<=', '>', '<'];

/** ecs-facts S-023: agentConnected and ec2InstanceId. */
const IDENTITY_OPERATORS: readonly Operator[] = ['equals', 'not_equals', 'in', 'not_in', 'matches', 'not_matches'];
/** ecs-facts S-023: agentVersion, registeredAt and runningTasksCount. */
const ORDERED_OPERATORS: readonly Operator[] = ['equals', 'not_equals', 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal'];

const FIXED_SUBJECTS: readonly FixedSubject[] = ['agentConnected', 'agentVersion', 'ec2InstanceId', 'registeredAt', 'runningTasksCount', 'task:group'];
const SUBJECT_LIST: readonly string[] = ['agentConnected', 'agentVersion', 'attribute:<name>', 'ec2InstanceId', 'registeredAt', 'runningTasksCount', 'task:group'];

/**
 * The operators a subject takes. S-023 lists them for five subjects. The AWS page gives no
 * list for `attribute:` (so it takes all twelve; `exists` is only meaningful there) nor for
 * `task:group`, which ecs-sim gives the identity set of ec2InstanceId: a group name is an
 * identifier, not an ordered value.
 */
export function operatorsFor(subject: Subject): readonly Operator[] {
  if (isAttribute(subject)) return OPERATORS;
  switch (subject) {
    case 'agentConnected':
    case 'ec2InstanceId':
    case 'task:group':
      return IDENTITY_OPERATORS;
    case 'agentVersion':
    case 'registeredAt':
    case 'runningTasksCount':
      return ORDERED_OPERATORS;
  }
}

function isAttribute(subject: Subject): subject is AttributeSubject {
  return subject.startsWith('attribute:');
}

/** How an argument of `subject` must look for the non-regex operators, or undefined for any string. */
function shapeOf(subject: Subject): ValueShape | undefined {
  switch (subject) {
    case 'agentConnected':
      return 'boolean';
    case 'agentVersion':
      return 'version';
    case 'registeredAt':
      return 'date';
    case 'runningTasksCount':
      return 'count';
    default:
      return undefined;
  }
}

const symbolsOf = (ops: readonly Operator[]): string[] => ops.map((op) => OPERATOR_SPELLINGS[op][0]);

/** ecs-facts S-005: a constraint expression is at most 2000 characters. */
export const MAX_EXPRESSION_LENGTH = 2000;

/** Custom attribute names (AWS API Reference, Attribute.name): 1–128 of these characters; ecs-facts S-020. */
const ATTRIBUTE_NAME = /^[A-Za-z0-9_./\\-]{1,128}$/;
const WORD_CHAR = /[A-Za-z0-9_:./\\-]/;
const SPACE = /\s/;
const VERSION = /^\d+(?:\.\d+)*$/;
const COUNT = /^\d{1,15}$/;

// ---------------------------------------------------------------------------------------------
// Parsing

/**
 * Parses a cluster query language expression.
 * @throws QueryLanguageError with the 0-based column of the first problem.
 */
export function parseExpression(text: string): Expression {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new QueryLanguageError(text, MAX_EXPRESSION_LENGTH, { code: 'too_long', length: text.length, limit: MAX_EXPRESSION_LENGTH });
  }
  const parser = new Parser(text);
  const expression = parser.or();
  parser.finish();
  return expression;
}

class Parser {
  private pos = 0;
  /** Whether the last test ended with a bare value, for the "quote it" hint. */
  private lastBare = false;

  constructor(private readonly text: string) {}

  or(): Expression {
    let left = this.and();
    for (;;) {
      const n = this.connector('or');
      if (n === 0) return left;
      this.pos += n;
      left = { kind: 'or', left, right: this.and() };
    }
  }

  finish(): void {
    this.skipSpace();
    if (this.pos >= this.text.length) return;
    if (this.text[this.pos] === ')') this.fail(this.pos, { code: 'unmatched_parenthesis' });
    this.failConnector(false);
  }

  private and(): Expression {
    let left = this.unary();
    for (;;) {
      const n = this.connector('and');
      if (n === 0) return left;
      this.pos += n;
      left = { kind: 'and', left, right: this.unary() };
    }
  }

  private unary(): Expression {
    this.skipSpace();
    if (this.text[this.pos] === '!') {
      this.pos += 1;
      return { kind: 'not', operand: this.unary() };
    }
    if (this.wordAt(this.pos) === 'not') {
      this.pos += 3;
      return { kind: 'not', operand: this.unary() };
    }
    if (this.text[this.pos] === '(') {
      const open = this.pos;
      this.pos += 1;
      const inner = this.or();
      this.skipSpace();
      if (this.pos >= this.text.length) this.fail(this.pos, { code: 'unclosed_parenthesis', openedAt: open });
      if (this.text[this.pos] !== ')') this.failConnector(true);
      this.pos += 1;
      this.lastBare = false;
      return inner;
    }
    return this.test();
  }

  /** The length of an `and`/`or` connector at the cursor (after spaces), or 0. */
  private connector(which: 'and' | 'or'): number {
    this.skipSpace();
    const symbol = which === 'and' ? '&&' : '||';
    if (this.text.startsWith(symbol, this.pos)) return 2;
    return this.wordAt(this.pos) === which ? which.length : 0;
  }

  private atEndOfTest(): boolean {
    this.skipSpace();
    if (this.pos >= this.text.length || this.text[this.pos] === ')') return true;
    if (this.text.startsWith('&&', this.pos) || this.text.startsWith('||', this.pos)) return true;
    const word = this.wordAt(this.pos);
    return word === 'and' || word === 'or';
  }

  private test(): Expression {
    this.skipSpace();
    const start = this.pos;
    const word = this.wordAt(start);
    if (word === '') this.fail(start, { code: 'expected_expression', found: tokenAt(this.text, start) });
    this.pos += word.length;
    const subject = this.subject(word, start);

    this.skipSpace();
    const opStart = this.pos;
    const spelling = this.operatorSpelling();
    const allowed = operatorsFor(subject);
    const operator = spelling === undefined ? undefined : BY_SPELLING.get(spelling);
    if (spelling === undefined || operator === undefined) {
      const found = tokenAt(this.text, opStart);
      this.fail(opStart, { code: 'expected_operator', subject, found, suggestion: suggestOperator(found, allowed), operators: symbolsOf(allowed) });
    }
    if (!allowed.includes(operator)) {
      this.fail(opStart, { code: 'operator_not_allowed', subject, operator: spelling, allowed: symbolsOf(allowed) });
    }
    this.pos += spelling.length;

    if (operator === 'exists' || operator === 'not_exists') {
      if (!this.atEndOfTest()) this.fail(this.pos, { code: 'unexpected_argument', operator: spelling, found: tokenAt(this.text, this.pos) ?? '' });
      this.lastBare = false;
      // operatorsFor allows exists only on attributes.
      return { kind: 'existence', subject: subject as AttributeSubject, operator };
    }

    this.skipSpace();
    if (operator === 'in' || operator === 'not_in') {
      if (this.text[this.pos] !== '[') this.fail(this.pos, { code: 'missing_argument', operator: spelling, expects: 'list', found: tokenAt(this.text, this.pos) });
      const values = this.list(subject, operator, spelling);
      this.lastBare = false;
      return { kind: 'membership', subject, operator, values };
    }

    const regex = operator === 'matches' || operator === 'not_matches';
    // A regex may start with a character class; any other "[" starts a list by mistake.
    if (this.text[this.pos] === '[' && !regex) this.fail(this.pos, { code: 'unexpected_list', operator: spelling });
    const valueStart = this.pos;
    const value = this.value(false);
    if (value === undefined) this.fail(this.pos, { code: 'missing_argument', operator: spelling, expects: 'value', found: tokenAt(this.text, this.pos) });
    this.check(subject, operator, value.text, valueStart);
    this.lastBare = !value.quoted;
    return { kind: 'comparison', subject, operator, value: value.text };
  }

  private subject(word: string, start: number): Subject {
    if ((FIXED_SUBJECTS as readonly string[]).includes(word)) return word as FixedSubject;
    if (word.startsWith('attribute:')) {
      const name = word.slice('attribute:'.length);
      if (!ATTRIBUTE_NAME.test(name)) this.fail(start + 'attribute:'.length, { code: 'invalid_attribute_name', name });
      return `attribute:${name}`;
    }
    this.fail(start, { code: 'unknown_subject', subject: word, suggestion: suggestSubject(word), subjects: SUBJECT_LIST });
  }

  /** The operator spelled at the cursor, if any (not consumed). */
  private operatorSpelling(): string | undefined {
    for (const s of SYMBOLS) {
      if (!this.text.startsWith(s, this.pos)) continue;
      // `!in`/`!exists` must end there: `!inx` is no operator.
      const next = this.text[this.pos + s.length];
      if (/[a-z]$/.test(s) && next !== undefined && WORD_CHAR.test(next)) continue;
      return s;
    }
    const word = this.wordAt(this.pos);
    return BY_SPELLING.has(word) ? word : undefined;
  }

  private list(subject: Subject, operator: ListOperator, spelling: string): string[] {
    const open = this.pos;
    this.pos += 1;
    this.skipSpace();
    if (this.text[this.pos] === ']') this.fail(open, { code: 'empty_list', operator: spelling });
    const values: string[] = [];
    for (;;) {
      this.skipSpace();
      const at = this.pos;
      const value = this.value(true);
      if (value === undefined) this.fail(at, { code: 'expected_list_value', found: tokenAt(this.text, at) });
      this.check(subject, operator, value.text, at);
      values.push(value.text);
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos += 1;
      if (c === ']') return values;
      if (c !== ',') this.fail(this.pos - 1, { code: 'bad_list', found: tokenAt(this.text, this.pos - 1) });
    }
  }

  /** A quoted or bare value at the cursor, consumed; undefined when there is none. */
  private value(inList: boolean): { text: string; quoted: boolean } | undefined {
    const c = this.text[this.pos];
    if (c === "'" || c === '"') {
      const close = this.text.indexOf(c, this.pos + 1);
      if (close < 0) this.fail(this.pos, { code: 'unterminated_quote', quote: c });
      const text = this.text.slice(this.pos + 1, close);
      this.pos = close + 1;
      return { text, quoted: true };
    }
    const start = this.pos;
    while (this.pos < this.text.length && !endsBareValue(this.text, this.pos, inList)) this.pos += 1;
    return this.pos === start ? undefined : { text: this.text.slice(start, this.pos), quoted: false };
  }

  /** Checks a value's shape for its subject, or compiles it as a regex. */
  private check(subject: Subject, operator: Operator, value: string, at: number): void {
    if (operator === 'matches' || operator === 'not_matches') {
      const compiled = compileJavaRegex(value);
      if ('reason' in compiled) this.fail(at, { code: 'invalid_regex', pattern: value, reason: compiled.reason });
      return;
    }
    const shape = shapeOf(subject);
    if (shape !== undefined && argumentKey(shape, value) === undefined) this.fail(at, { code: 'invalid_value', subject, shape, value });
  }

  private failConnector(inParentheses: boolean): never {
    const found = tokenAt(this.text, this.pos) ?? '';
    this.fail(this.pos, { code: 'expected_connector', found, inParentheses, afterBareValue: this.lastBare && WORD_CHAR.test(found[0] ?? '') });
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && SPACE.test(this.text[this.pos] as string)) this.pos += 1;
  }

  private wordAt(at: number): string {
    let end = at;
    while (end < this.text.length && WORD_CHAR.test(this.text[end] as string)) end += 1;
    return this.text.slice(at, end);
  }

  private fail(position: number, issue: QueryLanguageIssue): never {
    throw new QueryLanguageError(this.text, position, issue);
  }
}

function endsBareValue(text: string, at: number, inList: boolean): boolean {
  const c = text[at] as string;
  if (SPACE.test(c) || c === '(' || c === ')') return true;
  if (inList && (c === ',' || c === ']')) return true;
  return text.startsWith('&&', at) || text.startsWith('||', at);
}

/** What the user wrote at `at`, for messages: a bracket, or the run up to the next space or bracket. */
function tokenAt(text: string, at: number): string | undefined {
  if (at >= text.length) return undefined;
  const delimiters = '()[],';
  if (delimiters.includes(text[at] as string)) return text[at];
  let end = at;
  while (end < text.length && end - at < 40 && !SPACE.test(text[end] as string) && !delimiters.includes(text[end] as string)) end += 1;
  return text.slice(at, end);
}

/** The closest subject to a misspelt one, or undefined when nothing is a typo away. */
function suggestSubject(word: string): string | undefined {
  // A built-in attribute name without its prefix (ecs-facts S-020).
  if (word.startsWith('ecs.')) return `attribute:${word}`;
  const colon = word.indexOf(':');
  const head = colon < 0 ? word : word.slice(0, colon);
  if (colon >= 0 && head !== 'task' && distance(head.toLowerCase(), 'attribute') <= 2) return `attribute:${word.slice(colon + 1)}`;
  if (word.toLowerCase() === 'attribute') return 'attribute:<name>';
  return nearest(word, FIXED_SUBJECTS, 3);
}

/** Operators of other languages, and what they are here. */
const LOOKALIKES: ReadonlyMap<string, Operator> = new Map([
  ['<>', 'not_equals'],
  ['~=', 'matches'],
  ['=', 'equals'],
  ['eq', 'equals'],
  ['ne', 'not_equals'],
  ['neq', 'not_equals'],
  ['gt', 'greater_than'],
  ['ge', 'greater_than_equal'],
  ['gte', 'greater_than_equal'],
  ['lt', 'less_than'],
  ['le', 'less_than_equal'],
  ['lte', 'less_than_equal'],
  ['nin', 'not_in'],
  ['notin', 'not_in'],
  ['like', 'matches'],
  ['regex', 'matches'],
]);

function suggestOperator(found: string | undefined, allowed: readonly Operator[]): string | undefined {
  if (found === undefined) return undefined;
  const word = /^[A-Za-z_]+$/.test(found);
  const key = word ? found.toLowerCase() : ['<>', '~=', '='].find((s) => found.startsWith(s));
  const lookalike = key === undefined ? undefined : LOOKALIKES.get(key);
  if (lookalike !== undefined && allowed.includes(lookalike)) return OPERATOR_SPELLINGS[lookalike][word ? 1 : 0] ?? OPERATOR_SPELLINGS[lookalike][0];
  if (!word) return undefined;
  const words = allowed.flatMap((op) => OPERATOR_SPELLINGS[op].filter((s) => /^[a-z_]+$/.test(s)));
  return nearest(found, words, 2);
}

/**
 * The candidate that `word` abbreviates (case ignored), else the nearest within `max` edits;
 * the first in candidate order on ties.
 */
function nearest(word: string, candidates: readonly string[], max: number): string | undefined {
  const lower = word.toLowerCase();
  const abbreviated = lower.length >= 2 ? candidates.find((c) => c.toLowerCase().startsWith(lower)) : undefined;
  if (abbreviated !== undefined) return abbreviated;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Printing

/**
 * Prints an expression in the form the AWS page uses: symbols for operators, `and`/`or`,
 * `not(…)`, and only the parentheses needed to reparse to the same tree. Values are quoted
 * only when a bare value would not read back the same.
 * @throws RangeError for a value that needs quotes and holds both `'` and `"` (the parser
 * never produces one).
 */
export function formatExpression(expression: Expression): string {
  switch (expression.kind) {
    case 'comparison':
      return `${expression.subject} ${OPERATOR_SPELLINGS[expression.operator][0]} ${formatValue(expression.value, false)}`;
    case 'membership':
      return `${expression.subject} ${OPERATOR_SPELLINGS[expression.operator][0]} [${expression.values.map((v) => formatValue(v, true)).join(', ')}]`;
    case 'existence':
      return `${expression.subject} ${OPERATOR_SPELLINGS[expression.operator][0]}`;
    case 'not':
      return `not(${formatExpression(expression.operand)})`;
    case 'and':
      return `${grouped(expression.left, ['or'])} and ${grouped(expression.right, ['or', 'and'])}`;
    case 'or':
      return `${formatExpression(expression.left)} or ${grouped(expression.right, ['or'])}`;
  }
}

function grouped(expression: Expression, kinds: readonly Expression['kind'][]): string {
  const text = formatExpression(expression);
  return kinds.includes(expression.kind) ? `(${text})` : text;
}

function formatValue(value: string, inList: boolean): string {
  let bare = value !== '' && value[0] !== "'" && value[0] !== '"' && value[0] !== '[';
  for (let i = 0; bare && i < value.length; i++) if (endsBareValue(value, i, inList)) bare = false;
  if (bare) return value;
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new RangeError(`cannot print the value ${JSON.stringify(value)}: it needs quotes and contains both kinds`);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** What an expression is tested against: one container instance as ECS sees it. */
export interface QueryTarget {
  /** Built-in `ecs.*` attributes (ecs-facts S-020) and custom ones. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly ec2InstanceId: string;
  readonly agentConnected: boolean;
  /** e.g. "1.87.0"; compared as a version (1.14.5 < 1.100.0). */
  readonly agentVersion: string;
  /** Simulated ms; `EvaluateOptions.epochMs` maps simulated time 0 to a real instant. */
  readonly registeredAtMs: number;
  readonly runningTasksCount: number;
  /** Task groups of the tasks on this instance (ecs-facts S-019), e.g. "service:web", "family:batch". */
  readonly taskGroups: ReadonlySet<string>;
}

export interface EvaluateOptions {
  /** The real instant (ms since 1970, UTC) of simulated time 0, for `registeredAt`. */
  readonly epochMs?: number;
}

/** The default real instant of simulated time 0: 2026-01-01T00:00:00Z. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 0, 1);

/**
 * Whether `target` satisfies `expression`.
 *
 * - A test on an attribute the instance lacks is false, except `!exists`: the AWS docs list
 *   `attribute:stack != prod` as "the instances with the custom attribute stack unless the
 *   attribute value is prod" (task-placement-constraints, "Exclude an attribute value").
 * - `task:group == X` holds when any task on the instance is in group X, the affinity of
 *   `task:group == databases` (ecs-facts S-018, S-024); `!=`, `!in` and `!~` are the negations,
 *   so `task:group != X` holds when no task is (an empty instance included), the same as the
 *   documented anti-affinity `not(task:group == database)`.
 * - Every other negated operator is the negation of its positive one.
 * - `agentVersion` compares as dotted numbers, missing parts being 0 (1.14 == 1.14.0).
 * - `registeredAt` compares instants: the instance's is `epochMs + registeredAtMs`.
 * - On attributes, `>`, `>=`, `<`, `<=` compare as numbers when both sides are decimal
 *   numbers, else by code unit; `==` is string equality (the AWS operator table).
 * - `=~` matches the whole value (Java `matches()`), ecs-facts S-022.
 */
export function evaluate(expression: Expression, target: QueryTarget, options: EvaluateOptions = {}): boolean {
  return holds(expression, target, options.epochMs ?? DEFAULT_EPOCH_MS);
}

/**
 * A `memberOf` expression (ecs-facts S-017), parsed once, as a predicate over instances.
 * @throws QueryLanguageError when the expression does not parse.
 */
export function memberOf(expression: string, options: EvaluateOptions = {}): (target: QueryTarget) => boolean {
  const parsed = parseExpression(expression);
  const epochMs = options.epochMs ?? DEFAULT_EPOCH_MS;
  return (target) => holds(parsed, target, epochMs);
}

function holds(e: Expression, target: QueryTarget, epochMs: number): boolean {
  switch (e.kind) {
    case 'or':
      return holds(e.left, target, epochMs) || holds(e.right, target, epochMs);
    case 'and':
      return holds(e.left, target, epochMs) && holds(e.right, target, epochMs);
    case 'not':
      return !holds(e.operand, target, epochMs);
    case 'existence': {
      const present = Object.hasOwn(target.attributes, e.subject.slice('attribute:'.length));
      return e.operator === 'exists' ? present : !present;
    }
    case 'comparison':
    case 'membership': {
      const actual = actualKeys(e.subject, target, epochMs);
      if (actual === undefined) return false;
      const { positive, negated } = POSITIVE[e.operator];
      const p = prepare(e);
      const any = actual.some((key) => satisfies(positive, key, p));
      return negated ? !any : any;
    }
  }
}

/** A comparable form of a value: a string, a number (count, instant) or a version. */
type Key = string | number | readonly number[];

type PositiveOperator = 'equals' | 'greater_than' | 'greater_than_equal' | 'less_than' | 'less_than_equal' | 'in' | 'matches';

const POSITIVE: Readonly<Record<ValueOperator | ListOperator, { readonly positive: PositiveOperator; readonly negated: boolean }>> = {
  equals: { positive: 'equals', negated: false },
  not_equals: { positive: 'equals', negated: true },
  greater_than: { positive: 'greater_than', negated: false },
  greater_than_equal: { positive: 'greater_than_equal', negated: false },
  less_than: { positive: 'less_than', negated: false },
  less_than_equal: { positive: 'less_than_equal', negated: false },
  in: { positive: 'in', negated: false },
  not_in: { positive: 'in', negated: true },
  matches: { positive: 'matches', negated: false },
  not_matches: { positive: 'matches', negated: true },
};

/** A test's arguments in comparable form, computed once per AST node. */
interface Prepared {
  readonly keys: readonly Key[];
  readonly regex: RegExp | undefined;
}

const PREPARED = new WeakMap<ComparisonTest | MembershipTest, Prepared>();

function prepare(test: ComparisonTest | MembershipTest): Prepared {
  const cached = PREPARED.get(test);
  if (cached !== undefined) return cached;
  const isRegex = test.operator === 'matches' || test.operator === 'not_matches';
  const texts = test.kind === 'membership' ? test.values : isRegex ? [] : [test.value];
  const shape = shapeOf(test.subject);
  const keys = texts.map((text) => {
    const key = shape === undefined ? text : argumentKey(shape, text);
    // The parser checked every value; an AST built by hand may not have been.
    if (key === undefined) throw new RangeError(`${test.subject} takes ${shape ?? 'a string'}, not ${JSON.stringify(text)}`);
    return key;
  });
  let regex: RegExp | undefined;
  if (test.kind === 'comparison' && isRegex) {
    const compiled = compileJavaRegex(test.value);
    if ('reason' in compiled) throw new RangeError(`invalid regular expression ${JSON.stringify(test.value)}: ${compiled.reason}`);
    regex = compiled.regex;
  }
  const prepared: Prepared = { keys, regex };
  PREPARED.set(test, prepared);
  return prepared;
}

/** The instance's values for a subject: one, or a task group each; undefined for a missing attribute. */
function actualKeys(subject: Subject, target: QueryTarget, epochMs: number): readonly Key[] | undefined {
  switch (subject) {
    case 'agentConnected':
      return [String(target.agentConnected)];
    case 'agentVersion': {
      // Leniently: "1.87.0-rc1" compares as 1.87.0; a version with no number matches nothing.
      const m = /^v?(\d+(?:\.\d+)*)/.exec(target.agentVersion);
      return m === null ? [] : [versionKey(m[1] as string)];
    }
    case 'ec2InstanceId':
      return [target.ec2InstanceId];
    case 'registeredAt':
      return [epochMs + target.registeredAtMs];
    case 'runningTasksCount':
      return [target.runningTasksCount];
    case 'task:group':
      return [...target.taskGroups];
    default: {
      const name = subject.slice('attribute:'.length);
      return Object.hasOwn(target.attributes, name) ? [target.attributes[name] as string] : undefined;
    }
  }
}

function satisfies(op: PositiveOperator, actual: Key, p: Prepared): boolean {
  switch (op) {
    case 'matches':
      return p.regex !== undefined && typeof actual === 'string' && p.regex.test(actual);
    case 'equals':
    case 'in':
      return p.keys.some((key) => same(actual, key));
    case 'greater_than':
      return order(actual, p.keys[0]) > 0;
    case 'greater_than_equal':
      return order(actual, p.keys[0]) >= 0;
    case 'less_than':
      return order(actual, p.keys[0]) < 0;
    case 'less_than_equal':
      return order(actual, p.keys[0]) <= 0;
  }
}

/** Equality: strings by code unit ("String equality" in the AWS table); numbers and versions by value. */
function same(a: Key, b: Key): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a === b : order(a, b) === 0;
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** Order of two keys of one subject; NaN (every comparison false) for keys of different kinds. */
function order(a: Key, b: Key | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') {
    if (DECIMAL.test(a) && DECIMAL.test(b)) return Math.sign(Number(a) - Number(b));
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'object' && typeof b === 'object') return compareVersions(a, b);
  return Number.NaN;
}

function versionKey(text: string): number[] {
  return text.split('.').map(Number);
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** An argument in comparable form, or undefined when it does not have the subject's shape. */
function argumentKey(shape: ValueShape, text: string): Key | undefined {
  switch (shape) {
    case 'boolean':
      return text === 'true' || text === 'false' ? text : undefined;
    case 'version':
      return VERSION.test(text) ? versionKey(text) : undefined;
    case 'count':
      return COUNT.test(text) ? Number(text) : undefined;
    case 'date':
      return parseDate(text);
  }
}

// ---------------------------------------------------------------------------------------------
// Dates

/** The registeredAt forms on the AWS page: 2018-06-18, …T22:28:28, …T22:28:28Z, …T22:28:28+00:00. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?)?$/;
const MS_PER_400_YEARS = 146_097 * 86_400_000;

/**
 * The instant (ms since 1970, UTC) of a registeredAt argument, or undefined when it is not one
 * of the documented forms or names no real time. A form without a zone is read as UTC.
 */
export function parseDate(text: string): number | undefined {
  const m = DATE.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  const zone = m[7];
  if (zone !== undefined && zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  // Date.UTC reads years 0–99 as 1900–1999; the Gregorian calendar repeats every 400 years.
  const utc = year < 100 ? Date.UTC(year + 400, month - 1, day, hour, minute, second) - MS_PER_400_YEARS : Date.UTC(year, month - 1, day, hour, minute, second);
  return utc - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// ---------------------------------------------------------------------------------------------
// Java regular expressions

/** Java's POSIX classes (US-ASCII, java.util.regex.Pattern) as JS class contents. */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};
const UNICODE_CATEGORY = /^(?:Is)?(L[ultmo]?|M[nce]?|N[dlo]?|P[cdseifo]?|S[mcko]?|Z[slp]?|C[cfnos]?)$/;
const JS_SYNTAX = '^$\\.*+?()[]{}|/';

/**
 * Compiles a Java regex (ecs-facts S-022: matches uses Java regex) to a JS RegExp that must
 * match the whole value, as Java's `Matcher.matches()` does. The common subset carries over
 * as is; Java-only constructs are translated (`\Q…\E`, `\A`, `\z`, `\Z`, `\a`, `\e`, octal
 * `\0nn`, `\x{…}`, POSIX `\p{Alpha}`, leading `(?i)`/`(?m)`/`(?s)`, literal `]` and `}`), and
 * the ones JS cannot express are refused rather than silently changed: possessive
 * quantifiers, atomic groups, class unions and intersections, inline flags past the start,
 * and the escapes \h \v \R \X \G and the like. Differences kept: JS `\s` also matches Unicode
 * spaces, and `(?i)` folds Unicode case, where Java's defaults are ASCII.
 */
export function compileJavaRegex(pattern: string): { readonly regex: RegExp } | { readonly reason: string } {
  let flags = '';
  let i = 0;
  const lead = /^\(\?([A-Za-z]+)\)/.exec(pattern);
  if (lead !== null) {
    for (const f of lead[1] as string) {
      if (f !== 'i' && f !== 'm' && f !== 's') return { reason: `the inline flag (?${f}) is not supported (ecs-sim takes (?i), (?m) and (?s))` };
      if (!flags.includes(f)) flags += f;
    }
    i = lead[0].length;
  }
  let out = '';
  let classOpen = -1;
  let classFirst = -1;
  let afterQuantifier = false;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    const inClass = classOpen >= 0;
    if (c === '\\') {
      const escaped = translateEscape(pattern, i, inClass);
      if ('reason' in escaped) return escaped;
      out += escaped.js;
      i = escaped.end;
      afterQuantifier = false;
      continue;
    }
    if (inClass) {
      if (c === '[') return { reason: 'nested character classes (class unions) are not supported' };
      if (c === '&' && pattern[i + 1] === '&') return { reason: 'character class intersections (&&) are not supported' };
      if (c === ']' && i !== classFirst) classOpen = -1;
      // Java reads a "]" first in a class as a literal.
      out += c === ']' && i === classFirst ? '\\]' : c;
      i += 1;
      continue;
    }
    if (afterQuantifier && c === '+') return { reason: 'possessive quantifiers (such as *+) are not supported' };
    if (afterQuantifier && c === '?') {
      out += '?';
      i += 1;
      afterQuantifier = false;
      continue;
    }
    afterQuantifier = false;
    if (c === '[') {
      classOpen = i;
      out += '[';
      i += 1;
      if (pattern[i] === '^') {
        out += '^';
        i += 1;
      }
      classFirst = i;
    } else if (c === '(') {
      if (pattern[i + 1] === '?') {
        const rest = pattern.slice(i + 2);
        if (rest.startsWith('>')) return { reason: 'atomic groups (?>…) are not supported' };
        if (!/^(?::|=|!|<=|<!|<[A-Za-z][A-Za-z0-9]*>)/.test(rest)) return { reason: 'inline flags are supported only at the start, as (?i), (?m) or (?s)' };
        out += '(?';
        i += 2;
      } else {
        out += '(';
        i += 1;
      }
    } else if (c === '*' || c === '+' || c === '?') {
      out += c;
      i += 1;
      afterQuantifier = true;
    } else if (c === '{') {
      const m = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i));
      if (m === null) return { reason: 'a "{" must start a repetition such as {2} or {1,3}' };
      out += m[0];
      i += m[0].length;
      afterQuantifier = true;
    } else if (c === '}' || c === ']') {
      // Literal in Java, a syntax error in a JS unicode regex.
      out += `\\${c}`;
      i += 1;
    } else {
      out += c;
      i += 1;
    }
  }
  if (classOpen >= 0) return { reason: 'the character class "[" is never closed' };
  try {
    // Anchors that ignore the m flag: the whole value must match.
    return { regex: new RegExp(`(?<![\\s\\S])(?:${out})(?![\\s\\S])`, `u${flags}`) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { reason: message.slice(message.lastIndexOf(': ') + 2) };
  }
}

function literal(ch: string, inClass: boolean): string {
  return JS_SYNTAX.includes(ch) || (inClass && ch === '-') ? `\\${ch}` : ch;
}

/** The JS form of the escape at `pattern[at]` ("\"), and where it ends. */
function translateEscape(pattern: string, at: number, inClass: boolean): { readonly js: string; readonly end: number } | { readonly reason: string } {
  const e = pattern[at + 1];
  if (e === undefined) return { reason: 'a trailing "\\" escapes nothing' };
  const outsideOnly = (js: string): { js: string; end: number } | { reason: string } =>
    inClass ? { reason: `\\${e} is not supported inside a character class` } : { js, end: at + 2 };
  switch (e) {
    case 'Q': {
      const close = pattern.indexOf('\\E', at + 2);
      const end = close < 0 ? pattern.length : close;
      return { js: [...pattern.slice(at + 2, end)].map((ch) => literal(ch, inClass)).join(''), end: close < 0 ? end : end + 2 };
    }
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 's':
    case 'S':
    case 't':
    case 'n':
    case 'r':
    case 'f':
      return { js: `\\${e}`, end: at + 2 };
    case 'b':
    case 'B':
      return outsideOnly(`\\${e}`);
    case 'a':
      return { js: '\\x07', end: at + 2 };
    case 'e':
      return { js: '\\x1B', end: at + 2 };
    case 'A':
      return outsideOnly('(?<![\\s\\S])');
    case 'z':
      return outsideOnly('(?![\\s\\S])');
    case 'Z':
      return outsideOnly('(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))');
    case '0': {
      const m = /^[0-3]?[0-7]{1,2}/.exec(pattern.slice(at + 2));
      if (m === null) return { reason: 'the octal escape \\0 needs digits' };
      return { js: `\\u{${parseInt(m[0], 8).toString(16)}}`, end: at + 2 + m[0].length };
    }
    case 'x': {
      if (pattern[at + 2] !== '{') return { js: '\\x', end: at + 2 };
      const close = pattern.indexOf('}', at + 3);
      if (close < 0) return { reason: 'the escape \\x{ is never closed' };
      return { js: `\\u{${pattern.slice(at + 3, close)}}`, end: close + 1 };
    }
    case 'u':
    case 'c':
      return { js: `\\${e}`, end: at + 2 };
    case 'k': {
      const m = /^<[A-Za-z][A-Za-z0-9]*>/.exec(pattern.slice(at + 2));
      if (m === null) return { reason: 'the escape \\k needs a group name, as \\k<name>' };
      return inClass ? { reason: '\\k<name> is not supported inside a character class' } : { js: `\\k${m[0]}`, end: at + 2 + m[0].length };
    }
    case 'p':
    case 'P': {
      let name: string;
      let end: number;
      if (pattern[at + 2] === '{') {
        const close = pattern.indexOf('}', at + 3);
        if (close < 0) return { reason: `the escape \\${e}{ is never closed` };
        name = pattern.slice(at + 3, close);
        end = close + 1;
      } else {
        name = pattern[at + 2] ?? '';
        end = at + 3;
      }
      const posix = POSIX_CLASSES[name];
      if (posix !== undefined) {
        if (!inClass) return { js: e === 'p' ? `[${posix}]` : `[^${posix}]`, end };
        return e === 'p' ? { js: posix, end } : { reason: `\\P{${name}} is not supported inside a character class` };
      }
      const category = UNICODE_CATEGORY.exec(name);
      if (category !== null) return { js: `\\${e}{${category[1] as string}}`, end };
      if (/^Is[A-Za-z_]+$/.test(name)) return { js: `\\${e}{Script=${name.slice(2)}}`, end };
      return { reason: `the class \\${e}{${name}} is not supported (ecs-sim takes POSIX classes, Unicode categories and IsScript names)` };
    }
    default:
      if (/[1-9]/.test(e)) return outsideOnly(`\\${e}`);
      if (/[A-Za-z]/.test(e)) return { reason: `the escape \\${e} is not supported` };
      return { js: literal(e, inClass), end: at + 2 };
  }
}
