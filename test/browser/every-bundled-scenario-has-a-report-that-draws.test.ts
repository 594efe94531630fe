import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport, simulate } from '../../src/index.js';
import { ROOT } from '../support.js';
import { drawnPixels, launch, openReport, type Browser } from './browser.js';

/** Every bundled scenario's report opens without an error or a request, and every chart in it draws. */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => /^\d\d-.*\.yaml$/.test(f));

describe.each(files)('the report of %s', (file) => {
  it('opens with no error and no request, and every chart draws', async () => {
    const result = await simulate(join(ROOT, 'scenarios', file), { explainPlacement: true });
    const opened = await openReport(browser, `all-${file.replace(/\.yaml$/, '')}`, renderHtmlReport(result));
    expect([...opened.pageErrors, ...opened.consoleErrors, ...opened.requests, ...opened.dialogs]).toEqual([]);
    const charts = await drawnPixels(opened.page);
    expect(charts.length).toBeGreaterThan(0);
    expect(charts.filter((c) => c.drawn < 500).map((c) => c.name)).toEqual([]);
    await opened.page.close();
  });
});
