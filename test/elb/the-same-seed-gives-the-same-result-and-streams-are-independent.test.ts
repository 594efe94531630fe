import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';
import { ElasticLoadBalancing } from '../../src/elb/elb.js';
import { parseElbSection, type ElbSectionInput } from '../../src/elb/schema.js';
import { Network } from '../../src/traffic/http.js';
import { Workload } from '../../src/traffic/workload.js';
import { albSection, FakeServer } from './support.js';

const FAST = { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2, Attributes: [{ Key: 'load_balancing.algorithm.type', Value: 'weighted_random' }] };

function run(seed: number, section: ElbSectionInput): string {
  const sim = new Simulation({ seed });
  const network = new Network();
  const elb = new ElasticLoadBalancing(sim, network, parseElbSection(section));
  ['10.0.0.5', '10.0.0.6', '10.0.1.5'].forEach((ip, i) => {
    const server = new FakeServer(sim, () => ({ status: 200, delayMs: 5 + i }));
    network.listen(`${ip}:8080`, server);
  });
  elb.registerTargets('web', [
    { Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' },
    { Id: '10.0.0.6', AvailabilityZone: 'us-east-1a' },
    { Id: '10.0.1.5', AvailabilityZone: 'us-east-1b' },
  ]);
  const workload = new Workload(sim, { name: 'users', arrivals: { constant: 50 }, routes: [{ name: 'home', path: '/' }], startMs: 10_000, stopMs: 60_000 }, elb.listenerEndpoint('front', 80));
  workload.start();
  sim.run({ until: 70_000 });
  const web = elb.result().targetGroups.find((t) => t.TargetGroup.TargetGroupName === 'web');
  return JSON.stringify(web);
}

describe('determinism', () => {
  it('the same seed gives the same ELB result; another seed gives another', () => {
    const section = albSection({ tg: FAST, model: { firstCheckJitter: '5s' } });
    expect(run(7, section)).toBe(run(7, section));
    expect(run(7, section)).not.toBe(run(8, section));
  });

  it('adding an unrelated load balancer and target group leaves the first one’s draws and results unchanged', () => {
    const base = albSection({ tg: FAST, model: { firstCheckJitter: '5s' } });
    const more = {
      ...base,
      targetGroups: [...(base.targetGroups ?? []), { Name: 'other', Protocol: 'HTTP', Port: 9090, TargetType: 'ip' }],
      loadBalancers: [...(base.loadBalancers ?? []), { Name: 'back', AvailabilityZones: ['us-east-1a', 'us-east-1b'], Listeners: [{ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'other' }] }] }],
    } as ElbSectionInput;
    expect(run(7, more)).toBe(run(7, base));
  });
});
