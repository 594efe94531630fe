import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import type { RunResult } from '../../src/result/index.js';
import { FIXTURES, tempDir } from '../support.js';

/** Real documents as users paste them (test/fixtures/paste-corpus; its README says where each comes from). */
export const CORPUS = join(FIXTURES, 'paste-corpus');

export function corpusText(name: string): string {
  return readFileSync(join(CORPUS, name), 'utf8');
}

export function corpus(name: string): unknown {
  return JSON.parse(corpusText(name)) as unknown;
}

/** JSON as a YAML flow value indented under a key: what a user gets pasting it into a scenario. */
export function pasted(value: unknown, indent: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(indent)}`);
}

/** Writes the scenario and the named corpus files beside it; returns the scenario's path. */
export function writeScenario(yaml: string, files: readonly string[] = []): string {
  const dir = tempDir();
  for (const f of files) writeFileSync(join(dir, f), corpusText(f));
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, yaml);
  return file;
}

/** Loads and runs a scenario file as `ecs-sim run` does; its result. */
export function runFile(file: string): RunResult {
  return runScenario(loadScenarioFile(file)).result;
}

/** A leaf of a JSON document: a scalar, or an empty list or mapping (which sets nothing). */
export interface Leaf {
  readonly path: string;
  readonly value: unknown;
}

/** Every leaf of `value`, with its path as the loader formats one (`containerDefinitions[0].portMappings[0].hostPort`). */
export function leaves(value: unknown, path = ''): Leaf[] {
  if (Array.isArray(value)) return value.length === 0 ? [{ path, value }] : value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? [{ path, value }] : entries.flatMap(([k, v]) => leaves(v, path === '' ? k : `${path}.${k}`));
  }
  return [{ path, value }];
}

/** `prefix` names `path` or a field above it. */
export function covers(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/**
 * What the model reads, as path patterns (`[]` any index, `*` any subtree): the spec of
 * "modelled" the corpus is checked against. Everything else a document sets must be named,
 * in `ignoredFields` or a warning.
 */
export const MODELLED = {
  // src/ecs/task-definition/normalize.ts reads these (ecs-facts T-046, T-047, T-060).
  taskDefinition: [
    'family', 'revision', 'taskDefinitionArn', 'status', 'networkMode', 'requiresCompatibilities[]', 'compatibilities*', 'runtimePlatform*', 'cpu', 'memory',
    'executionRoleArn', 'taskRoleArn', 'placementConstraints*', 'ephemeralStorage*',
    'containerDefinitions[].name', 'containerDefinitions[].image', 'containerDefinitions[].cpu', 'containerDefinitions[].memory', 'containerDefinitions[].memoryReservation',
    'containerDefinitions[].essential', 'containerDefinitions[].portMappings[].containerPort', 'containerDefinitions[].portMappings[].hostPort', 'containerDefinitions[].portMappings[].protocol',
    'containerDefinitions[].portMappings[].name', 'containerDefinitions[].healthCheck*', 'containerDefinitions[].dependsOn*', 'containerDefinitions[].startTimeout', 'containerDefinitions[].stopTimeout',
    'containerDefinitions[].secrets*', 'containerDefinitions[].environment*', 'containerDefinitions[].logConfiguration.logDriver', 'containerDefinitions[].repositoryCredentials*',
  ],
  // timeline/create-service.ts serviceAction (ecs-facts S-119, S-121).
  createService: [
    'cluster', 'serviceName', 'taskDefinition', 'desiredCount', 'launchType', 'schedulingStrategy', 'placementConstraints*', 'placementStrategy*',
    'deploymentConfiguration*', 'healthCheckGracePeriodSeconds', 'loadBalancers[].targetGroupArn', 'loadBalancers[].containerName', 'loadBalancers[].containerPort',
    'loadBalancers[].advancedConfiguration*', 'capacityProviderStrategy*', 'availabilityZoneRebalancing', 'deploymentController.type',
  ],
  // timeline/update-service.ts UPDATE_SERVICE_MODELLED (ecs-facts S-120).
  updateService: ['cluster', 'service', 'desiredCount', 'taskDefinition', 'forceNewDeployment', 'deploymentConfiguration*', 'availabilityZoneRebalancing', 'capacityProviderStrategy*'],
  // timeline/run-task.ts RUN_TASK_MODELLED (ecs-facts T-106 to T-110).
  runTask: ['cluster', 'taskDefinition', 'count', 'launchType', 'group', 'startedBy', 'label', 'placementConstraints*', 'placementStrategy*', 'capacityProviderStrategy*'],
} as const;

/** The GPU requirements of a task definition's containers (ecs-facts T-116: placement reserves them; other types are not modelled). */
export function gpuRequirements(doc: unknown): string[] {
  const containers = ((doc as { containerDefinitions?: unknown[] }).containerDefinitions ?? []) as { resourceRequirements?: { type?: string }[] | null }[];
  return containers.flatMap((c, i) => (c.resourceRequirements ?? []).flatMap((r, j) => (r.type === 'GPU' ? [`containerDefinitions[${i}].resourceRequirements[${j}]`] : [])));
}

/** `path` matches one of `patterns` (indices wildcarded; a trailing `*` takes the subtree). */
export function modelled(path: string, patterns: readonly string[]): boolean {
  const general = path.replace(/\[\d+\]/g, '[]');
  return patterns.some((p) => (p.endsWith('*') ? covers(p.slice(0, -1), general) || general === p.slice(0, -1) : general === p));
}

/**
 * The leaves of `doc` that are neither modelled, nor named by `named` (the ignoredFields and
 * warning fields that concern it, relative to it): what would be silently dropped. Empty
 * lists and mappings set nothing and need no name; nulls do (they are dropped, and said so).
 */
export function silentlyDropped(doc: unknown, patterns: readonly string[], named: readonly string[], alsoModelled: readonly string[] = []): string[] {
  return leaves(doc)
    .filter((l) => !(typeof l.value === 'object' && l.value !== null))
    .filter((l) => (l.value === null ? true : !modelled(l.path, patterns) && !alsoModelled.some((m) => covers(m, l.path))))
    .filter((l) => !named.some((n) => covers(n, l.path)))
    .map((l) => l.path);
}

/** The ignoredFields and warning fields under `at` (a scenario path), relative to it. */
export function namedUnder(result: RunResult, at: string): string[] {
  const rel = (where: string, field: string): string | undefined => {
    if (where === at) return field;
    if (covers(at, where)) return `${where.slice(at.length).replace(/^\./, '')}${field === '' ? '' : where.slice(at.length) === '' ? field : `.${field}`}`;
    return undefined;
  };
  const out: string[] = [];
  for (const entry of result.ignoredFields ?? []) for (const f of entry.fields) out.push(...[rel(entry.at, f)].filter((x): x is string => x !== undefined));
  for (const w of result.warnings ?? []) for (const f of w.fields ?? []) out.push(...[rel(w.at, f)].filter((x): x is string => x !== undefined));
  return out;
}
