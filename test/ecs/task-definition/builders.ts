import { readFileSync } from 'node:fs';
import {
  formatTaskDefinitionPath,
  validateTaskDefinition,
  type ContainerDefinitionDocument,
  type TaskDefinitionInput,
} from '../../../src/ecs/task-definition/index.js';

/** Small valid task definitions for the specs to bend one field at a time. */

export function container(overrides: Partial<ContainerDefinitionDocument> = {}): ContainerDefinitionDocument {
  return { name: 'app', image: 'nginx:1.27', ...overrides };
}

/** A valid Fargate definition: awsvpc, 256 CPU / 512 MiB, one essential container. */
export function fargate(overrides: Partial<TaskDefinitionInput> = {}): TaskDefinitionInput {
  return {
    family: 'web',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [container()],
    ...overrides,
  };
}

/** A valid EC2 definition: no network mode (bridge), container memory only. */
export function ec2(overrides: Partial<TaskDefinitionInput> = {}): TaskDefinitionInput {
  return {
    family: 'web',
    containerDefinitions: [container({ memory: 256 })],
    ...overrides,
  };
}

/** ECS's issues as "path: message" lines, as a user reads them. */
export function problems(input: TaskDefinitionInput): string[] {
  return validateTaskDefinition(input).map((i) => `${formatTaskDefinitionPath(i.path)}: ${i.message}`);
}

/** The pasted `aws ecs describe-task-definition --include TAGS` output. */
export function describeWebApi(): TaskDefinitionInput {
  return JSON.parse(readFileSync(new URL('./fixtures/describe-web-api.json', import.meta.url), 'utf8')) as TaskDefinitionInput;
}
