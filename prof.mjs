import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
let html = readFileSync('out/all/16-bad-revision-with-and-without-circuit-breaker.html', 'utf8');
// time each top-level section of the page script
html = html.replace(/\n  \/\/ ---- ([^\n-]+?) -+\n/g, (m, name) => `\n  console.log('T ' + Math.round(performance.now()) + ' ${name}');\n`);
html = html.replace("document.body.setAttribute('data-ready', 'true');", "console.log('T ' + Math.round(performance.now()) + ' end'); document.body.setAttribute('data-ready', 'true');");
html = html.replace("charts.push(c);\n    return c;", "charts.push(c); console.log('chart ' + name + ' ' + Math.round(performance.now())); return c;");
writeFileSync('/tmp/prof.html', html);
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/chr-'), { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu'], viewport: { width: 1400, height: 900 } });
const page = await ctx.newPage();
page.on('console', (m) => console.log(m.text()));
await page.goto('file:///tmp/prof.html', { timeout: 60000 });
await page.waitForSelector('body[data-ready=true]', { timeout: 60000 });
await ctx.close();
