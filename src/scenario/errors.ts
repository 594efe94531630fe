import type { Issue } from '../issues/index.js';

/**
 * The scenario's side of the one error model (src/issues): an issue located in a file.
 * The loader's `issue(path, message)` adds file, line and column to a path.
 */
export { InputError, formatIssue, formatIssues, formatPath, sortIssues, type FieldPath, type Issue } from '../issues/index.js';

/** An issue in a scenario (or a file it names): always has its file. */
export type ScenarioIssue = Issue & { readonly file: string };
