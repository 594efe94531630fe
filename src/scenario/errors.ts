/**
 * Bad input, as data. Each issue names where (file, line, column, field path) and what
 * is allowed; one formatter turns the list into the message a user reads. All issues of
 * a file are reported at once.
 */
export type FieldPath = readonly (string | number)[];

export interface ScenarioIssue {
  readonly file: string;
  /** 1-based; absent when the issue is about the file as a whole. */
  readonly line?: number | undefined;
  readonly col?: number | undefined;
  readonly path: FieldPath;
  readonly message: string;
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(formatIssues(issues));
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

export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.col ?? 1}`;
  const field = formatPath(issue.path);
  return `✖ ${where}  ${field === '' ? '' : `${field}: `}${issue.message}`;
}

/** One line per issue, in file order. */
export function formatIssues(issues: readonly ScenarioIssue[]): string {
  return sortIssues(issues).map(formatIssue).join('\n');
}

export function sortIssues(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0) || cmp(formatPath(a.path), formatPath(b.path)));
}

/** Code-unit order: never locale-dependent. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
