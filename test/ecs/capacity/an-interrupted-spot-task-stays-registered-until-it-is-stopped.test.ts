import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support.js';
import { runYaml } from '../model/support.js';

// ecs-facts A-033 (KC-FSPOT): FARGATE_SPOT tasks may not be deregistered from their target
// group until they reach STOPPED. Open question 7 keeps the other reading as a switch:
// `fargate.deregisterSpotTargetsAtNotice: true` deregisters them as they start stopping.
const bundled = readFileSync(join(ROOT, 'scenarios', '24-fargate-spot-interruptions.yaml'), 'utf8');

function deregistrations(atNotice: boolean): { stoppedAt: number; drainingAt: number | undefined }[] {
  const r = runYaml(bundled.replace('  fargate:\n', `  fargate:\n    deregisterSpotTargetsAtNotice: ${atNotice}\n`));
  const targets = r.elb?.targetGroups[0]?.targets ?? [];
  return (r.ecs?.tasksByLabel['web'] ?? [])
    .filter((t) => t.stopCode === 'TerminationNotice')
    .map((t) => {
      const ip = t.attachments?.[0]?.details.find((d) => d.name === 'privateIPv4Address')?.value;
      const target = targets.find((x) => x.Target.Id === ip);
      return { stoppedAt: t.stoppedAt ?? -1, drainingAt: target?.history.find((h) => h.State === 'draining')?.t };
    });
}

describe('load balancer targets of interrupted Fargate Spot tasks (A-033)', () => {
  it('deregisters them only when the task is STOPPED, by default', () => {
    const d = deregistrations(false);
    expect(d).toHaveLength(3);
    // stoppedAt is when Fargate stopped it; ECS deregisters once the report arrives (a message latency on).
    for (const x of d) {
      expect(x.drainingAt).toBeGreaterThanOrEqual(x.stoppedAt);
      expect(x.drainingAt).toBeLessThan(x.stoppedAt + 2_000);
    }
  });

  it('with deregisterSpotTargetsAtNotice, deregisters them as soon as the task starts stopping', () => {
    const d = deregistrations(true);
    expect(d).toHaveLength(3);
    for (const x of d) {
      expect(x.drainingAt).toBeLessThan(x.stoppedAt);
      expect(x.drainingAt).toBeLessThan(600_000 + 5_000);
    }
  });
});
