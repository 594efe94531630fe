import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { cli, ROOT, tempDir } from '../support.js';
import { drawnPixels, launch, openReport, type Browser } from './browser.js';

/** Issue 16: the compare page draws more than replication 0: a selector picks any replication compared. */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the compare page replication selector', () => {
  it('lists every replication with its seed; picking one draws that pair of runs, on the same axes', async () => {
    const A = join(ROOT, 'scenarios/09-alb-web-service.yaml');
    const B = join(ROOT, 'scenarios/variants/six-web-tasks.yaml');
    const out = join(tempDir(), 'compare.html');
    const run = await cli('compare', A, B, '--replications', '3', '--json', '--report', out);
    expect(run.code, run.err).toBe(0);
    const seeds = (JSON.parse(run.out) as { seeds: (string | number)[] }).seeds;
    const opened = await openReport(browser, 'compare-replications', readFileSync(out, 'utf8'));
    const { page } = opened;
    expect(await page.locator('#replication option').allInnerTexts()).toEqual(seeds.map((s, i) => `replication ${i} (seed ${String(s)})`));
    const axesBefore = await page.evaluate(`echarts.getInstanceByDom(document.querySelector('[data-chart="requests-a"]')).getOption().yAxis[0].max`);

    await page.selectOption('#replication', '2');
    expect(await page.locator('#replication-title').innerText()).toBe('Replication 2, side by side');
    const [a2, b2] = await Promise.all([simulate(A, { seed: seeds[2] }), simulate(B, { seed: seeds[2] })]);
    expect(await page.locator('#run-a .meta').first().innerText()).toBe(`seed ${String(seeds[2])}, log hash ${a2.logHash}`);
    expect(await page.locator('#run-b .meta').first().innerText()).toBe(`seed ${String(seeds[2])}, log hash ${b2.logHash}`);
    // The old charts were replaced, not added to; the new ones draw, on the axes every replication shares.
    const charts = await drawnPixels(page);
    expect(charts.map((c) => c.name)).toEqual(['differences', 'requests-a', 'services-a', 'requests-b', 'services-b']);
    expect(charts.filter((c) => c.drawn < 500).map((c) => c.name)).toEqual([]);
    expect(await page.evaluate(`echarts.getInstanceByDom(document.querySelector('[data-chart="requests-a"]')).getOption().yAxis[0].max`)).toBe(axesBefore);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    await page.close();
  });
});
