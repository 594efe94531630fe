import { describe, expect, it } from 'vitest';
import { alarmedConfig, buildAlarmed, MIN, UPDATE_AT } from './deployment-alarms-support.js';
import { messagesFrom } from './support.js';

// ecs-facts S-089: "If an alarm is already in ALARM when a deployment starts, ECS ignores alarms for that deployment."
describe('deployment alarms (S-089)', () => {
  it('an alarm already in ALARM at the start is ignored, and the deployment completes with no bake time', () => {
    const m = buildAlarmed(alarmedConfig(), [[UPDATE_AT - MIN, 'errors', 'ALARM']]);
    const r = m.run(30 * MIN);
    const web = r.services['web'];
    const d = web?.deployments.find((x) => x.taskDefinition.endsWith('web:2'));
    expect(d?.status).toBe('PRIMARY');
    expect(d?.rolloutState).toBe('COMPLETED');
    const messages = messagesFrom(r, UPDATE_AT);
    expect(messages.some((x) => x.includes('deployment failed'))).toBe(false);
    // No bake: completed with the steady state, well within the 5-minute bake a watched deployment gets.
    const completedAt = web?.events.find((e) => e.message.endsWith('deployment completed.'))?.createdAt ?? Infinity;
    expect(completedAt - UPDATE_AT).toBeLessThan(2 * MIN);
  });

  it('an alarm that goes back to OK before the next deployment does not stop that one from being watched', () => {
    const m = buildAlarmed(alarmedConfig(), [
      [UPDATE_AT - 2 * MIN, 'errors', 'ALARM'],
      [UPDATE_AT - MIN, 'errors', 'OK'],
      [UPDATE_AT + MIN, 'errors', 'ALARM'],
    ]);
    const r = m.run(30 * MIN);
    expect(r.services['web']?.deployments.find((x) => x.taskDefinition.endsWith('web:2'))).toBeUndefined();
    expect(messagesFrom(r, UPDATE_AT).some((x) => x.endsWith('deployment failed: alarm detected.'))).toBe(true);
  });
});
