import { describe, expect, it } from 'vitest';
import { ofType, runWithEvents } from './run-events.js';

describe('ECS Container Instance State Change (ecs-facts S-113, T-068)', () => {
  const instances = ofType(runWithEvents('15-circuit-breaker-rollback.yaml').events, 'ECS Container Instance State Change');

  it('registered and remaining resources are CPU, MEMORY (INTEGER) and PORTS, PORTS_UDP (STRINGSET)', () => {
    expect(instances.length).toBeGreaterThan(0);
    const d = instances[0]!.detail;
    expect(Object.keys(d)).toEqual(['agentConnected', 'attributes', 'clusterArn', 'containerInstanceArn', 'ec2InstanceId', 'registeredResources', 'remainingResources', 'status', 'version', 'versionInfo', 'updatedAt']);
    for (const key of ['registeredResources', 'remainingResources']) {
      const r = d[key] as { name: string; type: string; integerValue?: number; stringSetValue?: string[] }[];
      expect(r.map((x) => [x.name, x.type])).toEqual([['CPU', 'INTEGER'], ['MEMORY', 'INTEGER'], ['PORTS', 'STRINGSET'], ['PORTS_UDP', 'STRINGSET']]);
      expect(Number.isInteger(r[0]!.integerValue)).toBe(true);
      expect(Array.isArray(r[2]!.stringSetValue)).toBe(true);
    }
  });

  it('each instance\'s detail.version rises by one per event, and a task start takes resources from remainingResources', () => {
    const byArn = new Map<string, number[]>();
    for (const e of instances) byArn.set(e.detail['containerInstanceArn'] as string, [...(byArn.get(e.detail['containerInstanceArn'] as string) ?? []), e.detail['version'] as number]);
    for (const versions of byArn.values()) expect(versions).toEqual(versions.map((_, i) => i + 1));
    const cpuLeft = instances.map((e) => ((e.detail['remainingResources'] as { integerValue?: number }[])[0]!.integerValue ?? 0));
    const cpuRegistered = instances.map((e) => ((e.detail['registeredResources'] as { integerValue?: number }[])[0]!.integerValue ?? 0));
    expect(cpuLeft.some((left, i) => left < cpuRegistered[i]!)).toBe(true);
  });
});
