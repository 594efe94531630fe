import { InputError, type ScenarioIssue } from './errors.js';
import { parseWithPositions, readText, type ParseOptions, type PositionedDocument } from './loader.js';

/**
 * Loads a JSON (or YAML) file a scenario refers to, such as a pasted task definition,
 * so that problems inside it are reported at their own file, line and column.
 */
export function loadJsonDocument(file: string, options: ParseOptions = {}): PositionedDocument | { readonly issues: readonly ScenarioIssue[] } {
  try {
    return parseWithPositions(readText(file, 'the file'), file, options);
  } catch (error) {
    if (error instanceof InputError) return { issues: error.issues as readonly ScenarioIssue[] };
    throw error;
  }
}
