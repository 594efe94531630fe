import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../support.js';

/**
 * Debian's chromium (scripts/install-chromium.sh), driven by playwright-core: no browser
 * download of any kind. Flags keep it off the network and quiet: no QUIC, no background
 * networking, no component updates, no sync, and a fresh user-data-dir per launch.
 */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where the tests leave their screenshots and reports (git-ignored). */
export const OUT = join(ROOT, 'out', 'browser');

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-chromium.sh`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'ecs-sim-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 900 },
    deviceScaleFactor: 1,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** What a page did while it loaded: console errors, uncaught errors, requests, dialogs. */
export interface Opened {
  readonly page: Page;
  readonly url: string;
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  /** Every request but the report file itself. */
  readonly requests: string[];
  readonly dialogs: string[];
}

/** Writes `html` under out/browser/<name>.html and opens it from file://, waiting for the page to be drawn. */
export async function openReport(browser: Browser, name: string, html: string): Promise<Opened> {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser.context.newPage();
  const opened: Opened = { page, url, consoleErrors: [], pageErrors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') opened.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => opened.pageErrors.push(e.message));
  page.on('request', (r) => {
    if (r.url() !== url) opened.requests.push(r.url());
  });
  page.on('dialog', (d) => {
    opened.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return opened;
}

/** Per chart: its name and how many of its canvas pixels are drawn (alpha > 0). */
// Browser-side code is passed as text: the project's tsconfig has no DOM types.
const DRAWN_PIXELS = `[...document.querySelectorAll('.chart')].map((div) => {
  let drawn = 0;
  for (const canvas of div.querySelectorAll('canvas')) {
    const ctx = canvas.getContext('2d');
    if (ctx === null || canvas.width === 0 || canvas.height === 0) continue;
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) drawn += 1;
  }
  return { name: div.dataset.chart || '', drawn };
})`;

/** Per chart: its name and how many of its canvas pixels are drawn (alpha > 0). */
export async function drawnPixels(page: Page): Promise<{ name: string; drawn: number }[]> {
  return page.evaluate(DRAWN_PIXELS) as Promise<{ name: string; drawn: number }[]>;
}

/** The Gantt's rows, as its y axis lists them. */
export async function ganttRows(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const div = document.querySelector('[data-chart="gantt"]');
    const chart = div && echarts.getInstanceByDom(div);
    return chart ? chart.getOption().yAxis[0].data : [];
  })()`) as Promise<string[]>;
}

/** Moves the time cursor the way a reader does (the range input's value, then its input event) and returns the cluster view's text. */
export async function clusterAt(page: Page, t: number): Promise<string> {
  await page.locator('#time-cursor').fill(String(t));
  return page.locator('#cluster-view').innerText();
}
