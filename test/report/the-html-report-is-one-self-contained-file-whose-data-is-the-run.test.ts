import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport, simulate } from '../../src/index.js';
import { jsonForScript, reportData } from '../../src/report/html/index.js';
import { bandDuringDeployments, scalingRecordOf, spansOf, type InspectorData } from '../../src/report/html/view-model.js';
import type { RunResult } from '../../src/result/index.js';
import { cli, ROOT, tempDir } from '../support.js';

/**
 * `ecs-sim run --report out.html` and `renderHtmlReport(result)`: one file that loads
 * nothing from anywhere, whose embedded data is the run's, and in which no scenario text is
 * markup. (test/browser/ opens it in a real browser.)
 */
const SCENARIO = join(ROOT, 'scenarios', '29-rolling-deploy-and-az-loss.yaml');
let cached: RunResult | undefined;
async function run(): Promise<RunResult> {
  cached ??= await simulate(SCENARIO);
  return cached;
}
const embedded = (html: string): Record<string, unknown> => JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? 'null') as Record<string, unknown>;

describe('the HTML report', () => {
  it('is one file: every script and style inline, nothing fetched, a policy that forbids fetching', async () => {
    const html = renderHtmlReport(await run());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    // The markup around the three inline scripts (the data, ECharts, the page's script).
    const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
    expect(markup.match(/<script\b[^>]*>/g)).toEqual(['<script type="application/json" id="report-data">', '<script>', '<script>']);
    expect(/\bsrc=|\bhref=|<link\b|<img\b|<iframe\b|@import|url\(/i.test(markup)).toBe(false);
    expect(markup).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html.includes('echarts.init')).toBe(true);
  });

  it("embeds the run's data: every task, the time series of requests, the expectations", async () => {
    const result = await run();
    const data = embedded(renderHtmlReport(result));
    expect(data).toEqual(JSON.parse(JSON.stringify(reportData(result))));
    const tasks = Object.values(result.ecs?.tasksByLabel ?? {}).flat();
    expect((data['tasks'] as { arn: string }[]).map((t) => t.arn).sort()).toEqual(tasks.map((t) => t.taskArn).sort());
    const traffic = data['traffic'] as { series: { scope: string; elb5xx: number[] }[] };
    const lb = traffic.series.find((s) => s.scope === 'loadBalancer');
    // When the 5xx happened: the ALB's 503s in the first minutes, its 502s in the minute of the AZ loss (20m).
    expect(lb?.elb5xx.reduce((a, b) => a + b, 0)).toBe(result.elb?.loadBalancers[0]?.requests?.counts.HTTPCode_ELB_5XX_Count);
    expect((lb?.elb5xx[0] ?? 0) + (lb?.elb5xx[1] ?? 0)).toBeGreaterThan(3000);
    expect(lb?.elb5xx[20]).toBeGreaterThan(0);
    expect(lb?.elb5xx.slice(3, 20).every((n) => n === 0)).toBe(true);
    expect((data['expectations'] as unknown[]).length).toBe(result.expectations.length);
  });

  it('writes no scenario text as markup: </script>, <img onerror> and line separators are escaped in the data', async () => {
    const result = { ...(await run()), scenario: 'x</script><img src=x onerror=alert(1)>\u2028&' };
    const html = renderHtmlReport(result, { description: '<b>bold</b></SCRIPT>' });
    expect(html.includes('<img src=x')).toBe(false);
    expect(html.includes('<b>bold')).toBe(false);
    expect(html.match(/<\/script>/gi)?.length).toBe(3);
    expect(html.includes('<title>ecs-sim report: x&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;\u2028&amp;</title>')).toBe(true);
    const data = embedded(html);
    expect(data['scenario']).toBe(result.scenario);
    expect(data['description']).toBe('<b>bold</b></SCRIPT>');
    expect(jsonForScript({ a: '</script>\u2029' })).toBe('{"a":"\\u003c/script\\u003e\\u2029"}');
  });
});

