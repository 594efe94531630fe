import { formatPath, type FieldPath } from '../errors.js';
import { CLI_OUTPUT_KINDS } from '../import/cli-outputs.js';
import { runningTasks } from '../import/build-scenario.js';
import { emptyInventory, type ContainerInstanceInfo } from '../import/inventory.js';

/**
 * What users paste (issue 18): AWS CLI outputs and console exports, not API inputs. The
 * scenario loader unwraps them before validation (a describe-services output becomes the
 * CreateService inputs it holds) and drops what no API input takes (read-only fields,
 * nulls), then says exactly what it dropped, as warnings in the RunResult and the CLI
 * summary: nothing goes silently.
 */

/** A warning about the scenario that does not stop it: what was unwrapped, dropped or assumed. */
export interface ScenarioWarning {
  /** Where, as a field path of the scenario: `timeline[0].createService`. */
  readonly at: string;
  readonly message: string;
  /** The field paths it concerns (relative to `at`), when it names some: every one, never a sample. */
  readonly fields?: readonly string[];
}

/**
 * The `Service` object's members (ecs-facts S-125) that CreateService does not take
 * (ecs-facts S-119): state ECS reports (ecs-facts PS-001). `roleArn` is CreateService's
 * `role`, and is carried over as such.
 */
export const SERVICE_READ_ONLY_FIELDS: readonly string[] = [
  'serviceArn',
  'clusterArn',
  'status',
  'runningCount',
  'pendingCount',
  'platformFamily',
  'taskSets',
  'deployments',
  'roleArn',
  'events',
  'createdAt',
  'currentServiceDeployment',
  'currentServiceRevisions',
  'createdBy',
  'resourceManagementType',
];
const SERVICE_READ_ONLY = new Set(SERVICE_READ_ONLY_FIELDS);

/** The TaskDefinition object's read-only members (ecs-facts T-060), by what ecs-sim does with each. */
export const TASK_DEFINITION_READ_ONLY_FIELDS: Readonly<Record<string, 'used' | 'recomputed' | 'dropped'>> = {
  taskDefinitionArn: 'used', // kept when it names this family and revision
  revision: 'used',
  status: 'used',
  compatibilities: 'recomputed', // ecs-facts T-061
  requiresAttributes: 'dropped',
  registeredAt: 'dropped',
  registeredBy: 'dropped',
  deregisteredAt: 'dropped',
  deleteRequestedAt: 'dropped',
};

