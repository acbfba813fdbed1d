// The real tray app in a real Electron: launch, tray, popover with demo sparklines, and a
// squeeze that reaches the notifier. Hooks (electron/e2e-hooks.ts) exist only because the app
// runs unpackaged with HEDGEFLOW_E2E=1: a throw-away userData, an in-memory keychain, a fast
// market clock and a recording notifier in front of the native one.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary, ROOT } from './electron-binary.js';
import { announceSkip, drawnPixels, e2eEnv, type MainGlobal as Main } from './electron-app.js';

const electron = findElectronBinary();
const skipReason = 'skip' in electron ? electron.skip : null;
announceSkip('electron e2e', skipReason);

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
      env: e2eEnv(userData),
      timeout: 60_000,
    });
  });

  test.afterAll(async () => {
    const info = test.info();
    if (userData && info.status !== info.expectedStatus) {
      // The app's own log, kept with the trace (CI uploads test-results/ on failure).
      await info
        .attach('hedgeflow.log', { path: path.join(userData, 'logs', 'hedgeflow.log') })
        .catch(() => undefined);
    }
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
