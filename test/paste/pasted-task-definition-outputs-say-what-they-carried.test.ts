import { describe, expect, it } from 'vitest';
import { fixture, pasted, runJson, runSummary, scenarioFile } from './support.js';

/**
 * Issue 18: a task definition pasted as a register-task-definition or describe-task-definition
 * output (or a console export) is registered as it is; what it carries beyond
 * RegisterTaskDefinition's input (the wrapper, its read-only fields, its nulls) is said in
 * the result's `warnings`, field by field: used, recomputed or dropped, never silently.
 */
const scenario = (entry: string, runTask: string): string => `
name: pasted task definition
until: 2m
ecs:
  region: us-west-2
  instances:
    - { name: pool, count: 1, instanceType: m5.large, availabilityZones: [us-west-2a] }
  taskDefinitions:
    - ${entry}
timeline:
  # Once the instance has registered.
  - at: 1m
    runTask: { taskDefinition: "${runTask}", label: t }
`;

describe('a pasted task-definition output', () => {
  it('register-task-definition output: its revision is kept, and each read-only field is named with what became of it', async () => {
    const r = await runJson(scenarioFile(scenario(`definition: ${pasted(fixture('register-task-definition-output.json'), 8)}`, 'sleep360:2')));
    expect(r.ecs?.tasksByLabel['t']?.[0]?.taskDefinitionArn).toBe('arn:aws:ecs:us-west-2:123456789012:task-definition/sleep360:2');
    expect(r.warnings).toEqual([
      {
        at: 'ecs.taskDefinitions[0].definition',
        message: 'a describe-task-definition (or register-task-definition) output: its taskDefinition is registered (ecs-facts PS-003); read-only taskDefinitionArn, revision and status kept; compatibilities recomputed (ecs-facts T-061)',
        fields: ['taskDefinition.taskDefinitionArn', 'taskDefinition.revision', 'taskDefinition.status', 'taskDefinition.compatibilities'],
      },
    ]);
  });

  it('describe-task-definition output in its own file: the registration metadata dropped and every null named', async () => {
    const file = scenarioFile(scenario('file: describe-task-definition-amazon-ecs-sample.json', 'amazon-ecs-sample:1'), ['describe-task-definition-amazon-ecs-sample.json']);
    const r = await runJson(file);
    const w = r.warnings?.[0];
    expect(w?.at).toBe('ecs.taskDefinitions[0].file');
    expect(w?.message).toBe(
      'a describe-task-definition (or register-task-definition) output: its taskDefinition is registered (ecs-facts PS-003); read-only taskDefinitionArn, revision and status kept; compatibilities recomputed (ecs-facts T-061); read-only requiresAttributes, registeredAt and registeredBy dropped (state ECS reports; no effect); 5 nulls dropped (null means absent)',
    );
    expect(w?.fields?.filter((f) => !['taskDefinitionArn', 'revision', 'status', 'compatibilities', 'requiresAttributes', 'registeredAt', 'registeredBy'].includes(f.replace('taskDefinition.', '')))).toEqual([
      'taskDefinition.containerDefinitions[0].entryPoint',
      'taskDefinition.containerDefinitions[0].command',
      'taskDefinition.containerDefinitions[0].linuxParameters',
      'taskDefinition.containerDefinitions[0].healthCheck',
      'taskDefinition.taskRoleArn',
    ]);
    // The summary shows the first fields and says where the rest are.
    const summary = await runSummary(file);
    expect(summary.out).toContain(`  ⚠ ecs.taskDefinitions[0].file: ${w?.message}\n      taskDefinition.taskDefinitionArn, `);
    // Twelve fields: all shown (beyond SHOWN_FIELDS the summary says how many more the result lists).
    expect(summary.out).toContain('taskDefinition.containerDefinitions[0].healthCheck, taskDefinition.taskRoleArn\n');
  });

  it('a plain RegisterTaskDefinition input says nothing', async () => {
    const r = await runJson(scenarioFile(scenario('definition: { family: plain, containerDefinitions: [{ name: app, image: busybox, memory: 128 }] }', 'plain')));
    expect(r.warnings).toBeUndefined();
    expect(r.ecs?.tasksByLabel['t']?.[0]?.lastStatus).toBe('RUNNING');
  });
});
