import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FARGATE_TASK_SIZES, validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { fargate } from './builders.js';

// ecs-facts T-055: the table; everything off it is refused with "Invalid 'cpu' setting for task." (T-056).
const VALID = [...FARGATE_TASK_SIZES].flatMap(([cpu, memories]) => memories.map((memory) => ({ cpu, memory })));
const isValid = (cpu: number, memory: number): boolean => FARGATE_TASK_SIZES.get(cpu)?.includes(memory) === true;
const issuesFor = (cpu: number, memory: number) => validateTaskDefinition(fargate({ cpu: String(cpu), memory: String(memory) }));

describe('the Fargate size table', () => {
  it('every documented cpu/memory pair validates', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), ({ cpu, memory }) => {
        expect(issuesFor(cpu, memory)).toEqual([]);
      }),
      { numRuns: VALID.length * 2 },
    );
  });

  it('no other pair validates, and the refusal is ECS\'s: the cpu message, or "No Fargate configuration exists" for a pair (ecs-facts T-056, T-114)', () => {
    const cpus = fc.oneof(fc.constantFrom(...FARGATE_TASK_SIZES.keys()), fc.integer({ min: 1, max: 20_000 }));
    const memories = fc.oneof(fc.integer({ min: 1, max: 130_000 }), fc.integer({ min: 1, max: 240 }).map((gb) => gb * 512));
    fc.assert(
      fc.property(cpus, memories, (cpu, memory) => {
        fc.pre(!isValid(cpu, memory));
        const issues = issuesFor(cpu, memory);
        expect(issues.length).toBeGreaterThan(0);
        expect(issues.every((i) => i.message.startsWith("Invalid 'cpu' setting for task.") || i.message.startsWith(`No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory.`))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
