import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * The Chromium the browser tests drive: HEDGEFLOW_CHROMIUM=<path> names one, and
 * HEDGEFLOW_CHROMIUM=playwright asks for Playwright's own (`npx playwright install chromium`;
 * what CI uses on every OS). By default, Debian's /usr/bin/chromium where it exists (the build
 * machines cannot download Playwright's browser, so scripts/ensure-system-deps.sh installs
 * Debian's), else Playwright's own. null: Playwright's own.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const choice = env.HEDGEFLOW_CHROMIUM?.trim();
  if (choice === 'playwright') return null;
  if (choice) return choice;
  const debian = '/usr/bin/chromium';
  return process.platform === 'linux' && existsSync(debian) ? debian : null;
}

export const CHROMIUM = chromiumPath();

// Browser tests run the built renderer through the IPC harness; Electron tests need an Electron
// binary and skip, saying why, where there is none (test/e2e/electron/electron-binary.ts).
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 360, height: 480 },
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /electron\//,
      use: {
        browserName: 'chromium',
        launchOptions: {
          ...(CHROMIUM === null ? {} : { executablePath: CHROMIUM }),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
});
