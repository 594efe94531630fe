import { describe, expect, it } from 'vitest';
import { taskDefinitionInputSchema } from '../../../src/ecs/task-definition/index.js';
import { explainIssues } from '../../../src/scenario/zod-issues.js';
import { describeWebApi } from './builders.js';

function explained(input: unknown): string[] {
  const result = taskDefinitionInputSchema.safeParse(input, { reportInput: true });
  if (result.success) return [];
  return explainIssues(result.error.issues, taskDefinitionInputSchema).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the two shapes a task definition comes in', () => {
  it('a document without family or containers is told what is missing, alongside its other problems', () => {
    expect(explained({ cpu: true })).toMatchInlineSnapshot(`
      [
        "cpu: expected the task cpu as a string such as "1024" or a number, got true",
        "family: required field is missing (expected a string)",
        "containerDefinitions: required field is missing (expected an array)",
      ]
    `);
  });

  it('a container needs a name and an image', () => {
    expect(explained({ family: 'web', containerDefinitions: [{ memory: 256 }] })).toMatchInlineSnapshot(`
      [
        "containerDefinitions.0.name: required field is missing (expected a string)",
        "containerDefinitions.0.image: required field is missing (expected a string)",
      ]
    `);
  });

  it('a describe output is recognised by its taskDefinition key, and its fields stay inside it', () => {
    const pasted = describeWebApi() as { taskDefinition: { family: string } };
    expect(explained({ ...pasted, family: 'web-api' })).toMatchInlineSnapshot(`
      [
        "family: belongs inside "taskDefinition" (a describe-task-definition output has only taskDefinition and tags)",
      ]
    `);
    expect(explained({ taskDefinition: { ...pasted.taskDefinition, family: undefined } })).toMatchInlineSnapshot(`
      [
        "taskDefinition.family: required field is missing (expected a string)",
      ]
    `);
  });
});