/** The scenario data with pasted shapes unwrapped, what was done, and how to point back into the file. */
export interface Unpasted {
  readonly data: unknown;
  readonly warnings: readonly ScenarioWarning[];
  /** The path in the file of a path in `data` (they differ where an output was unwrapped). */
  originalPath(path: FieldPath): FieldPath;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A path prefix in the unwrapped data and the one it came from in the file. */
interface Moved {
  readonly to: FieldPath;
  readonly from: FieldPath;
}

/**
 * Unwraps the pasted shapes of a scenario's data (not validated yet; anything else is left
 * as it is, for the schema to judge):
 * - a timeline `createService` given a describe-services output (`{services, failures}`):
 *   its first service in place, the others as more `createService` entries at the same
 *   `at` (after the timeline's own), its failures dropped and named;
 * - a `createService` given a describe-services `Service` (or a console export of one):
 *   its read-only fields dropped (ecs-facts S-125), `roleArn` carried as `role`, and nulls
 *   dropped at every level (null means absent, as in the task definitions' schema).
 * Input data is not changed.
 */
export function unwrapPasted(data: unknown): Unpasted {
  const moved: Moved[] = [];
  const warnings: ScenarioWarning[] = [];
  const instanceRefs = new Map<string, string>();
  const states: Json[] = [];
  const unpasted = unwrapSections(data, moved, warnings, instanceRefs, states);
  // Tasks start on their instances before those are set DRAINING (both wait for the instance's registration).
  return { ...unpasted, data: withTimelineEntries(unwrapRunningTasks(unpasted.data, moved, warnings, instanceRefs), states) };
}

/** The data with `entries` at the end of its timeline. */
function withTimelineEntries(data: unknown, entries: readonly Json[]): unknown {
  if (entries.length === 0 || !isObject(data)) return data;
  return { ...data, timeline: [...(Array.isArray(data['timeline']) ? (data['timeline'] as unknown[]) : []), ...entries] };
}

function unwrapSections(data: unknown, moved: Moved[], warnings: ScenarioWarning[], instanceRefs: Map<string, string>, states: Json[]): Unpasted {
  const originalPath = (path: FieldPath): FieldPath => {
    let best: Moved | undefined;
    for (const m of moved) if (startsWith(path, m.to) && (best === undefined || m.to.length > best.to.length)) best = m;
    return best === undefined ? path : [...best.from, ...path.slice(best.to.length)];
  };
  if (!isObject(data)) return { data, warnings, originalPath };
  const ecs = isObject(data['ecs']) ? unwrapInstances(data['ecs'], moved, warnings, instanceRefs, states) : data['ecs'];
  if (ecs !== data['ecs']) data = { ...data, ecs };
  const elb = isObject(data) && isObject(data['elb']) ? unwrapElb(data['elb'], moved, warnings) : undefined;
  if (isObject(data) && elb !== undefined && elb !== data['elb']) data = { ...data, elb };
  if (!isObject(data) || !Array.isArray(data['timeline'])) return { data, warnings, originalPath };
  const timeline = data['timeline'] as unknown[];
  const added: unknown[] = [];
  const out = timeline.map((entry, i) => {
    if (!isObject(entry) || !isObject(entry['createService'])) return entry;
    const input = entry['createService'];
    const at: FieldPath = ['timeline', i, 'createService'];
    if (isDescribeServicesOutput(input)) {
      const services = input['services'] as unknown[];
      const failures = Array.isArray(input['failures']) ? (input['failures'] as unknown[]) : [];
      const unwrapped = services.map((s, k) => {
        const from: FieldPath = [...at, 'services', k];
        const to: FieldPath = k === 0 ? at : ['timeline', timeline.length + added.length + k - 1, 'createService'];
        moved.push({ to, from });
        return serviceInput(s, formatPath(from), warnings, k === 0 ? 'a describe-services output: its first service is this CreateService' : `a describe-services output's service ${k + 1}: created at the same time, after the timeline's own entries`);
      });
      const others = Object.keys(input).filter((key) => key !== 'services' && (key !== 'failures' || failures.length > 0));
      if (others.length > 0 || failures.length > 0) {
        warnings.push({ at: formatPath(at), message: 'a describe-services output: dropped what is not a service (failures name services DescribeServices did not find)', fields: others });
      }
      unwrapped.slice(1).forEach((s) => added.push({ ...entry, createService: s }));
      return { ...entry, createService: unwrapped[0] };
    }
    // create-service, update-service and delete-service print `{ "service": {...} }` (ecs-facts PS-006).
    if (isServiceCallOutput(input)) {
      moved.push({ to: at, from: [...at, 'service'] });
      return { ...entry, createService: serviceInput(input['service'], formatPath([...at, 'service']), warnings, 'a create-service (or update-service) output: its service is this CreateService') };
    }
    if (looksLikeServiceOutput(input)) return { ...entry, createService: serviceInput(input, formatPath(at), warnings, 'a describe-services service (or console export)') };
    return entry;
  });
  if (added.length === 0 && out.every((e, i) => e === timeline[i])) return { data, warnings, originalPath };
  return { data: { ...data, timeline: [...out, ...added] }, warnings, originalPath };
}

/**
 * `ecs.runningTasks`, a describe-tasks output (ecs-facts I-010), read as the import reads it
 * (import/build-scenario.ts `runningTasks`): a service's tasks are left to the service
 * (the timeline's createService starts its desiredCount), named in the warning; a
 * standalone task that ran on an instance of a pasted describe-container-instances output
 * (`ecs.instances`) starts there again by a startTask entry the moment that instance has
 * registered; the others are started again by runTask entries with their revision, group,
 * startedBy and launch type, at 0s on Fargate and at EC2_RUN_TASK_AT on EC2 (once instances
 * have registered), placed by ECS; stopping or stopped tasks are left out.
 */
function unwrapRunningTasks(data: unknown, moved: Moved[], warnings: ScenarioWarning[], instanceRefs: ReadonlyMap<string, string>): unknown {
  if (!isObject(data) || !isObject(data['ecs']) || data['ecs']['runningTasks'] === undefined) return data;
  const { runningTasks: output, ...ecs } = data['ecs'];
  const at: FieldPath = ['ecs', 'runningTasks'];
  const kind = CLI_OUTPUT_KINDS.find((k) => k.command === 'aws ecs describe-tasks');
  if (kind === undefined || !isObject(output) || !kind.matches(output)) {
    warnings.push({ at: formatPath(at), message: 'expected a describe-tasks output ({tasks: [...], failures: [...]}); dropped', fields: ['runningTasks'] });
    return { ...data, ecs };
  }
  const inv = emptyInventory();
  kind.add(inv, output, formatPath(at), (value, path) => ({ value, from: formatPath([...at, ...path]), issue: (p: FieldPath, message: string) => ({ path: [...at, ...path, ...p], message }) }) as never);
  const timeline = Array.isArray(data['timeline']) ? (data['timeline'] as unknown[]) : [];
  const services = timeline.flatMap((e) => (isObject(e) && isObject(e['createService']) ? [e['createService']] : []));
  // The task definition by revision (family:revision), as the scenario registers it; it reports one it lacks.
  const familyOf = (ref: string): string | undefined => {
    const m = /task-definition\/([^:/]+):(\d+)$/.exec(ref) ?? /^([^:/]+):(\d+)$/.exec(ref);
    return m === null ? undefined : `${m[1]}:${m[2]}`;
  };
  // A service's tasks carry its name as their label: a RunTask of the same family gets its own.
  const taken = new Set([...services.map((s) => s['serviceName']), ...timeline.flatMap((e) => (isObject(e) ? ['runTask', 'startTask'].flatMap((verb) => (isObject(e[verb]) ? [e[verb]['label']] : [])) : []))]);
  const reruns = runningTasks(inv, services, familyOf, new Map(), instanceRefs).map((r) => (taken.has(r.input['label']) ? { ...r, input: { ...r.input, label: `${String(r.input['label'])}-task` } } : r));
  const added = reruns.map((r, k) => {
    const first = /tasks\[(\d+)\]/.exec(r.from)?.[1];
    const to: FieldPath = ['timeline', timeline.length + k, r.verb];
    if (first !== undefined) moved.push({ to, from: [...at, 'tasks', Number(first)] }, { to: [...to, 'taskDefinition'], from: [...at, 'tasks', Number(first), 'taskDefinitionArn'] });
    return { at: r.at, [r.verb]: r.input };
  });
  const zones = [...new Set(reruns.flatMap((r) => r.fargateZones))].sort();
  const fargate = reruns.some((r) => r.fargate) && ecs['fargate'] === undefined ? { fargate: zones.length === 0 ? {} : { availabilityZones: zones } } : {};
  const tasks = Array.isArray(output['tasks']) ? (output['tasks'] as unknown[]) : [];
  const rerun = reruns.reduce((n, r) => n + r.count, 0);
  const entries = (verb: string): string => {
    const n = reruns.filter((r) => r.verb === verb).length;
    return `${n} ${verb} entr${n === 1 ? 'y' : 'ies'}`;
  };
  const calls = [...new Set(reruns.map((r) => r.verb))].sort().map(entries).join(' and ');
  const failures = Array.isArray(output['failures']) && (output['failures'] as unknown[]).length > 0 ? ['failures'] : [];
  warnings.push({
    at: formatPath(at),
    message: `a describe-tasks output: ${tasks.length} task${tasks.length === 1 ? '' : 's'}; ${reruns.length === 0 ? 'no standalone task is started again' : `${rerun} standalone task${rerun === 1 ? '' : 's'} started again by ${calls} at the end of the timeline (${reruns.map((r) => `${String(r.input['label'])} ${r.verb === 'startTask' ? `on ${(r.input['containerInstances'] as string[]).join(', ')} as it registers` : `at ${r.at}`}`).join(', ')})`}${'fargate' in fargate ? `, with an ecs.fargate section for them (zones ${zones.join(', ') || 'default'})` : ''}${inv.assumed.length === 0 ? '' : `; ${inv.assumed.join('; ')}`}; the rest is state ECS reports, dropped`,
    fields: [...inv.ignored, ...failures],
  });
  return { ...data, ecs: { ...ecs, ...fargate }, timeline: [...timeline, ...added] };
}

/** The ecs section with `instances` given as a describe-container-instances output made instance groups. */
function unwrapInstances(ecs: Json, moved: Moved[], warnings: ScenarioWarning[], instanceRefs: Map<string, string>, states: Json[]): Json {
  const output = ecs['instances'];
  if (!isObject(output)) return ecs;
  const made = containerInstanceGroups(output, ['ecs', 'instances'], warnings, instanceRefs, states);
  if (made === undefined) return ecs;
  made.firstIndex.forEach((i, k) => moved.push({ to: ['ecs', 'instances', k], from: ['ecs', 'instances', 'containerInstances', i] }));
  return { ...ecs, instances: made.groups };
}

/** `{ services: [...], failures?: [...] }` with at least one service and no CreateService field of its own. */
function isDescribeServicesOutput(v: Json): boolean {
  return Array.isArray(v['services']) && (v['services'] as unknown[]).length > 0 && (v['services'] as unknown[]).every(isObject) && !('serviceName' in v);
}

/** `{ service: {...} }` and nothing else, the service a `Service` object (it has a serviceName): what create-service prints. */
function isServiceCallOutput(v: Json): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === 'service' && isObject(v['service']) && typeof v['service']['serviceName'] === 'string';
}

