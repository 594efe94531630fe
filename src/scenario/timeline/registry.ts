import { z } from 'zod';
import type { TimelineVerbs } from '../../ecs/model.js';
import type { FieldPath } from '../../issues/index.js';
import { duration } from '../schema/values.js';
import { continueServiceDeployment } from './continue-service-deployment.js';
import { createDeployment } from './create-deployment.js';
import { createService } from './create-service.js';
import { deleteService } from './delete-service.js';
import { disconnectAgent } from './disconnect-agent.js';
import { failImagePulls } from './fail-image-pulls.js';
import { interruptFargateSpot } from './interrupt-fargate-spot.js';
import { interruptSpotInstance } from './interrupt-spot-instance.js';
import { killTask } from './kill-task.js';
import { loseAvailabilityZone } from './lose-availability-zone.js';
import { reconnectAgent } from './reconnect-agent.js';
import { putMetricData } from './put-metric-data.js';
import { runTask } from './run-task.js';
import { startTask } from './start-task.js';
import { setAlarmState } from './set-alarm-state.js';
import { stopTask } from './stop-task.js';
import { terminateInstance } from './terminate-instance.js';
import { updateContainerInstancesState } from './update-container-instances-state.js';
import { updateService } from './update-service.js';
import type { CloudWatchVerb, EcsVerb, TimelineScenarioView, TimelineVerb } from './verb.js';

/**
 * The timeline's verbs by name, in the order messages list them. The timeline entry's
 * schema is built from them; the ECS model plays their actions (`ecsVerbActions`).
 */
const VERBS = {
  runTask,
  startTask,
  stopTask,
  killTask,
  terminateInstance,
  loseAvailabilityZone,
  disconnectAgent,
  reconnectAgent,
  failImagePulls,
  createService,
  updateService,
  deleteService,
  updateContainerInstancesState,
  continueServiceDeployment,
  createDeployment,
  interruptFargateSpot,
  interruptSpotInstance,
  setAlarmState,
  putMetricData,
} as const;

/** Name → verb; a name registered twice is refused. */
export const timelineVerbs: ReadonlyMap<string, TimelineVerb> = verbMap(Object.values(VERBS) as TimelineVerb[]);

function verbMap(list: readonly TimelineVerb[]): ReadonlyMap<string, TimelineVerb> {
  const map = new Map<string, TimelineVerb>();
  for (const verb of list) {
    if (map.has(verb.name)) throw new Error(`timeline verb "${verb.name}" is registered twice`);
    map.set(verb.name, verb);
  }
  return map;
}

/** The verbs that act on the ECS model, as the model plays them (EcsModelOptions.verbs). */
export const ecsVerbActions: TimelineVerbs = new Map([...timelineVerbs].filter((e): e is [string, EcsVerb<unknown, never>] => e[1].model === 'ecs'));

/** The verbs that act on CloudWatch. */
export const cloudwatchVerbs: readonly CloudWatchVerb<unknown>[] = [...timelineVerbs.values()].filter((v): v is CloudWatchVerb<unknown> => v.model === 'cloudwatch');

type VerbInputs = { [K in keyof typeof VERBS]: z.ZodOptional<(typeof VERBS)[K]['schema']> };

/** One timeline entry: `at` and exactly one action, a verb's field. */
export const timelineEntrySchema = z
  .strictObject({
    at: duration,
    ...(Object.fromEntries(Object.entries(VERBS).map(([name, verb]) => [name, (verb.schema as z.ZodType).optional()])) as VerbInputs),
  })
  .superRefine((e, ctx) => {
    const actions = Object.keys(e).filter((k) => k !== 'at');
    if (actions.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `expected exactly one action (${Object.keys(VERBS).join(', ')}), got ${actions.length === 0 ? 'none' : actions.join(' and ')}` });
    }
  });

export type TimelineEntrySpec = z.output<typeof timelineEntrySchema>;

/** The verb of an entry and its input (the schema allows exactly one). */
export function verbOf(entry: TimelineEntrySpec): { readonly verb: TimelineVerb; readonly input: unknown } | undefined {
  for (const [name, verb] of timelineVerbs) {
    const input = (entry as Record<string, unknown>)[name];
    if (input !== undefined) return { verb, input };
  }
  return undefined;
}

/** The CloudWatch verbs' reference checks, as the scenario is parsed (paths from the scenario root). */
export function cloudwatchVerbProblems(timeline: readonly TimelineEntrySpec[], spec: TimelineScenarioView): { path: FieldPath; message: string }[] {
  return timeline.flatMap((entry, i) => {
    const found = verbOf(entry);
    if (found === undefined || found.verb.model !== 'cloudwatch') return [];
    return found.verb.check(found.input, spec).map((p) => ({ path: ['timeline', i, found.verb.name, ...p.path], message: p.message }));
  });
}
