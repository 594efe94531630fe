import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../../../src/ecs/service/deployment-history.js';
import { DEPLOYMENT_PHASES } from '../../../src/ecs/service/deployment-history.js';
import { formatDeployments, span as span, waterfallBar } from '../../../src/report/deployment-summary.js';

const MIN = 60_000;

function record(over: Partial<DeploymentRecord>, path: [DeploymentRecord['criticalPath'][number]['phase'], number][]): DeploymentRecord {
  const startMs = over.startMs ?? 8 * MIN;
  let t = startMs;
  const criticalPath = path.map(([phase, ms]) => {
    const s = { taskId: null, phase, startMs: t, endMs: t + ms };
    t += ms;
    return s;
  });
  const phases = DEPLOYMENT_PHASES.map((name) => {
    const criticalPathMs = criticalPath.filter((s) => s.phase === name).reduce((n, s) => n + s.endMs - s.startMs, 0);
    return { name, totalMs: criticalPathMs, criticalPathMs };
  });
  return {
    id: 'ecs-svc/8760469385702655974',
    serviceName: 'web',
    strategy: 'ROLLING',
    taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2',
    startMs,
    endMs: t,
    durationMs: t - startMs,
    outcome: 'COMPLETED',
    desiredCount: 4,
    minimumHealthyPercent: 100,
    maximumPercent: 200,
    healthyFloor: 4,
    runningCeiling: 8,
    minHealthyCount: 4,
    maxRunningCount: 8,
    tasksStarted: 4,
    tasksStopped: 4,
    phases,
    criticalPath,
    ...over,
  };
}

describe('deployment summary', () => {
  it('writes spans as people read them', () => {
    expect([860, 9_950, 42_400, 300_000, 346_000, 3_723_000].map(span)).toEqual(['0.9s', '9.9s', '42s', '5m00s', '5m46s', '1h02m03s']);
  });

  it('draws the critical path as a bar of phase marks in time order', () => {
    const r = record({}, [['scheduler', 10_000], ['healthChecks', 30_000], ['deregistrationDelay', 300_000], ['stopping', 20_000]]);
    expect(waterfallBar(r, 36)).toBe('.hhhDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDss');
  });

  it('shows a table and, per deployment, its bar and largest phases with their share', () => {
    const done = record({}, [['scheduler', 1_000], ['imagePull', 9_000], ['healthChecks', 30_000], ['deregistrationDelay', 300_000], ['stopping', 80_000]]);
    const failed = record({ id: 'ecs-svc/1111111111111042777', outcome: 'FAILED', rolledBackBy: 'ecs-svc/2', startMs: 30 * MIN, tasksStopped: 3 }, [['imagePull', 8_000]]);
    expect(formatDeployments([done, failed])).toMatchInlineSnapshot(`
      "deployments (min healthy / floor, max running / ceiling: ecs-facts S-067)
        service  deployment         strategy  start    duration  outcome              min healthy  max running  started  stopped
        web      ecs-svc/...655974  ROLLING   8:00.0   7m00s     COMPLETED            4/4          8/8          4        4
        web      ecs-svc/...042777  ROLLING   30:00.0  8.0s      FAILED, rolled back  4/4          8/8          4        3

      where the time went (critical path; i image pull, h health checks, D deregistration delay, s stopping)
        web ecs-svc/...655974  [ihhhDDDDDDDDDDDDDDDDDDDDDDDDDDDDssssssss]  7m00s
          deregistration delay 5m00s (71%) · stopping 1m20s (19%) · health checks 30s (7%)
        web ecs-svc/...042777  [iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii]  8.0s
          image pull 8.0s (100%)
      "
    `);
  });

  it('says so when there was no deployment', () => {
    expect(formatDeployments([])).toBe('deployments: none\n');
  });
});