/** A `Service` object: it carries read-only members or nulls, which no CreateService input has. */
function looksLikeServiceOutput(v: Json): boolean {
  return Object.keys(v).some((k) => SERVICE_READ_ONLY.has(k)) || nullPaths(v, []).length > 0;
}

/**
 * A describe-services `Service` as CreateService input: read-only members dropped,
 * `roleArn` as `role`, nulls dropped; one warning names every field dropped, relative to `at`.
 */
function serviceInput(service: unknown, at: string, warnings: ScenarioWarning[], what: string): unknown {
  if (!isObject(service)) return service;
  const nulls = nullPaths(service, []);
  const clean = withoutNulls(service) as Json;
  const readOnly = Object.keys(clean).filter((k) => SERVICE_READ_ONLY.has(k));
  const kept: Json = {};
  for (const [k, v] of Object.entries(clean)) if (!SERVICE_READ_ONLY.has(k)) kept[k] = v;
  // DescribeServices prints the service's role as roleArn; CreateService takes it as role.
  const role = typeof clean['roleArn'] === 'string' && kept['role'] === undefined;
  if (role) kept['role'] = clean['roleArn'];
  const parts = [
    readOnly.length === 0 ? undefined : `${readOnly.length} read-only field${readOnly.length === 1 ? '' : 's'} dropped (state ECS reports, not CreateService input; ecs-facts S-125)${role ? ', roleArn carried over as role' : ''}`,
    nulls.length === 0 ? undefined : `${nulls.length} null${nulls.length === 1 ? '' : 's'} dropped (null means absent)`,
  ].filter((p): p is string => p !== undefined);
  warnings.push({ at, message: `${what}: ${parts.join('; ') || 'nothing to drop'}`, fields: [...readOnly, ...nulls] });
  return kept;
}

