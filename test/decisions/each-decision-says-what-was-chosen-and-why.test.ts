import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beatenBy, PLACEMENT_LIST_CAP } from '../../src/ecs/decisions/records.js';
import type { DecisionRecord } from '../../src/result/index.js';
import { simulate } from '../../src/scenario/simulate.js';
import { ROOT } from '../support.js';

const scenario = (name: string): string => join(ROOT, 'scenarios', name);
const ofKind = (ds: readonly DecisionRecord[] | undefined, kind: string): Record<string, unknown>[] => (ds ?? []).filter((d) => d.kind === kind) as Record<string, unknown>[];

describe('placement records', () => {
  it('binpack: the winner, each survivor’s rank, and the strategy (or the tie-break) that beat each loser', async () => {
    const { decisions } = await simulate(scenario('07-placement-strategies.yaml'), { decisions: true });
    const first = ofKind(decisions, 'placement')[0] as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['t', 'kind', 'group', 'label', 'task', 'status', 'strategies', 'instances', 'filters', 'winner', 'survivors', 'rejected', 'omitted']);
    expect(first).toMatchObject({ t: 180000, group: 'packed', status: 'Success', strategies: ['binpack(memory)'], instances: 4 });
    const survivors = first['survivors'] as { instance: string; ranks: number[]; beatenBy: string | null }[];
    expect(survivors[0]).toMatchObject({ instance: first['winner'], beatenBy: null });
    const winnerRank = survivors[0]?.ranks[0] as number;
    for (const s of survivors.slice(1)) expect(s.beatenBy).toBe((s.ranks[0] as number) > winnerRank ? 'binpack(memory)' : 'random tie-break');
    // The filters in the order they ran, each with the instances left after it.
    expect((first['filters'] as { filter: string }[]).map((f) => f.filter)).toEqual(['status', 'agent', 'cpu', 'memory', 'ports', 'eni', 'gpu']);
  });

  it('a constraint names itself as the filter that rejected each instance, and the counts fall filter by filter', async () => {
    const { decisions } = await simulate(scenario('07-placement-strategies.yaml'), { decisions: true });
    const onlyM5 = ofKind(decisions, 'placement').find((p) => p['label'] === 'onlyM5') as Record<string, unknown>;
    const filters = onlyM5['filters'] as { filter: string; left: number }[];
    expect(filters.at(-1)).toEqual({ filter: 'memberOf', left: 2 });
    expect(onlyM5['rejected']).toEqual([expect.objectContaining({ filter: 'memberOf', reason: 'ATTRIBUTE' }), expect.objectContaining({ filter: 'memberOf', reason: 'ATTRIBUTE' })]);
    for (let i = 1; i < filters.length; i += 1) expect((filters[i] as { left: number }).left).toBeLessThanOrEqual((filters[i - 1] as { left: number }).left);
  });

  it(`lists at most ${PLACEMENT_LIST_CAP} survivors and ${PLACEMENT_LIST_CAP} rejected instances, and counts the rest`, async () => {
    const { decisions } = await simulate(
      {
        name: 'many instances',
        until: '6m',
        ecs: {
          instances: [
            { name: 'big', count: 30, instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'] },
            { name: 'small', count: 25, instanceType: 't3.micro', availabilityZones: ['us-east-1a'] },
          ],
          taskDefinitions: [{ definition: { family: 'w', containerDefinitions: [{ name: 'w', image: 'w:1', cpu: 256, memoryReservation: 2048 }] } }],
        },
        timeline: [{ at: '4m', runTask: { taskDefinition: 'w', count: 1, placementStrategy: [{ type: 'binpack', field: 'memory' }] } }],
      },
      { decisions: true },
    );
    const [p] = ofKind(decisions, 'placement');
    expect(p).toMatchObject({ instances: 55, omitted: { survivors: 20, rejected: 15 } });
    expect((p?.['survivors'] as unknown[]).length).toBe(PLACEMENT_LIST_CAP);
    expect((p?.['rejected'] as unknown[]).length).toBe(PLACEMENT_LIST_CAP);
    expect((p?.['filters'] as { filter: string; left: number }[]).find((f) => f.filter === 'memory')?.left).toBe(30);
  });

  it('beatenBy names the first strategy that ranked a loser behind the winner', () => {
    expect(beatenBy([1, 5], [1, 2], ['spread(az)', 'binpack(memory)'])).toBe('binpack(memory)');
    expect(beatenBy([2, 0], [1, 2], ['spread(az)', 'binpack(memory)'])).toBe('spread(az)');
    expect(beatenBy([1, 2], [1, 2], ['spread(az)', 'binpack(memory)'])).toBe('random tie-break');
  });
});

