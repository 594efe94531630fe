import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { runResultSchema } from '../../src/result/index.js';
import { ignoredFieldsOf } from '../../src/ecs/task-definition/index.js';
import { formatSummary } from '../../src/report/summary.js';
import { ROOT } from '../support.js';

/**
 * A task definition's fields that ecs-sim accepts but does not model are named in the run
 * result's `ignoredFields` (and the summary), as the services' are (issue 18): what the task
 * definition loader finds in the pasted document, at the entry that brought it.
 */
describe('ignoredFields of task definitions', () => {
  it('02-pasted-describe-task-definition: the pasted describe output’s unmodelled fields, at its file entry', () => {
    const r = runScenario(loadScenarioFile(join(ROOT, 'scenarios', '02-pasted-describe-task-definition.yaml'))).result;
    expect(runResultSchema.safeParse(r).success).toBe(true);
    const pasted = JSON.parse(readFileSync(join(ROOT, 'scenarios', 'task-definitions', 'web-api.describe.json'), 'utf8'));
    const expected = ignoredFieldsOf(pasted);
    // The same fields as the loader finds in the raw file (its order is the parsed document's).
    expect(r.ignoredFields?.length).toBe(1);
    const entry = r.ignoredFields![0]!;
    expect(entry.at).toBe('ecs.taskDefinitions[0].file');
    expect([...entry.fields].sort()).toEqual([...expected].sort());
    // What the pasted output carries that a run cannot use: the describe wrapper's tags, registration metadata, Linux parameters.
    expect(expected).toEqual(expect.arrayContaining(['tags', 'registeredAt', 'registeredBy', 'containerDefinitions[2].linuxParameters']));
    expect(formatSummary(r, 'scenario.yaml')).toContain(`⚠ ecs.taskDefinitions[0].file: ${entry.fields.join(', ')}`);
  });

  it('an inline definition is named at `.definition`, before the timeline’s calls; a fully modelled one is not listed', () => {
    const yaml = `
name: inline
until: 1m
ecs:
  fargate: { availabilityZones: [us-east-1a] }
  taskDefinitions:
    - definition:
        family: plain
        containerDefinitions: [{ name: app, image: app:1, cpu: 256, memory: 512 }]
    - definition:
        family: odd
        cpu: "256"
        memory: "512"
        requiresCompatibilities: [FARGATE]
        networkMode: awsvpc
        containerDefinitions: [{ name: app, image: app:1, dockerLabels: { team: a } }]
timeline:
  - at: 0s
    createService: { serviceName: s, taskDefinition: odd, desiredCount: 1, launchType: FARGATE, networkConfiguration: { awsvpcConfiguration: { subnets: [subnet-1] } }, propagateTags: SERVICE }
`;
    const r = runScenario(parseScenario(yaml, 'inline.yaml')).result;
    expect(r.ignoredFields?.[0]).toEqual({ at: 'ecs.taskDefinitions[1].definition', fields: ['containerDefinitions[0].dockerLabels'] });
    expect(r.ignoredFields?.some((f) => f.at.startsWith('ecs.taskDefinitions[0]'))).toBe(false);
  });
});
