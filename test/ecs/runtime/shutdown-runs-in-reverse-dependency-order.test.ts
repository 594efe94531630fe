import { describe, expect, it } from 'vitest';
import type { ContainerDefinition } from '../../../src/ecs/task-definition/index.js';
import { container, startTask, taskDefinition } from './recording-host.js';

// The dependencies are HEALTHY ones so that every container is running when the stop
// comes (a START dependency never resolves; see depends-on-start-waits-for-the-dependency-to-run).
const checked = (name: string, dependsOn: ContainerDefinition['dependsOn'] = []): ContainerDefinition =>
  container(name, { dependsOn, healthCheck: { command: ['CMD-SHELL', 'true'], intervalMs: 5_000, timeoutMs: 2_000, retries: 3, startPeriodMs: 0 } });

// ecs-facts T-035: "Shutdown runs in reverse order" of dependsOn.
describe('shutdown order (T-035)', () => {
  const STOP_AT = 60_000;

  it('sends SIGTERM to a container only after every container that depends on it has stopped', () => {
    // proxy → app → db: the proxy stops first, then the app, the database last.
    const def = taskDefinition([
      checked('db'),
      checked('app', [{ containerName: 'db', condition: 'HEALTHY' }]),
      checked('proxy', [{ containerName: 'app', condition: 'HEALTHY' }]),
    ]);
    const h = startTask(def, { containers: { db: { shutdown: { constant: 1_000 } }, app: { shutdown: { constant: 5_000 } }, proxy: { shutdown: { constant: 3_000 } } } });
    h.stopAt(STOP_AT);
    h.sim.run({ until: 120_000 });
    expect(h.taskAt('RUNNING')).toBeLessThan(STOP_AT);
    expect(h.containerAt('proxy', 'STOPPED')).toBe(STOP_AT + 3_000);
    expect(h.containerAt('app', 'STOPPED')).toBe(STOP_AT + 3_000 + 5_000);
    expect(h.containerAt('db', 'STOPPED')).toBe(STOP_AT + 3_000 + 5_000 + 1_000);
    expect(h.last().containers.map((c) => c.exitCode)).toEqual([0, 0, 0]);
  });

  it('waits for the slowest of several dependents before stopping their shared dependency', () => {
    const def = taskDefinition([
      checked('db'),
      checked('api', [{ containerName: 'db', condition: 'HEALTHY' }]),
      checked('worker', [{ containerName: 'db', condition: 'HEALTHY' }]),
    ]);
    const h = startTask(def, { containers: { db: { shutdown: { constant: 1_000 } }, api: { shutdown: { constant: 2_000 } }, worker: { shutdown: { constant: 7_000 } } } });
    h.stopAt(STOP_AT);
    h.sim.run({ until: 120_000 });
    expect(h.taskAt('RUNNING')).toBeLessThan(STOP_AT);
    expect(h.containerAt('api', 'STOPPED')).toBe(STOP_AT + 2_000);
    expect(h.containerAt('worker', 'STOPPED')).toBe(STOP_AT + 7_000);
    expect(h.containerAt('db', 'STOPPED')).toBe(STOP_AT + 7_000 + 1_000);
  });

  it('stops independent containers together', () => {
    const def = taskDefinition([container('a'), container('b')]);
    const h = startTask(def, { containers: { a: { shutdown: { constant: 1_000 } }, b: { shutdown: { constant: 2_000 } } } });
    h.stopAt(STOP_AT);
    h.sim.run();
    expect([h.containerAt('a', 'STOPPED'), h.containerAt('b', 'STOPPED')]).toEqual([STOP_AT + 1_000, STOP_AT + 2_000]);
  });
});
