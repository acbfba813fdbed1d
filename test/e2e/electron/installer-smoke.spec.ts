// The installers, proven on the OS they were built on (.github/workflows/release.yml runs this
// after `npm run dist`; a failure stops the upload). Two launches:
//
// - HEDGEFLOW_SMOKE_APP: the executable of the smoke build (electron-builder.smoke.yml: the
//   installers' app from the same checkout and config, plus the e2e hooks and the Node inspector
//   fuse Playwright needs), driven with Playwright's _electron in e2e mode: the tray shows the
//   demo state, the popover draws demo sparklines, a squeeze reaches the notifier, and the app
//   quits cleanly when asked.
// - HEDGEFLOW_SHIPPED_APP: the executable exactly as the installer ships it (fuses flipped, no
//   hooks; on Linux also the one the .deb installed): it must start, show the tray, and log
//   "HedgeFlow started" (it cannot be driven: its fuses refuse the inspector).
//
// Where neither is set (everywhere but the release workflow) the suite skips, saying why.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';
import { announceSkip, drawnPixels, e2eEnv, type MainGlobal as Main } from './electron-app.js';

const SMOKE_APP = process.env.HEDGEFLOW_SMOKE_APP ?? '';
const SHIPPED_APP = process.env.HEDGEFLOW_SHIPPED_APP ?? '';

function missing(variable: string, file: string): string | null {
  if (file === '') {
    return `${variable} is not set (the release workflow sets it to an installer's unpacked app)`;
  }
  if (!existsSync(file)) return `${variable}=${file} does not exist`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display for Electron (DISPLAY and WAYLAND_DISPLAY are unset); run under xvfb-run';
  }
  return null;
}

const smokeSkip = missing('HEDGEFLOW_SMOKE_APP', SMOKE_APP);
const shippedSkip = missing('HEDGEFLOW_SHIPPED_APP', SHIPPED_APP);
// Only the release workflow promises these builds (HEDGEFLOW_REQUIRE_INSTALLERS=1 there).
announceSkip('installer smoke: smoke build', smokeSkip, 'HEDGEFLOW_REQUIRE_INSTALLERS');
announceSkip('installer smoke: shipped build', shippedSkip, 'HEDGEFLOW_REQUIRE_INSTALLERS');

test.describe('the smoke build of this installer, in e2e mode', () => {
  test.skip(smokeSkip !== null, smokeSkip ?? '');
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let userData: string;

  test.beforeAll(async () => {
    userData = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-smoke-'));
    app = await _electron.launch({
      executablePath: SMOKE_APP,
      args: [],
      env: e2eEnv(userData),
      timeout: 60_000,
    });
  });

  test.afterAll(async () => {
    const testInfo = test.info();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo
        .attach('hedgeflow.log', {
          path: path.join(userData, 'logs', 'hedgeflow.log'),
        })
        .catch(() => undefined);
    }
    await app?.close().catch(() => undefined);
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('runs packaged, from its own app.asar', async () => {
    const where = await app.evaluate(({ app: electronApp }) => ({
      packaged: electronApp.isPackaged,
      appPath: electronApp.getAppPath(),
    }));
    expect(where.packaged).toBe(true);
    expect(where.appPath).toMatch(/app\.asar$/);
  });

  test('puts the demo state in the tray', async () => {
    await expect
      .poll(() => app.evaluate(() => (globalThis as Main).__hedgeflowE2E.tray()?.menu.length ?? 0))
      .toBeGreaterThan(0);
    const tray = (await app.evaluate(() => (globalThis as Main).__hedgeflowE2E.tray()))!;
    expect(['demo', 'up-squeeze', 'down-squeeze']).toContain(tray.state);
    expect(tray.tooltip).toContain('Demo data');
    const labels = tray.menu.flatMap((item) => (item.kind === 'item' ? [item.label] : []));
    for (const symbol of ['SPY', 'QQQ', 'SPX']) {
      expect(labels.some((label) => label.startsWith(`${symbol} `))).toBe(true);
    }
  });

  test('draws demo sparklines in the popover', async () => {
    await app.evaluate(() => (globalThis as Main).__hedgeflowE2E.showPopover());
    const page = await app.firstWindow();
    await expect(page.getByTestId('demo-banner')).toHaveText('Demo data');
    await expect.poll(() => drawnPixels(page), { timeout: 30_000 }).toBeGreaterThan(50);
  });

  test('a squeeze reaches the notifier', async () => {
    await expect
      .poll(() => app.evaluate(() => (globalThis as Main).__hedgeflowE2E.notifications().length), {
        timeout: 100_000,
        intervals: [1000],
      })
      .toBeGreaterThan(0);
    const [first] = await app.evaluate(() => (globalThis as Main).__hedgeflowE2E.notifications());
    expect(first!.title).toMatch(/squeeze|revers|flip/i);
  });

  test('quits cleanly when asked', async () => {
    const child = app.process();
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    expect(await exited).toBe(0);
  });
});

test.describe('this installer, exactly as shipped', () => {
  test.skip(shippedSkip !== null, shippedSkip ?? '');

  test('starts on demo data and stays up ("HedgeFlow started", no crash)', async () => {
    const testInfo = test.info();
    const userData = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-shipped-'));
    // Its own userData (and so its own single-instance lock); no keychain entry: demo data.
    const child = spawn(SHIPPED_APP, [`--user-data-dir=${userData}`], {
      env: { ...process.env, XDG_CONFIG_HOME: userData },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    try {
      await expect.poll(() => output, { timeout: 60_000 }).toMatch(/HedgeFlow started/);
      expect(output).toMatch(/HedgeFlow started.*source=demo/);
      expect(output).not.toMatch(/could not start|uncaught|unhandled/i);
      // Still running a few polls later: the tray app stays up on its own.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
      await exit;
      await testInfo.attach('output', { body: output, contentType: 'text/plain' });
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
