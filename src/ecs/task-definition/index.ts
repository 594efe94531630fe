// The task-definition layer: raw API shapes → ECS's checks → the model's TaskDefinition.
export {
  containerDefinitionSchema,
  describeTaskDefinitionResponseSchema,
  parseTimestampMs,
  registerTaskDefinitionRequestSchema,
  taskCpuSchema,
  taskDefinitionDocumentSchema,
  taskDefinitionInputSchema,
  taskDefinitionSchema,
  taskMemorySchema,
  unwrapTaskDefinitionInput,
} from './schema.js';
export {
  CpuMemoryError,
  FARGATE_TASK_SIZES,
  FARGATE_WINDOWS_CPUS,
  describeMemoryOptions,
  fargateMemoryOptions,
  isFargateTaskSize,
  parseTaskCpu,
  parseTaskMemory,
} from './cpu-memory.js';
export {
  EC2_TASK_CPU_RANGE,
  EPHEMERAL_STORAGE_RANGE_GIB,
  LAUNCH_TYPES,
  MAX_CONTAINERS,
  TaskDefinitionError,
  formatTaskDefinitionPath,
  requiredLaunchTypes,
  validateForLaunchType,
  validateTaskDefinition,
} from './validate.js';
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_EPHEMERAL_STORAGE_GIB,
  DEFAULT_REGION,
  HEALTH_CHECK_DEFAULTS,
  compatibilitiesOf,
  ignoredFieldsOf,
  normalizeTaskDefinition,
  parseTaskDefinitionArn,
  taskDefinitionArn,
} from './normalize.js';
export { TaskDefinitionRegistry } from './registry.js';
export type {
  ContainerDefinitionDocument,
  DescribeTaskDefinitionResponse,
  RegisterTaskDefinitionRequest,
  TaskDefinitionDocument,
  TaskDefinitionInput,
  TaskDefinitionTag,
  UnwrappedTaskDefinition,
} from './schema.js';
export type { LaunchType, TaskDefinitionIssue } from './validate.js';
export type { NormalizeOptions } from './normalize.js';
export type { TaskDefinitionRegistryOptions } from './registry.js';
export type {
  Compatibility,
  ContainerDefinition,
  ContainerDependency,
  CpuArchitecture,
  DependencyCondition,
  HealthCheck,
  NetworkMode,
  OperatingSystemFamily,
  PortMapping,
  Secret,
  TaskDefinition,
} from './types.js';
