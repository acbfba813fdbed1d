import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from '../../playwright.config.js';

/**
 * Builds what the browser tests load: the renderer, the harness's bridge, and the chart pages
 * the sparkline pixel test draws on (the renderer bench's).
 */
export default function globalSetup(): void {
  // A named Chromium that is missing is an error, never a skip. (Playwright's own, when it is
  // not installed, fails at launch with its own message: `npx playwright install chromium`.)
  if (CHROMIUM !== null && !existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run scripts/ensure-system-deps.sh (npm test does), ` +
        "or set HEDGEFLOW_CHROMIUM to a Chromium, or to 'playwright' for Playwright's own",
    );
  }
  if (process.env.HEDGEFLOW_SKIP_BUILD === '1') return;
  for (const config of [
    'vite.renderer.config.ts',
    'vite.harness.config.ts',
    'vite.bench-renderer.config.ts',
  ]) {
    execFileSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--config', config],
      {
        stdio: 'inherit',
      },
    );
  }
}
