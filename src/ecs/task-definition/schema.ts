import { z } from 'zod';
import { CpuMemoryError, parseTaskCpu, parseTaskMemory } from './cpu-memory.js';

/**
 * The raw API shapes of a task definition, field for field as ECS names them:
 * RegisterTaskDefinition's input, the TaskDefinition object, and DescribeTaskDefinition's
 * output (`{ "taskDefinition": {...}, "tags": [...] }`).
 *
 * Field lists follow the API model in boto/botocore
 * `botocore/data/ecs/2014-11-13/service-2.json` @0e6e2404b85d (2026-08-07); ecs-facts
 * T-046, T-047 and T-060 list the same fields from older SDK docs.
 *
 * What the schemas do and do not check:
 * - Objects are strict: a field the API lacks is an `unrecognized_keys` issue, which the
 *   scenario loader turns into "did you mean".
 * - `null` means absent, at every level, so console and CLI exports load as they are.
 * - Required members are those the API marks required, plus a container's `name` and
 *   `image` (ECS refuses a container without them: "Container.name should not be null
 *   or empty.").
 * - Enum values are the API's. Free-form maps (`logConfiguration.options`,
 *   `dockerLabels`, `driverOpts`) keep any key. ARNs, secret references and paths are
 *   plain strings: no patterns.
 * - Task `cpu` and `memory` take ECS's string forms or plain numbers (cpu-memory.ts).
 * - Timestamps are epoch seconds (possibly fractional) or ISO 8601 strings.
 * - Ranges and cross-field rules (Fargate sizes, ports, dependencies) are ECS's
 *   registration checks and live in validate.ts, so they can name the container and use
 *   ECS's words.
 */

const int = z.number().int();
/** A free-form string map. Values may be null in console exports. */
const freeFormMap = z.record(z.string(), z.string().nullable());

/** An epoch-seconds number or an ISO 8601 string; parsed to integer epoch ms. */
export function parseTimestampMs(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 1000) : undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(value.trim());
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const daysInMonth = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (daysInMonth === undefined || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  // Date.UTC keeps this independent of the host's time zone. A string without an offset is read as UTC.
  return Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offsetMinutes * 60_000;
}

