import { formatPath, InputError, type Issue } from '../../issues/index.js';
import { CpuMemoryError, describeMemoryOptions, FARGATE_TASK_SIZES, FARGATE_WINDOWS_CPUS, fargateMemoryOptions, joinOr, parseTaskCpu, parseTaskMemory } from './cpu-memory.js';
import { unwrapTaskDefinitionInput, type ContainerDefinitionDocument, type TaskDefinitionDocument, type TaskDefinitionInput } from './schema.js';

/**
 * ECS's own checks on RegisterTaskDefinition, as data: each issue has the field path
 * (relative to the task-definition object, so inside `taskDefinition` for a describe
 * output) and a message in ECS's words.
 *
 * Where ECS's exact ClientException text is known it is used verbatim and marked
 * `ECS text` with its source; ecs-sim adds detail after it (which container, what was
 * given, what is allowed). Texts marked `ECS style` follow ECS's phrasing where no real
 * text was found. The input is expected to have passed the schema (schema.ts).
 */

/** One problem of a task definition: the one issue shape (src/issues), its path from the task definition's root. */
export type TaskDefinitionIssue = Issue;

/** A task definition ECS would refuse, or a reference to one it does not have: the one input error, its issues as data. */
export class TaskDefinitionError extends InputError {
  override readonly name: string = 'TaskDefinitionError';
  constructor(issues: readonly TaskDefinitionIssue[]) {
    super(issues);
    // One line per issue in the order found, without the ✖ (the scenario loader adds file and line).
    this.message = issues.map((i) => (i.path.length === 0 ? i.message : `${formatPath(i.path)}: ${i.message}`)).join('\n');
  }
}

/** `containerDefinitions[0].portMappings[1].hostPort`: the one path formatter (src/issues). */
export const formatTaskDefinitionPath = formatPath;

/** The launch types ECS validates a task definition against (ecs-facts T-052). */
export type LaunchType = 'EC2' | 'FARGATE' | 'EXTERNAL';

/** The launch types ecs-sim models, in the order `compatibilities` lists them (normalize.ts). */
export const LAUNCH_TYPES: readonly LaunchType[] = ['EXTERNAL', 'EC2', 'FARGATE'];

/** ecs-facts T-059: at most 10 container definitions per task definition. */
export const MAX_CONTAINERS = 10;
/** ecs-facts T-054 (current docs): task cpu on EC2 and EXTERNAL. */
export const EC2_TASK_CPU_RANGE = { min: 128, max: 196_608 } as const;
/** ecs-facts T-064 conflict resolved to the current API text: "minimum 21 GiB, maximum 200 GiB". */
export const EPHEMERAL_STORAGE_RANGE_GIB = { min: 21, max: 200 } as const;

/**
 * Every issue ECS would raise when registering this definition: the checks for all task
 * definitions, then those of each launch type in `requiresCompatibilities` (EC2's when
 * it is empty or absent). An empty list means ECS would accept it.
 */
export function validateTaskDefinition(input: TaskDefinitionInput): TaskDefinitionIssue[] {
  const facts = factsOf(unwrapTaskDefinitionInput(input).document);
  const required = requiredLaunchTypes(facts.doc);
  const issues = [...commonIssues(facts), ...required.flatMap((lt) => launchTypeIssues(facts, lt))];
  return dedupe(issues);
}

/**
 * The issues that would stop ECS accepting this definition for one launch type, beyond
 * those every definition must pass. normalize.ts derives `compatibilities` from it.
 */
export function validateForLaunchType(input: TaskDefinitionInput, launchType: LaunchType): TaskDefinitionIssue[] {
  return dedupe(launchTypeIssues(factsOf(unwrapTaskDefinitionInput(input).document), launchType));
}

/** `requiresCompatibilities` limited to modelled launch types, or EC2 when none is given. */
export function requiredLaunchTypes(doc: TaskDefinitionDocument): LaunchType[] {
  const listed = (doc.requiresCompatibilities ?? []).filter((c): c is LaunchType => (LAUNCH_TYPES as readonly string[]).includes(c));
  return listed.length > 0 ? [...new Set(listed)] : ['EC2'];
}

