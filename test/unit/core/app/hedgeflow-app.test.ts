// The app as the shell and the terminal drive it: source selection (demo or FlashAlpha), the key
// kept out of everything the UI sees, settings that never break, and alerts that fire once per
// episode across settings changes and restarts. The simulator runs in-process behind the same
// HTTP transport port the real API uses.
import { describe, expect, it } from 'vitest';
import { HedgeFlowApp, type HedgeFlowAppDeps } from '../../../../core/app/hedgeflow-app.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../../core/fakes/recording-notifier.js';
import { createLogger } from '../../../../core/log/logger.js';
import { PUSH_EVENTS } from '../../../../core/contract/channels.js';
import { DEMO_KEY } from '../../../../core/source/sources.js';
import { simTransport } from '../../../../core/source/sim-transport.js';
import { createSimulator } from '../../../../sim/engine/simulator.js';

const KEY = 'fa_live_7d3c91e2b5a40f68';
/** Tuesday 2026-06-09 13:50 New York; seed 1 has an SPY down-squeeze alert at 14:02. */
const BEFORE_SQUEEZE = Date.parse('2026-06-09T17:50:00Z');

interface World {
  readonly clock: ManualClock;
  readonly storage: MemoryStorage;
  readonly secrets: MemorySecretStore;
  readonly notifier: RecordingNotifier;
  readonly logs: string[];
  requests: number;
}

function world(start: number, secret: string | null = null): World {
  return {
    clock: new ManualClock(start),
    storage: new MemoryStorage(),
    secrets: new MemorySecretStore(secret),
    notifier: new RecordingNotifier(),
    logs: [],
    requests: 0,
  };
}

async function open(w: World): Promise<{ app: HedgeFlowApp; pushed: string[] }> {
  // One simulator serves both the demo source (in-process) and "FlashAlpha" (over the port).
  const sim = createSimulator({
    seed: 1,
    keys: [
      { key: DEMO_KEY, plan: 'alpha' },
      { key: KEY, plan: 'growth' },
    ],
  });
  const http = simTransport(sim, () => w.clock.now());
  const deps: HedgeFlowAppDeps = {
    clock: w.clock,
    http: async (request) => {
      w.requests++;
      return http(request);
    },
    secrets: w.secrets,
    notifier: w.notifier,
    storage: w.storage,
    logger: createLogger((line) => w.logs.push(line), { level: 'debug', now: () => w.clock.now() }),
    createSimulator: () => sim,
  };
  const app = await HedgeFlowApp.create(deps);
  const pushed: string[] = [];
  for (const event of PUSH_EVENTS) app.on(event, (p) => pushed.push(JSON.stringify(p)));
  return { app, pushed };
}

async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A poll cycle always ends by arming the loop's next timer: wait for that, however many turns
 * of the event loop its requests, merges and history writes take (a fixed count is flaky).
 */
async function cycleDone(w: World): Promise<void> {
  await settle();
  for (let i = 0; i < 10_000 && w.clock.pendingTimers === 0; i++) await settle();
}

/** Fires the app's timers up to `ms` ahead, letting each poll cycle finish. */
async function run(w: World, ms: number): Promise<void> {
  const target = w.clock.now() + ms;
  await cycleDone(w);
  for (;;) {
    const next = w.clock.nextTimerAt();
    if (next === null || next > target) break;
    w.clock.advanceTo(next);
    await cycleDone(w);
  }
  w.clock.advanceTo(target);
  await cycleDone(w);
}

