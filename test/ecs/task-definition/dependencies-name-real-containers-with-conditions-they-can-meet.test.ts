import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { container, fargate, problems } from './builders.js';

// ecs-facts T-035.
describe('container dependencies', () => {
  it('may wait for a non-essential container to complete and for a checked container to be healthy', () => {
    const input = fargate({
      containerDefinitions: [
        container({ dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }, { containerName: 'proxy', condition: 'HEALTHY' }, { containerName: 'init', condition: 'COMPLETE' }] }),
        container({ name: 'migrate', essential: false }),
        container({ name: 'init', essential: false }),
        container({ name: 'proxy', healthCheck: { command: ['CMD-SHELL', 'true'] } }),
      ],
    });
    expect(validateTaskDefinition(input)).toEqual([]);
  });

  it('must name a container of the task', () => {
    expect(problems(fargate({ containerDefinitions: [container({ dependsOn: [{ containerName: 'db', condition: 'START' }] })] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].dependsOn[0].containerName: Cannot depend on container + 'db' because it does not exist",
      ]
    `);
  });

  it('cannot wait for an essential container to complete or succeed', () => {
    const input = fargate({ containerDefinitions: [container({ dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] }), container({ name: 'migrate' })] });
    expect(problems(input)).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].dependsOn[0].condition: A dependency container with SUCCESS or COMPLETE condition cannot be an essential container (container 'migrate' is essential).",
      ]
    `);
  });

  it('cannot wait for a container without a health check to be HEALTHY', () => {
    const input = fargate({ containerDefinitions: [container({ dependsOn: [{ containerName: 'proxy', condition: 'HEALTHY' }] }), container({ name: 'proxy' })] });
    expect(problems(input)).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].dependsOn[0].condition: Container 'app' depends on container 'proxy' being HEALTHY, but 'proxy' has no healthCheck.",
      ]
    `);
  });

  it('cannot form a cycle, which would leave its containers waiting for ever', () => {
    const input = fargate({
      containerDefinitions: [
        container({ dependsOn: [{ containerName: 'b', condition: 'START' }] }),
        container({ name: 'b', dependsOn: [{ containerName: 'app', condition: 'START' }] }),
        container({ name: 'c', dependsOn: [{ containerName: 'c', condition: 'START' }] }),
      ],
    });
    expect(problems(input)).toMatchInlineSnapshot(`
      [
        "containerDefinitions[1].dependsOn[0]: Container dependencies form a cycle: app -> b -> app.",
        "containerDefinitions[2].dependsOn[0]: Container dependencies form a cycle: c -> c.",
      ]
    `);
  });
});
