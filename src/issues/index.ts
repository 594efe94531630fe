import { distance } from 'fastest-levenshtein';

/**
 * Bad input, as data: the one issue shape, error class, path formatter and did-you-mean
 * that every folder uses. A model folder reports issues with paths relative to what it
 * was given (a task definition, an alarm); the scenario pipeline prefixes the path and
 * adds file, line and column. All issues of an input are reported at once.
 */
export type FieldPath = readonly (string | number)[];

export interface Issue {
  /** Where in the input, as keys and indexes from its root. */
  readonly path: FieldPath;
  /** What is wrong and what is allowed. */
  readonly message: string;
  /** The nearest known name, when the input is likely a typo of it. */
  readonly didYouMean?: string | undefined;
  /** Set by the scenario pipeline: the file, and 1-based line and column when known. */
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly col?: number | undefined;
}

/** The one error class for bad input: a list of issues, formatted one per line. */
export class InputError extends Error {
  // A string, so that a folder's subclass may keep its own name (CpuMemoryError, QueryLanguageError, ...).
  override readonly name: string = 'InputError';
  readonly issues: readonly Issue[];
  /**
   * True when checking stopped after the first problems found (an input with thousands):
   * `issues` are the first ones, and there are at least as many as it holds.
   */
  incomplete = false;
  constructor(issues: readonly Issue[] | string, path: FieldPath = []) {
    const list = typeof issues === 'string' ? [{ path, message: issues }] : issues;
    super(formatIssues(list));
    this.issues = list;
  }
}

/** `services[0].deploymentConfiguration.minimumHealthyPercent` */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** `✖ file:line:col  path: message; did you mean "x"?` (each part only when known). */
export function formatIssue(issue: Issue): string {
  const where = issue.file === undefined ? '' : issue.line === undefined ? `${issue.file}  ` : `${issue.file}:${issue.line}:${issue.col ?? 1}  `;
  const field = formatPath(issue.path);
  return `✖ ${where}${field === '' ? '' : `${field}: `}${messageOf(issue)}`;
}

/** The message with its did-you-mean, unless the message already carries it. */
export function messageOf(issue: Issue): string {
  if (issue.didYouMean === undefined || issue.message.includes('did you mean')) return issue.message;
  return `${issue.message}; did you mean "${issue.didYouMean}"?`;
}

/** One line per issue, in file order. */
export function formatIssues(issues: readonly Issue[]): string {
  return sortIssues(issues).map(formatIssue).join('\n');
}

/** File, line, column, then path: never locale-dependent. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) => cmp(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0) || cmp(formatPath(a.path), formatPath(b.path)),
  );
}

/**
 * The candidate closest to `word` when it is close enough to be a likely typo: within
 * max(2, a third of the word's length) edits, case-insensitive equality counting as 0.
 * Ties go to the earlier candidate, so the answer never depends on anything but the list.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const d = c === lower ? 0 : distance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** `; did you mean "x"?` or `` for a message tail. */
export function didYouMeanTail(word: string, candidates: Iterable<string>): string {
  const guess = didYouMean(word, candidates);
  return guess === undefined ? '' : `; did you mean "${guess}"?`;
}

/** Code-unit order: never locale-dependent. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