type Path = (string | number)[];
type Sized = { ok: true; value: number } | { ok: false; message: string } | undefined;

interface Facts {
  readonly doc: TaskDefinitionDocument;
  readonly containers: readonly ContainerDefinitionDocument[];
  readonly cpu: Sized;
  readonly memory: Sized;
  readonly windows: boolean;
}

function factsOf(doc: TaskDefinitionDocument): Facts {
  return {
    doc,
    containers: doc.containerDefinitions,
    cpu: sized(doc.cpu, parseTaskCpu),
    memory: sized(doc.memory, parseTaskMemory),
    windows: doc.runtimePlatform?.operatingSystemFamily?.startsWith('WINDOWS') === true,
  };
}

function sized(value: string | number | null | undefined, parse: (v: string | number) => number): Sized {
  if (value == null) return undefined;
  try {
    return { ok: true, value: parse(value) };
  } catch (error) {
    if (error instanceof CpuMemoryError) return { ok: false, message: error.message };
    throw error;
  }
}

const valueOf = (s: Sized): number | undefined => (s?.ok === true ? s.value : undefined);
const containerPath = (i: number, ...rest: Path): Path => ['containerDefinitions', i, ...rest];
const who = (c: ContainerDefinitionDocument): string => `'${c.name}'`;

// ecs-facts T-048: family and container names are up to 255 letters, numbers, "_" and "-".
const NAME = /^[A-Za-z0-9_-]{1,255}$/;

function commonIssues(f: Facts): TaskDefinitionIssue[] {
  const out: TaskDefinitionIssue[] = [];
  const add = (path: Path, message: string): void => {
    out.push({ path, message });
  };
  const { doc, containers } = f;

  if (!NAME.test(doc.family)) {
    // ECS style (API doc wording for `family`).
    add(['family'], `Invalid family ${JSON.stringify(doc.family)}: up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.`);
  }
  if (f.cpu?.ok === false) add(['cpu'], f.cpu.message);
  if (f.memory?.ok === false) add(['memory'], f.memory.message);
  if (doc.runtimePlatform?.operatingSystemFamily === 'WINDOWS_SERVER_2016_FULL') {
    // Not ECS's check: the model's OperatingSystemFamily has no 2016 value (types.ts).
    add(['runtimePlatform', 'operatingSystemFamily'], 'ecs-sim does not model WINDOWS_SERVER_2016_FULL; use WINDOWS_SERVER_2019_FULL or a later Windows family.');
  }
  const storage = doc.ephemeralStorage?.sizeInGiB;
  if (storage != null && (storage < EPHEMERAL_STORAGE_RANGE_GIB.min || storage > EPHEMERAL_STORAGE_RANGE_GIB.max)) {
    // ECS style; range from the API's EphemeralStorage doc (ecs-facts T-064).
    add(['ephemeralStorage', 'sizeInGiB'], `Invalid 'ephemeralStorage' setting for task. The minimum supported value is ${EPHEMERAL_STORAGE_RANGE_GIB.min} GiB and the maximum supported value is ${EPHEMERAL_STORAGE_RANGE_GIB.max} GiB (got ${storage}).`);
  }
  (doc.placementConstraints ?? []).forEach((pc, i) => {
    if (pc.expression == null || pc.expression.trim() === '') add(['placementConstraints', i, 'expression'], 'A memberOf placement constraint needs an expression, such as "attribute:ecs.instance-type =~ t3.*".');
  });

  if (containers.length === 0) {
    add(['containerDefinitions'], 'Container list cannot be empty.'); // ECS text: awsdocs/aws-cloudformation-user-guide#454
    return out;
  }
  if (containers.length > MAX_CONTAINERS) {
    // ECS text "Too many containers." (aws/amazon-ecs-cli#184); ecs-facts T-059.
    add(['containerDefinitions'], `Too many containers. A task definition can have at most ${MAX_CONTAINERS} container definitions (got ${containers.length}).`);
  }

  const firstByName = new Map<string, number>();
  containers.forEach((c, i) => {
    if (c.name.trim() === '') add(containerPath(i, 'name'), 'Container.name should not be null or empty.'); // ECS text: hashicorp/terraform#2888
    else if (!NAME.test(c.name)) add(containerPath(i, 'name'), 'Container.name contains invalid characters.'); // ECS text: ansible/ansible#22860
    else {
      const first = firstByName.get(c.name);
      // ECS text: Shippable/support#2946.
      if (first !== undefined) add(containerPath(i, 'name'), `Container names must be unique within a Task Definition. '${c.name}' is also the name of containerDefinitions[${first}].`);
      else firstByName.set(c.name, i);
    }
    if (c.image.trim() === '') add(containerPath(i, 'image'), 'Container.image should not be null or empty.'); // ECS style, as for Container.name
    containerResourceIssues(f, c, i, add);
    healthCheckIssues(c, i, add);
    for (const field of ['startTimeout', 'stopTimeout'] as const) {
      const v = c[field];
      if (v != null && v < 0) add(containerPath(i, field), `Invalid '${field}' setting for container ${who(c)}. Expected a number of seconds >= 0 (got ${v}).`); // ECS style
    }
    if (c.hostname != null && doc.networkMode === 'awsvpc') {
      add(containerPath(i, 'hostname'), 'hostname is not supported on container when networkMode=awsvpc.'); // ECS text: labd/ecs-deplojo#26
    }
  });

  if (doc.executionRoleArn == null) {
    // ECS text, RegisterTaskDefinition's ClientException on any launch type (seen in AWS CLI
    // output in several public repositories); ecs-facts T-097: secrets need the execution role.
    const i = containers.findIndex((c) => (c.secrets ?? []).length > 0);
    if (i >= 0) add(containerPath(i, 'secrets'), "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.");
  }
  if (!containers.some((c) => c.essential !== false)) {
    // ECS text: eagletmt/hako#68. ecs-facts T-034.
    add(['containerDefinitions'], "Task definition doesn't have any essential container.");
  }
  dependencyIssues(containers, add);
  portIssues(f, add);
  taskSumIssues(f, add);
  return out;
}

