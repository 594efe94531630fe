import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../src/ecs/task/task-record.js';
import type { TimelineAction } from '../../../src/ecs/config.js';
import { buildModel, ec2Definition, ecsConfig, instances, runYaml } from '../model/support.js';
import { createService, idOf, messages, updateService, type ServiceOptions } from './support.js';

// ecs-facts S-025 to S-028 and DG service-rebalancing.html: once a service is steady, ECS
// watches its tasks per AZ; on an imbalance it says "(service X) is not AZ balanced with
// ...", starts tasks in the emptiest AZs, stops tasks in the fullest only once the new
// ones are RUNNING and healthy (40 s after RUNNING without checks, S-045), and says "is
// AZ balanced with ..." when done. Only REPLICA services whose first strategy is AZ spread
// (or that give none), not EXTERNAL, not maximumPercent 100, no AZ constraint; CreateService
// turns it on for those unless told otherwise. With DISABLED ECS moves nothing.
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const LOSE_AT = 10 * 60_000;
const BACK_AT = 20 * 60_000;
const loseAz = (atMs: number, availabilityZone: string): TimelineAction => ({ kind: 'loseAvailabilityZone', atMs, availabilityZone });
const live = (tasks: readonly TaskRecord[]) => tasks.filter((t) => t.lastStatus !== 'STOPPED');
const perAz = (tasks: readonly TaskRecord[]) => AZS.map((az) => tasks.filter((t) => t.availabilityZone === az && t.lastStatus === 'RUNNING').length);
const rebalancingEvents = (all: readonly string[]) => all.filter((x) => /AZ balanced|AZ Rebalanc|AZ rebalancing/.test(x));

/**
 * Six instances over three AZs and a 6-task service (2/2/2); us-east-1c is lost at 10m
 * (the service rebuilds 3/3/0) and two instances come back there at 20m.
 */
function lostAndBack(options: ServiceOptions, extra: readonly TimelineAction[] = [], seed = 1) {
  return buildModel(
    ecsConfig({
      instanceGroups: [instances({ count: 6, availabilityZones: AZS }), instances({ name: 'back', count: 2, availabilityZones: ['us-east-1c'], launchAtMs: BACK_AT })],
      definitions: [ec2Definition('web', { cpu: 256, memory: 512 })],
      timeline: [createService(60_000, 'web', 'web', { desiredCount: 6, ...options }), loseAz(LOSE_AT, 'us-east-1c'), ...extra],
    }),
    seed,
  );
}