describe('HedgeFlowApp', () => {
  it('runs on demo data when no key is stored, says why, and shows the session so far', async () => {
    const w = world(BEFORE_SQUEEZE);
    const { app } = await open(w);
    app.start();
    await run(w, 5_000);

    const status = app.status();
    expect(status).toMatchObject({ source: 'demo', demoReason: 'no-key', quota: null });
    expect(status.key).toEqual({ hasKey: false, hint: null });
    const spy = app.symbolViews().find((v) => v.symbol === 'SPY')!;
    expect(spy.status.kind).toBe('live');
    // 09:30 to 13:50 is 260 closed one-minute bars, plus the one filling.
    expect(spy.points.length).toBeGreaterThanOrEqual(260);
    expect(spy.cumulative).not.toBeNull();
    await app.stop();
  });

  it('switches to FlashAlpha when a key is stored, and the key reaches no snapshot, push or log', async () => {
    const w = world(BEFORE_SQUEEZE);
    const { app, pushed } = await open(w);
    app.start();
    await run(w, 5_000);
    const demoRequests = w.requests;

    await app.setKey(KEY);
    await run(w, 3 * 60_000);
    expect(app.status()).toMatchObject({ source: 'flashalpha', demoReason: null, error: null });
    expect(app.status().key).toEqual({ hasKey: true, hint: '••••0f68' });
    expect(w.requests).toBeGreaterThan(demoRequests); // the key's requests went over the port
    expect(await w.secrets.get()).toBe(KEY);
    const spy = app.symbolViews().find((v) => v.symbol === 'SPY')!;
    expect(spy.status.kind).toBe('live');
    expect(app.status().quota).toMatchObject({ limit: 2500 });

    const everything = [JSON.stringify(app.snapshot()), ...pushed, ...w.logs].join('\n');
    expect(everything).not.toContain(KEY);
    expect([...w.storage.files.values()].join('\n')).not.toContain(KEY);

    await app.deleteKey();
    expect(app.status()).toMatchObject({ source: 'demo', demoReason: 'no-key' });
    expect(await w.secrets.get()).toBeNull();
    await app.stop();
  });

  it('stops on a rejected key with one app-wide error that says where to fix it', async () => {
    const w = world(BEFORE_SQUEEZE, 'fa_live_revoked_0000');
    const { app } = await open(w);
    app.start();
    await run(w, 5 * 60_000);
    expect(app.status().error).toMatchObject({ code: 'auth', action: 'open-settings' });
    const afterFirst = w.requests;
    expect(afterFirst).toBeGreaterThan(0);
    await run(w, 10 * 60_000);
    expect(w.requests).toBe(afterFirst); // no hammering with a bad key
    await app.stop();
  });

  it('keeps running on demo data when the keychain is locked, and says so', async () => {
    const w = world(BEFORE_SQUEEZE);
    w.secrets.unavailable = 'The system keychain is not available (locked)';
    const { app } = await open(w);
    app.start();
    await run(w, 5_000);
    expect(app.status()).toMatchObject({
      source: 'demo',
      demoReason: 'keychain-unavailable',
      keychain: { available: false },
    });
    expect(app.status().keychain.message).toMatch(/locked.*demo data/);
    await expect(app.setKey(KEY)).rejects.toThrow(/keychain/);
    expect(app.symbolViews().find((v) => v.symbol === 'SPY')?.status.kind).toBe('live');
    await app.stop();
  });

  it('keeps a corrupt settings file aside, restores defaults and tells the user', async () => {
    const w = world(BEFORE_SQUEEZE);
    await w.storage.writeAtomic('settings.json', '{"symbols": ["SPY", 42], "barSize": ');
    const { app } = await open(w);
    expect(app.status().notice).toMatch(/could not be used .* kept as settings\.corrupt-.*\.json/);
    expect(app.settings.current.symbols).toEqual(['SPY', 'QQQ', 'SPX']);
    const aside = [...w.storage.files.keys()].find((k) => k.startsWith('settings.corrupt-'));
    expect(w.storage.files.get(aside!)).toBe('{"symbols": ["SPY", 42], "barSize": ');
    app.dismissNotice();
    expect(app.status().notice).toBeNull();
  });

  it('refuses an invalid settings change whole and keeps the file as it was', async () => {
    const w = world(BEFORE_SQUEEZE);
    const { app } = await open(w);
    expect((await app.updateSettings({ symbols: [' spy ', 'qqq'] })).ok).toBe(true);
    expect(app.settings.current.symbols).toEqual(['SPY', 'QQQ']);
    const before = w.storage.files.get('settings.json');
    const bad = await app.updateSettings({ symbols: ['SPY', 'NOT A SYMBOL'], barSize: '5m' });
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^symbols\.1: /) });
    expect(app.settings.current).toMatchObject({ symbols: ['SPY', 'QQQ'], barSize: '1m' });
    expect(w.storage.files.get('settings.json')).toBe(before);
    expect((await app.updateSettings({ colour: 'red' })).ok).toBe(false);
  });

  it('pauses: no requests while paused, rows say paused, and resume picks up', async () => {
    const w = world(BEFORE_SQUEEZE, KEY);
    const { app } = await open(w);
    app.start();
    await run(w, 5_000);
    app.setPaused(true);
    const before = w.requests;
    await run(w, 10 * 60_000);
    expect(w.requests).toBe(before);
    expect(app.symbolViews().every((v) => v.status.kind === 'paused')).toBe(true);
    app.setPaused(false);
    await run(w, 60_000);
    expect(w.requests).toBeGreaterThan(before);
    expect(app.symbolViews().find((v) => v.symbol === 'SPY')?.status.kind).toBe('live');
    await app.stop();
  });

  it('notifies a squeeze once per episode, across a settings change and a restart', async () => {
    const w = world(BEFORE_SQUEEZE);
    const first = await open(w);
    expect((await first.app.updateSettings({ symbols: ['SPY'] })).ok).toBe(true);
    first.app.start();
    // The run of selling bars holds from the 13:58 bar through the 14:04 bar.
    await run(w, 13.5 * 60_000); // to 14:03:30, just after the 14:02 bar closed
    expect(w.notifier.sent.map((n) => `${n.symbol} ${n.direction}`)).toEqual(['SPY down']);
    expect(w.notifier.sent[0]!.title).toMatch(/squeeze/i);
    const stored = await first.app.archive.listAlerts({ symbol: 'SPY' });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.evidence.bars.length).toBeGreaterThanOrEqual(5);
    expect(first.app.symbolViews()[0]!.signal).toMatchObject({
      kind: 'squeeze',
      direction: 'down',
    });

    // A settings change rebuilds the poll loop mid-episode; the episode must not fire again.
    expect((await first.app.updateSettings({ lookbackMinutes: 120 })).ok).toBe(true);
    await run(w, 30_000);
    // Nor after a restart over the same files (the engine's state is persisted), while the run
    // still holds at 14:03 and 14:04.
    await first.app.stop();
    const second = await open(w);
    second.app.start();
    await run(w, 65_000); // to 14:05:05
    expect(second.app.symbolViews()[0]!.signal).toMatchObject({
      kind: 'squeeze',
      direction: 'down',
    });
    expect(w.notifier.sent).toHaveLength(1);
    await second.app.stop();
  });

  it('keeps demo data apart from FlashAlpha data: history, alerts and alert state', async () => {
    const w = world(BEFORE_SQUEEZE);
    const { app } = await open(w);
    expect((await app.updateSettings({ symbols: ['SPY'] })).ok).toBe(true);
    app.start();
    await run(w, 13.5 * 60_000); // the demo's SPY squeeze alert at 14:02
    expect(w.notifier.sent).toHaveLength(1);
    expect(await app.archive.listAlerts()).toHaveLength(1);
    const files = [...w.storage.files.keys()];
    expect(files.some((f) => f.startsWith('demo/history/'))).toBe(true);
    expect(files.some((f) => f.startsWith('history/'))).toBe(false);

    await app.setKey(KEY);
    await run(w, 60_000);
    expect(app.status().source).toBe('flashalpha');
    // The real lane has its own history and alert state: it never saw the demo's alert, and
    // judged the (still running) squeeze itself, once, as a catch-up after its first backfill.
    const live = await app.archive.listAlerts();
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ symbol: 'SPY', direction: 'down', catchUp: true });
    const after = [...w.storage.files.keys()];
    expect(after.filter((f) => /^history\/.*\.alerts\.ndjson$/.test(f))).toHaveLength(1);
    expect(after.filter((f) => /^demo\/history\/.*\.alerts\.ndjson$/.test(f))).toHaveLength(1);
    expect(after).toContain('alert-engine.json');
    expect(after).toContain('demo/alert-engine.json');
    await app.stop();
  });

  it('on a weekend the demo replays the latest session, a rebuild never rewinds it, and it goes live at the next open', async () => {
    const saturday = Date.parse('2026-06-06T16:00:00Z');
    const w = world(saturday);
    const { app } = await open(w);
    app.start();
    await run(w, 5_000);
    // Friday's session from 10:30 New York.
    expect(app.status().market).toMatchObject({ sessionDate: '2026-06-05', open: true });
    const spy = () => app.symbolViews().find((v) => v.symbol === 'SPY')!;
    expect(spy().status.kind).toBe('live');
    const asOf = spy().asOf!;
    expect(new Date(asOf).toISOString()).toMatch(/^2026-06-05T14:3/);

    await run(w, 10 * 60_000);
    expect((await app.updateSettings({ lookbackMinutes: 120 })).ok).toBe(true);
    await run(w, 5_000);
    expect(spy().asOf!).toBeGreaterThanOrEqual(asOf + 10 * 60_000); // not back at 10:30

    // Monday 09:30:10 New York: the demo is live from here on.
    w.clock.jump(Date.parse('2026-06-08T13:30:10Z') - w.clock.now());
    await run(w, 3 * 60_000);
    expect(app.status().market).toMatchObject({ sessionDate: '2026-06-08', open: true });
    expect(new Date(spy().asOf!).toISOString()).toMatch(/^2026-06-08T13:3/);
    await app.stop();
  });

  it('prunes history past the kept days at start and again each new day while it runs', async () => {
    const w = world(BEFORE_SQUEEZE);
    const old = (date: string) => `demo/history/${date}.SPY.1m.bars.ndjson`;
    await w.storage.writeAtomic(old('2026-03-02'), '{}\n');
    const { app } = await open(w);
    expect(w.storage.files.has(old('2026-03-02'))).toBe(false); // 99 days old at start
    app.start();
    await run(w, 60_000);
    await w.storage.writeAtomic(old('2026-05-12'), '{}\n'); // 28 days old: kept today...
    await run(w, 60_000);
    expect(w.storage.files.has(old('2026-05-12'))).toBe(true);
    w.clock.jump(3 * 86_400_000); // ...and gone three days later, without a restart
    await run(w, 60_000);
    expect(w.storage.files.has(old('2026-05-12'))).toBe(false);
    expect([...w.storage.files.keys()].some((f) => f.startsWith('demo/history/2026-06-09.'))).toBe(
      true,
    );
    await app.stop();
  });

  it('promises no poll while the machine sleeps, and polls again on waking', async () => {
    const w = world(BEFORE_SQUEEZE, KEY);
    const { app } = await open(w);
    app.start();
    await run(w, 60_000);
    expect(app.status().nextPollAt).not.toBeNull();
    app.suspend();
    expect(app.status().nextPollAt).toBeNull();
    const before = w.requests;
    w.clock.jump(20 * 60_000);
    app.resume();
    await run(w, 5_000);
    expect(w.requests).toBeGreaterThan(before);
    expect(app.status().nextPollAt).not.toBeNull();
    await app.stop();
  });
});