/**
 * What a pasted task definition carries beyond RegisterTaskDefinition's input, said once
 * per entry: the describe wrapper, the read-only fields (and what becomes of each), and
 * every null (they set nothing). Undefined when it is a plain register input.
 */
export function pastedTaskDefinitionWarning(input: unknown, at: string): ScenarioWarning | undefined {
  if (!isObject(input)) return undefined;
  const wrapped = isObject(input['taskDefinition']);
  const doc = wrapped ? (input['taskDefinition'] as Json) : input;
  const prefix: FieldPath = wrapped ? ['taskDefinition'] : [];
  const readOnly = Object.keys(TASK_DEFINITION_READ_ONLY_FIELDS).filter((k) => doc[k] !== undefined && doc[k] !== null);
  const nulls = nullPaths(input, []);
  if (!wrapped && readOnly.length === 0 && nulls.length === 0) return undefined;
  const fate = (f: string): string[] => readOnly.filter((k) => TASK_DEFINITION_READ_ONLY_FIELDS[k] === f);
  const parts = [
    wrapped ? 'a describe-task-definition (or register-task-definition) output: its taskDefinition is registered (ecs-facts PS-003)' : 'a task definition with read-only fields (a describe output or console export)',
    ...(fate('used').length === 0 ? [] : [`read-only ${andList(fate('used'))} kept`]),
    ...(fate('recomputed').length === 0 ? [] : ['compatibilities recomputed (ecs-facts T-061)']),
    ...(fate('dropped').length === 0 ? [] : [`read-only ${andList(fate('dropped'))} dropped (state ECS reports; no effect)`]),
    ...(nulls.length === 0 ? [] : [`${nulls.length} null${nulls.length === 1 ? '' : 's'} dropped (null means absent)`]),
  ];
  return { at, message: parts.join('; '), fields: [...readOnly.map((k) => formatPath([...prefix, k])), ...nulls] };
}

/** Every path holding null, depth first in field order, formatted (`containerDefinitions[0].linuxParameters`). */
export function nullPaths(value: unknown, path: FieldPath): string[] {
  if (value === null) return [formatPath(path)];
  if (Array.isArray(value)) return value.flatMap((v, i) => nullPaths(v, [...path, i]));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => nullPaths(v, [...path, k]));
  return [];
}

/** A copy without nulls (a null item of a list is dropped too, as absent). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  return value;
}

/** `base`, or `base-2`, `base-3`, ... when taken. */
function uniqueName(base: string, taken: readonly unknown[]): string {
  let name = base;
  for (let k = 2; taken.includes(name); k += 1) name = `${base}-${k}`;
  return name;
}

