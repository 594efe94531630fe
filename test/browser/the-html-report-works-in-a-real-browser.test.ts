import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderHtmlReport, simulate } from '../../src/index.js';
import { cli, ROOT, tempDir } from '../support.js';
import { clusterAt, drawnPixels, ganttRows, launch, openReport, OUT, type Browser } from './browser.js';

/**
 * The HTML report (`ecs-sim run --report`) opened from file:// in Debian's chromium: it
 * loads with no console error and no request, every chart draws, the Gantt lists every
 * task, the time cursor moves the cluster view, and hostile scenario text stays text.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const SCENARIOS = ['13-rolling-deployment', '29-rolling-deploy-and-az-loss', '21-target-tracking-traffic-spike'];

describe.each(SCENARIOS)('the report of %s', (name) => {
  it('loads from file:// with no console error and no request, draws every chart, lists every task in the Gantt, and follows the time cursor', async () => {
    const file = join(ROOT, 'scenarios', `${name}.yaml`);
    const out = join(tempDir(), `${name}.html`);
    const run = await cli('run', file, '--report', out);
    expect(run.code, run.err).toBe(0);
    const result = await simulate(file);
    const opened = await openReport(browser, name, readFileSync(out, 'utf8'));
    const { page } = opened;

    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    expect(opened.dialogs).toEqual([]);

    const charts = await drawnPixels(page);
    expect(charts.length).toBeGreaterThanOrEqual(5);
    expect(charts.filter((c) => c.drawn < 500).map((c) => c.name)).toEqual([]);

    const tasks = Object.values(result.ecs?.tasksByLabel ?? {}).flat();
    expect(tasks.length).toBeGreaterThan(0);
    const rows = await ganttRows(page);
    for (const task of tasks) {
      const id = task.taskArn.slice(task.taskArn.lastIndexOf('/') + 1);
      expect(rows).toContain(`${id.slice(0, 8)} ${task.label}`);
    }
    expect(rows.filter((r) => !r.startsWith('▾ ')).length).toBe(tasks.length);
    const listed = await page.locator('#task-list tbody tr').count();
    expect(listed).toBe(tasks.length);

    // Before the first task exists and while tasks run, the cluster is not the same.
    const firstCreated = Math.min(...tasks.map((t) => t.createdAt));
    const running = tasks.find((t) => t.startedAt !== undefined) as (typeof tasks)[number];
    const early = await clusterAt(page, Math.max(0, firstCreated - 1000));
    const later = await clusterAt(page, (running.startedAt as number) + 1000);
    expect(later).not.toBe(early);
    const runningId = running.taskArn.slice(running.taskArn.lastIndexOf('/') + 1, running.taskArn.lastIndexOf('/') + 9);
    expect(later).toContain(runningId);
    expect(early).not.toContain(runningId);
    expect(await page.locator('#cursor-time').innerText()).toMatch(/^\d+:\d{2}(:\d{2})?\.\d of /);

    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
    await page.close();
  });
});

describe('hostile text in a scenario', () => {
  it('shows a name, a description, expectation text and patterns holding <img onerror> and </script> as text, and runs nothing', async () => {
    const IMG = '<img src=x onerror=alert(1)>';
    const spec = parse(readFileSync(join(ROOT, 'scenarios', '13-rolling-deployment.yaml'), 'utf8')) as Record<string, unknown> & { expectations: Record<string, unknown>[] };
    const name = `Hostile ${IMG} </script><script>alert(2)</script>`;
    const description = `A description with ${IMG} and </script><img src=y onerror=alert(3)> and \u2028 a line separator`;
    spec['name'] = name;
    spec['description'] = description;
    spec.expectations = [
      { that: 'ecs.services.web.runningCount', equals: 4, description: `${IMG}</script>` },
      { that: 'ecs.services.web.taskDefinition', matches: '</script><img src=z onerror=alert(4)>', description: 'a pattern that does not match, shown with what was seen' },
    ];
    const result = await simulate(spec, { explainPlacement: true });
    const html = renderHtmlReport(result, { description, file: '</script>.yaml' });
    // Nothing of the hostile text is markup in the file: only escaped forms appear.
    expect(html).not.toContain(IMG);
    expect(html.match(/<\/script>/gi)?.length).toBe(3);
    const opened = await openReport(browser, 'hostile', html);
    const { page } = opened;
    expect(opened.dialogs).toEqual([]);
    expect(opened.requests).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(await page.locator('#scenario-name').innerText()).toBe(name);
    expect(await page.locator('#scenario-description').textContent()).toBe(description);
    expect(await page.title()).toBe(`ecs-sim report: ${name}`);
    expect(await page.locator('img').count()).toBe(0);
    const expectations = await page.locator('#expectations').innerText();
    expect(expectations).toContain(`${IMG}</script>`);
    expect(expectations).toContain('</script><img src=z onerror=alert(4)>');
    // Hover the Gantt so its tooltip (HTML) renders a task: still no dialog and no image.
    const gantt = page.locator('[data-chart="gantt"]');
    const box = await gantt.boundingBox();
    if (box !== null) await page.mouse.move(box.x + box.width * 0.6, box.y + 60);
    expect(opened.dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    await page.close();
  });
});
