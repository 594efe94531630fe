import { describe, expect, it } from 'vitest';
import { cpuPolicy, feed, MIN, world } from './support.js';

describe('deployments (A-007)', () => {
  it('blocks scale-in during a deployment and lets scale-out through', () => {
    const w = world({ initial: 10 });
    w.svc.deploying = true;
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    feed(w, 'CPUUtilization', (m) => (m < 25 ? 10 : 90), 30);
    w.sim.run({ until: 25 * MIN });
    expect(w.svc.history).toEqual([]);
    w.sim.run({ until: 28 * MIN + 1 });
    expect(w.svc.history).toEqual([{ t: 28 * MIN, desired: 18 }]);
  });

  it('scales in once the deployment is over', () => {
    const w = world({ initial: 10 });
    w.svc.deploying = true;
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    feed(w, 'CPUUtilization', () => 10, 30);
    w.sim.at(20 * MIN + 1, () => (w.svc.deploying = false));
    w.sim.run({ until: 22 * MIN });
    expect(w.svc.history).toEqual([{ t: 21 * MIN, desired: 2 }]);
  });
});
