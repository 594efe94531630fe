import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The slow suite (long statistical runs) has its own script: npm run test:slow.
    exclude: ['test/**/*.slow.test.ts', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 60_000,
    reporters: ['default', './test/reporters/plain-summary.ts'],
  },
});
