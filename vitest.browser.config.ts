import { defineConfig } from 'vitest/config';

/**
 * The real-browser tests (npm run test:browser): the HTML report opened in Debian's chromium
 * (scripts/install-chromium.sh) through playwright-core. Not part of `npm test`; CI runs
 * them after it (.ci/run).
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
