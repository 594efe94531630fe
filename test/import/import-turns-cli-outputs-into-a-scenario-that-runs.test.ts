import { readFileSync, writeFileSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { importScenario } from '../../src/scenario/import/index.js';
import { cli, FIXTURES, tempDir } from '../support.js';

const FOLDER = join(FIXTURES, 'import', 'cli');

/** Imports, loads and runs: what a user gets from `ecs-sim import DIR --out x.yaml && ecs-sim run x.yaml`. */
function importAndRun(input: string) {
  const { yaml } = importScenario(input);
  const scenario = parseScenario(yaml, 'imported.yaml');
  return { yaml, spec: scenario.spec, result: runScenario(scenario).result };
}

describe('ecs-sim import of a folder of AWS CLI outputs', () => {
  const { yaml, spec, result } = importAndRun(FOLDER);

  it('recognises each output by its shape, whatever the file is called', () => {
    const dir = tempDir();
    readdirSync(FOLDER)
      .reverse()
      .forEach((f, i) => copyFileSync(join(FOLDER, f), join(dir, `output-${i}.json`)));
    const renamed = importScenario(dir).yaml;
    // The same scenario, save for the file names in its comments.
    const body = (text: string): string => text.slice(text.indexOf('\nname:')).replace(/^(\s*#|name:).*$/gm, '');
    expect(body(renamed)).toBe(body(yaml));
  });

  it('reproduces the services with their desired counts, task definitions and deployment configuration', () => {
    const services = (spec.timeline ?? []).flatMap((e) => ('createService' in e ? [(e as { createService: { serviceName: string; desiredCount: number; launchType: string } }).createService] : []));
    expect(services.map((s) => [s.serviceName, s.desiredCount, s.launchType])).toEqual([
      ['web-app', 3, 'EC2'],
      ['worker', 2, 'FARGATE'],
    ]);
    expect(spec.ecs?.region).toBe('us-west-2');
    expect(spec.ecs?.cluster).toBe('default');
    expect(result.ecs?.services['web-app']?.taskDefinition).toBe('arn:aws:ecs:us-west-2:123456789012:task-definition/web-app:4');
    expect(result.ecs?.services['worker']?.taskDefinition).toBe('arn:aws:ecs:us-west-2:123456789012:task-definition/worker:2');
  });

  it('runs every service to its desired count on the imported capacity', () => {
    expect(result.error).toBeUndefined();
    expect(result.expectations.filter((e) => e.status !== 'passed')).toEqual([]);
    expect(result.ecs?.services['web-app']?.runningCount).toBe(3);
    expect(result.ecs?.services['worker']?.runningCount).toBe(2);
    // The DRAINING instance is kept, and set DRAINING the moment it registers (ecs-facts T-079; T-083 attributes give type and zone).
    expect(spec.ecs?.instances?.map((g) => [g.name, g.instanceType, g.availabilityZones, g.count])).toEqual([
      ['c5-xlarge-us-west-2a', 'c5.xlarge', ['us-west-2a'], 2],
      ['c5-xlarge-us-west-2b', 'c5.xlarge', ['us-west-2b'], 2],
    ]);
    expect(yaml).toMatch(/# c5-xlarge-us-west-2b\/\d was DRAINING in container-instances\.json/);
    const drained = result.ecs?.containerInstances.filter((i) => i.status === 'DRAINING') ?? [];
    expect(drained.map((i) => [i.availabilityZone, i.runningTasksCount])).toEqual([['us-west-2b', 0]]);
    // Fargate tasks run in the zones of the service's subnets (describe-subnets).
    expect(spec.ecs?.fargate?.availabilityZones).toEqual(['us-west-2a', 'us-west-2b']);
  });

  it('keeps the load balancer, its listeners and rules, and the service behind its target group by its real ARN', () => {
    expect(result.elb?.loadBalancers[0]?.LoadBalancerName).toBe('my-load-balancer');
    const tg = result.elb?.targetGroups[0];
    expect(tg?.TargetGroup.TargetGroupName).toBe('my-targets');
    expect(tg?.TargetHealthDescriptions.filter((t) => t.TargetHealth.State === 'healthy').length).toBe(3);
    const raw = parse(yaml) as { elb: { loadBalancers: { Listeners: { Port: number; Rules?: { Priority: number }[] }[] }[] } };
    expect(raw.elb.loadBalancers[0]?.Listeners.map((l) => [l.Port, l.Rules?.map((r) => r.Priority) ?? []])).toEqual([
      [80, [10]],
      [443, []],
    ]);
  });

  it('keeps the scaling policy and the alarms the user made, not those the policy owns', () => {
    expect(spec.autoscaling).toMatchObject({ scalableTargets: [{ ResourceId: 'service/default/web-app', MinCapacity: 1, MaxCapacity: 10 }], scalingPolicies: [{ PolicyName: 'cpu75-target-tracking-scaling-policy', PolicyType: 'TargetTrackingScaling' }] });
    expect(spec.cloudwatch?.alarms.map((a) => a.AlarmName)).toEqual(['web-app-memory-high']);
    expect(yaml).toMatch(/alarm TargetTracking-service\/default\/web-app-AlarmHigh-\S+ \(a target tracking policy owns it/);
  });

  it('says what it dropped from describe-services and what it assumed', () => {
    expect(yaml).toMatch(/service web-app: serviceArn, clusterArn, status, runningCount, pendingCount, deployments, events, createdAt, createdBy \(state ECS reports/);
    expect(yaml).toMatch(/list-clusters\.json: not an output ecs-sim recognises/);
    expect(yaml).toMatch(/# Assumed \(the inputs do not say\):\n#   - container web of web-app:4 serves requests and health checks on \//);
  });
});

describe('ecs-sim import on the command line', () => {
  it('writes the scenario with --out and the scenario runs', async () => {
    const out = join(tempDir(), 'cluster.yaml');
    const imported = await cli('import', FOLDER, '--out', out);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^✔ .*cluster\.yaml {2}2 services from 15 inputs/);
    const run = await cli('run', out);
    expect(run.code).toBe(0);
    expect(run.out).toContain('expectations  3 passed, 0 failed');
  });

  it('exits 2 naming the file, line and field when a service names a task definition it was not given', async () => {
    const { code, err } = await cli('import', join(FIXTURES, 'import', 'missing-task-definition'));
    expect(code).toBe(2);
    expect(err).toMatch(/missing-task-definition\/services\.json:8:31 {2}services\[0\]\.taskDefinition: task definition arn:aws:ecs:us-west-2:123456789012:task-definition\/web-app:7 has no describe-task-definition output among the inputs; add the output of `aws ecs describe-task-definition --task-definition web-app:7`/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('exits 2 at the line and column of a JSON syntax error', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'tg.json'), '{\n  "TargetGroups": [\n    { "TargetGroupArn": "x", }\n  ]\n}\n');
    const { code, err } = await cli('import', join(dir, 'in'));
    expect(code).toBe(2);
    expect(err).toMatch(/tg\.json:3:\d+ {2}not valid JSON: a trailing comma/);
  });

  it('exits 2 for a folder with no outputs, or with no services', async () => {
    const empty = tempDir();
    expect((await cli('import', empty)).err).toMatch(/the folder has no \.json files/);
    const noServices = tempDir();
    copyFileSync(join(FOLDER, 'subnets.json'), join(noServices, 'subnets.json'));
    const { code, err } = await cli('import', noServices);
    expect(code).toBe(2);
    expect(err).toMatch(/no ECS services found in the folder: expected the output of `aws ecs describe-services`/);
  });

  it('keeps a scenario that fails its checks, and points into it', async () => {
    const dir = tempDir();
    for (const f of readdirSync(FOLDER)) copyFileSync(join(FOLDER, f), join(dir, f));
    // A 1-zone ALB is what ELB refuses; the written scenario says where.
    const lbs = JSON.parse(readFileSync(join(dir, 'load-balancers.json'), 'utf8')) as { LoadBalancers: { AvailabilityZones: unknown[] }[] };
    lbs.LoadBalancers[0]?.AvailabilityZones.splice(1);
    writeFileSync(join(dir, 'load-balancers.json'), JSON.stringify(lbs));
    const out = join(dir, 'out.yaml');
    const { code, err } = await cli('import', dir, '--out', out);
    expect(code).toBe(2);
    expect(err).toMatch(/out\.yaml:\d+:\d+ {2}elb\.loadBalancers\[0\]\.AvailabilityZones: an Application Load Balancer needs at least two Availability Zones/);
    expect(readFileSync(out, 'utf8')).toContain('# Imported by');
  });
});
