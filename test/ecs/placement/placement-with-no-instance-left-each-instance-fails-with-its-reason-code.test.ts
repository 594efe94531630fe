import { describe, expect, it } from 'vitest';
import { containerInstance, decideOn, hold, request, SPREAD_INSTANCE } from './placement-fixtures.js';

/**
 * ecs-facts T-075, T-112: when no instance can take the task, RunTask returns one failure
 * per instance with the reason code of what it lacked — RESOURCE:CPU, RESOURCE:MEMORY,
 * RESOURCE:PORTS, RESOURCE:ENI, AGENT (agent disconnected, T-074) or ATTRIBUTE (a
 * constraint it does not satisfy). S-002: such a task is Unplaceable, not an error.
 */
describe('a task no instance can take', () => {
  it('is Unplaceable with one failure per instance, each with its T-075 reason code', () => {
    const instances = [
      containerInstance(0, { agentConnected: false }),
      containerInstance(1, { registered: { cpu: 128 } }),
      containerInstance(2, { registered: { memory: 256 } }),
      containerInstance(3, { tasks: [{ group: 'family:other', ports: ['tcp/80'] }] }),
      containerInstance(4, { registered: { eni: 0 } }),
      containerInstance(5, { attributes: { tier: 'slow' } }),
      containerInstance(6, { attributes: { tier: 'fast' }, tasks: [{ group: 'family:web' }] }),
    ];
    const decision = decideOn(
      instances,
      request({
        needs: { cpu: 256, memory: 512, eni: 1, staticPorts: ['tcp/80'] },
        constraints: [{ type: 'memberOf', expression: 'attribute:tier == fast' }, { type: 'distinctInstance' }],
        strategy: [SPREAD_INSTANCE],
      }),
    );
    expect(decision.status).toBe('Unplaceable');
    expect(decision.chosen).toBeUndefined();
    expect(decision.failures.map((f) => [f.arn.slice(-1), f.reason])).toEqual([
      ['0', 'AGENT'],
      ['1', 'RESOURCE:CPU'],
      ['2', 'RESOURCE:MEMORY'],
      ['3', 'RESOURCE:PORTS'],
      ['4', 'RESOURCE:ENI'],
      ['5', 'ATTRIBUTE'], // memberOf
      ['6', 'ATTRIBUTE'], // distinctInstance (S-016)
    ]);
  });

  it('names an agent-reserved host port RESOURCE:PORTS (T-071)', () => {
    const decision = decideOn([containerInstance(0)], request({ needs: { staticPorts: ['tcp/51678'] } }));
    expect(decision.failures.map((f) => f.reason)).toEqual(['RESOURCE:PORTS']);
  });

  it('names a host with no free dynamic port left (49153–65535, T-051) RESOURCE:PORTS', () => {
    const full = containerInstance(0);
    const all: string[] = [];
    for (let p = 49153; p <= 65535; p += 1) all.push(`tcp/${p}`);
    hold(full, { group: 'family:other', ports: all });
    const decision = decideOn([full], request({ needs: { dynamicPorts: ['tcp'] } }));
    expect(decision.status).toBe('Unplaceable');
    expect(decision.failures.map((f) => f.reason)).toEqual(['RESOURCE:PORTS']);
    // The same host still takes a UDP dynamic port: the ranges are per protocol.
    expect(decideOn([full], request({ needs: { dynamicPorts: ['udp'] } })).status).toBe('Success');
  });
});
