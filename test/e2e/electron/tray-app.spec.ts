// The real tray app in a real Electron: launch, tray, popover with demo sparklines, and a
// squeeze that reaches the notifier. Hooks (electron/e2e-hooks.ts) exist only because the app
// runs unpackaged with HEDGEFLOW_E2E=1: a throw-away userData, an in-memory keychain, a fast
// market clock and a recording notifier in front of the native one.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { E2eHooks } from '../../../electron/e2e-hooks.js';
import { findElectronBinary, ROOT } from './electron-binary.js';

const electron = findElectronBinary();
const skipReason = 'skip' in electron ? electron.skip : null;
if (skipReason !== null) {
  // Loud on purpose: a skipped suite must never pass for a green one unnoticed.
  console.warn(`\n[electron e2e] SKIPPED: ${skipReason}\n`);
}

/** Friday 2026-06-05, 10:30 New York, two simulated minutes per real second. */
const CLOCK = '2026-06-05T10:30:00-04:00@120';

/** The main process's globalThis while HEDGEFLOW_E2E=1 (evaluate() callbacks run there). */
type Main = typeof globalThis & { __hedgeflowE2E: E2eHooks };

async function drawnPixels(page: Page): Promise<number> {
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

test.describe('the tray app in Electron', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let userData: string;

  test.beforeAll(async () => {
    if (
      !existsSync(path.join(ROOT, 'dist/electron/main.js')) ||
      !existsSync(path.join(ROOT, 'dist/preload/preload.cjs'))
    ) {
      throw new Error('the app is not built: run `npm run build` (npm test does)');
    }
    userData = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-electron-e2e-'));
    app = await _electron.launch({
      executablePath: (electron as { path: string }).path,
      args: [ROOT],
      cwd: ROOT,
      env: {
        ...process.env,
        HEDGEFLOW_E2E: '1',
        HEDGEFLOW_E2E_USER_DATA: userData,
        HEDGEFLOW_E2E_CLOCK: CLOCK,
        HEDGEFLOW_E2E_SEED: '20260605',
      },
      timeout: 60_000,
    });
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('launches as a tray app', async () => {
    expect(await app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true);
  });

  test('puts an icon in the tray with a menu line per symbol', async () => {
    await expect
      .poll(() => app.evaluate(() => (globalThis as Main).__hedgeflowE2E.tray()?.menu.length ?? 0))
      .toBeGreaterThan(0);
    const tray = (await app.evaluate(() => (globalThis as Main).__hedgeflowE2E.tray()))!;
    expect(['demo', 'up-squeeze', 'down-squeeze']).toContain(tray.state);
    expect(existsSync(tray.iconPath)).toBe(true);
    const labels = tray.menu.flatMap((item) => (item.kind === 'item' ? [item.label] : []));
    for (const symbol of ['SPY', 'QQQ', 'SPX']) {
      expect(labels.some((label) => label.startsWith(`${symbol} `))).toBe(true);
    }
    expect(labels).toEqual(expect.arrayContaining(['Open HedgeFlow', 'Quit HedgeFlow']));
    expect(tray.tooltip).toContain('Demo data');
  });

  test('opens the popover with demo sparklines', async () => {
    await app.evaluate(() => (globalThis as Main).__hedgeflowE2E.showPopover());
    const page = await app.firstWindow();
    await expect(page.getByTestId('demo-banner')).toHaveText('Demo data');
    await expect.poll(() => drawnPixels(page), { timeout: 30_000 }).toBeGreaterThan(50);
    expect(await app.evaluate(() => (globalThis as Main).__hedgeflowE2E.popoverVisible())).toBe(
      true,
    );
  });

  test('notifies when a squeeze builds, and the click opens that symbol', async () => {
    await expect
      .poll(() => app.evaluate(() => (globalThis as Main).__hedgeflowE2E.notifications().length), {
        timeout: 100_000,
        intervals: [1000],
      })
      .toBeGreaterThan(0);
    const [first] = await app.evaluate(() => (globalThis as Main).__hedgeflowE2E.notifications());
    expect(first!.title).toMatch(/squeeze|revers|flip/i);
    await app.evaluate(
      (_electron, symbol) => (globalThis as Main).__hedgeflowE2E.clickNotification(symbol),
      first!.symbol,
    );
    expect(await app.evaluate(() => (globalThis as Main).__hedgeflowE2E.popoverVisible())).toBe(
      true,
    );
  });
});
