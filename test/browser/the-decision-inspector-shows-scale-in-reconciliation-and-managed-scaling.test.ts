import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { cli, ROOT, tempDir } from '../support.js';
import { launch, openReport, type Browser } from './browser.js';

/**
 * Issue 17: the report's decision inspector shows the records beyond placement and Service
 * Auto Scaling: a service's scale-in ranking, a reconciliation's floor, ceiling and tasks,
 * managed scaling's step, and an Auto Scaling group's scale-in, as the run's records say.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type Rec = Record<string, unknown> & { t: number; kind: string };

describe('the decision inspector, other decisions', () => {
  it('lists every scale-in, reconciliation, managed-scaling and instance scale-in record, and shows each', async () => {
    const file = join(ROOT, 'scenarios', '23-cluster-auto-scaling.yaml');
    const out = join(tempDir(), 'report.html');
    const run = await cli('run', file, '--report', out);
    expect(run.code, run.err).toBe(0);
    const records = ((await simulate(file, { decisions: true })).decisions ?? []) as unknown as Rec[];
    const others = records.filter((r) => ['scaleIn', 'serviceReconcile', 'managedScaling', 'instanceScaleIn'].includes(r.kind));
    expect(new Set(others.map((r) => r.kind))).toEqual(new Set(['scaleIn', 'serviceReconcile', 'managedScaling', 'instanceScaleIn']));
    const opened = await openReport(browser, 'inspector-others', readFileSync(out, 'utf8'));
    const { page } = opened;
    expect(await page.locator('#inspect-other option').count()).toBe(others.length + 1);
    const view = page.locator('#inspector-view');
    const pick = async (kind: string): Promise<Rec> => {
      const i = others.findIndex((r) => r.kind === kind);
      await page.selectOption('#inspect-other', String(i));
      expect(await view.getAttribute('data-kind')).toBe(kind);
      return others[i] as Rec;
    };

    const scaleIn = (await pick('scaleIn')) as Rec & { keep: number; candidates: number; chosen: string[]; order: { task: string }[] };
    expect(await page.locator('#inspector-title').innerText()).toContain(`scales in: keeps ${scaleIn.keep} of ${scaleIn.candidates}`);
    const verdicts = await view.locator('table.inspector-order tbody tr td:last-child').allInnerTexts();
    expect(verdicts).toEqual(scaleIn.order.map((o) => (scaleIn.chosen.includes(o.task) ? 'stopped' : 'kept')));

    const reconcile = (await pick('serviceReconcile')) as Rec & { desired: number; floor: number; ceiling: number; plan: string; started: string[] };
    expect(await page.locator('#inspector-summary').innerText()).toContain(`desired ${reconcile.desired}; floor ${reconcile.floor} healthy, ceiling ${reconcile.ceiling} running or pending; plan: ${reconcile.plan}.`);
    expect(await view.locator('table.inspector-started tbody tr').count()).toBe(reconcile.started.length);

    const managed = (await pick('managedScaling')) as Rec & { reservation: number; from: number; to: number };
    expect(await page.locator('#inspector-summary').innerText()).toContain(`CapacityProviderReservation ${managed.reservation}%`);
    expect(await page.locator('#inspector-summary').innerText()).toContain(`from ${managed.from} to ${managed.to}`);

    const asg = (await pick('instanceScaleIn')) as Rec & { terminated: string[]; protected: string[] };
    const rows = await view.locator('table.inspector-instances tbody tr td:last-child').allInnerTexts();
    expect(rows).toEqual([...asg.terminated.map(() => 'terminated'), ...asg.protected.map(() => 'protected from scale-in: skipped')]);

    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    await page.close();
  });
});
