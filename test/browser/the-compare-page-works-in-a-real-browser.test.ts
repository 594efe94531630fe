import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCompareReport } from '../../src/report/html/compare.js';
import { simulate } from '../../src/index.js';
import { cli, ROOT, tempDir } from '../support.js';
import { drawnPixels, launch, openReport, OUT, type Browser } from './browser.js';

/**
 * The comparison page (`ecs-sim compare A B --report`) opened from file:// in Debian's
 * chromium: no console error and no request, the forest plot and both runs' charts draw,
 * the table lists every metric, and hostile text stays text.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the compare page', () => {
  it('loads from file:// with no console error and no request, and draws the forest plot and both runs side by side', async () => {
    const out = join(tempDir(), 'compare.html');
    const run = await cli('compare', join(ROOT, 'scenarios/09-alb-web-service.yaml'), join(ROOT, 'scenarios/variants/six-web-tasks.yaml'), '--replications', '3', '--json', '--report', out);
    expect(run.code, run.err).toBe(0);
    const json = JSON.parse(run.out) as { metrics: Record<string, unknown> };
    const opened = await openReport(browser, 'compare', readFileSync(out, 'utf8'));
    const { page } = opened;
    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    expect(opened.dialogs).toEqual([]);

    const charts = await drawnPixels(page);
    expect(charts.map((c) => c.name)).toEqual(['differences', 'requests-a', 'services-a', 'requests-b', 'services-b']);
    expect(charts.filter((c) => c.drawn < 500).map((c) => c.name)).toEqual([]);
    expect(await page.locator('#differences-table tbody tr').count()).toBe(Object.keys(json.metrics).length);
    // Six web tasks cost more in every replication: that row says its interval excludes zero.
    const cost = page.locator('#differences-table tbody tr', { hasText: 'cost.totals.total' });
    expect(await cost.locator('td').last().innerText()).toBe('yes');
    // Shared axes: both runs' request charts have the same y range and time span.
    const axes = await page.evaluate(`['requests-a', 'requests-b'].map((n) => {
      const o = echarts.getInstanceByDom(document.querySelector('[data-chart="' + n + '"]')).getOption();
      return [o.xAxis[0].max, o.yAxis[0].max];
    })`);
    expect((axes as unknown[])[0]).toEqual((axes as unknown[])[1]);
    await page.screenshot({ path: join(OUT, 'compare.png'), fullPage: true });
    await page.close();
  });

  it('shows hostile sources and metric names as text, and runs nothing', async () => {
    const IMG = '<img src=x onerror=alert(1)>';
    const result = await simulate(join(ROOT, 'scenarios/09-alb-web-service.yaml'));
    const html = renderCompareReport(
      {
        a: { source: `a${IMG}</script>.yaml`, set: [`x=${IMG}`] },
        b: { source: 'b.yaml', set: [] },
        seeds: [1],
        metrics: { [`m${IMG}</script>`]: { a: 2, b: 3, difference: { mean: 1, ci95: [0.5, 1.5], n: 1 }, excludesZero: true } },
      },
      { a: result, b: null },
    );
    expect(html).not.toContain(IMG);
    expect(html.match(/<\/script>/gi)?.length).toBe(3);
    const opened = await openReport(browser, 'compare-hostile', html);
    const { page } = opened;
    expect(opened.dialogs).toEqual([]);
    expect(opened.requests).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#side-a').innerText()).toContain(`a${IMG}</script>.yaml`);
    expect(await page.locator('#differences-table').innerText()).toContain(`m${IMG}</script>`);
    expect(await page.locator('#run-b').innerText()).toContain('No run to draw');
    const plot = page.locator('[data-chart="differences"]');
    const box = await plot.boundingBox();
    if (box !== null) await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
    expect(opened.dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    await page.close();
  });
});
