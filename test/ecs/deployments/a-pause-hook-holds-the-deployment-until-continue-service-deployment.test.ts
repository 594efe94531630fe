import { describe, expect, it } from 'vitest';
import { runBlueGreen, shifts, stages } from './blue-green-support.js';

// ecs-facts S-107: a PAUSE hook waits (AWAITING_ACTION) for ContinueServiceDeployment or its timeout.
const PAUSE = `        strategy: BLUE_GREEN
        bakeTimeInMinutes: 1
        lifecycleHooks:
          - targetType: PAUSE
            lifecycleStages: [POST_TEST_TRAFFIC_SHIFT]
            timeoutConfiguration: { timeoutInMinutes: 60, action: ROLLBACK }`;

describe('a PAUSE lifecycle hook (S-107)', () => {
  it('holds the deployment in its stage until the timeline continues it', () => {
    const { result, records } = runBlueGreen({ deployment: PAUSE, timeline: '  - at: 15m\n    continueServiceDeployment: { service: web, lifecycleStage: POST_TEST_TRAFFIC_SHIFT }\n' });
    const awaiting = records.find((r) => r.kind === 'hookStatus' && r['status'] === 'AWAITING_ACTION');
    expect(String(awaiting?.['hookId'])).toMatch(/^ecs-pause-[0-9a-f]{16}$/);
    const s = stages(records);
    const paused = s.find((x) => x.stage === 'POST_TEST_TRAFFIC_SHIFT')?.t ?? 0;
    expect(paused).toBeLessThan(10 * 60_000);
    // Nothing moves until 15m; then production shifts at once.
    expect(s.find((x) => x.stage === 'PRODUCTION_TRAFFIC_SHIFT')?.t).toBe(15 * 60_000);
    expect(shifts(records)[0]).toEqual({ t: 15 * 60_000, green: 100 });
    expect(result.ecs?.services['web']?.deployments.find((d) => d.taskDefinition.endsWith('web:2'))?.rolloutState).toBe('COMPLETED');
    expect(result.ecs?.actions.find((a) => a.action === 'continueServiceDeployment')?.outcome).toMatch(/^hook ecs-pause-[0-9a-f]{16} \(POST_TEST_TRAFFIC_SHIFT\) continued with CONTINUE$/);
  });

  it('continued with ROLLBACK, rolls the deployment back', () => {
    const { result, records } = runBlueGreen({ deployment: PAUSE, timeline: '  - at: 15m\n    continueServiceDeployment: { service: web, action: ROLLBACK }\n' });
    expect(shifts(records).map((x) => x.green)).toEqual([0]);
    const web = result.ecs?.services['web'];
    expect(web?.deployments.find((d) => d.status === 'PRIMARY')?.taskDefinition.endsWith('web:1')).toBe(true);
    expect([...(web?.events ?? [])].some((e) => e.message.endsWith('deployment failed: lifecycle hook failed.'))).toBe(true);
  });

  it('left alone, times out and takes its timeout action (ROLLBACK)', () => {
    const { records } = runBlueGreen({ deployment: PAUSE, until: '80m' });
    const timedOut = records.find((r) => r.kind === 'hookStatus' && r['status'] === 'TIMED_OUT');
    const awaitingAt = records.find((r) => r.kind === 'hookStatus' && r['status'] === 'AWAITING_ACTION')?.t ?? 0;
    expect((timedOut?.t ?? 0) - awaitingAt).toBe(60 * 60_000);
    expect(records.some((r) => r.kind === 'deploymentRolledBack')).toBe(true);
  });
});
