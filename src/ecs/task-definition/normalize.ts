import { parseTaskCpu, parseTaskMemory } from './cpu-memory.js';
import { unwrapTaskDefinitionInput, type ContainerDefinitionDocument, type TaskDefinitionDocument, type TaskDefinitionInput } from './schema.js';
import type { Compatibility, ContainerDefinition, NetworkMode, PortMapping, TaskDefinition } from './types.js';
import { formatTaskDefinitionPath, LAUNCH_TYPES, validateForLaunchType } from './validate.js';

/**
 * Raw task definition (either shape) → the model's `TaskDefinition` (types.ts): ECS's
 * defaults applied, sizes parsed, seconds turned into ms, `compatibilities` computed,
 * and every accepted-but-unmodelled field listed in `ignoredFields`.
 *
 * It expects input that passed the schema and validate.ts; it does not re-check ECS's rules.
 */

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '123456789012';
/** ecs-facts T-064: Fargate's ephemeral storage when `ephemeralStorage` is absent. */
export const DEFAULT_EPHEMERAL_STORAGE_GIB = 20;
/** ecs-facts T-039, in seconds. */
export const HEALTH_CHECK_DEFAULTS = { interval: 30, timeout: 5, retries: 3, startPeriod: 0 } as const;

export interface NormalizeOptions {
  /** For the ARN; default "us-east-1". */
  readonly region?: string;
  /** For the ARN; default "123456789012". */
  readonly accountId?: string;
  /** The revision when the input carries none of its own (register input); default 1. */
  readonly revision?: number;
}

/** `arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>` */
export function taskDefinitionArn(region: string, accountId: string, family: string, revision: number): string {
  return `arn:aws:ecs:${region}:${accountId}:task-definition/${family}:${revision}`;
}

const ARN = /^arn:aws[a-z-]*:ecs:([^:]+):([^:]+):task-definition\/([^:/]+)(?::(\d+))?$/;

/** The parts of a task-definition ARN, or undefined when `arn` is not one. */
export function parseTaskDefinitionArn(arn: string): { region: string; accountId: string; family: string; revision?: number } | undefined {
  const m = ARN.exec(arn);
  if (m === null) return undefined;
  const parts = { region: m[1] as string, accountId: m[2] as string, family: m[3] as string };
  return m[4] === undefined ? parts : { ...parts, revision: Number(m[4]) };
}

/**
 * @throws CpuMemoryError when task cpu or memory is not a form ECS accepts (validate first).
 */
export function normalizeTaskDefinition(input: TaskDefinitionInput, options: NormalizeOptions = {}): TaskDefinition {
  const { document: doc } = unwrapTaskDefinitionInput(input);
  const revision = doc.revision ?? options.revision ?? 1;
  const windows = doc.runtimePlatform?.operatingSystemFamily?.startsWith('WINDOWS') === true;
  // ecs-facts T-049: bridge by default on Linux, the "default" (NAT) mode on Windows. Fargate
  // requires awsvpc to be written out, which validate.ts checks.
  const networkMode: NetworkMode = doc.networkMode ?? (windows ? 'default' : 'bridge');
  const operatingSystemFamily = doc.runtimePlatform?.operatingSystemFamily;

  return {
    family: doc.family,
    revision,
    taskDefinitionArn: arnOf(doc, revision, options),
    status: doc.status ?? 'ACTIVE',
    networkMode,
    requiresCompatibilities: [...new Set((doc.requiresCompatibilities ?? []).filter(isModelled))],
    compatibilities: compatibilitiesOf(input),
    runtimePlatform: {
      // ecs-facts T-066: LINUX on X86_64 unless stated.
      cpuArchitecture: doc.runtimePlatform?.cpuArchitecture ?? 'X86_64',
      // WINDOWS_SERVER_2016_FULL is refused by validate.ts: the model has no such family.
      operatingSystemFamily: operatingSystemFamily == null || operatingSystemFamily === 'WINDOWS_SERVER_2016_FULL' ? 'LINUX' : operatingSystemFamily,
    },
    ...(doc.cpu != null ? { cpu: parseTaskCpu(doc.cpu) } : {}),
    ...(doc.memory != null ? { memory: parseTaskMemory(doc.memory) } : {}),
    ...(doc.executionRoleArn != null ? { executionRoleArn: doc.executionRoleArn } : {}),
    ...(doc.taskRoleArn != null ? { taskRoleArn: doc.taskRoleArn } : {}),
    containerDefinitions: doc.containerDefinitions.map((c) => normalizeContainer(c, networkMode)),
    placementConstraints: (doc.placementConstraints ?? []).map((pc) => ({ type: 'memberOf' as const, expression: pc.expression ?? '' })),
    ephemeralStorageGiB: doc.ephemeralStorage?.sizeInGiB ?? DEFAULT_EPHEMERAL_STORAGE_GIB,
    ignoredFields: ignoredFieldsOf(input),
  };
}

