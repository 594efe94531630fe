import { describe, expect, it } from 'vitest';
import type { EcsConfig } from '../../../src/ecs/config.js';
import { buildModel, ec2Definition, ecsConfig, instances, refusal, runYaml } from '../model/support.js';
import { createService, killTask, updateService } from './support.js';

// ecs-facts S-125: describe-services' Service (counts, deployments); S-058: its events,
// newest first. A snapshot is that answer at a moment of the run, after everything that
// happens at that instant, and it changes nothing else in the run.
const AZS = ['us-east-1a', 'us-east-1b'];
const MIN = 60_000;

function webConfig(extra: Partial<EcsConfig> = {}): EcsConfig {
  return {
    ...ecsConfig({
      instanceGroups: [instances({ count: 2, availabilityZones: AZS })],
      definitions: [ec2Definition('web')],
      timeline: [createService(MIN, 'web', 'web', { desiredCount: 2 }), updateService(5 * MIN, 'web', 4), killTask(8 * MIN, 'web')],
    }),
    ...extra,
  };
}

describe('describe-services at a requested time', () => {
  it('shows the counts of that time, not of the end', () => {
    const r = buildModel(webConfig({ describeServicesAtMs: [3 * MIN] })).run(10 * MIN);
    expect(r.describeServices.map((s) => s.at)).toEqual([3 * MIN]);
    expect(r.describeServices[0]?.services['web']).toMatchObject({ desiredCount: 2, runningCount: 2, pendingCount: 0 });
    expect(r.services['web']).toMatchObject({ desiredCount: 4, runningCount: 4, pendingCount: 0 });
  });

  it('lists only the events written up to then, newest first, and deployments as they were', () => {
    const r = buildModel(webConfig({ describeServicesAtMs: [3 * MIN] })).run(10 * MIN);
    const then = r.describeServices[0]?.services['web'];
    const end = r.services['web'];
    expect(then?.events.map((e) => e.message)).toEqual([
      '(service web) has reached a steady state.',
      expect.stringMatching(/^\(service web\) has started 2 tasks: /),
    ]);
    expect(then?.events.every((e) => e.createdAt <= 3 * MIN)).toBe(true);
    expect(then?.eventCount).toBe(2);
    expect(end?.eventCount).toBeGreaterThan(2);
    expect(end?.events.slice(-2)).toEqual(then?.events);
    expect(then?.deployments[0]).toMatchObject({ desiredCount: 2, runningCount: 2 });
    expect(end?.deployments[0]).toMatchObject({ desiredCount: 4, runningCount: 4 });
  });

  it('is a copy: the live service changing later does not change it', () => {
    const m = buildModel(webConfig({ describeServicesAtMs: [3 * MIN] }));
    m.run(4 * MIN);
    const taken = JSON.stringify(m.model.serviceSnapshots);
    m.run(10 * MIN);
    expect(JSON.stringify(m.model.serviceSnapshots)).toBe(taken);
  });

  it('at the instant of an action, shows the state after it and after whatever it set off at that instant', () => {
    // With no scheduler delay, UpdateService at 5m places the two new tasks at 5m, in
    // events queued during the run, after the snapshot's own timer: it still sees them.
    const r = buildModel(webConfig({ describeServicesAtMs: [5 * MIN], latencies: { ...ecsConfig({}).latencies, serviceScheduler: { constant: 0 } } })).run(10 * MIN);
    expect(r.describeServices[0]?.services['web']).toMatchObject({ desiredCount: 4, runningCount: 2, pendingCount: 2 });
  });

  it('lists only the services that exist then, in time order', () => {
    const r = buildModel(webConfig({ describeServicesAtMs: [30_000, 2 * MIN, 9 * MIN] })).run(10 * MIN);
    expect(r.describeServices.map((s) => [s.at, Object.keys(s.services)])).toEqual([
      [30_000, []],
      [2 * MIN, ['web']],
      [9 * MIN, ['web']],
    ]);
  });

  it('changes nothing else: same log hash and the same end result', () => {
    const plain = buildModel(webConfig());
    const withSnapshots = buildModel(webConfig({ describeServicesAtMs: [MIN, 5 * MIN, 8 * MIN, 10 * MIN] }));
    const a = plain.run(10 * MIN);
    const b = withSnapshots.run(10 * MIN);
    expect(b.describeServices).toHaveLength(4);
    expect(withSnapshots.hash()).toBe(plain.hash());
    expect({ ...b, describeServices: [] }).toEqual(a);
  });
});

const scenario = (at: string, expectation = 'ecs.describeServices[at=180000].0.services.web.runningCount'): string => `name: snapshots
until: 10m
ecs:
  describeServicesAt: ${at}
  instances:
    - { name: pool, count: 2, instanceType: c5.large, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition: { family: web, containerDefinitions: [{ name: web, image: "shop/web:1", memory: 256 }] }
timeline:
  - at: 1m
    createService: { serviceName: web, taskDefinition: web, desiredCount: 2 }
  - at: 5m
    updateService: { service: web, desiredCount: 4 }
expectations:
  - that: ${expectation}
    equals: 2
`;

describe('describeServicesAt in a scenario', () => {
  it('takes durations, and expectations reach a snapshot by its time in ms', () => {
    const r = runYaml(scenario('[3m, "7m30s"]'));
    expect(r.ecs?.describeServices.map((s) => s.at)).toEqual([180_000, 450_000]);
    expect(r.expectations[0]).toMatchObject({ status: 'passed', seen: 2 });
  });

  it('refuses a time after the end of the run, and a time asked for twice, at their lines', () => {
    expect(refusal(scenario('[3m, 11m, 180s]'))).toMatchInlineSnapshot(`
      "✖ <dir>/scenario.yaml:4:28  ecs.describeServicesAt[1]: 11m is after the end of the run (until: 10m)
      ✖ <dir>/scenario.yaml:4:33  ecs.describeServicesAt[2]: 3m is already asked for at ecs.describeServicesAt[0]"
    `);
  });

  it('says how to pick the snapshot when a path forgets that a filter gives a list, before the run', () => {
    expect(() => runYaml(scenario('[3m]', 'ecs.describeServices[at=180000].services.web.runningCount'))).toThrow(
      'expectations[0].that: "ecs.describeServices[at=180000]" is a list: pick an item first (e.g. "ecs.describeServices[at=180000].0.services.web.runningCount"), or ask for its length',
    );
  });
});