function containerResourceIssues(f: Facts, c: ContainerDefinitionDocument, i: number, add: (path: Path, message: string) => void): void {
  // ECS style: "Invalid '<field>' setting for container '<name>'." after ECS's "Invalid 'containerPort' setting ...".
  if (c.cpu != null && c.cpu < 0) add(containerPath(i, 'cpu'), `Invalid 'cpu' setting for container ${who(c)}. Expected CPU units >= 0 (got ${c.cpu}).`);
  if (c.memory != null && c.memory <= 0) add(containerPath(i, 'memory'), `Invalid 'memory' setting for container ${who(c)}. Expected MiB > 0 (got ${c.memory}).`);
  if (c.memoryReservation != null && c.memoryReservation <= 0) {
    add(containerPath(i, 'memoryReservation'), `Invalid 'memoryReservation' setting for container ${who(c)}. Expected MiB > 0 (got ${c.memoryReservation}).`);
  }
  // ecs-facts T-057: memory must exceed memoryReservation. Equal values are accepted here: ECS
  // registers them (awsdocs/amazon-ecs-developer-guide#242, aws/amazon-ecs-cli#570), although its docs say "greater than".
  if (c.memory != null && c.memoryReservation != null && c.memory > 0 && c.memoryReservation > c.memory) {
    add(containerPath(i, 'memoryReservation'), `Invalid setting for container ${who(c)}. 'memoryReservation' (${c.memoryReservation} MiB) cannot be greater than 'memory' (${c.memory} MiB).`);
  }
  const taskMemory = valueOf(f.memory);
  if (taskMemory !== undefined && c.memory != null && c.memory > taskMemory) {
    // ECS text: pulumi/pulumi-awsx#188 and #1220.
    add(containerPath(i, 'memory'), `The 'memory' setting for container ${who(c)} is greater than for the task. (${c.memory} MiB > ${taskMemory} MiB)`);
  }
}

/** ecs-facts T-039: ranges in seconds. */
const HEALTH_CHECK_RANGES = {
  interval: [5, 300],
  timeout: [2, 60],
  retries: [1, 10],
  startPeriod: [0, 300],
} as const;

