import { describe, expect, it } from 'vitest';
import { alarmedConfig, buildAlarmed, MIN, UPDATE_AT } from './deployment-alarms-support.js';
import { messagesFrom } from './support.js';

// ecs-facts S-088: a listed alarm in ALARM fails the deployment and, with rollback, rolls it
// back to the last COMPLETED deployment (S-087); S-089: watched from the first RUNNING task.
describe('deployment alarms (S-088, S-089)', () => {
  it('an alarm firing after the first new task runs fails the deployment and rolls it back', () => {
    const m = buildAlarmed(alarmedConfig(), [[UPDATE_AT + MIN, 'errors', 'ALARM']]);
    const r = m.run(30 * MIN);
    const web = r.services['web'];
    const deployments = web?.deployments ?? [];
    const all = m.cp.scheduler.services.get('web')?.deployments ?? [];
    const first = all[0];
    const failed = all.find((d) => d.taskDefinition.endsWith('web:2'));
    const newTaskRanAt = Math.min(...m.tasks('web').filter((t) => t.taskDefinitionArn.endsWith('web:2')).map((t) => t.startedAt ?? Infinity));
    expect(newTaskRanAt).toBeLessThan(UPDATE_AT + MIN);
    expect(failed).toMatchObject({ rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment alarms: alarm detected (errors).' });
    const messages = messagesFrom(r, UPDATE_AT);
    expect(messages).toContain(`(service web) (deployment ${failed?.id}) deployment failed: alarm detected.`);
    expect(messages).toContain(`(service web) rolling back to deployment ${first?.id}.`);
    // The rollback is a new PRIMARY deployment on web:1 (S-087), which finishes: the alarm was in ALARM when it started, so it is not watched (S-089).
    const primary = deployments.find((d) => d.status === 'PRIMARY');
    expect(primary?.taskDefinition.endsWith('web:1')).toBe(true);
    expect(primary?.rolloutState).toBe('COMPLETED');
    expect(primary?.id).not.toBe(first?.id);
    expect(m.tasks('web').filter((t) => t.lastStatus === 'RUNNING').every((t) => t.taskDefinitionArn.endsWith('web:1'))).toBe(true);
    expect(web?.runningCount).toBe(2);
  });

  it('without rollback the deployment is FAILED and nothing rolls back', () => {
    const m = buildAlarmed(alarmedConfig({ alarms: { alarmNames: ['errors'], enable: true, rollback: false } }), [[UPDATE_AT + MIN, 'errors', 'ALARM']]);
    const r = m.run(30 * MIN);
    const messages = messagesFrom(r, UPDATE_AT);
    expect(messages.some((x) => x.includes('rolling back'))).toBe(false);
    const failed = r.services['web']?.deployments.find((d) => d.taskDefinition.endsWith('web:2'));
    expect(failed?.rolloutState).toBe('FAILED');
  });

  it('an alarm that fires before any new task runs fails the deployment only once a new task is RUNNING', () => {
    // The alarm fires a moment after the update, before the new image is pulled; ECS is not watching yet.
    const m = buildAlarmed(alarmedConfig(), [[UPDATE_AT + 500, 'errors', 'ALARM']]);
    const r = m.run(30 * MIN);
    const failedAt = (r.services['web']?.events ?? []).find((e) => e.message.endsWith('deployment failed: alarm detected.'))?.createdAt ?? 0;
    const firstRunning = Math.min(...m.tasks('web').filter((t) => t.taskDefinitionArn.endsWith('web:2')).map((t) => t.startedAt ?? Infinity));
    expect(failedAt).toBeGreaterThanOrEqual(firstRunning);
    expect(failedAt - firstRunning).toBeLessThan(2_000);
  });

  it('with the breaker and alarms both on, the alarm that trips first decides, and its rollback flag counts', () => {
    const config = alarmedConfig({ deploymentCircuitBreaker: { enable: true, rollback: false }, alarms: { alarmNames: ['errors'], enable: true, rollback: true } });
    const m = buildAlarmed(config, [[UPDATE_AT + MIN, 'errors', 'ALARM']]);
    const r = m.run(30 * MIN);
    expect(messagesFrom(r, UPDATE_AT).some((x) => x.startsWith('(service web) rolling back to deployment'))).toBe(true);
  });
});
