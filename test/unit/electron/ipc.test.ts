// The core router behind ipcMain, driven the way a renderer frame would: through the handlers
// registered by electron/ipc.ts, with the sender check main.ts wires.
import { beforeEach, describe, expect, it } from 'vitest';
import { appHandlers } from '../../../core/app/app-handlers.js';
import { HedgeFlowApp } from '../../../core/app/hedgeflow-app.js';
import { createIpcRouter } from '../../../core/app/ipc-router.js';
import { INVOKE_CHANNELS } from '../../../core/contract/channels.js';
import type { Result } from '../../../core/contract/result.js';
import { ManualClock } from '../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../core/fakes/recording-notifier.js';
import { silentLogger } from '../../../core/log/logger.js';
import { PUSH_CHANNEL } from '../../../electron/ipc-channels.js';
import { forwardPushEvents, registerIpc } from '../../../electron/ipc.js';
import { POPOVER_URL } from '../../../electron/security-policy.js';
import { createSenderCheck } from '../../../electron/sender-trust.js';
import { ipcMain, resetFakes, WebContents } from './fake-electron.js';
import { NOW } from './fixtures.js';

async function setup() {
  const popover = new WebContents();
  const clock = new ManualClock(NOW);
  const app = await HedgeFlowApp.create({
    clock,
    http: async () => {
      throw new Error('no network in this test');
    },
    secrets: new MemorySecretStore(),
    notifier: new RecordingNotifier(),
    storage: new MemoryStorage(),
    logger: silentLogger,
    createSimulator: () => {
      throw new Error('not started in this test');
    },
  });
  const router = createIpcRouter(appHandlers(app), {
    isTrustedSender: createSenderCheck((id) => id === popover.id),
    logger: silentLogger,
    now: () => clock.now(),
  });
  const unregister = registerIpc(ipcMain as unknown as Electron.IpcMain, router);
  const fromPopover = { sender: popover, senderFrame: { url: POPOVER_URL, parent: null } };
  const invoke = (channel: string, event: unknown, payload?: unknown) =>
    ipcMain.invoke(channel, event, payload) as Promise<Result<unknown>>;
  return { app, popover, fromPopover, invoke, unregister };
}

beforeEach(() => resetFakes());

describe('IPC through ipcMain', () => {
  it('registers every channel of the contract, and removes them again', async () => {
    const { unregister } = await setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers our popover', async () => {
    const { invoke, fromPopover } = await setup();
    const result = await invoke('app:set-paused', fromPopover, { paused: true });
    expect(result).toMatchObject({ ok: true, value: { paused: true } });
  });

  it('rejects a window this process did not create, before any handler runs', async () => {
    const { app, invoke } = await setup();
    const stranger = { sender: new WebContents(), senderFrame: { url: POPOVER_URL, parent: null } };
    const result = await invoke('app:set-paused', stranger, { paused: true });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'bad-request',
        message: 'This window may not call HedgeFlow.',
        action: 'none',
      },
    });
    expect(app.status().paused).toBe(false);
  });

  it('rejects our window once it shows a foreign page, and a subframe of ours', async () => {
    const { invoke, popover } = await setup();
    const navigated = {
      sender: popover,
      senderFrame: { url: 'https://evil.example/', parent: null },
    };
    const subframe = { sender: popover, senderFrame: { url: POPOVER_URL, parent: {} } };
    for (const event of [navigated, subframe, { sender: popover, senderFrame: null }]) {
      expect(await invoke('app:get-snapshot', event)).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    }
  });

  it('rejects an invalid payload from our own popover, with the reason', async () => {
    const { app, invoke, fromPopover } = await setup();
    const result = await invoke('app:set-paused', fromPopover, { paused: 'yes' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringContaining('paused') },
    });
    const extra = await invoke('app:set-paused', fromPopover, { paused: true, admin: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(app.status().paused).toBe(false);
  });

  it('never returns the API key, only whether one is stored and a hint', async () => {
    const { invoke, fromPopover } = await setup();
    const stored = await invoke('key:set', fromPopover, { key: 'fa_live_0123456789abcdef' });
    expect(stored).toEqual({ ok: true, value: { hasKey: true, hint: '••••cdef' } });
    const snapshot = await invoke('app:get-snapshot', fromPopover);
    expect(JSON.stringify(snapshot)).not.toContain('0123456789abcdef');
  });
});

describe('push events', () => {
  it('reach the popover on one channel while it lives', async () => {
    const { app, popover } = await setup();
    const stop = forwardPushEvents(app, () => popover as unknown as Electron.WebContents);
    app.focusSymbol('QQQ');
    app.setPaused(true);
    expect(popover.sent[0]).toEqual([PUSH_CHANNEL, 'focus-symbol', { symbol: 'QQQ' }]);
    expect(popover.sent[1]).toMatchObject([PUSH_CHANNEL, 'status', { paused: true }]);
    popover.destroyed = true;
    app.focusSymbol('SPY');
    expect(popover.sent).toHaveLength(2);
    stop();
  });
});
