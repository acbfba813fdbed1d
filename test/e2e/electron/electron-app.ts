// What the Electron specs share: the e2e mode's environment (electron/e2e-hooks.ts), reading the
// hooks from the main process, counting drawn pixels, and skipping loudly (or failing, where CI
// says an Electron must be there: HEDGEFLOW_REQUIRE_ELECTRON=1).
import type { Page } from '@playwright/test';
import type { E2eHooks } from '../../../electron/e2e-hooks.js';

/** Friday 2026-06-05, 10:30 New York, two simulated minutes per real second. */
const E2E_CLOCK = '2026-06-05T10:30:00-04:00@120';
const E2E_SEED = '20260605';

/** The main process's globalThis while HEDGEFLOW_E2E=1 (evaluate() callbacks run there). */
export type MainGlobal = typeof globalThis & { __hedgeflowE2E: E2eHooks };

/** The environment of a launch in e2e mode: a throw-away userData, a fast market, a fixed seed. */
export function e2eEnv(userData: string): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    HEDGEFLOW_E2E: '1',
    HEDGEFLOW_E2E_USER_DATA: userData,
    HEDGEFLOW_E2E_CLOCK: E2E_CLOCK,
    HEDGEFLOW_E2E_SEED: E2E_SEED,
  };
}

/** How many pixels the page's canvases have painted. */
export async function drawnPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    let drawn = 0;
    for (const canvas of document.querySelectorAll('canvas')) {
      if (canvas.width === 0 || canvas.height === 0) continue;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) drawn++;
    }
    return drawn;
  });
}

/**
 * A suite that cannot run here says why, loudly: a skipped suite must never pass for a green
 * one unnoticed. Where a workflow promises what it needs (`required`=1: ci.yml sets
 * HEDGEFLOW_REQUIRE_ELECTRON, release.yml HEDGEFLOW_REQUIRE_INSTALLERS), it fails instead.
 */
export function announceSkip(
  suite: string,
  reason: string | null,
  required = 'HEDGEFLOW_REQUIRE_ELECTRON',
): void {
  if (reason === null) return;
  if (process.env[required] === '1') {
    throw new Error(`[${suite}] cannot run, and ${required}=1: ${reason}`);
  }
  console.warn(`\n[${suite}] SKIPPED: ${reason}\n`);
}
