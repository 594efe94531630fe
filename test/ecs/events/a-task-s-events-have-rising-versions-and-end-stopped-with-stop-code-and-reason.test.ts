import { describe, expect, it } from 'vitest';
import { ofType, runWithEvents } from './run-events.js';

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('ECS Task State Change events (ecs-facts S-112, T-022)', () => {
  const { events } = runWithEvents('15-circuit-breaker-rollback.yaml');
  const tasks = ofType(events, 'ECS Task State Change');
  const byTask = new Map<string, (typeof tasks)[number][]>();
  for (const e of tasks) {
    const arn = e.detail['taskArn'] as string;
    byTask.set(arn, [...(byTask.get(arn) ?? []), e]);
  }

  it('each task has strictly rising detail.version, one event per bump', () => {
    expect(byTask.size).toBeGreaterThan(3);
    for (const list of byTask.values()) {
      const versions = list.map((e) => e.detail['version'] as number);
      for (let i = 1; i < versions.length; i += 1) expect(versions[i]).toBe((versions[i - 1] as number) + 1);
    }
  });

  it('a stopped task ends with lastStatus STOPPED carrying stopCode, stoppedReason and stoppedAt', () => {
    const stopped = [...byTask.values()].filter((list) => list.some((e) => e.detail['lastStatus'] === 'STOPPED'));
    expect(stopped.length).toBeGreaterThan(0);
    for (const list of stopped) {
      const last = list[list.length - 1]!;
      expect(last.detail['lastStatus']).toBe('STOPPED');
      expect(typeof last.detail['stopCode']).toBe('string');
      expect(typeof last.detail['stoppedReason']).toBe('string');
      expect(last.detail['stoppedAt']).toMatch(ISO_MS);
    }
  });

  it('the envelope is EventBridge\'s and the detail mirrors the task with ISO timestamps', () => {
    const e = tasks[0]!;
    expect(Object.keys(e)).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    expect(e.version).toBe('0');
    expect(e.source).toBe('aws.ecs');
    expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(e.resources).toEqual([e.detail['taskArn']]);
    expect(e.detail['createdAt']).toMatch(ISO_MS);
    expect(e.detail['updatedAt']).toMatch(ISO_MS);
    expect(e.detail['clusterArn']).toMatch(/^arn:aws:ecs:[^:]+:\d+:cluster\//);
    const container = (e.detail['containers'] as Record<string, unknown>[])[0]!;
    expect(container['containerArn']).toMatch(/^arn:aws:ecs:[^:]+:\d+:container\//);
    expect(container['taskArn']).toBe(e.detail['taskArn']);
    expect(new Set(events.map((x) => x.id)).size).toBe(events.length);
  });
});
