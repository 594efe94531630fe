import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { assemble } from '../../src/scenario/assemble.js';
import { DEFAULT_LIMITS, estimateRun } from '../../src/scenario/limits.js';
import { cli, ROOT } from '../support.js';
import { bundled, refused, write } from './support.js';

/** Where `until:` is in the bundled M/M/c scenario (its header comment may grow): the error points there. */
const untilAt = `${bundled('32-mmc-queue.yaml').split('\n').findIndex((l) => l.startsWith('until:')) + 1}:8`;

/** Issue 19: runs that would hang or exhaust memory are refused up front, with the estimate, the limit and how to raise it. */
describe('up-front limits', () => {
  it('refuses until: "1000000d" on a busy queue, naming the estimate, the limit and --max-events', async () => {
    const file = write('long.yaml', bundled('32-mmc-queue.yaml').replace('until: 2d', 'until: 1000000d'));
    const err = await refused(file, /until: this run would process about 414,720,000,000 events, mostly from queueing station checkout .* more than the limit of 100,000,000; .* --max-events N/, untilAt, 'run');
    expect(err.split('\n').filter((l) => l.startsWith('✖'))).toHaveLength(1);
  });

  it('refuses a constant interarrival of 0ms as unboundedly many events', async () => {
    await refused(write('zero.yaml', bundled('32-mmc-queue.yaml').replace(/interarrival: .*/, 'interarrival: { constant: 0ms }')), /this run would process unboundedly many events/, untilAt, 'run');
  });

  it('refuses a request rate of 1e9/s', async () => {
    await refused(write('rate.yaml', bundled('09-alb-web-service.yaml').replace('constant: 50/s', 'constant: 1000000000/s')), /mostly from workload shoppers/, undefined, 'run');
  });

  it('refuses desiredCount: 1e9 by the task limit (--max-tasks), even with the service quota raised for a what-if', async () => {
    const raised = bundled('09-alb-web-service.yaml').replace('desiredCount: 3\n', 'desiredCount: 1000000000\n').replace(/^ecs:\n/m, 'ecs:\n  serviceQuotas: { tasksPerService: 2000000000 }\n');
    await refused(write('desired.yaml', raised), /timeline: the timeline asks for 1,000,000,000 tasks, more than the limit of 50,000; raise it with --max-tasks N/, undefined, 'run');
  });

  it('lets a run through when the limit is raised, and checks the flags themselves', async () => {
    const file = write('long.yaml', bundled('32-mmc-queue.yaml').replace('until: 2d', 'until: 300d'));
    expect((await cli('validate', file)).code).toBe(2);
    expect((await cli('validate', file, '--max-events', '1e9')).code).toBe(0);
    const bad = await cli('validate', file, '--max-events', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--max-events expects a whole number from 1 to/);
  });

  it('keeps every bundled scenario under the default limits, with room to spare', () => {
    for (const name of readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'))) {
      const { scenario, ecsConfig } = assemble(loadScenarioFile(join(ROOT, 'scenarios', name)), { limits: DEFAULT_LIMITS });
      const estimate = estimateRun(scenario.spec, ecsConfig);
      expect(estimate.events, name).toBeLessThan(DEFAULT_LIMITS.maxEvents / 5);
      expect(estimate.tasks, name).toBeLessThan(DEFAULT_LIMITS.maxTasks / 10);
    }
  });
});

describe('the event limit during the run', () => {
  it('stops a run the estimate let through at --max-events: partial, stopReason maxEvents, exit 2', async () => {
    // A crash-looping service: the estimate (about 1,440) is far under the real count (about 21,000).
    const file = join(ROOT, 'scenarios', '16-bad-revision-with-and-without-circuit-breaker.yaml');
    const { code, out } = await cli('run', file, '--max-events', '5000', '--json');
    expect(code).toBe(2);
    const result = JSON.parse(out) as { partial?: boolean; stopReason: string; eventsProcessed: number; simulatedMs: number; untilMs: number };
    expect(result).toMatchObject({ partial: true, stopReason: 'maxEvents', eventsProcessed: 5000 });
    expect(result.simulatedMs).toBeLessThan(result.untilMs);
    const human = await cli('run', file, '--max-events', '5000');
    expect(human.out).toMatch(/⚠ partial: stopped at the limit of 5000 events \(raise it with --max-events N\) at .+ of 30m simulated/);
  });
});