function healthCheckIssues(c: ContainerDefinitionDocument, i: number, add: (path: Path, message: string) => void): void {
  const hc = c.healthCheck;
  if (hc == null) return;
  if (hc.command.length === 0) add(containerPath(i, 'healthCheck', 'command'), `Invalid 'healthCheck' setting for container ${who(c)}. The command must start with CMD or CMD-SHELL, such as ["CMD-SHELL", "curl -f http://localhost/ || exit 1"].`);
  for (const [field, [min, max]] of Object.entries(HEALTH_CHECK_RANGES)) {
    const v = hc[field as keyof typeof HEALTH_CHECK_RANGES];
    if (v == null || (v >= min && v <= max)) continue;
    // ECS style; the range sentence is the API's HealthCheck doc.
    const unit = field === 'retries' ? 'retries' : 'seconds';
    add(containerPath(i, 'healthCheck', field), `Invalid 'healthCheck.${field}' setting for container ${who(c)}. You may specify between ${min} and ${max} ${unit} (got ${v}).`);
  }
}

function dependencyIssues(containers: readonly ContainerDefinitionDocument[], add: (path: Path, message: string) => void): void {
  const byName = new Map<string, ContainerDefinitionDocument>();
  for (const c of containers) if (!byName.has(c.name)) byName.set(c.name, c);
  containers.forEach((c, i) => {
    (c.dependsOn ?? []).forEach((dep, j) => {
      const target = byName.get(dep.containerName);
      if (target === undefined) {
        // ECS text, stray "+" and all: dagster-io/dagster#6926.
        add(containerPath(i, 'dependsOn', j, 'containerName'), `Cannot depend on container + '${dep.containerName}' because it does not exist`);
        return;
      }
      if ((dep.condition === 'COMPLETE' || dep.condition === 'SUCCESS') && target.essential !== false) {
        // ECS text: boto/boto3#2436, klothoplatform/klotho#892. ecs-facts T-035.
        add(containerPath(i, 'dependsOn', j, 'condition'), `A dependency container with SUCCESS or COMPLETE condition cannot be an essential container (container '${target.name}' is essential).`);
      }
      if (dep.condition === 'HEALTHY' && target.healthCheck == null) {
        // ECS style; ecs-facts T-035: HEALTHY "requires that the dependent container has health checks configured".
        add(containerPath(i, 'dependsOn', j, 'condition'), `Container ${who(c)} depends on container '${target.name}' being HEALTHY, but '${target.name}' has no healthCheck.`);
      }
    });
  });
  // A cycle would leave every container in it waiting for ever (not an ECS text found).
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (name: string, trail: string[]): void => {
    const c = byName.get(name);
    if (c === undefined || state.get(name) === 'done') return;
    state.set(name, 'visiting');
    (c.dependsOn ?? []).forEach((dep, j) => {
      if (state.get(dep.containerName) === 'visiting') {
        const cycle = [...trail.slice(trail.indexOf(dep.containerName)), name, dep.containerName];
        const key = [...cycle].sort().join(' ');
        if (!reported.has(key)) {
          reported.add(key);
          add(containerPath(containers.indexOf(c), 'dependsOn', j), `Container dependencies form a cycle: ${cycle.join(' -> ')}.`);
        }
      } else {
        visit(dep.containerName, [...trail, name]);
      }
    });
    state.set(name, 'done');
  };
  for (const c of containers) visit(c.name, []);
}

