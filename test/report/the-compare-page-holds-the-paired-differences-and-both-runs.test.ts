import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { compareReportData, relativeTo, renderCompareReport, sideRun, type CompareReportInput } from '../../src/report/html/compare.js';
import { cli, ROOT, tempDir } from '../support.js';

/**
 * `ecs-sim compare A B --report out.html`: one file that loads nothing, whose data is the
 * comparison's (every metric's difference, interval and flag, and its % of A for the forest
 * plot) and replication 0 of both sides, on shared axes. (test/browser/ opens it.)
 */
const A = join(ROOT, 'scenarios', '09-alb-web-service.yaml');
const B = join(ROOT, 'scenarios', 'variants', 'six-web-tasks.yaml');
const embedded = (html: string): Record<string, unknown> => JSON.parse(/<script type="application\/json" id="compare-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? 'null') as Record<string, unknown>;

const COMPARISON: CompareReportInput = {
  a: { source: 'a.yaml', set: [] },
  b: { source: 'b.yaml', set: ['x=1'] },
  seeds: [7, '7:r1'],
  metrics: {
    cost: { a: 2, b: 3, difference: { mean: 1, ci95: [0.5, 1.5], n: 2 }, excludesZero: true },
    errors: { a: 0, b: 1, difference: { mean: 1, ci95: [-11.7, 13.7], n: 2 }, excludesZero: false },
    latency: { a: -4, b: -5, difference: { mean: -1, ci95: null, n: 1 }, excludesZero: false },
  },
};

describe('the compare page', () => {
  it("holds every metric in the comparison's order, with its interval as % of A's mean (none when A's mean is 0)", () => {
    const data = compareReportData(COMPARISON, { a: null, b: null });
    expect(data.metrics).toEqual([
      { name: 'cost', a: 2, b: 3, mean: 1, ci95: [0.5, 1.5], n: 2, excludesZero: true, relative: { mean: 50, low: 25, high: 75 } },
      { name: 'errors', a: 0, b: 1, mean: 1, ci95: [-11.7, 13.7], n: 2, excludesZero: false, relative: null },
      { name: 'latency', a: -4, b: -5, mean: -1, ci95: null, n: 1, excludesZero: false, relative: { mean: -25, low: -25, high: -25 } },
    ]);
    expect(data.seeds).toEqual([7, '7:r1']);
    expect(data.b).toEqual({ source: 'b.yaml', set: ['x=1'], run: null });
    expect(data.axes).toEqual({ endMs: 0, requestsMax: 0, servicesMax: 0 });
    expect(relativeTo(Number.NaN, 1, null)).toBeNull();
  });

  it('draws replication 0 of both sides from their time series, on axes that fit both', async () => {
    const a = await simulate(A);
    const b = await simulate(B, { seed: a.seed });
    const data = compareReportData(COMPARISON, { a, b });
    const side = sideRun(a);
    expect(data.a.run).toEqual(side);
    const lb = a.timeSeries?.requests.find((r) => r.scope === 'loadBalancer');
    expect(side.requests[0]).toEqual({ name: lb?.name, t: lb?.t, count: lb?.count, http5xx: lb?.http5xx });
    expect(side.services.map((s) => s.name)).toEqual(['web']);
    expect(data.axes.endMs).toBe(Math.max(a.simulatedMs, b.simulatedMs));
    // B runs six web tasks, A three: the shared service axis fits B's, the requests axis the larger of both.
    expect(data.axes.servicesMax).toBe(Math.max(...(b.timeSeries?.services[0]?.desiredCount ?? []).map((d) => d ?? 0), ...(b.timeSeries?.services[0]?.runningCount ?? [])));
    expect(data.axes.servicesMax).toBeGreaterThan(Math.max(...(side.services[0]?.running ?? [])));
    const counts = [a, b].flatMap((r) => r.timeSeries?.requests.filter((x) => x.scope === 'loadBalancer').flatMap((x) => x.count) ?? []);
    expect(data.axes.requestsMax).toBe(Math.max(...counts));
  });

  it('is one file, nothing fetched, a policy that forbids fetching, and no text of the comparison as markup', () => {
    const hostile = { ...COMPARISON, a: { source: '</script><img src=x onerror=alert(1)>', set: [] } };
    const html = renderCompareReport(hostile, { a: null, b: null });
    const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
    expect(markup.match(/<script\b[^>]*>/g)).toEqual(['<script type="application/json" id="compare-data">', '<script>', '<script>']);
    // The title holds the source as text (escaped); nothing else in the markup may load anything.
    expect(markup).toContain('<title>ecs-sim compare: &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; vs b.yaml</title>');
    expect(/\bsrc=|\bhref=|<link\b|<img\b|<iframe\b|@import|url\(/i.test(markup.replace(/<title>.*<\/title>/, ''))).toBe(false);
    expect(markup).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`);
    expect(embedded(html)).toEqual(JSON.parse(JSON.stringify(compareReportData(hostile, { a: null, b: null }))));
  });

  it('ecs-sim compare --report writes the page of the comparison it prints, and says where', async () => {
    const out = join(tempDir(), 'compare.html');
    const run = await cli('compare', A, B, '--replications', '2', '--json', '--report', out);
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain(`comparison page written to ${out}`);
    const printed = JSON.parse(run.out) as { seeds: unknown[]; metrics: Record<string, { difference: { mean: number } }> };
    const data = embedded(readFileSync(out, 'utf8')) as { seeds: unknown[]; metrics: { name: string; mean: number }[]; a: { run: { seed: unknown; logHash: string } }; b: { run: { logHash: string } } };
    expect(data.seeds).toEqual(printed.seeds);
    expect(data.metrics.map((m) => [m.name, m.mean])).toEqual(Object.entries(printed.metrics).map(([n, m]) => [n, m.difference.mean]));
    // Replication 0 is the run at the first seed, the same run the comparison paired.
    expect(data.a.run.seed).toBe(printed.seeds[0]);
    expect(data.a.run.logHash).toBe((await simulate(A, { seed: printed.seeds[0] as number })).logHash);
    expect(data.b.run.logHash).toBe((await simulate(B, { seed: printed.seeds[0] as number })).logHash);
  });

  it('refuses an unwritable --report before running anything', async () => {
    const run = await cli('compare', A, B, '--report', join(tempDir(), 'missing-dir', 'x.html'));
    expect(run.code).toBe(2);
    expect(run.err).toContain('--report');
  });
});
