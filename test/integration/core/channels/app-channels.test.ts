// One decision, several deliveries: the app's alert engine decides once, and every enabled
// channel that wants the alert receives it, beside the desktop notification and the history.
// Quiet periods silence every channel, or only the desktop. The demo's squeeze (seed 1, SPY,
// 14:02 on 2026-06-09) goes to a real receiver on loopback, marked as demo data.
import { afterEach, describe, expect, it } from 'vitest';
import { fetchTransport } from '../../../../core/adapters/fetch-transport.js';
import { HedgeFlowApp } from '../../../../core/app/hedgeflow-app.js';
import { PUSH_EVENTS } from '../../../../core/contract/channels.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { MemoryKeyedSecretStore } from '../../../../core/fakes/memory-keyed-secret-store.js';
import { MemorySecretStore } from '../../../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../../core/fakes/recording-notifier.js';
import { createLogger } from '../../../../core/log/logger.js';
import type { HttpTransport } from '../../../../core/ports/http.js';
import { DEMO_KEY } from '../../../../core/source/sources.js';
import { simTransport } from '../../../../core/source/sim-transport.js';
import { createSimulator } from '../../../../sim/engine/simulator.js';
import { startReceiver, type Receiver } from '../../../support/channels/loopback-receiver.js';

/** Tuesday 2026-06-09 13:50 New York; seed 1 has an SPY down-squeeze alert at 14:02. */
const BEFORE_SQUEEZE = Date.parse('2026-06-09T17:50:00Z');
const SIGNING = 'sig-4c7e1b9d2a8f6e3c';
const TOKEN = 'tok_e5a1c9d7b3f2';

interface World {
  readonly clock: ManualClock;
  readonly storage: MemoryStorage;
  readonly keychain: MemoryKeyedSecretStore;
  readonly notifier: RecordingNotifier;
  readonly logs: string[];
  readonly pushed: string[];
  readonly app: HedgeFlowApp;
}

let receiver: Receiver | null = null;
let app: HedgeFlowApp | null = null;

afterEach(async () => {
  await app?.stop();
  await receiver?.close();
  app = null;
  receiver = null;
});

async function open(): Promise<World> {
  const clock = new ManualClock(BEFORE_SQUEEZE);
  const storage = new MemoryStorage();
  const keychain = new MemoryKeyedSecretStore();
  const notifier = new RecordingNotifier();
  const logs: string[] = [];
  const sim = createSimulator({ seed: 1, keys: [{ key: DEMO_KEY, plan: 'alpha' }] });
  const toSim = simTransport(sim, () => clock.now());
  // The market data comes from the in-process simulator; deliveries go over real HTTP.
  const http: HttpTransport = (request) =>
    request.url.startsWith('http://127.0.0.1') ? fetchTransport(request) : toSim(request);
  app = await HedgeFlowApp.create({
    clock,
    http,
    secrets: new MemorySecretStore(),
    channelSecrets: keychain,
    notifier,
    storage,
    logger: createLogger((line) => logs.push(line), { level: 'debug', now: () => clock.now() }),
    createSimulator: () => sim,
  });
  const pushed: string[] = [];
  for (const event of PUSH_EVENTS) app.on(event, (p) => pushed.push(JSON.stringify(p)));
  expect((await app.updateSettings({ symbols: ['SPY'] })).ok).toBe(true);
  return { clock, storage, keychain, notifier, logs, pushed, app };
}

async function settle(w: World): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (let i = 0; i < 10_000 && w.clock.pendingTimers === 0; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

async function run(w: World, ms: number): Promise<void> {
  const target = w.clock.now() + ms;
  await settle(w);
  for (;;) {
    const next = w.clock.nextTimerAt();
    if (next === null || next > target) break;
    w.clock.advanceTo(next);
    await settle(w);
  }
  w.clock.advanceTo(target);
  await settle(w);
}

async function addWebhook(w: World, r: Receiver): Promise<void> {
  await w.app.channels.add({
    config: { kind: 'webhook', name: 'Desk' },
    secrets: { kind: 'webhook', url: `${r.origin}/hook/${TOKEN}`, signingSecret: SIGNING },
  });
}

describe('alert channels in the app', () => {
  it('the demo squeeze reaches the desktop, the history and the channel, once each', async () => {
    const w = await open();
    receiver = await startReceiver({ status: 204 });
    await addWebhook(w, receiver);
    await w.app.channels.add({
      config: { kind: 'webhook', name: 'Reversals only', kinds: ['reversal'] },
      secrets: { kind: 'webhook', url: `${receiver.origin}/other/${TOKEN}` },
    });
    w.app.start();
    await run(w, 13.5 * 60_000);
    expect(w.notifier.sent.map((n) => `${n.symbol} ${n.direction}`)).toEqual(['SPY down']);
    await receiver.waitFor(1);
    const body = JSON.parse(receiver.requests[0]!.body) as {
      source: string;
      alert: { id: string; symbol: string; kind: string };
    };
    expect(receiver.requests[0]!.path).toBe(`/hook/${TOKEN}`);
    expect(body.source).toBe('demo');
    const [stored] = await w.app.archive.listAlerts({ symbol: 'SPY' });
    expect(body.alert).toEqual(stored);

    await run(w, 10 * 60_000);
    expect(receiver.requests).toHaveLength(1);
    // The channels' state reached the UI as pushes, and no secret did.
    expect(w.pushed.some((p) => p.includes('"Reversals only"'))).toBe(true);
    const everything = [...w.pushed, ...w.logs, ...w.storage.files.values()].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(SIGNING);
    expect(w.storage.files.get('settings.json')).toContain('"Desk"');
  });

  it('quiet periods for the desktop only: no notification, but the alert fires to history and channels', async () => {
    const w = await open();
    receiver = await startReceiver({ status: 204 });
    await addWebhook(w, receiver);
    const alerts = { ...w.app.settings.current.alerts, quietOpenMinutes: 300 };
    expect((await w.app.updateSettings({ alerts: { ...alerts, quietScope: 'desktop' } })).ok).toBe(
      true,
    );
    w.app.start();
    await run(w, 13.5 * 60_000);
    expect(w.notifier.sent).toEqual([]);
    expect(await w.app.archive.listAlerts({ symbol: 'SPY' })).toHaveLength(1);
    await receiver.waitFor(1);
  });

  it('quiet periods for every channel: nothing fires anywhere', async () => {
    const w = await open();
    receiver = await startReceiver({ status: 204 });
    await addWebhook(w, receiver);
    const alerts = { ...w.app.settings.current.alerts, quietOpenMinutes: 300 };
    expect((await w.app.updateSettings({ alerts: { ...alerts, quietScope: 'all' } })).ok).toBe(
      true,
    );
    w.app.start();
    await run(w, 13.5 * 60_000);
    expect(w.notifier.sent).toEqual([]);
    expect(await w.app.archive.listAlerts({ symbol: 'SPY' })).toHaveLength(0);
    expect(w.app.symbolViews()[0]!.signal).toMatchObject({ pending: 'quiet-open' });
    expect(receiver.requests).toHaveLength(0);
  });

  it('a settings update cannot add or drop channels behind the keychain’s back', async () => {
    const w = await open();
    receiver = await startReceiver({ status: 204 });
    await addWebhook(w, receiver);
    const result = await w.app.updateSettings({ channels: [] });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^Unknown setting/) });
    expect(w.app.channels.views()).toHaveLength(1);
  });
});