function portIssues(f: Facts, add: (path: Path, message: string) => void): void {
  const mode = f.doc.networkMode; // absent: bridge on Linux, "default" on Windows (ecs-facts T-049)
  const hostMapped = mode === 'awsvpc' || mode === 'host';
  const hostPorts = new Map<string, true>();
  const reportedHostPorts = new Set<string>();
  f.containers.forEach((c, i) => {
    const mappings = c.portMappings ?? [];
    if (mode === 'none' && mappings.length > 0) {
      // ECS style; ecs-facts T-049: the none mode allows no port mappings.
      add(containerPath(i, 'portMappings'), `Port mappings are not supported when networkMode=none (container ${who(c)} has ${mappings.length}).`);
      return;
    }
    const containerPorts = new Set<string>();
    mappings.forEach((pm, j) => {
      const path = containerPath(i, 'portMappings', j);
      const protocol = pm.protocol ?? 'tcp';
      if (pm.containerPort == null) {
        // ECS text "Invalid 'containerPort' setting for container '<name>'." (aws/aws-cli#7288, aws/aws-cdk#8762).
        if (pm.containerPortRange == null) add([...path, 'containerPort'], `Invalid 'containerPort' setting for container ${who(c)}. A port mapping needs a containerPort (or a containerPortRange).`);
        return;
      }
      if (pm.containerPort < 1 || pm.containerPort > 65535) {
        add([...path, 'containerPort'], `Invalid 'containerPort' setting for container ${who(c)}. Expected a port from 1 to 65535 (got ${pm.containerPort}).`);
        return;
      }
      if (pm.hostPort != null && (pm.hostPort < 0 || pm.hostPort > 65535)) {
        add([...path, 'hostPort'], `Invalid 'hostPort' setting for container ${who(c)}. Expected a port from 0 to 65535 (got ${pm.hostPort}).`); // ECS style
        return;
      }
      // ecs-facts T-050: in awsvpc and host modes hostPort is blank or equal to containerPort (0 is read as blank).
      if (hostMapped && pm.hostPort != null && pm.hostPort !== 0 && pm.hostPort !== pm.containerPort) {
        // ECS text for awsvpc: pulumi/pulumi-awsx#935, aws/amazon-ecs-cli#1014; the host-mode text is by analogy.
        add([...path, 'hostPort'], `When networkMode=${mode}, the host ports and container ports in port mappings must match. (hostPort ${pm.hostPort}, containerPort ${pm.containerPort})`);
        return;
      }
      const containerKey = `${protocol}/${pm.containerPort}`;
      if (containerPorts.has(containerKey)) {
        // ECS text: terraform-aws-modules/terraform-aws-ecs#89 (an InvalidParameterException there).
        add([...path, 'containerPort'], `Container port ${pm.containerPort} is used in more than one port mapping for container ${c.name}`);
        return;
      }
      containerPorts.add(containerKey);
      const hostPort = hostMapped ? pm.containerPort : pm.hostPort;
      if (hostPort == null || hostPort === 0) return; // dynamic in bridge mode (ecs-facts T-051)
      const hostKey = `${protocol}/${hostPort}`;
      if (hostPorts.has(hostKey)) {
        if (!reportedHostPorts.has(hostKey)) {
          reportedHostPorts.add(hostKey);
          // ECS text: aws/amazon-ecs-agent#1220.
          add([...path, hostMapped ? 'containerPort' : 'hostPort'], `${protocol.toUpperCase()} host port '${hostPort}' is mapped multiple times in task.`);
        }
      } else {
        hostPorts.set(hostKey, true);
      }
    });
  });
}

function taskSumIssues(f: Facts, add: (path: Path, message: string) => void): void {
  const taskMemory = valueOf(f.memory);
  if (taskMemory !== undefined) {
    // ecs-facts T-057: placement counts memoryReservation if set, otherwise memory. ECS refuses a sum
    // above the task's memory; an equal sum is accepted ("cannot be greater than").
    const reserved = f.containers.reduce((sum, c) => sum + (c.memoryReservation ?? c.memory ?? 0), 0);
    // A container that alone exceeds the task already has its own issue.
    const oneTooBig = f.containers.some((c) => c.memory != null && c.memory > taskMemory);
    if (reserved > taskMemory && !oneTooBig) {
      const soft = f.containers.some((c) => c.memoryReservation != null);
      // ECS text for 'memoryReservation': cloudnativedaysjp/dreamkast-infra#4766; the 'memory' form is by analogy.
      add(['memory'], `The sum of all container '${soft ? 'memoryReservation' : 'memory'}' values cannot be greater than the value of the task 'memory'. (${reserved} MiB > ${taskMemory} MiB)`);
    }
  }
  const taskCpu = valueOf(f.cpu);
  if (taskCpu !== undefined) {
    const sum = f.containers.reduce((s, c) => s + (c.cpu ?? 0), 0);
    // ECS text: klothoplatform/klotho#892.
    if (sum > taskCpu) add(['cpu'], `The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'. (${sum} > ${taskCpu} units)`);
  }
}