describe('service, scaling and capacity records', () => {
  it('a reconciliation says what it started and stopped, with the floor and ceiling; scale-in says which tasks and in what order', async () => {
    const { decisions } = await simulate(scenario('06-service-scheduler.yaml'), { decisions: true });
    const reconcile = ofKind(decisions, 'serviceReconcile')[0];
    expect(Object.keys(reconcile ?? {})).toEqual(['t', 'kind', 'service', 'deployment', 'desired', 'floor', 'ceiling', 'plan', 'started', 'stopped']);
    const scaleIn = ofKind(decisions, 'scaleIn')[0] as Record<string, unknown>;
    expect(Object.keys(scaleIn)).toEqual(['t', 'kind', 'service', 'keep', 'candidates', 'chosen', 'order']);
    const chosen = scaleIn['chosen'] as string[];
    expect(chosen.length).toBe((scaleIn['candidates'] as number) - (scaleIn['keep'] as number));
    // The first task chosen is the first of the ordering.
    expect((scaleIn['order'] as { task: string }[])[0]?.task).toBe(chosen[0]);
    const stops = ofKind(decisions, 'serviceReconcile').find((r) => r['plan'] === 'scaleIn');
    expect((stops?.['stopped'] as { task: string; why: string }[]).map((s) => s.task)).toEqual(chosen);
  });

  it('Service Auto Scaling: alarm → policy → computed and set desired count, or why nothing scaled', async () => {
    const result = await simulate(scenario('21-target-tracking-traffic-spike.yaml'), { decisions: true });
    const { decisions } = result;
    const scaling = ofKind(decisions, 'scaling');
    expect(Object.keys(scaling[0] ?? {})).toEqual(['t', 'kind', 'resource', 'policy', 'policyType', 'alarm', 'direction', 'desiredCount', 'computed', 'to', 'reason', 'threshold', 'comparison', 'datapoints']);
    expect(scaling.find((s) => s['reason'] === 'AlreadyAtMinCapacity')).toMatchObject({ policy: 'cpu50', direction: 'in', to: null });
    const out = scaling.find((s) => s['direction'] === 'out' && s['to'] !== null);
    expect(out).toMatchObject({ policyType: 'TargetTrackingScaling', alarm: expect.stringMatching(/AlarmHigh/) });
    expect(out?.['to']).toBeGreaterThan(out?.['desiredCount'] as number);
  });

  it('a scaling record carries what the alarm saw: its threshold, comparison and the datapoints it evaluated, as CloudWatch recorded them', async () => {
    const result = await simulate(scenario('21-target-tracking-traffic-spike.yaml'), { decisions: true });
    const out = ofKind(result.decisions, 'scaling').find((s) => s['direction'] === 'out' && s['to'] !== null) as Record<string, unknown>;
    const alarm = result.cloudwatch?.alarms.MetricAlarms.find((a) => a.AlarmName === out['alarm']);
    expect(alarm).toBeDefined();
    expect(out['threshold']).toBe(alarm?.Threshold);
    expect(out['comparison']).toBe(alarm?.ComparisonOperator);
    const points = out['datapoints'] as { t: number; value: number }[];
    expect(points.length).toBeGreaterThan(0);
    expect(points.length).toBeLessThanOrEqual(alarm?.EvaluationPeriods as number);
    // Period starts, oldest first, before the decision; every one breaching the high alarm's threshold (it went to ALARM on them).
    for (const [i, p] of points.entries()) {
      expect(p.t % ((alarm?.Period as number) * 1000)).toBe(0);
      expect(p.t).toBeLessThan(out['t'] as number);
      if (i > 0) expect(p.t).toBeGreaterThan((points[i - 1] as { t: number }).t);
      expect(p.value).toBeGreaterThan(alarm?.Threshold as number);
    }
    // The alarm's own transition to ALARM at that moment names the same datapoints (StateReasonData, C-029).
    const first = ofKind(result.decisions, 'scaling').find((s) => s['alarm'] === out['alarm']) as Record<string, unknown>;
    const toAlarm = result.cloudwatch?.history.find((h) => h.AlarmName === out['alarm'] && h.HistoryItemType === 'StateUpdate' && h.HistorySummary.endsWith('to ALARM'));
    const reasonData = (JSON.parse(toAlarm?.HistoryData ?? '{}') as { newState: { stateReasonData: { recentDatapoints: number[] } } }).newState.stateReasonData;
    expect((first['datapoints'] as { value: number }[]).map((p) => p.value)).toEqual(reasonData.recentDatapoints);
  });

  it('managed scaling: the desired size and why; the instances terminated and those protected', async () => {
    const { decisions } = await simulate(scenario('23-cluster-auto-scaling.yaml'), { decisions: true });
    const managed = ofKind(decisions, 'managedScaling');
    expect(managed.some((m) => m['direction'] === 'scaleOut' && (m['to'] as number) > (m['from'] as number))).toBe(true);
    const scaleIn = ofKind(decisions, 'instanceScaleIn')[0] as Record<string, unknown>;
    expect(Object.keys(scaleIn)).toEqual(['t', 'kind', 'group', 'desired', 'inService', 'terminated', 'protected', 'order']);
    expect((scaleIn['terminated'] as string[]).length).toBeGreaterThan(0);
  });

  it('the circuit breaker and deployment alarms give their verdicts', async () => {
    const breaker = ofKind((await simulate(scenario('15-circuit-breaker-rollback.yaml'), { decisions: true })).decisions, 'circuitBreaker');
    expect(breaker.at(-1)).toMatchObject({ verdict: 'failed, roll back' });
    expect(breaker.at(-1)?.['failedTasks']).toBe(breaker.at(-1)?.['threshold']);
    const blueGreen = (await simulate(scenario('17-blue-green-canary-alarm-rollback.yaml'), { decisions: true })).decisions;
    const alarm = ofKind(blueGreen, 'deploymentAlarm');
    expect(alarm[0]).toMatchObject({ state: 'ALARM', verdict: expect.stringMatching(/^failed/) });
    // The blue/green loop records its reconciliations too: green started, then stopped by the rollback.
    const reconciles = ofKind(blueGreen, 'serviceReconcile').filter((r) => r['floor'] === null);
    expect(reconciles[0]).toMatchObject({ plan: 'green start, blue none', stopped: [] });
    const rollback = reconciles.find((r) => r['plan'] === 'rollback');
    expect((rollback?.['stopped'] as { why: string }[]).every((s) => s.why === 'rollback')).toBe(true);
    expect((alarm[0]?.['t'] as number) <= (rollback?.['t'] as number)).toBe(true);
  });
});
