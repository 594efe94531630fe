import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { INDEX_VARIABLES } from '../../src/experiment/plan.js';
import { cli, ROOT, tempDir } from '../support.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const BIN = join(ROOT, 'bin', 'ecs-sim.js');

/** The README's array-job section: from its heading to the next heading. */
const section = readme.slice(readme.indexOf('### A sweep over many machines'), readme.indexOf('\n## ', readme.indexOf('### A sweep over many machines')));

describe('the README on compare and array jobs', () => {
  it('shows the real output of its compare', async () => {
    const block = /```text\n\$ ecs-sim (compare [^\n]+)\n([\s\S]*?)\n```/.exec(readme);
    expect(block).not.toBeNull();
    const [, command, shown] = block as unknown as [string, string, string];
    const { code, out } = await cli(...command.split(' '));
    expect(code).toBe(0);
    expect(shown).toBe(out.trimEnd());
  }, 120_000);

  it('its plan command makes the plan the manifests are sized for, and a shard of it runs as the manifests start it', async () => {
    const planLine = /^ecs-sim (sweep plan .+) --out \/data\/plan\.json$/m.exec(section)?.[1] as string;
    expect(planLine).toBeDefined();
    const dir = tempDir();
    const plan = join(dir, 'plan.json');
    const { code, out } = await cli(...planLine.split(' '), '--out', plan);
    expect(code).toBe(0);
    const runs = (JSON.parse(readFileSync(plan, 'utf8')) as { runs: unknown[] }).runs.length;
    expect(out).toContain(`${runs} runs`);

    const job = parseYaml(/```yaml\n(apiVersion: batch\/v1[\s\S]*?)```/.exec(section)?.[1] as string) as {
      spec: { completionMode: string; completions: number; template: { spec: { containers: { args: string[] }[] } } };
    };
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.completions).toBe(runs);
    const batch = JSON.parse(/```json\n(\{\n {2}"jobDefinitionName"[\s\S]*?)```/.exec(section)?.[1] as string) as { containerProperties: { command: string[] } };
    expect(section).toContain(`--array-properties size=${runs}`);
    expect(batch.containerProperties.command).toEqual(job.spec.template.spec.containers[0]!.args);
    expect(INDEX_VARIABLES).toEqual(['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX', 'SLURM_ARRAY_TASK_ID']);

    // The container's arguments, with /data as this test's folder and the index as Kubernetes sets it.
    const args = job.spec.template.spec.containers[0]!.args.map((a) => a.replace('/data', dir));
    await promisify(execFile)(process.execPath, [BIN, ...args], { env: { PATH: process.env['PATH'] ?? '', JOB_COMPLETION_INDEX: String(runs - 1) } });
    const files = readdirSync(join(dir, 'results')).sort();
    expect(files).toHaveLength(2);
    expect(files[1]).toMatch(new RegExp(`^run-0000${runs - 1}-[0-9a-f]{16}\\.json$`));
    expect(files[0]).toBe('plan.json');
  }, 120_000);

  it('the image pins the Node major the tests run on', () => {
    const from = /^FROM node:(\d+)[.\-]/m.exec(section)?.[1];
    expect(from).toBe(process.versions.node.split('.')[0]);
  });
});
