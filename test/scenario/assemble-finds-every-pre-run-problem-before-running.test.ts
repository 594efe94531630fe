import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../support.js';

/**
 * Assemble, then run: every problem a scenario can have that is found without running
 * (each kind below) is reported by `validate` with exit 2, all at once, at its
 * file:line:col; `run` reports the very same lines, exit 2, before running (nothing on
 * stdout, no trace written).
 */
const fixture = join(ROOT, 'test', 'scenario', 'fixtures', 'every-pre-run-problem.yaml');

const KINDS = {
  'an ecs section problem (ecs-config)': 'ecs.instances[0].instanceType: unknown instance type "c5.xlarg"; did you mean "c5.xlarge"?',
  'a timeline reference (ecs-config)': 'timeline[1].runTask.taskDefinition: no task definition "wbe" in this scenario; did you mean "web"?',
  "a workload's load balancer": 'workloads[0].target: no load balancer "shpo"; did you mean "shop"?',
  "a workload's listener": 'workloads[1].port: load balancer shop listens on 80, not 8080',
  "a workload's trace file": 'workloads[2].arrivals.trace.file: cannot read the trace: no such file',
  "a fluid workload's service": 'workloads[3].fluid.service: no createService named "wbe" in the timeline; did you mean "web"?',
  'an autoscaling ResourceId': 'autoscaling.scalableTargets[0].ResourceId: expected "service/<cluster>/<service>" naming a service the timeline creates: service/default/web',
  'a throughout probe': 'expectations[0].throughout: unknown probe "ecs.services.web.runingCount"; did you mean "ecs.services.web.runningCount"?',
  'a that path': 'expectations[1].that: the run result has no value at "queueing.desk.servd"; did you mean "queueing.desk.served"?',
  'a sameAs path': 'expectations[2].sameAs: sameAs: the run result has no value at "queueing.dsk.served"; did you mean "queueing.desk"?',
  'a path below a section, against the described RunResult': 'expectations[3].that: "ecs" has no field "tasks"; it has clusterArn, taskCounts, tasksByLabel, containerInstances, services, describeServices, runTask, startTask, placements, actions, images, events, invariantViolations, codeDeployDeployments',
} as const;

describe('assemble, then run', () => {
  it('validate reports every kind of pre-run problem at once, each at its line, and exits 2', async () => {
    const { code, out, err } = await cli('validate', fixture);
    expect(code).toBe(2);
    expect(out).toBe('');
    const lines = err.trimEnd().split('\n');
    for (const [kind, message] of Object.entries(KINDS)) expect(lines.some((l) => l.endsWith(message)), kind).toBe(true);
    expect(lines).toHaveLength(Object.keys(KINDS).length);
    for (const line of lines) expect(line).toMatch(/^✖ \S+every-pre-run-problem\.yaml:\d+:\d+ {2}/);
  });

  it('run gives the same messages and exit 2 before running', async () => {
    const validate = await cli('validate', fixture);
    const trace = join(tempDir(), 'trace.jsonl');
    const run = await cli('run', fixture, '--trace', trace);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toBe(validate.err);
    expect(() => readFileSync(trace)).toThrow();
  });

  it('what only building finds (input Application Auto Scaling refuses) is found by validate too', async () => {
    const file = join(tempDir(), 'refused.yaml');
    const text = readFileSync(join(ROOT, 'scenarios', '21-target-tracking-traffic-spike.yaml'), 'utf8').replace('MaxCapacity: 10', 'MaxCapacity: 1');
    writeFileSync(file, text);
    const validate = await cli('validate', file);
    const run = await cli('run', file);
    expect(validate.code).toBe(2);
    expect(validate.err).toMatch(/^✖ \S+refused\.yaml:\d+:\d+ {2}autoscaling\.scalableTargets\[0\]/);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toBe(validate.err);
  });

  it('a path the checker accepts but the run leaves without a value fails the expectation (exit 1), not the input', async () => {
    const file = join(tempDir(), 'late.yaml');
    writeFileSync(file, 'name: late\nuntil: 1m\nqueueing:\n  - { name: desk, servers: 1, interarrival: 1s, service: 500ms }\nexpectations:\n  - that: error.message\n    equals: none\n');
    const run = await cli('run', file);
    expect(run.code).toBe(1);
    expect(run.out).toContain('the run result has no value at "error.message"');
  });
});