describe('AZ rebalancing (S-025 to S-028)', () => {
  it('a service that lost an AZ moves tasks back when the AZ returns', () => {
    const m = lostAndBack({ availabilityZoneRebalancing: 'ENABLED' });
    m.run(BACK_AT);
    expect(perAz(m.tasks('web'))).toEqual([3, 3, 0]);
    const r = m.run(40 * 60_000);
    expect(perAz(m.tasks('web'))).toEqual([2, 2, 2]);
    const moved = m.tasks('web').filter((t) => t.createdAt > BACK_AT);
    const stopped = m.tasks('web').filter((t) => t.stoppedReason?.startsWith('Availability-zone') === true);
    expect(moved.map((t) => t.availabilityZone)).toEqual(['us-east-1c', 'us-east-1c']);
    expect(stopped.map((t) => t.availabilityZone).sort()).toEqual(['us-east-1a', 'us-east-1b']);
    const [a, b] = moved.map((t) => idOf(t.taskArn));
    const [x, y] = [...stopped].sort((p, q) => (p.availabilityZone < q.availabilityZone ? -1 : 1)).map((t) => idOf(t.taskArn));
    expect(rebalancingEvents(messages(r, 'web'))).toEqual([
      '(service web) is not AZ balanced with 3 tasks in us-east-1a, 3 tasks in us-east-1b, 0 tasks in us-east-1c. AZ Rebalancing in progress.',
      `(service web) has started 2 tasks in us-east-1c to AZ Rebalance: (task ${a}) (task ${b}).`,
      `(service web) has stopped 1 running tasks in us-east-1a due to AZ rebalancing: (task ${x}).`,
      `(service web) has stopped 1 running tasks in us-east-1b due to AZ rebalancing: (task ${y}).`,
      '(service web) is AZ balanced with 2 tasks in us-east-1a, 2 tasks in us-east-1b, 2 tasks in us-east-1c.',
    ]);
    expect(messages(r, 'web').at(-1)).toBe('(service web) has reached a steady state.');
    const deployment = r.services.web?.deployments[0]?.id;
    for (const t of stopped) {
      expect(t.stopCode).toBe('ServiceSchedulerInitiated');
      expect(t.stoppedReason).toBe(`Availability-zone rebalancing initiated by (deployment ${deployment})`);
    }
    expect(r.services.web).toMatchObject({ availabilityZoneRebalancing: 'ENABLED', desiredCount: 6, runningCount: 6 });
  });

  it('stops an old task only after a new one has been RUNNING and healthy (40 s without checks, S-045)', () => {
    const m = lostAndBack({ availabilityZoneRebalancing: 'ENABLED' });
    m.run(40 * 60_000);
    const healthyAt = Math.min(...m.tasks('web').filter((t) => t.createdAt > BACK_AT).map((t) => (t.startedAt ?? Number.POSITIVE_INFINITY) + 40_000));
    const stops = m.tasks('web').filter((t) => t.stoppedReason?.startsWith('Availability-zone') === true);
    expect(stops).toHaveLength(2);
    for (const t of stops) expect(t.stoppingAt).toBeGreaterThanOrEqual(healthyAt);
  });

  it('waits for the service to be steady: nothing moves while the lost AZ is gone', () => {
    const m = lostAndBack({ availabilityZoneRebalancing: 'ENABLED' });
    const r = m.run(BACK_AT);
    expect(rebalancingEvents(messages(r, 'web'))).toEqual([]);
  });

  it('DISABLED never moves tasks', () => {
    for (const options of [{ availabilityZoneRebalancing: 'DISABLED' as const }, {}]) {
      const m = lostAndBack(options);
      const r = m.run(40 * 60_000);
      expect(perAz(m.tasks('web'))).toEqual([3, 3, 0]);
      expect(rebalancingEvents(messages(r, 'web'))).toEqual([]);
      expect(m.tasks('web').filter((t) => t.stopCode === 'ServiceSchedulerInitiated')).toEqual([]);
      // A service that never had a value counts as DISABLED (S-025).
      expect(r.services.web?.availabilityZoneRebalancing).toBe('DISABLED');
    }
  });

  it('binpack services are not rebalanced, even with ENABLED', () => {
    for (const placementStrategy of [[{ type: 'binpack', field: 'memory' }], [{ type: 'spread', field: 'instanceId' }]]) {
      const m = lostAndBack({ availabilityZoneRebalancing: 'ENABLED', placementStrategy });
      const r = m.run(40 * 60_000);
      expect(rebalancingEvents(messages(r, 'web'))).toEqual([]);
      expect(m.tasks('web').filter((t) => t.stopCode === 'ServiceSchedulerInitiated')).toEqual([]);
    }
  });

  it('a service that spreads over AZs first and binpacks within them is rebalanced (the documented example)', () => {
    const m = lostAndBack({ availabilityZoneRebalancing: 'ENABLED', placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }] });
    m.run(40 * 60_000);
    expect(perAz(m.tasks('web'))).toEqual([2, 2, 2]);
  });

  it('is not supported with maximumPercent 100 or a constraint on the AZ attribute', () => {
    const az = [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone in [us-east-1a, us-east-1b, us-east-1c]' }];
    for (const options of [{ maximumPercent: 100 }, { placementConstraints: az }] as ServiceOptions[]) {
      const m = lostAndBack({ availabilityZoneRebalancing: 'ENABLED', ...options });
      const r = m.run(40 * 60_000);
      expect(rebalancingEvents(messages(r, 'web'))).toEqual([]);
      expect(perAz(m.tasks('web'))).toEqual([3, 3, 0]);
    }
  });

  it('rebalancing never exceeds maximumPercent', () => {
    // 120% of 6 leaves room for one more task: one moves at a time, each new task
    // waiting until the old one it replaces has STOPPED.
    const m = lostAndBack({ availabilityZoneRebalancing: 'ENABLED', maximumPercent: 120 });
    let most = 0;
    m.sim.run({
      until: 40 * 60_000,
      stopWhen: () => {
        most = Math.max(most, live(m.tasks('web')).length);
        return false;
      },
    });
    const r = m.model.result();
    expect(most).toBe(7);
    expect(perAz(m.tasks('web'))).toEqual([2, 2, 2]);
    const events = rebalancingEvents(messages(r, 'web'));
    expect(events.filter((x) => x.includes('has started 1 tasks in us-east-1c'))).toHaveLength(2);
    expect(events.filter((x) => x.includes('has stopped 1 running tasks'))).toHaveLength(2);
    expect(events.at(-1)).toBe('(service web) is AZ balanced with 2 tasks in us-east-1a, 2 tasks in us-east-1b, 2 tasks in us-east-1c.');
  });

  it('with the default 100%/200% never has fewer than 6 healthy tasks while moving (minimumHealthyPercent holds)', () => {
    const m = lostAndBack({ availabilityZoneRebalancing: 'ENABLED' });
    m.run(BACK_AT);
    let fewest = Number.POSITIVE_INFINITY;
    m.sim.run({
      until: 40 * 60_000,
      stopWhen: () => {
        const healthy = m.tasks('web').filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING' && t.startedAt !== undefined && m.sim.now - t.startedAt >= 40_000);
        fewest = Math.min(fewest, healthy.length);
        return false;
      },
    });
    expect(fewest).toBe(6);
  });

  it('rebalances when new instances join an AZ the service never had', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances({ name: 'ab', count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] }), instances({ name: 'c', count: 1, availabilityZones: ['us-east-1c'], launchAtMs: 5 * 60_000 })],
        definitions: [ec2Definition('web')],
        timeline: [createService(60_000, 'web', 'web', { desiredCount: 4, availabilityZoneRebalancing: 'ENABLED' })],
      }),
    );
    const r = m.run(15 * 60_000);
    expect(perAz(m.tasks('web')).sort()).toEqual([1, 1, 2]);
    expect(rebalancingEvents(messages(r, 'web'))[0]).toBe('(service web) is not AZ balanced with 2 tasks in us-east-1a, 2 tasks in us-east-1b, 0 tasks in us-east-1c. AZ Rebalancing in progress.');
  });

  it('follows agent connections: a disconnected AZ does not count, and counts again once its agent is back', () => {
    // The scheduler keeps the AZs that can take tasks between instance events (issue 14):
    // a disconnect and a reconnect are such events, though neither pokes the service.
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances({ name: 'ab', count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] }), instances({ name: 'c', count: 1, availabilityZones: ['us-east-1c'] })],
        definitions: [ec2Definition('web', { cpu: 128, memory: 128 })],
        timeline: [
          createService(60_000, 'web', 'web', { desiredCount: 3, availabilityZoneRebalancing: 'ENABLED' }),
          { kind: 'disconnectAgent', atMs: 5 * 60_000, instance: 'c/0' },
          updateService(15 * 60_000, 'web', 6),
          { kind: 'reconnectAgent', atMs: 30 * 60_000, instance: 'c/0' },
        ],
      }),
    );
    let r = m.run(29 * 60_000);
    // Placed where agents are connected, and balanced over the two AZs that count.
    const before = perAz(m.tasks('web'));
    expect(before[2]).toBe(1);
    expect([...before.slice(0, 2)].sort()).toEqual([2, 3]);
    expect(rebalancingEvents(messages(r, 'web'))).toEqual([]);
    // Nothing pokes the steady service after the reconnect; its 6-hourly look (S-059) sees three AZs again.
    r = m.run(7 * 3_600_000);
    expect(rebalancingEvents(messages(r, 'web'))[0]).toMatch(/^\(service web\) is not AZ balanced with .* 1 tasks in us-east-1c\. AZ Rebalancing in progress\.$/);
    expect(perAz(m.tasks('web'))).toEqual([2, 2, 2]);
  });

  it('stops rebalancing and says so when the desired count changes mid-way, then ends balanced', () => {
    // The new tasks start at ~20m37s and are healthy 40 s after RUNNING; scale in before that.
    const m = lostAndBack({ availabilityZoneRebalancing: 'ENABLED' }, [updateService(BACK_AT + 50_000, 'web', 3)]);
    const r = m.run(40 * 60_000);
    const events = rebalancingEvents(messages(r, 'web'));
    expect(events[0]).toMatch(/is not AZ balanced/);
    expect(events).toContain('(service web) stopped AZ Rebalancing.');
    expect(perAz(m.tasks('web'))).toEqual([1, 1, 1]);
    expect(r.services.web).toMatchObject({ desiredCount: 3, runningCount: 3 });
  });

  it('describe-services shows availabilityZoneRebalancing, defaulted as CreateService does (S-025, S-026)', () => {
    const head = `name: defaults
until: 2m
ecs:
  instances:
    - { name: pool, count: 1, instanceType: c5.large, availabilityZones: [us-east-1a] }
  taskDefinitions:
    - definition: { family: web, containerDefinitions: [{ name: web, image: shop/web:1, memory: 256 }] }
timeline:
`;
    const services = [
      ['plain', 'desiredCount: 1', 'ENABLED'],
      ['spread-az', 'desiredCount: 1, placementStrategy: [{ type: spread, field: "attribute:ecs.availability-zone" }, { type: binpack, field: memory }]', 'ENABLED'],
      ['off', 'desiredCount: 1, availabilityZoneRebalancing: DISABLED', 'DISABLED'],
      ['packed', 'desiredCount: 1, placementStrategy: [{ type: binpack, field: memory }]', 'DISABLED'],
      ['by-instance', 'desiredCount: 1, placementStrategy: [{ type: spread, field: instanceId }]', 'DISABLED'],
      ['daemon', 'schedulingStrategy: DAEMON', 'DISABLED'],
      ['no-room', 'desiredCount: 1, deploymentConfiguration: { maximumPercent: 100 }', 'DISABLED'],
      ['in-az', 'desiredCount: 1, placementConstraints: [{ type: memberOf, expression: "attribute:ecs.availability-zone == us-east-1a" }]', 'DISABLED'],
    ] as const;
    const yaml = head + services.map(([name, rest]) => `  - at: 1m\n    createService: { serviceName: ${name}, taskDefinition: web, ${rest} }\n`).join('');
    const result = runYaml(yaml);
    for (const [name, , expected] of services) expect(result.ecs?.services[name]?.availabilityZoneRebalancing, name).toBe(expected);
  });
});