const timestamp = z.union([z.number(), z.string()], { error: 'expected epoch seconds or an ISO 8601 time' }).superRefine((value, ctx) => {
  if (parseTimestampMs(value) === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected epoch seconds (such as 1717171717.123) or an ISO 8601 time (such as "2024-05-31T16:08:37.123000+00:00"), got ${JSON.stringify(value)}`, input: value });
  }
});

function taskSize(parse: (value: string | number) => number, field: 'cpu' | 'memory') {
  return z.union([z.string(), z.number()], { error: `expected the task ${field} as a string such as "1024" or a number` }).superRefine((value, ctx) => {
    try {
      parse(value);
    } catch (error) {
      if (!(error instanceof CpuMemoryError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message, input: value });
    }
  });
}

/** Task-level `cpu`: "1024", "1 vCPU", "1 vcpu", "0.25 vCPU" or 1024 (ecs-facts T-053). */
export const taskCpuSchema = taskSize(parseTaskCpu, 'cpu');
/** Task-level `memory`: "2048", "2GB", "2 GB" or 2048 (ecs-facts T-053). */
export const taskMemorySchema = taskSize(parseTaskMemory, 'memory');

const repositoryCredentials = z.strictObject({
  credentialsParameter: z.string(),
});

const portMapping = z.strictObject({
  containerPort: int.nullish(),
  hostPort: int.nullish(),
  protocol: z.enum(['tcp', 'udp']).nullish(),
  name: z.string().nullish(),
  appProtocol: z.enum(['http', 'http2', 'grpc']).nullish(),
  containerPortRange: z.string().nullish(),
});

const containerRestartPolicy = z.strictObject({
  enabled: z.boolean(),
  ignoredExitCodes: z.array(int).nullish(),
  restartAttemptPeriod: int.nullish(),
});

const keyValuePair = z.strictObject({
  name: z.string().nullish(),
  value: z.string().nullish(),
});

const environmentFile = z.strictObject({
  value: z.string(),
  type: z.enum(['s3']),
});

const mountPoint = z.strictObject({
  sourceVolume: z.string().nullish(),
  containerPath: z.string().nullish(),
  readOnly: z.boolean().nullish(),
});

const volumeFrom = z.strictObject({
  sourceContainer: z.string().nullish(),
  readOnly: z.boolean().nullish(),
});

const kernelCapabilities = z.strictObject({
  add: z.array(z.string()).nullish(),
  drop: z.array(z.string()).nullish(),
});

const device = z.strictObject({
  hostPath: z.string(),
  containerPath: z.string().nullish(),
  permissions: z.array(z.enum(['read', 'write', 'mknod'])).nullish(),
});

const tmpfs = z.strictObject({
  containerPath: z.string(),
  size: int,
  mountOptions: z.array(z.string()).nullish(),
});

const linuxParameters = z.strictObject({
  capabilities: kernelCapabilities.nullish(),
  devices: z.array(device).nullish(),
  initProcessEnabled: z.boolean().nullish(),
  sharedMemorySize: int.nullish(),
  tmpfs: z.array(tmpfs).nullish(),
  maxSwap: int.nullish(),
  swappiness: int.nullish(),
});

const secret = z.strictObject({
  name: z.string(),
  valueFrom: z.string(),
});

const containerDependency = z.strictObject({
  containerName: z.string(),
  condition: z.enum(['START', 'COMPLETE', 'SUCCESS', 'HEALTHY']),
});

const hostEntry = z.strictObject({
  hostname: z.string(),
  ipAddress: z.string(),
});

const ulimit = z.strictObject({
  name: z.enum(['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']),
  softLimit: int,
  hardLimit: int,
});

const logConfiguration = z.strictObject({
  logDriver: z.enum(['json-file', 'syslog', 'journald', 'gelf', 'fluentd', 'awslogs', 'splunk', 'awsfirelens']),
  options: freeFormMap.nullish(),
  secretOptions: z.array(secret).nullish(),
});

/** Seconds, as the API has them; ranges are checked in validate.ts (ecs-facts T-039). */
const healthCheck = z.strictObject({
  command: z.array(z.string()),
  interval: int.nullish(),
  timeout: int.nullish(),
  retries: int.nullish(),
  startPeriod: int.nullish(),
});

const systemControl = z.strictObject({
  namespace: z.string().nullish(),
  value: z.string().nullish(),
});

const resourceRequirement = z.strictObject({
  value: z.string(),
  type: z.enum(['GPU', 'InferenceAccelerator', 'NeuronDevice']),
});

const firelensConfiguration = z.strictObject({
  type: z.enum(['fluentd', 'fluentbit']),
  options: freeFormMap.nullish(),
});

/** A ContainerDefinition (ecs-facts T-047). */
export const containerDefinitionSchema = z.strictObject({
  name: z.string(),
  image: z.string(),
  repositoryCredentials: repositoryCredentials.nullish(),
  cpu: int.nullish(),
  memory: int.nullish(),
  memoryReservation: int.nullish(),
  links: z.array(z.string()).nullish(),
  portMappings: z.array(portMapping).nullish(),
  essential: z.boolean().nullish(),
  restartPolicy: containerRestartPolicy.nullish(),
  entryPoint: z.array(z.string()).nullish(),
  command: z.array(z.string()).nullish(),
  environment: z.array(keyValuePair).nullish(),
  environmentFiles: z.array(environmentFile).nullish(),
  mountPoints: z.array(mountPoint).nullish(),
  volumesFrom: z.array(volumeFrom).nullish(),
  linuxParameters: linuxParameters.nullish(),
  secrets: z.array(secret).nullish(),
  dependsOn: z.array(containerDependency).nullish(),
  startTimeout: int.nullish(),
  stopTimeout: int.nullish(),
  versionConsistency: z.enum(['enabled', 'disabled']).nullish(),
  hostname: z.string().nullish(),
  user: z.string().nullish(),
  workingDirectory: z.string().nullish(),
  disableNetworking: z.boolean().nullish(),
  privileged: z.boolean().nullish(),
  readonlyRootFilesystem: z.boolean().nullish(),
  dnsServers: z.array(z.string()).nullish(),
  dnsSearchDomains: z.array(z.string()).nullish(),
  extraHosts: z.array(hostEntry).nullish(),
  dockerSecurityOptions: z.array(z.string()).nullish(),
  interactive: z.boolean().nullish(),
  pseudoTerminal: z.boolean().nullish(),
  dockerLabels: freeFormMap.nullish(),
  ulimits: z.array(ulimit).nullish(),
  logConfiguration: logConfiguration.nullish(),
  healthCheck: healthCheck.nullish(),
  systemControls: z.array(systemControl).nullish(),
  resourceRequirements: z.array(resourceRequirement).nullish(),
  firelensConfiguration: firelensConfiguration.nullish(),
  credentialSpecs: z.array(z.string()).nullish(),
});

const hostVolumeProperties = z.strictObject({
  sourcePath: z.string().nullish(),
});

const dockerVolumeConfiguration = z.strictObject({
  scope: z.enum(['task', 'shared']).nullish(),
  autoprovision: z.boolean().nullish(),
  driver: z.string().nullish(),
  driverOpts: freeFormMap.nullish(),
  labels: freeFormMap.nullish(),
});

const efsAuthorizationConfig = z.strictObject({
  accessPointId: z.string().nullish(),
  iam: z.enum(['ENABLED', 'DISABLED']).nullish(),
});

const efsVolumeConfiguration = z.strictObject({
  fileSystemId: z.string(),
  rootDirectory: z.string().nullish(),
  transitEncryption: z.enum(['ENABLED', 'DISABLED']).nullish(),
  transitEncryptionPort: int.nullish(),
  authorizationConfig: efsAuthorizationConfig.nullish(),
});

const s3FilesVolumeConfiguration = z.strictObject({
  fileSystemArn: z.string(),
  rootDirectory: z.string().nullish(),
  transitEncryptionPort: int.nullish(),
  accessPointArn: z.string().nullish(),
});

const fsxWindowsFileServerAuthorizationConfig = z.strictObject({
  credentialsParameter: z.string(),
  domain: z.string(),
});

const fsxWindowsFileServerVolumeConfiguration = z.strictObject({
  fileSystemId: z.string(),
  rootDirectory: z.string(),
  authorizationConfig: fsxWindowsFileServerAuthorizationConfig,
});

const volume = z.strictObject({
  name: z.string().nullish(),
  host: hostVolumeProperties.nullish(),
  dockerVolumeConfiguration: dockerVolumeConfiguration.nullish(),
  efsVolumeConfiguration: efsVolumeConfiguration.nullish(),
  s3filesVolumeConfiguration: s3FilesVolumeConfiguration.nullish(),
  fsxWindowsFileServerVolumeConfiguration: fsxWindowsFileServerVolumeConfiguration.nullish(),
  configuredAtLaunch: z.boolean().nullish(),
});

const taskDefinitionPlacementConstraint = z.strictObject({
  type: z.enum(['memberOf']).nullish(),
  expression: z.string().nullish(),
});

const tag = z.strictObject({
  key: z.string().nullish(),
  value: z.string().nullish(),
});

const proxyConfiguration = z.strictObject({
  type: z.enum(['APPMESH']).nullish(),
  containerName: z.string(),
  properties: z.array(keyValuePair).nullish(),
});

const inferenceAccelerator = z.strictObject({
  deviceName: z.string(),
  deviceType: z.string(),
});

const ephemeralStorage = z.strictObject({
  sizeInGiB: int,
});

const runtimePlatform = z.strictObject({
  cpuArchitecture: z.enum(['X86_64', 'ARM64']).nullish(),
  operatingSystemFamily: z
    .enum([
      'WINDOWS_SERVER_2019_FULL',
      'WINDOWS_SERVER_2019_CORE',
      'WINDOWS_SERVER_2016_FULL',
      'WINDOWS_SERVER_2004_CORE',
      'WINDOWS_SERVER_2022_CORE',
      'WINDOWS_SERVER_2022_FULL',
      'WINDOWS_SERVER_2025_CORE',
      'WINDOWS_SERVER_2025_FULL',
      'WINDOWS_SERVER_20H2_CORE',
      'LINUX',
    ])
    .nullish(),
});

const attribute = z.strictObject({
  name: z.string(),
  value: z.string().nullish(),
  targetType: z.enum(['container-instance']).nullish(),
  targetId: z.string().nullish(),
});

const compatibility = z.enum(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES']);
const tags = z.array(tag).nullish();

/** RegisterTaskDefinition's request members (ecs-facts T-046). */
const requestFields = {
  family: z.string(),
  taskRoleArn: z.string().nullish(),
  executionRoleArn: z.string().nullish(),
  networkMode: z.enum(['bridge', 'host', 'awsvpc', 'none']).nullish(),
  containerDefinitions: z.array(containerDefinitionSchema),
  volumes: z.array(volume).nullish(),
  placementConstraints: z.array(taskDefinitionPlacementConstraint).nullish(),
  requiresCompatibilities: z.array(compatibility).nullish(),
  cpu: taskCpuSchema.nullish(),
  memory: taskMemorySchema.nullish(),
  tags,
  pidMode: z.enum(['host', 'task']).nullish(),
  ipcMode: z.enum(['host', 'task', 'none']).nullish(),
  proxyConfiguration: proxyConfiguration.nullish(),
  inferenceAccelerators: z.array(inferenceAccelerator).nullish(),
  ephemeralStorage: ephemeralStorage.nullish(),
  runtimePlatform: runtimePlatform.nullish(),
  enableFaultInjection: z.boolean().nullish(),
};

/** The TaskDefinition object's read-only members (ecs-facts T-060). */
const readOnlyFields = {
  taskDefinitionArn: z.string().nullish(),
  revision: int.min(1).nullish(),
  status: z.enum(['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS']).nullish(),
  requiresAttributes: z.array(attribute).nullish(),
  compatibilities: z.array(compatibility).nullish(),
  registeredAt: timestamp.nullish(),
  deregisteredAt: timestamp.nullish(),
  deleteRequestedAt: timestamp.nullish(),
  registeredBy: z.string().nullish(),
};

/** Exactly RegisterTaskDefinition's input. */
export const registerTaskDefinitionRequestSchema = z.strictObject(requestFields);

/**
 * A task definition as users paste it: RegisterTaskDefinition input, or the
 * `taskDefinition` object of a describe output (which adds the read-only fields).
 * `tags` belongs to the request; the API's TaskDefinition object has none.
 */
export const taskDefinitionDocumentSchema = z.strictObject({ ...requestFields, ...readOnlyFields });

/** The API's TaskDefinition object: the document without `tags`. */
export const taskDefinitionSchema = taskDefinitionDocumentSchema.omit({ tags: true });

/** DescribeTaskDefinition's output: `{ "taskDefinition": {...}, "tags": [...] }`. */
export const describeTaskDefinitionResponseSchema = z.strictObject({
  taskDefinition: taskDefinitionSchema,
  tags,
});

const WRAPPER_KEYS = new Set(['taskDefinition', 'tags']);
const optionalDocumentFields = Object.fromEntries(
  Object.entries({ ...requestFields, ...readOnlyFields }).map(([key, schema]) => [key, schema.nullish()]),
) as { [K in keyof typeof requestFields | keyof typeof readOnlyFields]: z.ZodOptional<z.ZodNullable<(typeof requestFields & typeof readOnlyFields)[K]>> };

/**
 * Either shape: a task-definition document, or a describe-task-definition output.
 *
 * One strict object holding the keys of both (rather than a union), so an unknown key
 * at any level gets a did-you-mean against every key it could have meant, and a wrapper
 * is told apart from a document by its `taskDefinition` key alone, never by which shape
 * produced fewer errors.
 */
export const taskDefinitionInputSchema = z
  .strictObject({ ...optionalDocumentFields, taskDefinition: taskDefinitionSchema.nullish() })
  .superRefine(
    (value, ctx) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return; // already "expected an object"
      if (value.taskDefinition != null) {
        for (const [key, field] of Object.entries(value)) {
          if (!WRAPPER_KEYS.has(key) && field != null) {
            ctx.addIssue({ code: 'custom', path: [key], message: 'belongs inside "taskDefinition" (a describe-task-definition output has only taskDefinition and tags)', input: field });
          }
        }
        return;
      }
      // Worded as the scenario loader words a missing field, so a misspelt key's did-you-mean replaces it.
      if (value.family == null) ctx.addIssue({ code: 'custom', path: ['family'], message: 'required field is missing (expected a string)', input: undefined });
      if (value.containerDefinitions == null) ctx.addIssue({ code: 'custom', path: ['containerDefinitions'], message: 'required field is missing (expected an array)', input: undefined });
    },
    // Report missing fields alongside any other problem, not only once the rest is fixed.
    { when: () => true },
  );

export type RegisterTaskDefinitionRequest = z.output<typeof registerTaskDefinitionRequestSchema>;
export type TaskDefinitionDocument = z.output<typeof taskDefinitionDocumentSchema>;
export type DescribeTaskDefinitionResponse = z.output<typeof describeTaskDefinitionResponseSchema>;
export type ContainerDefinitionDocument = z.output<typeof containerDefinitionSchema>;
/** What `register`, `validate` and `normalize` take: either shape, as parsed (or as written: parsing changes nothing). */
export type TaskDefinitionInput = z.input<typeof taskDefinitionInputSchema>;
export type TaskDefinitionTag = z.output<typeof tag>;

/** The document inside either shape, its tags, and where it sits in the input. */
export interface UnwrappedTaskDefinition {
  readonly document: TaskDefinitionDocument;
  readonly tags: readonly TaskDefinitionTag[];
  /** `['taskDefinition']` for a describe output, `[]` for a bare document: prefix issue paths with it. */
  readonly path: readonly string[];
}

/**
 * Picks the document out of a parsed input.
 * Only meaningful for input that `taskDefinitionInputSchema` accepted: a bare document is
 * then known to have `family` and `containerDefinitions`.
 */
export function unwrapTaskDefinitionInput(input: TaskDefinitionInput): UnwrappedTaskDefinition {
  if (input.taskDefinition != null) {
    return { document: input.taskDefinition as TaskDefinitionDocument, tags: input.tags ?? [], path: ['taskDefinition'] };
  }
  return { document: input as TaskDefinitionDocument, tags: input.tags ?? [], path: [] };
}
