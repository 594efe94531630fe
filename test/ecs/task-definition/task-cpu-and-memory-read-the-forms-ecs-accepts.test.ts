import { describe, expect, it } from 'vitest';
import { parseTaskCpu, parseTaskMemory, taskDefinitionInputSchema } from '../../../src/ecs/task-definition/index.js';
import { fargate } from './builders.js';

const error = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a throw');
};

// ecs-facts T-053: units or vCPUs for cpu, MiB or GB for memory; stored as integers.
describe('task-level cpu and memory', () => {
  it('cpu is CPU units or vCPUs, in either letter case, fractions included', () => {
    expect(['256', ' 1024 ', '1 vCPU', '1 vcpu', '1vCPU', '0.25 vCPU', '.5 vCPU', '2 VCPU'].map((v) => parseTaskCpu(v))).toEqual([256, 1024, 1024, 1024, 1024, 256, 512, 2048]);
    expect(parseTaskCpu(4096)).toBe(4096);
  });

  it('memory is MiB or GB (1 GB = 1024 MiB): "2GB" is 2048', () => {
    expect(['512', '2GB', '2 GB', '1 gb', '0.5 GB', '1.5GB'].map((v) => parseTaskMemory(v))).toEqual([512, 2048, 2048, 1024, 512, 1536]);
    expect(parseTaskMemory(3072)).toBe(3072);
  });

  it('refuses forms ECS does not document, naming the ones it does', () => {
    expect(error(() => parseTaskMemory('512 MiB'))).toMatchInlineSnapshot(`"Invalid 'memory' setting for task. Expected MiB such as "512" or 2048, or GB such as "1GB", "1 GB" or "0.5 GB"; got "512 MiB"."`);
    expect(error(() => parseTaskCpu('1 core'))).toMatchInlineSnapshot(`"Invalid 'cpu' setting for task. Expected CPU units such as "256" or 1024, or vCPUs such as "1 vCPU", "1 vcpu" or "0.25 vCPU"; got "1 core"."`);
    expect(error(() => parseTaskCpu('0.3 vCPU'))).toMatchInlineSnapshot(`"Invalid 'cpu' setting for task. "0.3 vCPU" is not a whole number of CPU units (307.2)."`);
    expect(error(() => parseTaskMemory(0.5))).toMatchInlineSnapshot(`"Invalid 'memory' setting for task. Expected a positive whole number of MiB; got 0.5."`);
    expect(error(() => parseTaskCpu('0'))).toMatchInlineSnapshot(`"Invalid 'cpu' setting for task. Expected a positive number of CPU units; got "0"."`);
  });

  it('the schema reports a bad form at the field', () => {
    const result = taskDefinitionInputSchema.safeParse(fargate({ memory: '1 GiB' }));
    expect(result.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toMatchInlineSnapshot(`
      [
        {
          "message": "Invalid 'memory' setting for task. Expected MiB such as "512" or 2048, or GB such as "1GB", "1 GB" or "0.5 GB"; got "1 GiB".",
          "path": [
            "memory",
          ],
        },
      ]
    `);
  });
});
