// The popover's preload, run against the fake `electron` module: what the page gets as
// `window.hedgeflow` is the contract's named verbs and nothing of ipcRenderer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../core/contract/bridge.js';
import { INVOKE_CHANNELS } from '../../../core/contract/channels.js';
import { PUSH_CHANNEL } from '../../../electron/ipc-channels.js';

const fake = await vi.hoisted(() => import('./fake-electron.js'));
vi.mock('electron', () => fake);

type Exposed = Record<string, unknown>;

async function loadPreload(): Promise<Exposed> {
  vi.resetModules();
  await import('../../../electron/preload.js');
  expect([...fake.contextBridge.exposed.keys()]).toEqual(['hedgeflow']);
  return fake.contextBridge.exposed.get('hedgeflow') as Exposed;
}

/** What a real push from main looks like on the renderer side: (event, name, payload). */
function pushFromMain(name: string, payload: unknown): void {
  fake.ipcRenderer.emit(PUSH_CHANNEL, { sender: fake.ipcRenderer, senderId: 0 }, name, payload);
}

beforeEach(() => fake.resetFakes());

describe('the preload', () => {
  it('exposes only the named verbs of the contract, each a function', async () => {
    const api = await loadPreload();
    const verbs = Object.keys(
      createBridge({ invoke: async () => null, subscribe: () => () => undefined }),
    ).sort();
    expect(Object.keys(api).sort()).toEqual(verbs);
    for (const [name, value] of Object.entries(api)) expect(typeof value, name).toBe('function');
    // Nothing that reaches IPC itself: no ipcRenderer, no raw invoke/send, no IPC channel names
    // (verbs about alert channels, like addChannel, are the contract's own).
    expect(Object.values(api)).not.toContain(fake.ipcRenderer);
    expect(Object.keys(api).filter((k) => /ipc|^invoke$|^send|^channels?$|:/i.test(k))).toEqual([]);
    expect(Object.values(api)).not.toContain(fake.ipcRenderer.invoke);
  });

  it('sends each verb on its own contract channel, with the payload the contract names', async () => {
    const api = (await loadPreload()) as unknown as ReturnType<typeof createBridge>;
    await api.getSnapshot();
    await api.setPaused({ paused: true });
    await api.setApiKey({ key: 'fa_live_0123456789' });
    await api.snooze({ symbol: 'SPY', duration: '1h' });
    await api.openExternal({ url: 'https://flashalpha.com/pricing' });
    expect(fake.ipcRenderer.invoked).toEqual([
      { channel: 'app:get-snapshot', args: [undefined] },
      { channel: 'app:set-paused', args: [{ paused: true }] },
      { channel: 'key:set', args: [{ key: 'fa_live_0123456789' }] },
      { channel: 'alerts:snooze', args: [{ symbol: 'SPY', duration: '1h' }] },
      { channel: 'app:open-external', args: [{ url: 'https://flashalpha.com/pricing' }] },
    ]);
    for (const { channel } of fake.ipcRenderer.invoked) expect(INVOKE_CHANNELS).toContain(channel);
  });

  it("hands main's answer back as it came (errors are values, never thrown)", async () => {
    const api = (await loadPreload()) as unknown as ReturnType<typeof createBridge>;
    const refusal = {
      ok: false,
      error: {
        code: 'bad-request',
        message: 'This window may not call HedgeFlow.',
        action: 'none',
      },
    };
    fake.ipcRenderer.answer = () => refusal;
    await expect(api.setPaused({ paused: false })).resolves.toEqual(refusal);
  });

  it('delivers a push to the listeners of its event only, without the IPC event', async () => {
    const api = (await loadPreload()) as unknown as ReturnType<typeof createBridge>;
    const status: unknown[][] = [];
    const focus: unknown[][] = [];
    const stopStatus = api.on('status', (...args: unknown[]) => status.push(args));
    api.on('focus-symbol', (...args: unknown[]) => focus.push(args));
    pushFromMain('status', { paused: true });
    pushFromMain('focus-symbol', { symbol: 'QQQ' });
    pushFromMain('not-an-event', { x: 1 });
    expect(status).toEqual([[{ paused: true }]]);
    expect(focus).toEqual([[{ symbol: 'QQQ' }]]);

    stopStatus();
    pushFromMain('status', { paused: false });
    expect(status).toHaveLength(1);
  });

  it('keeps one IPC listener however often the page subscribes and unsubscribes', async () => {
    const api = (await loadPreload()) as unknown as ReturnType<typeof createBridge>;
    expect(fake.ipcRenderer.listenerCount(PUSH_CHANNEL)).toBe(1);
    const stops = Array.from({ length: 50 }, () => api.on('symbol', () => undefined));
    for (const stop of stops) stop();
    expect(fake.ipcRenderer.listenerCount(PUSH_CHANNEL)).toBe(1);
    const seen: unknown[] = [];
    api.on('symbol', (view) => seen.push(view));
    pushFromMain('symbol', { symbol: 'SPY' });
    expect(seen).toEqual([{ symbol: 'SPY' }]);
  });
});