function isModelled(c: string): c is Compatibility {
  return (LAUNCH_TYPES as readonly string[]).includes(c);
}

/** A pasted ARN is kept when it names this family and revision; otherwise one is made. */
function arnOf(doc: TaskDefinitionDocument, revision: number, options: NormalizeOptions): string {
  const pasted = doc.taskDefinitionArn == null ? undefined : parseTaskDefinitionArn(doc.taskDefinitionArn);
  if (doc.taskDefinitionArn != null && pasted?.family === doc.family && pasted.revision === revision) return doc.taskDefinitionArn;
  return taskDefinitionArn(options.region ?? DEFAULT_REGION, options.accountId ?? DEFAULT_ACCOUNT_ID, doc.family, revision);
}

/**
 * The launch types this definition passes ECS's checks for, as EXTERNAL, EC2, FARGATE.
 *
 * ecs-facts T-061 (UNVERIFIED): ECS's rule for `compatibilities` is undocumented. ecs-sim
 * lists every modelled launch type whose registration checks the definition passes,
 * whatever `requiresCompatibilities` says. That matches the public outputs seen: a bridge
 * or none-mode definition gets ["EXTERNAL", "EC2"] (even with requiresCompatibilities
 * ["EC2"]), an awsvpc definition with a Fargate size gets ["EC2", "FARGATE"]. EC2 is in
 * practice always present: its checks are a subset of the others'. A pasted
 * `compatibilities` is recomputed, not trusted, so an edited paste stays consistent.
 */
export function compatibilitiesOf(input: TaskDefinitionInput): Compatibility[] {
  return LAUNCH_TYPES.filter((lt) => validateForLaunchType(input, lt).length === 0);
}

function normalizeContainer(c: ContainerDefinitionDocument, networkMode: NetworkMode): ContainerDefinition {
  const hc = c.healthCheck;
  const logDriver = c.logConfiguration?.logDriver;
  const credentials = c.repositoryCredentials?.credentialsParameter;
  return {
    name: c.name,
    image: c.image,
    cpu: c.cpu ?? 0, // ecs-facts T-027: "0" when unset
    ...(c.memory != null ? { memory: c.memory } : {}),
    ...(c.memoryReservation != null ? { memoryReservation: c.memoryReservation } : {}),
    essential: c.essential ?? true, // ecs-facts T-034
    portMappings: (c.portMappings ?? []).flatMap((pm): PortMapping[] => {
      // A containerPortRange mapping has no single port; it is listed in ignoredFields instead.
      if (pm.containerPort == null) return [];
      const hostPort = networkMode === 'awsvpc' || networkMode === 'host' ? pm.containerPort : pm.hostPort; // ecs-facts T-050
      return [
        {
          containerPort: pm.containerPort,
          // Absent means dynamic (bridge); 0 says the same, so it is dropped (ecs-facts T-051).
          ...(hostPort != null && hostPort !== 0 ? { hostPort } : {}),
          protocol: pm.protocol ?? 'tcp',
          ...(pm.name != null ? { name: pm.name } : {}),
        },
      ];
    }),
    ...(hc != null
      ? {
          healthCheck: {
            command: [...hc.command],
            intervalMs: (hc.interval ?? HEALTH_CHECK_DEFAULTS.interval) * 1000,
            timeoutMs: (hc.timeout ?? HEALTH_CHECK_DEFAULTS.timeout) * 1000,
            retries: hc.retries ?? HEALTH_CHECK_DEFAULTS.retries,
            startPeriodMs: (hc.startPeriod ?? HEALTH_CHECK_DEFAULTS.startPeriod) * 1000,
          },
        }
      : {}),
    dependsOn: (c.dependsOn ?? []).map((d) => ({ containerName: d.containerName, condition: d.condition })),
    ...(c.startTimeout != null ? { startTimeoutMs: c.startTimeout * 1000 } : {}),
    ...(c.stopTimeout != null ? { stopTimeoutMs: c.stopTimeout * 1000 } : {}),
    secrets: (c.secrets ?? []).map((s) => ({ name: s.name, valueFrom: s.valueFrom })),
    // An entry without a name sets nothing; it is listed in ignoredFields.
    environment: (c.environment ?? []).flatMap((e) => (e.name == null ? [] : [{ name: e.name, value: e.value ?? '' }])),
    ...(logDriver != null ? { logDriver } : {}),
    ...(credentials != null ? { repositoryCredentialsParameter: credentials } : {}),
    ...gpusOf(c),
  };
}