function launchTypeIssues(f: Facts, launchType: LaunchType): TaskDefinitionIssue[] {
  const out: TaskDefinitionIssue[] = [];
  const add = (path: Path, message: string): void => {
    out.push({ path, message });
  };
  if (launchType === 'FARGATE') {
    fargateIssues(f, add);
    return out;
  }
  // EC2 and EXTERNAL.
  const cpu = valueOf(f.cpu);
  if (cpu !== undefined && (cpu < EC2_TASK_CPU_RANGE.min || cpu > EC2_TASK_CPU_RANGE.max)) {
    // ECS text (ecs-facts T-056) + the EC2 range of ecs-facts T-054.
    add(['cpu'], `Invalid 'cpu' setting for task. On ${launchType}, task cpu must be from ${EC2_TASK_CPU_RANGE.min} to ${EC2_TASK_CPU_RANGE.max} units (0.125 to 192 vCPU) (got ${cpu}).`);
  }
  if (f.memory === undefined) {
    f.containers.forEach((c, i) => {
      if (c.memory == null && c.memoryReservation == null) {
        // ECS text: ecs-facts T-058 (and sil-org/ecs-deploy#59, aws/aws-cli#4453). ecs-facts T-057.
        add(containerPath(i), `Invalid setting for container ${who(c)}. At least one of 'memory' or 'memoryReservation' must be specified.`);
      }
    });
  }
  if (launchType === 'EXTERNAL' && f.doc.networkMode === 'awsvpc') {
    // ECS style; ecs-facts T-104: external instances do not support awsvpc.
    add(['networkMode'], "The EXTERNAL launch type does not support network mode 'awsvpc'. Use bridge, host or none on Linux, or the default mode on Windows.");
  }
  return out;
}

// A private ECR image: <account>.dkr.ecr.<region>.amazonaws.com[.cn]/... (public.ecr.aws needs no auth).
const PRIVATE_ECR = /^\d{12}\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\//;

/** ECS's answer to a Fargate cpu/memory pair off its table (ecs-facts T-114). */
function noFargateConfiguration(cpu: number, memory: number): string {
  return `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. See the Amazon ECS documentation for the valid values.`;
}

