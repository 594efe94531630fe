import { MODELLED as CREATE_SERVICE_MODELLED } from './timeline/create-service.js';
import { UPDATE_SERVICE_MODELLED } from './timeline/update-service.js';
import { RUN_TASK_MODELLED } from './timeline/run-task.js';
import { START_TASK_MODELLED } from './timeline/start-task.js';
import type { ScenarioSpec } from './schema/scenario.js';
import type { TaskDefinition } from '../ecs/task-definition/types.js';
import { formatPath, type FieldPath } from './errors.js';

/**
 * The API fields a scenario gives that ecs-sim accepts but does not model: they change
 * nothing in the run, so they are named (RunResult `ignoredFields`, a line in the summary),
 * never dropped silently (issue 18).
 */
export interface IgnoredFields {
  /** Where, as a field path: `timeline[2].updateService`. */
  readonly at: string;
  readonly fields: readonly string[];
}

const MODELLED: Readonly<Record<string, ReadonlySet<string>>> = {
  // ecs-facts S-090: the ECS and CODE_DEPLOY controllers are modelled, EXTERNAL is not (checked below).
  createService: new Set([...CREATE_SERVICE_MODELLED, 'deploymentController']),
  updateService: new Set(UPDATE_SERVICE_MODELLED),
  runTask: new Set(RUN_TASK_MODELLED),
  startTask: new Set(START_TASK_MODELLED),
};

/** A CreateService's target groups without an elb section: the service runs without them (create-service.ts). */
function outsideTheModel(spec: ScenarioSpec, input: Record<string, unknown>): boolean {
  return spec.elb === undefined && (input['deploymentController'] as { type?: string } | undefined)?.type !== 'CODE_DEPLOY';
}

/**
 * The unmodelled fields of the scenario: each task definition's (as the loader found them in
 * its document, paths relative to it: `containerDefinitions[0].linuxParameters`), then the
 * timeline's API calls'. `taskDefinitions` are the registered entries, in the order of
 * `ecs.taskDefinitions` (EcsConfig's).
 */
export function ignoredFieldsOf(spec: ScenarioSpec, taskDefinitions: readonly { readonly definition: TaskDefinition }[] = [], originalPath: (path: FieldPath) => FieldPath = (p) => p): IgnoredFields[] {
  const out: IgnoredFields[] = [];
  (spec.ecs?.taskDefinitions ?? []).forEach((entry, i) => {
    const fields = taskDefinitions[i]?.definition.ignoredFields ?? [];
    if (fields.length > 0) out.push({ at: `ecs.taskDefinitions[${i}].${entry.file === undefined ? 'definition' : 'file'}`, fields });
  });
  (spec.timeline ?? []).forEach((entry, i) => {
    for (const [verb, modelled] of Object.entries(MODELLED)) {
      const input = (entry as Record<string, unknown>)[verb];
      if (typeof input !== 'object' || input === null) continue;
      const given = input as Record<string, unknown>;
      // An empty list asks for nothing, so ignoring it changes nothing.
      const fields = Object.keys(given).filter((k) => given[k] !== undefined && !(Array.isArray(given[k]) && (given[k] as unknown[]).length === 0) && (!modelled.has(k) || (k === 'deploymentController' && (given[k] as { type?: string }).type === 'EXTERNAL') || (k === 'loadBalancers' && verb === 'createService' && outsideTheModel(spec, given))));
      // A pasted describe-services output's services are named where they sit in the file.
      if (fields.length > 0) out.push({ at: formatPath(originalPath(['timeline', i, verb])), fields });
    }
  });
  return out;
}
