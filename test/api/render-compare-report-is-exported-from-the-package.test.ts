import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support.js';

/** Issue 16: the comparison page is part of the package's front door, as the run report is. */
describe("renderCompareReport from 'ecs-sim'", () => {
  it('renders two runs a user made with simulate as one self-contained page holding their data', () => {
    // As a user imports it: the package entry (dist/), in a separate process.
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
        import { simulate, renderCompareReport } from 'ecs-sim';
        const file = 'scenarios/32-mmc-queue.yaml';
        const a = await simulate(file, { until: '2m' });
        const b = await simulate(file, { until: '2m', set: ['queueing[0].servers=4'] });
        const metric = (r) => Object.values(r.queueing)[0].meanWaitMs;
        const html = renderCompareReport(
          {
            a: { source: file, set: [] },
            b: { source: file, set: ['queueing[0].servers=4'] },
            seeds: [a.seed],
            metrics: { meanWait: { a: metric(a), b: metric(b), difference: { mean: metric(b) - metric(a), ci95: null, n: 1 }, excludesZero: false } },
          },
          { a, b },
        );
        const data = JSON.parse(/<script type="application\\/json" id="compare-data">([\\s\\S]*?)<\\/script>/.exec(html)[1].replace(/\\\\u003c/g, '<'));
        console.log(JSON.stringify({ csp: html.includes("default-src 'none'"), hashes: [data.a.run.logHash === a.logHash, data.b.run.logHash === b.logHash], set: data.b.set, metric: data.metrics[0].name }));
      `,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ csp: true, hashes: [true, true], set: ['queueing[0].servers=4'], metric: 'meanWait' });
  });
});
