import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/scenario/loader.js';
import { runScenario } from '../../../src/scenario/runner.js';
import type { RunResult } from '../../../src/scenario/runner.js';

/**
 * Container health checks and the service scheduler (ecs-facts T-017, T-042, S-045, S-085,
 * L-044, L-045): a service task whose essential container turns UNHEALTHY is replaced
 * start-first within maximumPercent, after the grace period, and stopped with ECS's
 * reason; the breaker's stage 2 counts it. A standalone task is left RUNNING (T-043).
 */
interface Options {
  readonly failAfter?: string;
  readonly graceSeconds?: number;
  readonly until?: string;
  readonly timeline?: string;
}

const HEALTH = `healthCheck: { command: ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], interval: 5, timeout: 2, retries: 3, startPeriod: 0 }`;

function run(o: Options = {}): RunResult {
  const text = `
name: container health spec
seed: 7
until: ${o.until ?? '12m'}
ecs:
  instances:
    - { name: pool, count: 2, instanceType: c5.xlarge, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: web
        containerDefinitions:
          - { name: web, image: web:1, cpu: 256, memory: 512, ${HEALTH} }
      behaviour:
        containers:
          web: { startup: 2s${o.failAfter === undefined ? '' : `, healthCheck: { failAfter: ${o.failAfter} }`} }
    - definition:
        family: web
        containerDefinitions:
          - { name: web, image: web:2, cpu: 256, memory: 512, ${HEALTH} }
      behaviour:
        containers:
          web: { startup: 2s, healthCheck: { failProbability: 1 } }
timeline:
${o.timeline ?? ''}`;
  return runScenario(parseScenario(text, 'spec.yaml')).result;
}

const service = (grace = 0, extra = ''): string => `
  - at: 1m
    createService:
      serviceName: web
      taskDefinition: web:1
      desiredCount: 2
      healthCheckGracePeriodSeconds: ${grace}
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200${extra} }
`;

const REASON = 'Task failed container health checks';

describe('a service task whose container health check fails', () => {
  it('a service task whose container health check fails is replaced, start-first, with ECS\'s reason', () => {
    const r = run({ failAfter: '3m', timeline: service() });
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    const failed = tasks.filter((t) => t.stoppedReason === REASON);
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed.every((t) => t.stopCode === 'ServiceSchedulerInitiated' && t.startedAt !== undefined)).toBe(true);
    const events = (r.ecs?.services['web']?.events ?? []).map((e) => e.message);
    for (const t of failed) {
      const id = t.taskArn.split('/').pop() ?? '';
      // The event, once per task (T-017).
      expect(events.filter((m) => m === `(service web) (task ${id}) failed container health checks.`)).toHaveLength(1);
      // Start-first (L-045): a replacement was started before the unhealthy task was stopped.
      const stoppingAt = t.stoppingAt ?? Number.NaN;
      const replacement = tasks.find((x) => x !== t && x.createdAt > (t.startedAt ?? 0) && x.createdAt < stoppingAt);
      expect(replacement).toBeDefined();
    }
    // maximumPercent 200 of 2: never more than 4 tasks not yet STOPPED at once.
    const times = tasks.flatMap((t) => [t.createdAt, t.stoppedAt ?? Number.POSITIVE_INFINITY]).filter(Number.isFinite);
    for (const at of times) expect(tasks.filter((t) => t.createdAt <= at && (t.stoppedAt ?? Number.POSITIVE_INFINITY) > at).length).toBeLessThanOrEqual(4);
    // The service keeps its desired count running.
    expect(r.ecs?.services['web']?.runningCount).toBe(2);
  });

  it('not within the grace period', () => {
    // The checks fail from 1 min after start; a 6 min grace period covers the first failures.
    const withGrace = run({ failAfter: '1m', timeline: service(360) });
    const without = run({ failAfter: '1m', timeline: service(0) });
    const firstStop = (r: RunResult): number => Math.min(...(r.ecs?.tasksByLabel['web'] ?? []).filter((t) => t.stoppedReason === REASON).map((t) => t.stoppingAt ?? Number.POSITIVE_INFINITY));
    const firstRunning = (r: RunResult): number => Math.min(...(r.ecs?.tasksByLabel['web'] ?? []).map((t) => t.startedAt ?? Number.POSITIVE_INFINITY));
    expect(firstStop(without)).toBeLessThan(firstRunning(without) + 3 * 60_000);
    expect(firstStop(withGrace)).toBeGreaterThanOrEqual(firstRunning(withGrace) + 360_000);
    expect(firstStop(withGrace)).toBeLessThan(Number.POSITIVE_INFINITY);
  });

  it('a standalone task with a failing health check keeps running (UNHEALTHY)', () => {
    const r = run({ failAfter: '1m', until: '8m', timeline: '  - at: 1m\n    runTask: { taskDefinition: web:1, label: solo }\n' });
    const solo = r.ecs?.tasksByLabel['solo'] ?? [];
    expect(solo).toHaveLength(1);
    expect(solo[0]).toMatchObject({ lastStatus: 'RUNNING', healthStatus: 'UNHEALTHY' });
    expect(solo[0]?.stoppedReason).toBeUndefined();
  });

  it('the circuit breaker counts container health failures', () => {
    const timeline = `${service(0, ', deploymentCircuitBreaker: { enable: true, rollback: true }')}  - at: 5m
    updateService: { service: web, taskDefinition: web:2 }
`;
    const r = run({ until: '20m', timeline });
    const web = r.ecs?.services['web'];
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    const unhealthy = tasks.filter((t) => t.taskDefinitionArn.endsWith('web:2') && t.stoppedReason === REASON);
    // Threshold 3 for 2 tasks (S-084): three container-health stops of tasks that did run (stage 2, S-085).
    expect(unhealthy.length).toBeGreaterThanOrEqual(3);
    expect(unhealthy.every((t) => t.startedAt !== undefined)).toBe(true);
    const messages = [...(web?.events ?? [])].reverse().map((e) => e.message);
    const failed = messages.findIndex((x) => x.endsWith('deployment failed: tasks failed to start.'));
    expect(failed).toBeGreaterThanOrEqual(0);
    expect(messages[failed + 1]).toMatch(/^\(service web\) rolling back to deployment ecs-svc\/\d{19}\.$/);
    // S-087: back on web:1, which stays healthy.
    expect(web?.deployments).toHaveLength(1);
    expect(web?.deployments[0]).toMatchObject({ rolloutState: 'COMPLETED', runningCount: 2 });
    expect(web?.deployments[0]?.taskDefinition).toMatch(/web:1$/);
  });
});
