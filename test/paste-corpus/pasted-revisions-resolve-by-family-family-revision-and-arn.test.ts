import { describe, expect, it } from 'vitest';
import { cli } from '../support.js';
import { runFile, writeScenario } from './corpus.js';

// Issue 18, revisions: a pasted describe-task-definition output says which revision it is
// (web-app:4, with its tags); `family`, `family:N` and the full ARN then resolve in
// CreateService, RunTask and UpdateService, and a revision the scenario lacks is refused.
const ARN = 'arn:aws:ecs:us-west-2:123456789012:task-definition/web-app:4';

const scenario = (service: string, runTask: string, update: string): string => `name: pasted revisions
until: 5m
ecs:
  region: us-west-2
  accountId: "123456789012"
  instances:
    - { name: pool, count: 2, instanceType: c5.large, availabilityZones: [us-west-2a, us-west-2b] }
  taskDefinitions:
    - file: td-describe-output-with-tags.json
timeline:
  - at: 0s
    createService: { serviceName: web-app, taskDefinition: "${service}", desiredCount: 2 }
  - at: 1m
    runTask: { taskDefinition: "${runTask}", count: 1 }
  - at: 2m
    updateService: { service: web-app, taskDefinition: "${update}", forceNewDeployment: true }
`;

describe('a pasted describe-task-definition output resolves by family, family:revision and ARN', () => {
  for (const [service, runTask, update] of [
    ['web-app', 'web-app:4', ARN],
    [ARN, 'web-app', 'web-app:4'],
    ['web-app:4', ARN, 'web-app'],
  ] as const) {
    it(`createService ${service}, runTask ${runTask}, updateService ${update}`, () => {
      const result = runFile(writeScenario(scenario(service, runTask, update), ['td-describe-output-with-tags.json']));
      expect(result.ecs?.services['web-app']?.taskDefinition).toBe(ARN);
      expect(result.ecs?.tasksByLabel['runTask-1']?.map((t) => t.taskDefinitionArn)).toEqual([ARN]);
    });
  }

  it('a revision the scenario does not have is refused, naming the one it has', async () => {
    const r = await cli('run', writeScenario(scenario('web-app:3', 'web-app', 'web-app'), ['td-describe-output-with-tags.json']));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario\.yaml:\d+:\d+ {2}timeline\[0\]\.createService\.taskDefinition: task definition family "web-app" has no revision 3; it has web-app:4$/m);
  });
});
