import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../support.js';

// The `--json` result is the whole run result, so the describe-services snapshots a
// scenario asks for (`ecs.describeServicesAt`) are in it, next to the end state.
describe('ecs-sim run --json', () => {
  it('includes describe-services at each requested time', async () => {
    const { code, out } = await cli('run', join(ROOT, 'scenarios', '06-service-scheduler.yaml'), '--json');
    expect(code).toBe(0);
    const result = JSON.parse(out) as { ecs: { describeServices: { at: number; services: Record<string, { runningCount: number; desiredCount: number }> }[] } };
    expect(result.ecs.describeServices.map((s) => s.at)).toEqual([300_000, 1_200_000]);
    expect(result.ecs.describeServices[1]?.services['web']).toMatchObject({ desiredCount: 3, runningCount: 6 });
  });
});