function andList(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/** ContainerInstance members the instance groups are made of (ecs-facts I-002, T-083); the rest is state ECS reports. */
const CONTAINER_INSTANCE_READ = new Set(['attributes', 'status', 'agentConnected', 'capacityProviderName', 'registeredResources']);

/**
 * `ecs.instances` given a describe-container-instances output: its container instances as
 * instance groups, one per instance type, AZ, OS and custom attributes (the import's own
 * reading of each instance, import/cli-outputs.ts). What an instance group cannot say is
 * named: the instances' state (DRAINING, a disconnected agent: they start ACTIVE and
 * connected), their capacity provider, and every member read from none.
 */
export function containerInstanceGroups(output: Json, at: FieldPath, warnings: ScenarioWarning[], instanceRefs: Map<string, string> = new Map(), states: Json[] = []): { groups: Json[]; firstIndex: number[] } | undefined {
  const kind = CLI_OUTPUT_KINDS.find((k) => k.command === 'aws ecs describe-container-instances');
  if (kind === undefined || !kind.matches(output)) return undefined;
  const inv = emptyInventory();
  const where = formatPath(at);
  kind.add(inv, output, where, (value, path) => ({ value, from: where, issue: (p: FieldPath, message: string) => ({ path: [...at, ...path, ...p], message }) }) as never);
  const groups = new Map<string, { group: Json; firstIndex: number }>();
  const notes: string[] = [];
  inv.containerInstances.forEach((item, i) => {
    const v = item.value as ContainerInstanceInfo;
    // A DRAINING instance is kept and set DRAINING again the moment it registers (ecs-facts T-079), as the import does; a deregistered one is left out.
    if (v.status !== 'ACTIVE' && v.status !== 'DRAINING') {
      notes.push(`containerInstances[${i}] is ${v.status}: left out (only ACTIVE and DRAINING instances are in a cluster)`);
      return;
    }
    if (v.capacityProviderName !== undefined) notes.push(`containerInstances[${i}] belongs to capacity provider ${v.capacityProviderName}: declare it in ecs.capacityProviders to use it`);
    const key = JSON.stringify([v.instanceType, v.availabilityZone, v.osType, Object.entries(v.attributes).sort()]);
    const found = groups.get(key);
    // Each group is in one zone: its n-th instance is `<group>/<n>`, where tasks of ecs.runningTasks that ran on it start again.
    const state = (ref: string): void => {
      if (v.containerInstanceArn !== undefined) instanceRefs.set(v.containerInstanceArn, ref);
      if (v.status === 'DRAINING') {
        states.push({ at: '0s', updateContainerInstancesState: { instance: ref, status: 'DRAINING', waitForRegistration: true } });
        notes.push(`containerInstances[${i}] is DRAINING: ${ref} is set DRAINING the moment it registers (an updateContainerInstancesState entry at the end of the timeline)`);
      }
      if (!v.agentConnected) {
        states.push({ at: '0s', disconnectAgent: { instance: ref, waitForRegistration: true } });
        notes.push(`containerInstances[${i}] has its agent disconnected: ${ref}'s agent disconnects the moment it registers (a disconnectAgent entry at the end of the timeline; ECS notices after 1-2 minutes)`);
      }
    };
    if (found !== undefined) {
      state(`${String(found.group['name'])}/${String(found.group['count'])}`);
      found.group['count'] = (found.group['count'] as number) + 1;
      return;
    }
    const group: Json = {
      name: uniqueName(`${v.instanceType}-${v.availabilityZone}`.replace(/[^A-Za-z0-9_-]/g, '-'), [...groups.values()].map((g) => g.group['name'])),
      count: 1,
      instanceType: v.instanceType,
      availabilityZones: [v.availabilityZone],
      ...(Object.keys(v.attributes).length === 0 ? {} : { attributes: { ...v.attributes } }),
      ...(v.osType === 'windows' ? { osType: 'windows' } : {}),
    };
    groups.set(key, { group, firstIndex: i });
    state(`${String(group['name'])}/0`);
  });
  const instances = Array.isArray(output['containerInstances']) ? (output['containerInstances'] as unknown[]) : [];
  const dropped = [...new Set(instances.flatMap((ci) => (isObject(ci) ? Object.keys(ci).filter((k) => !CONTAINER_INSTANCE_READ.has(k) && ci[k] !== null) : [])))].map((k) => `containerInstances[].${k}`);
  const nulls = instances.flatMap((ci, i) => nullPaths(ci, ['containerInstances', i]));
  const failures = Array.isArray(output['failures']) && (output['failures'] as unknown[]).length > 0 ? ['failures'] : [];
  const n = [...groups.values()].reduce((sum, g) => sum + (g.group['count'] as number), 0);
  warnings.push({
    at: where,
    message: `a describe-container-instances output: ${n} container instance${n === 1 ? '' : 's'} as ${groups.size} instance group${groups.size === 1 ? '' : 's'} (by instance type, AZ, OS and custom attributes; they boot at 0s); the agent's other built-in attributes are ecs-sim's own (ecs-facts T-083); state ECS reports dropped${notes.length === 0 ? '' : `; ${notes.join('; ')}`}`,
    fields: [...dropped, ...nulls, ...failures],
  });
  const list = [...groups.values()];
  return { groups: list.map((g) => g.group), firstIndex: list.map((g) => g.firstIndex) };
}

/** CreateTargetGroup's members (the elb section's target group); a TargetGroup object has these and its identity. */
const CREATE_TARGET_GROUP = new Set(['Protocol', 'ProtocolVersion', 'Port', 'VpcId', 'TargetType', 'HealthCheckEnabled', 'HealthCheckProtocol', 'HealthCheckPort', 'HealthCheckPath', 'HealthCheckIntervalSeconds', 'HealthCheckTimeoutSeconds', 'HealthyThresholdCount', 'UnhealthyThresholdCount', 'Matcher', 'IpAddressType', 'Tags']);
/** CreateLoadBalancer's members the elb section reads; AvailabilityZones is read from each zone's ZoneName. */
const CREATE_LOAD_BALANCER = new Set(['Type', 'Scheme', 'SecurityGroups', 'IpAddressType', 'Tags']);
/** CreateListener's members the elb section reads. */
const CREATE_LISTENER = new Set(['Port', 'Protocol', 'DefaultActions', 'Certificates', 'SslPolicy', 'AlpnPolicy', 'Tags']);

/**
 * The elb section with AWS CLI outputs in place of its lists (ecs-facts I-003 to I-005):
 * `targetGroups` a describe-target-groups output, `loadBalancers` a describe-load-balancers
 * output, whose listeners come from a describe-listeners output given as `listeners` (matched
 * by LoadBalancerArn). Their names become the section's names, so the real ARNs the outputs
 * and the services carry resolve by the name in them. Everything else is named as dropped.
 */
function unwrapElb(elb: Json, moved: Moved[], warnings: ScenarioWarning[]): Json {
  let out = elb;
  const groups = elb['targetGroups'];
  if (isObject(groups) && Array.isArray(groups['TargetGroups'])) {
    const at: FieldPath = ['elb', 'targetGroups'];
    const dropped: string[] = [];
    const list = (groups['TargetGroups'] as unknown[]).map((tg, k) => {
      moved.push({ to: [...at, k], from: [...at, 'TargetGroups', k] }, { to: [...at, k, 'Name'], from: [...at, 'TargetGroups', k, 'TargetGroupName'] });
      return renamed(tg, 'TargetGroupName', CREATE_TARGET_GROUP, `TargetGroups[${k}]`, dropped);
    });
    warnings.push({ at: formatPath(at), message: `a describe-target-groups output: ${list.length} target group${list.length === 1 ? '' : 's'}, named by TargetGroupName (their ARNs resolve by that name); what CreateTargetGroup does not take dropped`, fields: [...dropped, ...otherKeys(groups, 'TargetGroups')] });
    out = { ...out, targetGroups: list };
  }
  const lbs = elb['loadBalancers'];
  const listeners = elb['listeners'];
  if (isObject(lbs) && Array.isArray(lbs['LoadBalancers'])) {
    const at: FieldPath = ['elb', 'loadBalancers'];
    const dropped: string[] = [];
    const given = isObject(listeners) && Array.isArray(listeners['Listeners']) ? (listeners['Listeners'] as unknown[]) : [];
    const used = new Set<number>();
    const placed = new Map<string, PlacedListener>();
    const list = (lbs['LoadBalancers'] as unknown[]).map((lb, k) => {
      moved.push({ to: [...at, k], from: [...at, 'LoadBalancers', k] }, { to: [...at, k, 'Name'], from: [...at, 'LoadBalancers', k, 'LoadBalancerName'] });
      const made = renamed(lb, 'LoadBalancerName', CREATE_LOAD_BALANCER, `LoadBalancers[${k}]`, dropped, ['AvailabilityZones']);
      if (!isObject(lb) || !isObject(made)) return made;
      made['AvailabilityZones'] = (Array.isArray(lb['AvailabilityZones']) ? (lb['AvailabilityZones'] as unknown[]) : []).map((z) => (isObject(z) ? z['ZoneName'] : z));
      const mine: unknown[] = [];
      given.forEach((l, j) => {
        if (!isObject(l) || l['LoadBalancerArn'] !== lb['LoadBalancerArn']) return;
        used.add(j);
        const to: FieldPath = [...at, k, 'Listeners', mine.length];
        moved.push({ to, from: ['elb', 'listeners', 'Listeners', j] });
        const listener = renamed(l, undefined, CREATE_LISTENER, `listeners.Listeners[${j}]`, dropped);
        if (isObject(listener) && typeof l['ListenerArn'] === 'string') placed.set(l['ListenerArn'], { listener, path: to });
        mine.push(listener);
      });
      made['Listeners'] = mine;
      return made;
    });
    const orphans = given.map((_, j) => j).filter((j) => !used.has(j)).map((j) => `listeners.Listeners[${j}] (no load balancer of the output has its LoadBalancerArn)`);
    warnings.push({
      at: formatPath(at),
      message: `a describe-load-balancers output: ${list.length} load balancer${list.length === 1 ? '' : 's'}, named by LoadBalancerName, AZs from AvailabilityZones[].ZoneName${given.length === 0 ? '' : ', listeners from elb.listeners (describe-listeners) by LoadBalancerArn'}; what CreateLoadBalancer and CreateListener do not take dropped`,
      fields: [...dropped, ...otherKeys(lbs, 'LoadBalancers'), ...orphans],
    });
    const { listeners: _listeners, ...rest } = out;
    out = { ...rest, loadBalancers: list };
    if (elb['rules'] !== undefined) attachRules(elb['rules'], placed, moved, warnings);
  } else if (elb['rules'] !== undefined) {
    warnings.push({ at: 'elb.rules', message: 'describe-rules outputs are matched to the listeners of a pasted describe-listeners output (elb.listeners, with elb.loadBalancers a describe-load-balancers output); without them the rules are dropped', fields: ['rules'] });
  }
  const { rules: _rules, ...rest } = out;
  return rest;
}

/** A pasted listener where it went in the unwrapped elb section, by its ListenerArn. */
interface PlacedListener {
  readonly listener: Json;
  readonly path: FieldPath;
}

/** A describe-rules condition's fields the model routes on (ecs-facts L-039). */
const MODELLED_CONDITIONS = new Set(['path-pattern', 'host-header']);
/** A describe-rules action's types the model takes (ecs-facts L-040). */
const MODELLED_ACTIONS = new Set(['forward', 'fixed-response']);
const RULE_CONDITION = new Set(['Field', 'Values', 'PathPatternConfig', 'HostHeaderConfig']);
const RULE_ACTION = new Set(['Type', 'TargetGroupArn', 'ForwardConfig', 'FixedResponseConfig', 'Order']);

/** The listener ARN of a rule: describe-rules prints none, a rule's ARN is its listener's with the rule id added (ecs-facts I-005). */
export function listenerArnOfRule(ruleArn: unknown): string | undefined {
  return typeof ruleArn === 'string' && ruleArn.includes(':listener-rule/') ? ruleArn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '') : undefined;
}

