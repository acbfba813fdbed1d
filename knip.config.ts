import type { KnipConfig } from 'knip';

// The dead-code check (`npm run lint:dead-code`, part of `npm run lint`; docs/architecture.md
// "Dead code"). Entries are what runs: the shipped programs, and the tests, benches and scripts
// (knip's vitest and Playwright plugins find the tests), so an export used only by its tests
// counts as used, and anything nothing reaches fails lint. Patterns ending in `!` mark the
// shipped code, for `knip --production`, which reports what only tests and tools still use.
const config = {
  entry: [
    // The shipped entries: the bin runs dist/cli/main.js, package.json's main is
    // dist/electron/main.js; the preload and the popover are Vite bundles.
    'cli/main.ts!',
    'electron/main.ts!',
    'electron/preload.ts!',
    'renderer/main.ts!',
    // Tooling that no plugin finds: benches (and their renderer pages), npm scripts' helpers,
    // the e2e harness's bridge bundle, and the packaging test's child-process modules (loaded
    // by path after being transpiled).
    'renderer/bench/{hedgeflow,defaults,floor,pixels}.ts',
    'scripts/*.js',
    'test/e2e/harness/bridge-entry.ts',
    'test/integration/packaging/asar-load/{register,restricted-hooks,run-main}.ts',
  ],
  project: [
    '{bin,calendar,core,sim,cli,electron}/**/*.{ts,js}!',
    'renderer/**/*.{ts,svelte}!',
    '!renderer/bench/**!',
    '{test,bench,scripts,eslint-rules,renderer/bench}/**/*.{ts,js}',
    '*.{ts,js}',
    // Declarations for the plain-JS tooling (eslint-rules/, scripts/icons/): read by tsc.
    '!**/*.d.ts',
  ],
  // An entry file's exports are checked too (a test helper or a bench page exporting what no one
  // imports); Node's module hooks export the names its loader calls.
  includeEntryExports: true,
  ignoreIssues: {
    'test/integration/packaging/asar-load/restricted-hooks.ts': ['exports'],
  },
  // Configs named after their use; knip's plugins look for vite.config.ts and vitest.config.ts.
  vite: { config: ['vite.*.config.ts'] },
  vitest: { config: ['vitest.config.ts', 'vitest.*.config.ts'] },
} satisfies KnipConfig;

export default config;
