import { defineConfig } from 'vitest/config';

// `npm run soak` (scripts/soak-session.sh): whole sessions on a scaled clock, up to 6.5 hours
// at real time; never part of npm test.
export default defineConfig({
  test: {
    include: ['bench/soak/**/*.soak.ts'],
    environment: 'node',
    testTimeout: 8 * 3_600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    silent: false,
  },
});
