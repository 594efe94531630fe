import { chromium } from 'playwright-core';
import { mkdtempSync, readdirSync } from 'node:fs';
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/chr-'), { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu','--disable-quic','--disable-background-networking'], viewport: { width: 1400, height: 900 } });
for (const f of readdirSync('out/all').filter(f => f.endsWith('.html'))) {
  const page = await ctx.newPage();
  const errs = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errs.push(m.type() + ': ' + m.text()); });
  page.on('pageerror', (e) => errs.push('pageerror ' + e.message));
  page.on('request', (r) => { if (!r.url().endsWith(f)) errs.push('request ' + r.url()); });
  const t0 = Date.now();
  await page.goto('file:///work/wt/html/out/all/' + f);
  const ok = await page.waitForSelector('body[data-ready=true]', { timeout: 15000 }).then(() => true, () => false);
  const charts = await page.evaluate(`[...document.querySelectorAll('.chart')].map(d => { let n=0; for (const c of d.querySelectorAll('canvas')) { if (!c.width) continue; const p=c.getContext('2d').getImageData(0,0,c.width,c.height).data; for (let i=3;i<p.length;i+=4) if (p[i]>0) n++; } return d.dataset.chart + ':' + n; }).filter(x => +x.split(':').pop() < 500)`);
  console.log(f, ok ? 'ready' : 'NOT READY', (Date.now()-t0)+'ms', JSON.stringify(charts), errs.slice(0,3).join(' | '));
  await page.close();
}
await ctx.close();