describe('ecs-sim run --report', () => {
  it('writes the report and leaves the run as it is: same summary, same exit code, same expectations', async () => {
    const file = join(ROOT, 'scenarios', '07-placement-strategies.yaml');
    const out = join(tempDir(), 'report.html');
    const plain = await cli('run', file);
    const reported = await cli('run', file, '--report', out);
    expect(reported.code).toBe(plain.code);
    expect(reported.out).toBe(plain.out);
    // The report has every placement decision with each instance's verdict (a second run, with explanations).
    const data = embedded(readFileSync(out, 'utf8')) as { placements: { total: number; shown: { candidates?: unknown[] }[] } };
    expect(data.placements.total).toBeGreaterThan(0);
    expect(data.placements.shown.every((p) => Array.isArray(p.candidates))).toBe(true);
  });

  it('refuses an unwritable report path before running (exit 2)', async () => {
    const { code, err } = await cli('run', SCENARIO, '--report', join(tempDir(), 'missing', 'out.html'));
    expect(code).toBe(2);
    expect(err).toMatch(/--report .*cannot write: no such directory/);
  });
});

describe('the report view model', () => {
  it('turns state changes into spans, merging repeats and holding the last state to the end', () => {
    expect(spansOf([{ t: 0, state: 'a' }, { t: 5, state: 'a' }, { t: 7, state: 'b' }], 10)).toEqual([['a', 0, 7], ['b', 7, 10]]);
    expect(spansOf([], 10)).toEqual([]);
  });

  it('draws the deployment band only while a deployment runs', () => {
    const series = { t: [0, 100], desired: [4, 4], running: [4, 8], pending: [0, 0], healthy: [4, 4], floor: [4, 4], ceiling: [8, 8], source: 'timeSeries' as const };
    const banded = bandDuringDeployments(series, [{ startMs: 50, endMs: 150 }]);
    expect(banded.t).toEqual([0, 50, 100, 150]);
    expect(banded.floor).toEqual([null, 4, 4, null]);
    expect(banded.ceiling).toEqual([null, 8, 8, null]);
    expect(banded.running).toEqual([4, 4, 8, 8]);
  });

  it("gives the decision inspector each task's placement record and, per scaling activity, the scaling record that made it", async () => {
    const result = await simulate(join(ROOT, 'scenarios', '21-target-tracking-traffic-spike.yaml'), { decisions: true });
    const inspector = reportData(result)['inspector'] as InspectorData;
    const tasks = Object.values(result.ecs?.tasksByLabel ?? {}).flat();
    for (const task of tasks) {
      const id = task.taskArn.slice(task.taskArn.lastIndexOf('/') + 1);
      expect(inspector.placements[id]).toMatchObject({ kind: 'placement', task: id, status: 'Success' });
    }
    const activities = result.autoscaling?.activities ?? [];
    expect(inspector.activityDecision.length).toBe(activities.length);
    activities.forEach((a, i) => {
      const r = inspector.scaling[inspector.activityDecision[i] as number];
      expect(r, a.Cause).toBeDefined();
      expect(r?.t).toBe(a.StartTime * 1000);
      expect(a.Cause).toContain(String(r?.['alarm']));
    });
    // Without decision records the inspector is empty, never wrong.
    const bare = reportData(await simulate(join(ROOT, 'scenarios', '21-target-tracking-traffic-spike.yaml')))['inspector'] as InspectorData;
    expect(bare.scaling).toEqual([]);
    expect(bare.activityDecision.every((d) => d === null)).toBe(true);
  });

  it('matches an activity to the record of the alarm and policy its cause names, at its time', () => {
    const records = [
      { t: 60000, kind: 'scaling' as const, resource: 'service/default/web', policy: 'p', alarm: 'low' },
      { t: 60000, kind: 'scaling' as const, resource: 'service/default/web', policy: 'p', alarm: 'high' },
    ];
    expect(scalingRecordOf({ StartTime: 60, ResourceId: 'service/default/web', Cause: 'monitor alarm high in state ALARM triggered policy p' }, records)).toBe(1);
    expect(scalingRecordOf({ StartTime: 61, ResourceId: 'service/default/web', Cause: 'monitor alarm high in state ALARM triggered policy p' }, records)).toBe(null);
    expect(scalingRecordOf({ StartTime: 60, ResourceId: 'service/default/api', Cause: 'monitor alarm high in state ALARM triggered policy p' }, records)).toBe(null);
    expect(scalingRecordOf({ StartTime: 60, ResourceId: 'service/default/web', Cause: 'scheduled action at 2026-01-01' }, records)).toBe(null);
  });
});
