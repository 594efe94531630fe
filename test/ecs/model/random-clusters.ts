import fc from 'fast-check';
import { DEFAULT_LATENCIES } from '../../../src/ecs/defaults.js';
import type { EcsConfig, TaskBehaviour, TimelineAction } from '../../../src/ecs/config.js';
import type { TaskDefinitionInput } from '../../../src/ecs/task-definition/index.js';
import { ecsConfig, instances } from './support.js';

/**
 * fast-check arbitraries for the property specs: a small random cluster (1–6 instances of
 * a few types in random AZs), a few random task definitions (sizes, bridge or awsvpc,
 * static or dynamic ports, shutdown times, self-exits) and a random timeline of RunTask,
 * StopTask, terminateInstance, disconnect/reconnect and killTask. Latencies are ECS's
 * default distributions, so the run seed matters.
 */
const TYPES = ['t3.small', 'c5.large', 'm5.large', 'c5.xlarge', 'c6g.medium'] as const;
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;
const MINUTE = 60_000;

export interface RandomCase {
  readonly seed: number;
  readonly untilMs: number;
  readonly config: EcsConfig;
  /** Instance references, `i<k>/0`. */
  readonly instanceRefs: readonly string[];
  /** When the last timeline action runs. */
  readonly lastActionMs: number;
}

const instanceArb = fc.record({ type: fc.constantFrom(...TYPES), az: fc.constantFrom(...AZS), trunking: fc.boolean() });

const definitionArb = fc.record({
  cpu: fc.constantFrom(0, 128, 256, 512, 1024, 2048),
  memory: fc.integer({ min: 64, max: 3_000 }),
  awsvpc: fc.boolean(),
  port: fc.constantFrom('none', 'static', 'dynamic'),
  shutdownMs: fc.integer({ min: 0, max: 45_000 }),
  stopTimeoutSeconds: fc.option(fc.integer({ min: 2, max: 40 }), { nil: undefined }),
  exitAfterMs: fc.option(fc.integer({ min: 1_000, max: 20 * MINUTE }), { nil: undefined }),
  sidecar: fc.boolean(),
});

const at = fc.integer({ min: 0, max: 20 * MINUTE });
const actionArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('runTask' as const), at, definition: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('stopTask' as const), at, target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('killTask' as const), at, target: fc.nat(), exitCode: fc.constantFrom(1, 137) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('terminateInstance' as const), at, target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnectAgent' as const), at, target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reconnectAgent' as const), at, target: fc.nat() }) },
);

export const randomCase: fc.Arbitrary<RandomCase> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    instances: fc.array(instanceArb, { minLength: 1, maxLength: 6 }),
    definitions: fc.array(definitionArb, { minLength: 1, maxLength: 3 }),
    actions: fc.array(actionArb, { minLength: 1, maxLength: 14 }),
  })
  .map(({ seed, instances: shapes, definitions: defs, actions }) => {
    const instanceRefs = shapes.map((_, k) => `i${k}/0`);
    const inputs = defs.map((d, k): { input: TaskDefinitionInput; behaviour: TaskBehaviour } => {
      const portMappings = d.port === 'none' ? [] : d.awsvpc || d.port === 'static' ? [{ containerPort: 8080, hostPort: 8080 }] : [{ containerPort: 8080, hostPort: 0 }];
      const app = { name: 'app', image: `app-${k}:1`, cpu: d.cpu, memory: d.memory, portMappings, ...(d.stopTimeoutSeconds === undefined ? {} : { stopTimeout: d.stopTimeoutSeconds }) };
      const sidecar = { name: 'sidecar', image: 'sidecar:1', memory: 64, essential: false };
      const input = { family: `def${k}`, ...(d.awsvpc ? { networkMode: 'awsvpc' } : {}), containerDefinitions: d.sidecar ? [app, sidecar] : [app] } as TaskDefinitionInput;
      const behaviour: TaskBehaviour = {
        containers: {
          app: { shutdown: { constant: d.shutdownMs }, ...(d.exitAfterMs === undefined ? {} : { exit: { after: { constant: d.exitAfterMs }, code: 0 } }) },
          ...(d.sidecar ? { sidecar: { shutdown: { constant: 500 } } } : {}),
        },
      };
      return { input, behaviour };
    });
    let runs = 0;
    const labels: string[] = [];
    const timeline: TimelineAction[] = [...actions]
      .sort((a, b) => a.at - b.at)
      .flatMap((a): TimelineAction[] => {
        switch (a.kind) {
          case 'runTask': {
            const label = `run${runs++}`;
            labels.push(label);
            return [{ kind: 'runTask', atMs: a.at, runTask: { taskDefinition: `def${a.definition % defs.length}`, count: a.count, launchType: 'EC2', label } }];
          }
          case 'stopTask':
            return labels.length === 0 ? [] : [{ kind: 'stopTask', atMs: a.at, label: labels[a.target % labels.length] as string }];
          case 'killTask':
            return labels.length === 0 ? [] : [{ kind: 'killTask', atMs: a.at, label: labels[a.target % labels.length] as string, exitCode: a.exitCode }];
          default:
            return [{ kind: a.kind, atMs: a.at, instance: instanceRefs[a.target % instanceRefs.length] as string }];
        }
      });
    const lastActionMs = timeline.reduce((m, a) => Math.max(m, a.atMs), 0);
    const config = ecsConfig({
      instanceGroups: shapes.map((s, k) => instances({ name: `i${k}`, instanceType: s.type, availabilityZones: [s.az], awsvpcTrunking: s.trunking, pullBandwidthMBps: { lognormal: { median: 40, p99: 120 } } })),
      definitions: inputs,
      timeline,
      latencies: DEFAULT_LATENCIES,
    });
    return { seed, untilMs: lastActionMs + 30 * MINUTE, config, instanceRefs, lastActionMs };
  });
