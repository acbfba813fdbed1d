import { defineConfig } from 'vitest/config';

// `npm run bench`: each bench/*.bench.ts measures a target and a baseline in the same run and
// prints their ratio; timings are never asserted in the test suite.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    silent: false,
  },
});
