import { describe, expect, it } from 'vitest';
import { TaskDefinitionError, TaskDefinitionRegistry, type TaskDefinitionInput } from '../../../src/ecs/task-definition/index.js';
import { container, describeWebApi, fargate } from './builders.js';

function registerError(input: unknown): TaskDefinitionError {
  try {
    new TaskDefinitionRegistry().register(input as TaskDefinitionInput);
  } catch (error) {
    if (error instanceof TaskDefinitionError) return error;
    throw error;
  }
  throw new Error('expected the registration to be refused');
}

describe('RegisterTaskDefinition on a bad definition', () => {
  it('throws a TaskDefinitionError listing every ECS check that fails, as data and as text', () => {
    const error = registerError(
      fargate({
        networkMode: 'bridge',
        memory: '4GB',
        containerDefinitions: [container({ essential: false, stopTimeout: 600, dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] })],
      }),
    );
    expect(error.issues[1]).toEqual({
      path: ['containerDefinitions', 0, 'dependsOn', 0, 'containerName'],
      message: "Cannot depend on container + 'db' because it does not exist",
    });
    expect(error.message).toMatchInlineSnapshot(`
      "containerDefinitions: Task definition doesn't have any essential container.
      containerDefinitions[0].dependsOn[0].containerName: Cannot depend on container + 'db' because it does not exist
      networkMode: Fargate only supports network mode ‘awsvpc’.
      memory: No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values. With 256 CPU units, Fargate accepts memory of 512, 1024 or 2048 MiB (got 4096).
      containerDefinitions[0].stopTimeout: Invalid 'stopTimeout' setting for container 'app'. The valid values for Fargate are 2-120 seconds (got 600)."
    `);
  });

  it('puts describe-output issues under taskDefinition', () => {
    const pasted = describeWebApi() as { taskDefinition: Record<string, unknown> };
    const error = registerError({ ...pasted, taskDefinition: { ...pasted.taskDefinition, memory: '768' } });
    expect(error.message).toMatchInlineSnapshot(`
      "taskDefinition.memory: The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'. (1024 MiB > 768 MiB)
      taskDefinition.memory: No Fargate configuration exists for given values: 512 CPU, 768 memory. See the Amazon ECS documentation for the valid values. With 512 CPU units, Fargate accepts memory of 1024 to 4096 MiB in steps of 1024 (got 768)."
    `);
  });

  it('reports schema problems before ECS checks, an unknown field included', () => {
    expect(registerError({ ...fargate(), cpus: '256' }).message).toMatchInlineSnapshot(`"cpus: unknown field"`);
  });
});
