// Regenerates the report screenshots the README shows (docs/report-*.png): runs the bundled
// scenario 30 (a rolling deploy and an AZ loss under traffic) with --report, opens the report
// in Debian's chromium (scripts/install-chromium.sh) through playwright-core, and saves two
// parts of the page. `npm run screenshots` builds first. With --all, every section of the
// page is also saved under out/screenshots/ (for looking at the page while working on it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scenario = process.argv.find((a) => a.endsWith('.yaml')) ?? 'scenarios/29-rolling-deploy-and-az-loss.yaml';
const all = process.argv.includes('--all');
const out = join(root, 'out', 'screenshots');
mkdirSync(out, { recursive: true });
const report = join(out, 'report.html');
try {
  // From the project's root, so the report names the scenario file as the README does.
  execFileSync(process.execPath, [join(root, 'bin', 'ecs-sim.js'), 'run', scenario, '--report', report], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
} catch (e) {
  if (e.status !== 1) throw e; // a failed expectation still writes the report
}
const userDataDir = mkdtempSync(join(tmpdir(), 'ecs-sim-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  deviceScaleFactor: 1,
});
try {
  const page = await context.newPage();
  await page.goto(pathToFileURL(report).href);
  await page.waitForSelector('body[data-ready="true"]');
  // The cursor just after the AZ loss: the lost zone's instances show as terminated.
  await page.locator('#time-cursor').fill(String(20 * 60_000 + 30_000));
  // Pictures of a part of the page: the sticky cursor bar stays where it is instead of covering it.
  await page.addStyleTag({ content: '#cursor-bar { position: static; }' });
  await page.locator('header').screenshot({ path: join(out, 'header.png') });
  if (!all) {
    await shot(page, ['header', '#cursor-bar', '#tasks', '#cluster'], join(root, 'docs', 'report-tasks-and-cluster.png'));
    await shot(page, ['#traffic', '#services'], join(root, 'docs', 'report-traffic-and-services.png'));
  } else {
    for (const id of await page.locator('section').evaluateAll((ss) => ss.map((s) => s.id))) await page.locator(`#${id}`).screenshot({ path: join(out, `${id}.png`) });
  }
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

/** One image of several parts of the page, stacked in order: the clip from the first one's top to the last one's bottom, unless they are apart (then each is taken and the first one's box is used). */
async function shot(page, selectors, path) {
  const boxes = [];
  for (const s of selectors) boxes.push(await page.locator(s).first().boundingBox());
  const top = Math.min(...boxes.map((b) => b.y));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: top, width: 1280, height: bottom - top } });
  console.log(`wrote ${path}`);
}
