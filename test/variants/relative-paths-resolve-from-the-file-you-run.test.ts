import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../support.js';

describe('relative paths in a base file (as the README says)', () => {
  it('extends resolves from the file that names it; a task definition file from the folder of the file you run', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'scenarios', '02-pasted-describe-task-definition.yaml'), join(dir, 'base.yaml'));
    cpSync(join(ROOT, 'scenarios', 'task-definitions'), join(dir, 'task-definitions'), { recursive: true });
    mkdirSync(join(dir, 'variants'));
    writeFileSync(join(dir, 'variants', 'v.yaml'), 'extends: ../base.yaml\nname: a variant one folder down\n');
    writeFileSync(join(dir, 'beside.yaml'), 'extends: base.yaml\nname: a variant beside its base\n');
    expect((await cli('validate', join(dir, 'beside.yaml'))).code).toBe(0);
    const below = await cli('validate', join(dir, 'variants', 'v.yaml'));
    expect(below.code).toBe(2);
    // The base was found (its error points into it), but its task definition file was looked for beside the variant.
    const fileLine = readFileSync(join(dir, 'base.yaml'), 'utf8').split('\n').findIndex((line) => /^\s+-? *file: /.test(line)) + 1;
    expect(below.err).toContain(`${join(dir, 'base.yaml')}:${fileLine}:13  ecs.taskDefinitions[0].file: cannot read the file`);
    cpSync(join(dir, 'task-definitions'), join(dir, 'variants', 'task-definitions'), { recursive: true });
    expect((await cli('validate', join(dir, 'variants', 'v.yaml'))).code).toBe(0);
  });
});
