import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../support.js';

const golden = JSON.parse(readFileSync(join(ROOT, 'test', 'scenarios', 'golden-hashes.json'), 'utf8')) as Record<string, string>;

/** `run` goes in slices of 100,000 events so a signal can stop it; the events, log and result are those of one call. */
describe('an interruptible run', () => {
  for (const name of ['32-mmc-queue.yaml', '21-target-tracking-traffic-spike.yaml', '19-codedeploy-canary.yaml']) {
    it(`gives ${name} its golden log hash through the CLI`, async () => {
      const { code, out } = await cli('run', join(ROOT, 'scenarios', name), '--json');
      expect(code).toBe(0);
      const result = JSON.parse(out) as { logHash: string; partial?: boolean; eventsProcessed: number };
      expect(result.partial).toBeUndefined();
      expect(result.logHash).toBe(golden[name]);
    }, 60_000);
  }
});
