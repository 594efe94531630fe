import { describe, expect, it } from 'vitest';
import { NamespaceDelayedMetricStore } from '../../src/cloudwatch/namespace-delays.js';
import { Simulation } from '../../src/engine/index.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { InputError } from '../../src/issues/index.js';

/**
 * ecs-facts EF-005 (PutMetricData: custom namespace, Value / Values with Counts /
 * StatisticValues, each datum stamped with the action's time) and EF-006 (the publication
 * delay, C-019's 2 minutes by default, set per namespace).
 */
const MIN = 60_000;

function scenario(timeline: string, cloudwatch = ''): string {
  return `name: custom metrics
until: 10m
timeline:
${timeline}
cloudwatch:
${cloudwatch}  metrics:
    - { Id: v, Namespace: App, MetricName: Depth, Stat: Sum, Period: 60 }
    - { Id: n, Namespace: App, MetricName: Depth, Stat: SampleCount, Period: 60 }
    - { Id: hi, Namespace: App, MetricName: Depth, Stat: Maximum, Period: 60 }
expectations: []
`;
}

function problems(text: string): string[] {
  try {
    parseScenario(text, 'custom.yaml');
  } catch (error) {
    if (error instanceof InputError) return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('putMetricData on the timeline', () => {
  it('puts a Value, Values with Counts, and a StatisticValues set, each at the action’s minute', () => {
    const { result } = runScenario(
      parseScenario(
        scenario(`  - { at: 1m, putMetricData: { Namespace: App, MetricData: [{ MetricName: Depth, Value: 7 }] } }
  - { at: 2m10s, putMetricData: { Namespace: App, MetricData: [{ MetricName: Depth, Values: [1, 5], Counts: [3, 1] }] } }
  - { at: 3m, putMetricData: { Namespace: App, MetricData: [{ MetricName: Depth, StatisticValues: { SampleCount: 4, Sum: 10, Minimum: 1, Maximum: 4 } }] } }`),
        'custom.yaml',
      ),
    );
    const data = result.cloudwatch!.metricData;
    const at = (id: string): (number | undefined)[] => {
      const m = data.find((d) => d.Id === id)!;
      return [1, 2, 3].map((minute) => m.Values[m.Timestamps.indexOf(new Date(minute * MIN).toISOString())]);
    };
    expect(at('v')).toEqual([7, 8, 10]);
    expect(at('n')).toEqual([1, 4, 4]);
    expect(at('hi')).toEqual([7, 5, 4]);
  });

  it('refuses what PutMetricData refuses, naming the field', () => {
    const bad = (datum: string, namespace = 'App'): string[] => problems(scenario(`  - { at: 1m, putMetricData: { Namespace: ${namespace}, MetricData: [${datum}] } }`));
    expect(bad('{ MetricName: Depth, Value: 1 }', 'AWS/ECS')).toEqual(['timeline.0.putMetricData.Namespace: Namespace must not begin with "AWS/": that prefix is reserved for AWS services\' metrics']);
    expect(bad('{ MetricName: Depth, Value: 1, Values: [2] }')).toEqual(['timeline.0.putMetricData.MetricData.0: give exactly one of Value, Values or StatisticValues (got Value and Values)']);
    expect(bad('{ MetricName: Depth }')).toEqual(['timeline.0.putMetricData.MetricData.0: give exactly one of Value, Values or StatisticValues']);
    expect(bad('{ MetricName: Depth, Values: [1, 2], Counts: [1] }')).toEqual(['timeline.0.putMetricData.MetricData.0.Counts: Counts must go with Values and have as many entries (2)']);
    expect(bad('{ MetricName: Depth, Value: 5e108 }')).toEqual(['timeline.0.putMetricData.MetricData.0.Value: a metric value must be finite and within -2^360 to 2^360 (NaN and Infinity are not supported)']);
    expect(bad('{ MetricName: Depth, Value: .nan }')).toEqual(['timeline.0.putMetricData.MetricData.0.Value: a metric value must be a number, got NaN']);
    expect(bad('{ MetricName: Depth, Value: 1, Unit: Percents }')[0]).toMatch(/^timeline\.0\.putMetricData\.MetricData\.0\.Unit: expected one of "Seconds", .*; did you mean "Percent"\?$/);
  });

  it('needs no cloudwatch section: CloudWatch exists once the timeline puts a metric', () => {
    const text = `name: put only
until: 3m
timeline:
  - { at: 1m, putMetricData: { Namespace: App, MetricData: [{ MetricName: Depth, Value: 1 }] } }
expectations: []
`;
    expect(runScenario(parseScenario(text, 'only.yaml')).result.cloudwatch).toBeDefined();
  });
});

describe('the publication delay per namespace (EF-006)', () => {
  it('a sample becomes visible its namespace’s delay after the put; unlisted namespaces wait the default', () => {
    const sim = new Simulation({ seed: 1 });
    const store = new NamespaceDelayedMetricStore(sim, { defaultMs: 2 * MIN, byNamespace: new Map([['Fast', 30_000], ['AWS/ECS', 60_000]]) });
    expect(store.publicationDelayMs).toBe(30_000);
    expect([store.delayOf('Fast'), store.delayOf('AWS/ECS'), store.delayOf('Other')]).toEqual([30_000, 60_000, 2 * MIN]);
    sim.at(MIN, () => {
      for (const ns of ['Fast', 'AWS/ECS', 'Other']) store.putMetricData(ns, 'm', [], 1, 0);
    });
    const visible = (ns: string): number | undefined => store.stat({ Namespace: ns, MetricName: 'm' }, 'Sum', 0, MIN);
    const seen: Record<string, (number | undefined)[]> = { Fast: [], 'AWS/ECS': [], Other: [] };
    for (const t of [MIN + 29_999, MIN + 30_000, 2 * MIN - 1, 2 * MIN, 3 * MIN - 1, 3 * MIN]) {
      sim.run({ until: t });
      for (const ns of Object.keys(seen)) seen[ns]!.push(visible(ns));
    }
    expect(seen).toEqual({
      Fast: [undefined, 1, 1, 1, 1, 1],
      'AWS/ECS': [undefined, undefined, undefined, 1, 1, 1],
      Other: [undefined, undefined, undefined, undefined, undefined, 1],
    });
  });

  it('a scenario sets it by namespace, "*" for the rest, and an alarm sees the data that much sooner', () => {
    const run = (delay: string): string | undefined => {
      const text = scenario(
        '  - { at: 1m, putMetricData: { Namespace: App, MetricData: [{ MetricName: Depth, Value: 50 }] } }',
        `  publicationDelay: ${delay}
  alarms:
    - { AlarmName: deep, Namespace: App, MetricName: Depth, Statistic: Maximum, Period: 60, EvaluationPeriods: 1, Threshold: 10, ComparisonOperator: GreaterThanThreshold }
`,
      );
      const { result } = runScenario(parseScenario(text, 'custom.yaml'));
      return result.cloudwatch!.history.find((h) => h.HistorySummary.endsWith('to ALARM'))?.Timestamp;
    };
    // Put at 1:00 into minute 1; visible at 1:30 → the 2:00 evaluation; at 3:00 → the 3:00 one.
    expect(run('{ App: 30s, "*": 5m }')).toBe('1970-01-01T00:02:00.000Z');
    expect(run('{ "*": 2m }')).toBe('1970-01-01T00:03:00.000Z');
    expect(run('"2m"')).toBe('1970-01-01T00:03:00.000Z');
    expect(problems(scenario('  - { at: 1m, putMetricData: { Namespace: App, MetricData: [{ MetricName: Depth, Value: 1 }] } }', '  publicationDelay: { App: 6m }\n'))).toEqual([
      'cloudwatch.publicationDelay.App: a publication delay must be at most 5m',
    ]);
  });
});
