import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { refusal, runYaml } from '../ecs/model/support.js';

// Issue 18, revisions: an entry may say which revision it is, or is the Nth registration of
// its family (ecs-facts T-048); "family", "family:N" and the full ARN resolve in services,
// RunTask, UpdateService and CodeDeploy AppSpecs; a missing revision names the ones there are.
const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition';

/** The bundled CodeDeploy scenario, its web:1 declared as revision 17 (so its web:2 is 18), without its expectations. */
function canary(createServiceTaskDefinition: string, appSpecTaskDefinition: string): string {
  const text = readFileSync(new URL('../../scenarios/19-codedeploy-canary.yaml', import.meta.url), 'utf8');
  const body = text.slice(0, text.indexOf('\nexpectations:') + 1);
  return body
    .replace('      behaviour: &web', '      revision: 17\n      behaviour: &web')
    .replace('      taskDefinition: web:1', `      taskDefinition: "${createServiceTaskDefinition}"`)
    .replace('                TaskDefinition: web:2', `                TaskDefinition: "${appSpecTaskDefinition}"`);
}

const api = (timeline: string, entries = '    - { revision: 4, definition: { family: api, containerDefinitions: [{ name: api, image: "shop/api:4", memory: 256 }] } }\n    - { definition: { family: api, containerDefinitions: [{ name: api, image: "shop/api:5", memory: 256 }] } }\n') => `name: revisions
until: 10m
ecs:
  instances:
    - { name: pool, count: 2, instanceType: c5.large, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
${entries}timeline:
${timeline}`;

describe('task definition revisions', () => {
  it('an entry\'s revision is kept and the next registration of the family follows it; an ARN and family:N resolve in a service and a CodeDeploy AppSpec', () => {
    const result = runYaml(canary(`${ARN}/web:17`, `${ARN}/web:18`));
    expect(result.ecs?.codeDeployDeployments?.[0]?.status).toBe('Succeeded');
    expect(result.ecs?.services['web']?.taskSets?.[0]?.taskDefinition).toBe(`${ARN}/web:18`);
  });

  it('family:N, the family and the ARN resolve in RunTask and UpdateService', () => {
    const result = runYaml(
      api(`  - at: 1m
    createService: { serviceName: api, taskDefinition: "api:4", desiredCount: 2 }
  - at: 1m
    runTask: { taskDefinition: "${ARN}/api:4", label: byArn }
  - at: 1m
    runTask: { taskDefinition: api, label: latest }
  - at: 3m
    updateService: { service: api, taskDefinition: "${ARN}/api:5" }
`),
    );
    expect(result.ecs?.tasksByLabel['byArn']?.[0]?.taskDefinitionArn).toBe(`${ARN}/api:4`);
    expect(result.ecs?.tasksByLabel['latest']?.[0]?.taskDefinitionArn).toBe(`${ARN}/api:5`);
    expect(result.ecs?.services['api']?.taskDefinition).toBe(`${ARN}/api:5`);
  });

  it('a revision the family does not have is refused, naming the revisions it has, wherever it is named', () => {
    expect(refusal(api('  - at: 1m\n    createService: { serviceName: api, taskDefinition: "api:3", desiredCount: 1 }\n'))).toMatch(
      /timeline\[0\]\.createService\.taskDefinition: task definition family "api" has no revision 3; it has api:4, api:5$/,
    );
    expect(refusal(api(`  - at: 1m\n    runTask: { taskDefinition: "${ARN}/api:9" }\n`))).toMatch(/timeline\[0\]\.runTask\.taskDefinition: task definition family "api" has no revision 9; it has api:4, api:5$/);
    expect(refusal(api(`  - at: 1m\n    createService: { serviceName: api, taskDefinition: api, desiredCount: 1 }\n  - at: 2m\n    updateService: { service: api, taskDefinition: "api:6" }\n`))).toMatch(
      /timeline\[1\]\.updateService\.taskDefinition: task definition family "api" has no revision 6; it has api:4, api:5$/,
    );
    expect(refusal(canary('web:17', 'web:2'))).toMatch(/createDeployment\.revision\.Resources\[0\]\.TargetService\.Properties\.TaskDefinition: task definition family "web" has no revision 2; it has web:17, web:18$/);
  });

  it('an ARN of another account is refused, saying which account the scenario\'s definitions are in', () => {
    expect(refusal(api('  - at: 1m\n    runTask: { taskDefinition: "arn:aws:ecs:us-east-1:999999999999:task-definition/api:4" }\n'))).toContain(
      'no task definition "arn:aws:ecs:us-east-1:999999999999:task-definition/api:4" in this scenario: its task definitions are in account 123456789012, region us-east-1',
    );
  });

  it('an entry revision that contradicts the document\'s own, or one already taken, is refused at the entry', () => {
    const contradiction = api('  - at: 1m\n    runTask: { taskDefinition: api }\n', '    - { revision: 4, definition: { family: api, revision: 3, containerDefinitions: [{ name: api, image: "shop/api:4", memory: 256 }] } }\n');
    expect(refusal(contradiction)).toContain('ecs.taskDefinitions[0].revision: the definition says revision 3; give one or the other (got 4)');
    const taken = api('  - at: 1m\n    runTask: { taskDefinition: api }\n', '    - { revision: 4, definition: { family: api, containerDefinitions: [{ name: api, image: "shop/api:4", memory: 256 }] } }\n    - { revision: 4, definition: { family: api, containerDefinitions: [{ name: api, image: "shop/api:5", memory: 256 }] } }\n');
    expect(refusal(taken)).toContain("Revision 4 of family 'api' is already registered.");
  });
});
