import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { cli, ROOT, tempDir } from '../support.js';
import { launch, openReport, OUT, type Browser } from './browser.js';

/**
 * The decision inspector of the HTML report, in Debian's chromium: clicking a task's bar in
 * the Gantt shows its placement record (candidates after each filter, each strategy's rank,
 * the winner), and a scaling activity's "inspect" button shows the alarm datapoints that
 * caused it and the desired count computed and set, as the run's decision records say.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Placement {
  t: number;
  task: string;
  strategies: string[];
  instances: number;
  filters: { filter: string; left: number }[];
  winner: string;
  survivors: { instance: string; ranks: number[]; beatenBy: string | null }[];
}
interface Scaling {
  t: number;
  alarm: string;
  policy: string;
  computed: number | null;
  to: number | null;
  threshold: number;
  comparison: string;
  datapoints: { t: number; value: number }[];
}

async function report(name: string): Promise<{ html: string; decisions: readonly Record<string, unknown>[] }> {
  const file = join(ROOT, 'scenarios', `${name}.yaml`);
  const out = join(tempDir(), `${name}.html`);
  const run = await cli('run', file, '--report', out);
  expect(run.code, run.err).toBe(0);
  const result = await simulate(file, { decisions: true });
  return { html: readFileSync(out, 'utf8'), decisions: (result.decisions ?? []) as readonly Record<string, unknown>[] };
}

describe('the decision inspector', () => {
  it('shows the placement of a task clicked in the Gantt of 07-placement-strategies: filters, ranks per strategy, the winner', async () => {
    const { html, decisions } = await report('07-placement-strategies');
    const opened = await openReport(browser, 'inspector-07', html);
    const { page } = opened;
    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);

    // The task in the Gantt's first task row, and a moment it is drawn (its first lifecycle span).
    const target = (await page.evaluate(`(() => {
      const div = document.querySelector('[data-chart="gantt"]');
      const chart = echarts.getInstanceByDom(div);
      const rows = chart.getOption().yAxis[0].data;
      const row = rows.findIndex((r) => !r.startsWith('▾ '));
      const task = window.ecsSimReport.data.tasks.find((t) => rows[row] === t.id.slice(0, 8) + ' ' + t.label);
      const span = task.lifecycle[task.lifecycle.length - 1];
      const [x, y] = chart.convertToPixel({ seriesId: 'gantt' }, [(span[1] + span[2]) / 2, row]);
      return { id: task.id, x, y };
    })()`)) as { id: string; x: number; y: number };
    await page.locator('[data-chart="gantt"]').scrollIntoViewIfNeeded();
    const box = (await page.locator('[data-chart="gantt"]').boundingBox()) as { x: number; y: number };
    await page.mouse.click(box.x + target.x, box.y + target.y);

    const record = decisions.find((d) => d['kind'] === 'placement' && d['task'] === target.id) as unknown as Placement;
    expect(record).toBeDefined();
    expect(record.strategies.length).toBeGreaterThan(0);
    const view = page.locator('#inspector-view');
    await expect.poll(() => view.getAttribute('data-kind')).toBe('placement');
    expect(await page.locator('#inspector-title').innerText()).toContain(target.id);
    expect(await page.locator('#inspector-winner').innerText()).toContain(record.winner);
    // One row per filter (after the considered count), with the instances left after it.
    const filterRows = await page.locator('.inspector-filters tbody tr').allInnerTexts();
    expect(filterRows[0]).toContain(String(record.instances));
    expect(filterRows.slice(1).map((r) => r.split('\t'))).toEqual(record.filters.map((f) => [f.filter, String(f.left)]));
    // One column per strategy, one row per survivor with its ranks and verdict, the winner first.
    const headers = await page.locator('.inspector-ranks thead th').allInnerTexts();
    expect(headers).toEqual(['instance', ...record.strategies, 'verdict']);
    const rankRows = (await page.locator('.inspector-ranks tbody tr').allInnerTexts()).map((r) => r.split('\t'));
    expect(rankRows.length).toBe(record.survivors.length);
    record.survivors.forEach((sv, i) => {
      const row = rankRows[i] as string[];
      expect(row[0]).toContain(sv.instance);
      expect(row.slice(1, 1 + sv.ranks.length)).toEqual(sv.ranks.map((r) => (Number.isInteger(r) ? String(r) : r.toFixed(4))));
      expect(row[row.length - 1]).toBe(sv.beatenBy === null ? '✔ winner' : `beaten by ${sv.beatenBy}`);
    });
    expect(opened.pageErrors).toEqual([]);
    await page.locator('#inspector').screenshot({ path: join(OUT, 'inspector-07.png') });
    await page.close();
  });

  it('shows the alarm datapoints behind a scaling activity of 21-target-tracking-traffic-spike and the desired count computed and set', async () => {
    const { html, decisions } = await report('21-target-tracking-traffic-spike');
    const opened = await openReport(browser, 'inspector-21', html);
    const { page } = opened;
    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);

    // The first activity that set a desired count: its "inspect" button in the activities table.
    const activities = (await page.evaluate('window.ecsSimReport.data.scaling.activities')) as { StartTime: number; StatusCode: string; Cause: string }[];
    const ai = activities.findIndex((a) => a.StatusCode === 'Successful');
    expect(ai).toBeGreaterThanOrEqual(0);
    const activity = activities[ai] as (typeof activities)[number];
    const record = decisions.find((d) => d['kind'] === 'scaling' && d['t'] === activity.StartTime * 1000 && d['to'] !== null) as unknown as Scaling;
    expect(record).toBeDefined();
    expect(record.datapoints.length).toBeGreaterThan(0);
    expect(activity.Cause).toContain(record.alarm);

    await page.locator(`button.inspect[data-activity="${ai}"]`).click();
    const view = page.locator('#inspector-view');
    await expect.poll(() => view.getAttribute('data-kind')).toBe('scaling');
    const alarm = await page.locator('#inspector-alarm').innerText();
    expect(alarm).toContain(record.alarm);
    expect(alarm).toContain(`${record.comparison.startsWith('Greater') ? '>' : '<'} ${record.threshold}`);
    const points = (await page.locator('.inspector-datapoints tbody tr').allInnerTexts()).map((r) => r.split('\t'));
    expect(points.map((p) => p[1])).toEqual(record.datapoints.map((p) => (Number.isInteger(p.value) ? String(p.value) : p.value.toFixed(3))));
    // A scale-out: the last datapoint breached the high alarm's threshold.
    expect(points[points.length - 1]?.[2]).toBe('breaching');
    const desired = await page.locator('#inspector-desired').innerText();
    expect(desired).toContain(`computed ${record.computed}`);
    expect(desired).toContain(`set to ${record.to}`);

    // The same activity picked from the list shows the same thing.
    await page.locator('#inspect-task').selectOption({ index: 1 });
    await expect.poll(() => view.getAttribute('data-kind')).toBe('placement');
    await page.locator('#inspect-activity').selectOption(String(ai));
    await expect.poll(() => view.getAttribute('data-kind')).toBe('scaling');
    expect(await page.locator('#inspector-alarm').innerText()).toBe(alarm);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    await page.locator('#inspector').screenshot({ path: join(OUT, 'inspector-21.png') });
    await page.close();
  });
});
