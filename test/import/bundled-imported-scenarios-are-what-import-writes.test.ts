import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importScenario } from '../../src/scenario/import/index.js';
import { ROOT } from '../support.js';

/**
 * The bundled imported scenarios (run with their golden hashes by test/scenarios) are what
 * `ecs-sim import` writes today from the fixtures, so they cannot drift from the importer.
 * Regenerate with `ecs-sim import <input> --out scenarios/<file>` from the repository root.
 */
describe('the bundled imported scenarios', () => {
  it.each([
    ['30-imported-from-cli-outputs.yaml', 'test/fixtures/import/cli'],
    ['31-imported-from-cdk-template.yaml', 'test/fixtures/import/cdk.out/ShopStack.template.json'],
  ])('%s is what ecs-sim import %s writes', (file, input) => {
    const { yaml } = importScenario(join(ROOT, input), { source: input });
    expect(readFileSync(join(ROOT, 'scenarios', file), 'utf8')).toBe(yaml);
  });
});