/** What the model reads: `true` for the whole subtree, or the modelled keys of an object (applied to each item of a list). */
type Modelled = true | { readonly [key: string]: Modelled };

const CONTAINER: Modelled = {
  name: true,
  image: true,
  cpu: true,
  memory: true,
  memoryReservation: true,
  essential: true,
  portMappings: { containerPort: true, hostPort: true, protocol: true, name: true },
  healthCheck: true,
  dependsOn: true,
  startTimeout: true,
  stopTimeout: true,
  secrets: true,
  environment: true,
  logConfiguration: { logDriver: true },
  repositoryCredentials: true,
  // Each item by its type, in ignoredFieldsOf.
  resourceRequirements: true,
};

const DOCUMENT: Modelled = {
  family: true,
  revision: true,
  taskDefinitionArn: true,
  status: true,
  networkMode: true,
  requiresCompatibilities: true,
  // Recomputed rather than read, but nothing in it goes unused.
  compatibilities: true,
  runtimePlatform: true,
  cpu: true,
  memory: true,
  executionRoleArn: true,
  taskRoleArn: true,
  containerDefinitions: CONTAINER,
  placementConstraints: true,
  ephemeralStorage: true,
};

/**
 * Paths of the fields the input sets that the model does not read, each listed once, in
 * field order (the API's order once parsed), at the highest unmodelled level
 * (`containerDefinitions[0].linuxParameters`, not each of its members). Fields that set
 * nothing (null, `[]`, objects of nulls) are not listed; `false` and `0` are. Paths are
 * relative to the task-definition object; a describe output's own `tags` is `tags`.
 */
export function ignoredFieldsOf(input: TaskDefinitionInput): string[] {
  const { document: doc, tags } = unwrapTaskDefinitionInput(input);
  const out = new Set<string>();
  walk(doc, DOCUMENT, [], out);
  if (tags.length > 0) out.add('tags');
  (doc.requiresCompatibilities ?? []).forEach((c, i) => {
    if (!isModelled(c)) out.add(formatTaskDefinitionPath(['requiresCompatibilities', i])); // MANAGED_INSTANCES
  });
  doc.containerDefinitions.forEach((c, i) => {
    (c.environment ?? []).forEach((e, j) => {
      if (e.name == null && e.value != null) out.add(formatTaskDefinitionPath(['containerDefinitions', i, 'environment', j]));
    });
    // ecs-facts T-116: GPU requirements reserve the instance's GPUs; other types change nothing.
    (c.resourceRequirements ?? []).forEach((r, j) => {
      if (r.type !== 'GPU') out.add(formatTaskDefinitionPath(['containerDefinitions', i, 'resourceRequirements', j]));
    });
  });
  return [...out];
}

/** Null, `[]`, and objects whose members are all empty (`{ "capabilities": null }`) set nothing. */
function isEmpty(value: unknown): boolean {
  if (value == null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.values(value).every(isEmpty);
}

function walk(value: unknown, modelled: Modelled, path: (string | number)[], out: Set<string>): void {
  if (modelled === true || isEmpty(value)) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, modelled, [...path, i], out));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (isEmpty(child)) continue;
    const sub = modelled[key];
    if (sub === undefined) out.add(formatTaskDefinitionPath([...path, key]));
    else walk(child, sub, [...path, key], out);
  }
}

/** ecs-facts T-116: a GPU requirement's value is a whole number of GPUs; summed if given twice. */
function gpusOf(c: ContainerDefinitionDocument): { gpus?: number } {
  const gpus = (c.resourceRequirements ?? []).filter((r) => r.type === 'GPU').reduce((sum, r) => sum + Number(r.value), 0);
  return gpus > 0 ? { gpus } : {};
}