/**
 * `elb.rules`, one describe-rules output or a list of them (one per listener, as
 * `aws elbv2 describe-rules --listener-arn` prints them), onto the pasted listeners:
 * each rule goes to the listener its RuleArn names; the default rule (IsDefault) gives the
 * listener's default action; a rule with a condition or action the model lacks is left out
 * whole (its requests then go on to the next rule) and named with what it lacks.
 */
function attachRules(input: unknown, targets: ReadonlyMap<string, PlacedListener>, moved: Moved[], warnings: ScenarioWarning[]): void {
  const outputs: { rules: unknown[]; from: FieldPath; where: string }[] = [];
  if (isObject(input) && Array.isArray(input['Rules'])) outputs.push({ rules: input['Rules'] as unknown[], from: ['elb', 'rules', 'Rules'], where: 'rules.Rules' });
  else if (Array.isArray(input)) input.forEach((o, n) => { if (isObject(o) && Array.isArray(o['Rules'])) outputs.push({ rules: o['Rules'] as unknown[], from: ['elb', 'rules', n, 'Rules'], where: `rules[${n}].Rules` }); });
  if (outputs.length === 0) {
    warnings.push({ at: 'elb.rules', message: 'expected a describe-rules output ({Rules: [...]}) or a list of them; dropped', fields: ['rules'] });
    return;
  }
  const dropped: string[] = [];
  let kept = 0;
  let defaults = 0;
  for (const { rules, from, where } of outputs) {
    rules.forEach((rule, r) => {
      const at = `${where}[${r}]`;
      if (!isObject(rule)) return;
      const target = targets.get(listenerArnOfRule(rule['RuleArn']) ?? '');
      if (target === undefined) return void dropped.push(`${at} (no listener of elb.listeners has the ListenerArn its RuleArn names)`);
      const conditions = Array.isArray(rule['Conditions']) ? (rule['Conditions'] as unknown[]) : [];
      const actions = Array.isArray(rule['Actions']) ? (rule['Actions'] as unknown[]) : [];
      const lacks = [
        ...conditions.filter((c) => !isObject(c) || !MODELLED_CONDITIONS.has(String(c['Field']))).map((c) => `its ${isObject(c) ? String(c['Field']) : 'unknown'} condition`),
        ...actions.filter((a) => !isObject(a) || !MODELLED_ACTIONS.has(String(a['Type']))).map((a) => `its ${isObject(a) ? String(a['Type']) : 'unknown'} action`),
        ...(actions.length > 1 ? [`its ${actions.length} actions (one forward or fixed-response action is modelled)`] : []),
      ];
      const isDefault = rule['IsDefault'] === true || rule['Priority'] === 'default';
      if (lacks.length > 0) {
        return void dropped.push(`${at} (${isDefault ? 'the default rule' : `priority ${String(rule['Priority'])}`}: ${andList([...new Set(lacks)])} not modelled; ${isDefault ? "the listener keeps describe-listeners' default action" : 'the rule is left out, its requests go on to the next rule'})`);
      }
      const picked = { Actions: actions.map((a) => pick(a, RULE_ACTION, `${at}.Actions`, dropped)) };
      if (isDefault) {
        moved.push({ to: [...target.path, 'DefaultActions'], from: [...from, r, 'Actions'] });
        target.listener['DefaultActions'] = picked.Actions;
        defaults += 1;
        dropped.push(`${at}.RuleArn`, `${at}.IsDefault`, `${at}.Priority`);
        return;
      }
      const list = Array.isArray(target.listener['Rules']) ? (target.listener['Rules'] as unknown[]) : [];
      moved.push({ to: [...target.path, 'Rules', list.length], from: [...from, r] }, { to: [...target.path, 'Rules', list.length, 'Actions'], from: [...from, r, 'Actions'] });
      target.listener['Rules'] = [...list, { Priority: Number(rule['Priority']), Conditions: conditions.map((c) => pick(c, RULE_CONDITION, `${at}.Conditions`, dropped)), ...picked }];
      for (const k of Object.keys(rule)) if (!['Priority', 'Conditions', 'Actions'].includes(k)) dropped.push(`${at}.${k}`);
      kept += 1;
    });
  }
  warnings.push({
    at: 'elb.rules',
    message: `describe-rules output${outputs.length === 1 ? '' : 's'}: ${kept} rule${kept === 1 ? '' : 's'} onto the listeners their RuleArn names, ${defaults} default rule${defaults === 1 ? '' : 's'} as the listener's default action; what the model lacks named, what CreateRule does not take dropped`,
    fields: dropped,
  });
}