function fargateIssues(f: Facts, add: (path: Path, message: string) => void): void {
  const { doc } = f;
  // ECS text (curly quotes included): ecs-facts T-058, aws/amazon-ecs-cli#1145.
  if (doc.networkMode !== 'awsvpc') add(['networkMode'], 'Fargate only supports network mode ‘awsvpc’.');
  // ECS texts: ecs-facts T-058.
  if (f.cpu === undefined) add(['cpu'], "Fargate requires that 'cpu' be defined at the task level.");
  if (f.memory === undefined) add(['memory'], "Fargate requires that 'memory' be defined at the task level.");
  const cpu = valueOf(f.cpu);
  const memory = valueOf(f.memory);
  if (cpu !== undefined) {
    const options = fargateMemoryOptions(cpu);
    if (f.windows && cpu < (FARGATE_WINDOWS_CPUS[0] as number)) {
      // API text (RegisterTaskDefinition `memory` doc). ecs-facts T-055.
      add(['cpu'], `The CPU units cannot be less than 1 vCPU when you use Windows containers on Fargate. (got ${cpu})`);
    } else if (f.windows && options !== undefined && !FARGATE_WINDOWS_CPUS.includes(cpu)) {
      // ECS style; ecs-facts T-055: the 8 and 16 vCPU sizes need Linux platform 1.4.0.
      add(['cpu'], `Invalid 'cpu' setting for task. Windows containers on Fargate take 1024, 2048 or 4096 CPU units (got ${cpu}).`);
    } else if (options === undefined) {
      // ECS's text for a pair off Fargate's table (ecs-facts T-114), or T-056 without a memory; then the table of T-055.
      const text = memory === undefined ? `Invalid 'cpu' setting for task.` : noFargateConfiguration(cpu, memory);
      add(['cpu'], `${text} Fargate supports ${joinOr([...FARGATE_TASK_SIZES.keys()])} CPU units (got ${cpu}).`);
    } else if (memory !== undefined && !options.includes(memory)) {
      // ECS's text (ecs-facts T-114), then what Fargate takes with this cpu (T-055).
      add(['memory'], `${noFargateConfiguration(cpu, memory)} With ${cpu} CPU units, Fargate accepts memory of ${describeMemoryOptions(options)} (got ${memory}).`);
    }
  }
  if (doc.ipcMode != null) add(['ipcMode'], 'Tasks using the Fargate launch type do not support ipcMode.'); // ECS text: cn-terraform/terraform-aws-ecs-fargate#2
  // ECS text as quoted by getmoto/moto's ECS mock (mirrors AWS; unverified against AWS itself).
  if (doc.pidMode === 'host') add(['pidMode'], "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'.");
  // ecs-facts T-065: parameters invalid on Fargate. "do not support <field>." follows the ipcMode text.
  if ((doc.placementConstraints ?? []).length > 0) add(['placementConstraints'], 'Tasks using the Fargate launch type do not support placementConstraints.');
  let ecrReported = false;
  let awslogsReported = false;
  f.containers.forEach((c, i) => {
    const unsupported = (field: string, path: Path = containerPath(i, field)): void => add(path, `Tasks using the Fargate launch type do not support ${field}.`);
    if (c.disableNetworking === true) unsupported('disableNetworking');
    if (c.privileged === true) unsupported('privileged');
    for (const field of ['links', 'dnsServers', 'dnsSearchDomains', 'dockerSecurityOptions', 'extraHosts'] as const) {
      if ((c[field] ?? []).length > 0) unsupported(field);
    }
    const lp = c.linuxParameters;
    if (lp?.maxSwap != null) unsupported('maxSwap', containerPath(i, 'linuxParameters', 'maxSwap'));
    if (lp?.swappiness != null) unsupported('swappiness', containerPath(i, 'linuxParameters', 'swappiness'));
    (lp?.capabilities?.add ?? []).forEach((cap, k) => {
      // API text (KernelCapabilities.add doc). ecs-facts T-065.
      if (cap !== 'SYS_PTRACE' && cap !== 'CAP_SYS_PTRACE') add(containerPath(i, 'linuxParameters', 'capabilities', 'add', k), `Tasks launched on Fargate only support adding the SYS_PTRACE kernel capability. (got ${cap})`);
    });
    (c.resourceRequirements ?? []).forEach((rr, k) => {
      if (rr.type === 'GPU') add(containerPath(i, 'resourceRequirements', k), 'Tasks using the Fargate launch type do not support GPU resource requirements.');
    });
    for (const field of ['startTimeout', 'stopTimeout'] as const) {
      const v = c[field];
      // API text: "The valid values for Fargate are 2-120 seconds." ecs-facts T-029, T-032.
      if (v != null && v >= 0 && (v < 2 || v > 120)) add(containerPath(i, field), `Invalid '${field}' setting for container ${who(c)}. The valid values for Fargate are 2-120 seconds (got ${v}).`);
    }
    if (doc.executionRoleArn == null) {
      // ECS texts: ecs-facts T-058. ecs-facts T-097: Fargate pulls private ECR images and ships awslogs with the execution role.
      if (!ecrReported && PRIVATE_ECR.test(c.image)) {
        ecrReported = true;
        add(containerPath(i, 'image'), 'Fargate requires task definition to have execution role ARN to support ECR images.');
      }
      if (!awslogsReported && c.logConfiguration?.logDriver === 'awslogs') {
        awslogsReported = true;
        add(containerPath(i, 'logConfiguration', 'logDriver'), 'Fargate requires task definition to have execution role ARN to support log driver awslogs.');
      }
    }
  });
}

function dedupe(issues: readonly TaskDefinitionIssue[]): TaskDefinitionIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = JSON.stringify([i.path, i.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
