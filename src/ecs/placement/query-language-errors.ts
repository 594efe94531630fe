import { InputError } from '../../issues/index.js';

/**
 * Errors of the cluster query language (ecs-facts S-021..S-024), as data: each issue is a
 * union member on `code` with what a formatter needs, and one formatter builds the message a
 * user reads. Every message names a 0-based column, the same number as `position`. The error
 * is the one input error (src/issues): its one issue has the message and the did-you-mean.
 */

/** How a subject's value must look, for `invalid_value`. */
export type ValueShape = 'boolean' | 'version' | 'count' | 'date';

export type QueryLanguageIssue =
  | { readonly code: 'too_long'; readonly length: number; readonly limit: number }
  | { readonly code: 'expected_expression'; readonly found: string | undefined }
  | { readonly code: 'unknown_subject'; readonly subject: string; readonly suggestion: string | undefined; readonly subjects: readonly string[] }
  | { readonly code: 'invalid_attribute_name'; readonly name: string }
  | { readonly code: 'expected_operator'; readonly subject: string; readonly found: string | undefined; readonly suggestion: string | undefined; readonly operators: readonly string[] }
  | { readonly code: 'operator_not_allowed'; readonly subject: string; readonly operator: string; readonly allowed: readonly string[] }
  | { readonly code: 'missing_argument'; readonly operator: string; readonly expects: 'value' | 'list'; readonly found: string | undefined }
  | { readonly code: 'unexpected_list'; readonly operator: string }
  | { readonly code: 'unexpected_argument'; readonly operator: string; readonly found: string }
  | { readonly code: 'unterminated_quote'; readonly quote: string }
  | { readonly code: 'empty_list'; readonly operator: string }
  | { readonly code: 'bad_list'; readonly found: string | undefined }
  | { readonly code: 'expected_list_value'; readonly found: string | undefined }
  | { readonly code: 'invalid_value'; readonly subject: string; readonly shape: ValueShape; readonly value: string }
  | { readonly code: 'invalid_regex'; readonly pattern: string; readonly reason: string }
  | { readonly code: 'unclosed_parenthesis'; readonly openedAt: number }
  | { readonly code: 'unmatched_parenthesis' }
  | { readonly code: 'expected_connector'; readonly found: string; readonly inParentheses: boolean; readonly afterBareValue: boolean };

/**
 * A cluster query language expression that does not parse. `position` is the 0-based column
 * in `expression` where the problem was found.
 */
export class QueryLanguageError extends InputError {
  override readonly name: string = 'QueryLanguageError';
  constructor(
    readonly expression: string,
    readonly position: number,
    readonly issue: QueryLanguageIssue,
  ) {
    const message = formatQueryLanguageIssue(issue, position);
    super([{ path: [], message, didYouMean: 'suggestion' in issue ? issue.suggestion : undefined }]);
    this.message = message;
  }
}

const SHAPES: Readonly<Record<ValueShape, string>> = {
  boolean: 'true or false',
  version: 'a version like 1.14.5',
  count: 'a whole number like 3',
  // The four forms on the AWS page (cluster-query-language, registeredAt).
  date: 'a date like 2018-06-18, 2018-06-18T22:28:28, 2018-06-18T22:28:28Z or 2018-06-18T22:28:28+00:00',
};

const q = (s: string): string => JSON.stringify(s);
const foundText = (found: string | undefined): string => (found === undefined ? 'end of expression' : q(found));

/** The message for one issue at `column` (0-based). */
export function formatQueryLanguageIssue(issue: QueryLanguageIssue, column: number): string {
  const at = `at column ${column}`;
  switch (issue.code) {
    case 'too_long':
      return `expression is ${issue.length} characters long; ECS allows at most ${issue.limit} (the excess starts ${at})`;
    case 'expected_expression':
      return `expected an expression (a subject, "not" or "(") ${at}, found ${foundText(issue.found)}`;
    case 'unknown_subject':
      return issue.suggestion !== undefined
        ? `unknown subject ${q(issue.subject)} ${at}; did you mean ${q(issue.suggestion)}?`
        : `unknown subject ${q(issue.subject)} ${at}; subjects: ${issue.subjects.join(', ')}`;
    case 'invalid_attribute_name':
      return `invalid attribute name ${q(issue.name)} ${at}; a name is 1 to 128 letters, digits, "-", "_", ".", "/" or "\\"`;
    case 'expected_operator': {
      const found = issue.found === undefined ? '' : `, found ${q(issue.found)}`;
      const hint = issue.suggestion === undefined ? '' : ` (did you mean ${q(issue.suggestion)}?)`;
      return `expected an operator after ${issue.subject} ${at}${found}${hint}; operators: ${issue.operators.join(', ')}`;
    }
    case 'operator_not_allowed':
      return `operator ${issue.operator} is not allowed for ${issue.subject} ${at}; ${issue.subject} takes ${issue.allowed.join(', ')}`;
    case 'missing_argument':
      return issue.expects === 'list'
        ? `expected a list like [a, b] after ${issue.operator} ${at}, found ${foundText(issue.found)}`
        : `expected a value after ${issue.operator} ${at}, found ${foundText(issue.found)}`;
    case 'unexpected_list':
      return `expected one value after ${issue.operator} ${at}, found a list; use "in" to test several values`;
    case 'unexpected_argument':
      return `${issue.operator} takes no value, found ${q(issue.found)} ${at}`;
    case 'unterminated_quote':
      return `unterminated quoted value: the ${issue.quote} ${at} is never closed`;
    case 'empty_list':
      return `the list after ${issue.operator} ${at} is empty; give at least one value`;
    case 'bad_list':
      return `expected "," or "]" in the list ${at}, found ${foundText(issue.found)}`;
    case 'expected_list_value':
      return `expected a value in the list ${at}, found ${foundText(issue.found)}`;
    case 'invalid_value':
      return `${issue.subject} takes ${SHAPES[issue.shape]} (got ${q(issue.value)} ${at})`;
    case 'invalid_regex':
      return `invalid regular expression ${q(issue.pattern)} ${at}: ${issue.reason}`;
    case 'unclosed_parenthesis':
      return `unbalanced parentheses: the "(" at column ${issue.openedAt} is never closed (expected ")" ${at})`;
    case 'unmatched_parenthesis':
      return `unbalanced parentheses: the ")" ${at} has no matching "("`;
    case 'expected_connector': {
      const expected = issue.inParentheses ? '"and", "or" or ")"' : '"and", "or" or the end of the expression';
      const hint = issue.afterBareValue ? '; quote a value that contains spaces' : '';
      return `expected ${expected} ${at}, found ${q(issue.found)}${hint}`;
    }
  }
}
