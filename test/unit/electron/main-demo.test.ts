// The composed main process with the real in-process simulator: demo data reaches the tray and
// the popover's webContents, exactly as a first launch without a key shows it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SymbolView } from '../../../core/contract/views.js';
import type { E2eHooks } from '../../../electron/e2e-hooks.js';
import { PUSH_CHANNEL } from '../../../electron/ipc-channels.js';

const fake = await vi.hoisted(() => import('./fake-electron.js'));
vi.mock('electron', () => fake);

type Main = typeof globalThis & { __hedgeflowE2E?: E2eHooks };

let userData: string;
const env = { ...process.env };

beforeAll(async () => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-main-demo-'));
  Object.assign(process.env, {
    HEDGEFLOW_E2E: '1',
    HEDGEFLOW_E2E_USER_DATA: userData,
    // Friday 2026-06-05, an hour into the session, at real speed.
    HEDGEFLOW_E2E_CLOCK: '2026-06-05T10:30:00-04:00@1',
    HEDGEFLOW_E2E_SEED: '20260605',
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('../../../electron/main.js');
  await vi.waitFor(() => expect((globalThis as Main).__hedgeflowE2E).toBeDefined(), {
    timeout: 10_000,
  });
});

afterAll(() => {
  fake.app.emit('before-quit');
  delete (globalThis as Main).__hedgeflowE2E;
  process.env = { ...env };
  vi.restoreAllMocks();
  rmSync(userData, { recursive: true, force: true });
});

describe('a first launch without a key', () => {
  it("shows the simulator's flow per symbol in the tray tooltip and menu", async () => {
    const hooks = (globalThis as Main).__hedgeflowE2E!;
    await vi.waitFor(
      () => {
        const tooltip = hooks.tray()!.tooltip;
        for (const symbol of ['SPY', 'QQQ', 'SPX'])
          expect(tooltip).toMatch(new RegExp(`\\n${symbol} [+-]?\\$\\d`));
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(hooks.tray()!.tooltip).toMatch(/^HedgeFlow: Demo data/);
    expect(['demo', 'up-squeeze', 'down-squeeze']).toContain(hooks.tray()!.state);
  });

  it('pushes the symbols to the popover', () => {
    const popover = fake.BrowserWindow.instances[0]!;
    const pushed = popover.webContents.sent
      .filter(([channel, event]) => channel === PUSH_CHANNEL && event === 'symbol')
      .map(([, , view]) => (view as SymbolView).symbol);
    expect(new Set(pushed)).toEqual(new Set(['SPY', 'QQQ', 'SPX']));
  });
});