/** An output object with only the `keep` members (nulls dropped); the others named in `dropped`, once per member name. */
function pick(item: unknown, keep: ReadonlySet<string>, where: string, dropped: string[]): unknown {
  if (!isObject(item)) return item;
  const out: Json = {};
  for (const [k, v] of Object.entries(item)) {
    if (v !== null && keep.has(k)) out[k] = withoutNulls(v);
    else if (!dropped.includes(`${where}[].${k}`)) dropped.push(`${where}[].${k}`);
  }
  return out;
}

/** An output item as its create input: `nameKey` as Name, the `keep` members, nulls and the rest dropped (named in `dropped`, under `where`). */
function renamed(item: unknown, nameKey: string | undefined, keep: ReadonlySet<string>, where: string, dropped: string[], handled: readonly string[] = []): unknown {
  if (!isObject(item)) return item;
  const out: Json = nameKey === undefined ? {} : { Name: item[nameKey] };
  for (const [k, v] of Object.entries(item)) {
    if (k === nameKey || handled.includes(k)) continue;
    if (v === null) dropped.push(`${where}.${k}`);
    else if (keep.has(k)) out[k] = withoutNulls(v);
    else dropped.push(`${where}.${k}`);
  }
  return out;
}

/** The members of an output beside its list (NextMarker, ...), as dropped. */
function otherKeys(output: Json, listKey: string): string[] {
  return Object.keys(output).filter((k) => k !== listKey);
}
