// One owner for quota and account, through the whole app against the simulator: each response
// reaches the quota once (its headers heard once, the request counted once), the figures the
// user sees are the server's, the user's refresh goes through the poll loop and lifts the tier
// block after a plan upgrade, demo requests never count against the key, and another key
// starts with nothing known of it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HedgeFlowApp } from '../../../../core/app/hedgeflow-app.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../../core/fakes/recording-notifier.js';
import { silentLogger } from '../../../../core/log/logger.js';
import { QuotaTracker } from '../../../../core/plan/quota.js';
import type { HttpResponse } from '../../../../core/ports/http.js';
import { DEMO_KEY } from '../../../../core/source/sources.js';
import { simTransport } from '../../../../core/source/sim-transport.js';
import { createSimulator, type Simulator } from '../../../../sim/engine/simulator.js';
import { settle } from './loop-harness.js';

/** The user's key; the simulator knows it as whichever plan the test says the key is on. */
const KEY = 'fa_live_7d3c91e2b5a40f68';
const OTHER_KEY = 'fa_live_0000aaaa1111bbbb';
/** Tuesday 2026-06-09 13:50 New York: the market is open. */
const MIDDAY = Date.parse('2026-06-09T17:50:00Z');
const MIN = 60_000;

interface World {
  readonly clock: ManualClock;
  readonly sim: Simulator;
  readonly app: HedgeFlowApp;
  /** Every FlashAlpha response (the demo runs in-process, beside this transport). */
  readonly responses: HttpResponse[];
  readonly paths: string[];
  /** The plan each user key is on, as the simulator's keys name it. */
  readonly plans: Map<string, 'basic-key' | 'growth-key'>;
}

async function world(start: number, key: string | null): Promise<World> {
  const clock = new ManualClock(start);
  const sim = createSimulator({
    seed: 1,
    keys: [
      { key: DEMO_KEY, plan: 'alpha' },
      { key: 'basic-key', plan: 'basic' },
      { key: 'growth-key', plan: 'growth' },
    ],
  });
  const plans = new Map<string, 'basic-key' | 'growth-key'>([
    [KEY, 'growth-key'],
    [OTHER_KEY, 'basic-key'],
  ]);
  const http = simTransport(sim, () => clock.now());
  const responses: HttpResponse[] = [];
  const paths: string[] = [];
  const app = await HedgeFlowApp.create({
    clock,
    http: async (request) => {
      const key = request.headers['X-Api-Key'] ?? '';
      const headers = { ...request.headers, 'X-Api-Key': plans.get(key) ?? key };
      const response = await http({ ...request, headers });
      responses.push(response);
      paths.push(new URL(request.url).pathname);
      return response;
    },
    secrets: new MemorySecretStore(key),
    notifier: new RecordingNotifier(),
    storage: new MemoryStorage(),
    logger: silentLogger,
    createSimulator: () => sim,
  });
  return { clock, sim, app, responses, paths, plans };
}

/** Fires the app's timers up to `ms` ahead, letting each poll cycle finish. */
async function run(w: World, ms: number): Promise<void> {
  const target = w.clock.now() + ms;
  const cycleDone = async () => {
    await settle();
    for (let i = 0; i < 10_000 && w.clock.pendingTimers === 0; i++) await settle();
  };
  await cycleDone();
  for (;;) {
    const next = w.clock.nextTimerAt();
    if (next === null || next > target) break;
    w.clock.advanceTo(next);
    await cycleDone();
  }
  w.clock.advanceTo(target);
  await cycleDone();
}

const dataRequests = (w: World) => w.paths.filter((p) => p.startsWith('/v1/flow/')).length;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('HedgeFlowApp: one owner for quota and account', () => {
  it("hears each response's rate-limit headers once, and shows the server's own figures", async () => {
    const observed = vi.spyOn(QuotaTracker.prototype, 'observeRateLimit');
    const w = await world(MIDDAY, KEY);
    w.app.start();
    await run(w, 5 * MIN);
    const view = await w.app.refreshAccount();
    await w.app.stop();
    const withHeaders = w.responses.filter((r) => r.header('X-RateLimit-Remaining') !== null);
    expect(w.paths.filter((p) => p === '/v1/account')).toHaveLength(2); // the loop's, the user's
    expect(dataRequests(w)).toBeGreaterThanOrEqual(3 * 5);
    expect(withHeaders).toHaveLength(w.responses.length);
    expect(observed).toHaveBeenCalledTimes(withHeaders.length);
    const server = w.sim.rateLimit('growth-key', w.clock.now())!;
    expect(view).toEqual({
      plan: 'growth',
      limit: 2500,
      remaining: Number(server['x-ratelimit-remaining']),
      resetsAt: Number(server['x-ratelimit-reset']) * 1000,
      usedByApp: w.responses.length,
    });
    expect(w.app.status().quota).toEqual(view);
  });

  it('lifts the tier block when a refresh finds the plan upgraded, through the poll loop', async () => {
    const w = await world(MIDDAY, KEY);
    w.plans.set(KEY, 'basic-key');
    w.app.start();
    await run(w, 5 * MIN);
    // /v1/account said Basic before any data request was spent: stopped, and says why.
    expect(w.paths).toEqual(['/v1/account']);
    expect(w.app.status()).toMatchObject({
      error: { code: 'tier', currentPlan: 'Basic', requiredPlan: 'Growth' },
      quota: { plan: 'basic', limit: 250 },
    });
    const spy = () => w.app.symbolViews().find((v) => v.symbol === 'SPY')!;
    expect(spy().status).toMatchObject({ kind: 'error', error: { code: 'tier' } });

    // The user upgrades on the website and presses refresh in Settings.
    w.plans.set(KEY, 'growth-key');
    const view = await w.app.refreshAccount();
    expect(view).toMatchObject({ plan: 'growth', limit: 2500, usedByApp: 2 });
    expect(w.app.status().error).toBeNull();
    await run(w, 2 * MIN);
    expect(spy().status.kind).toBe('live');
    await w.app.stop();
    expect(w.paths.slice(0, 2)).toEqual(['/v1/account', '/v1/account']);
    expect(dataRequests(w)).toBeGreaterThan(0);
  });

  it('keeps a rejected refresh an error the caller sees, and the block in place', async () => {
    const w = await world(MIDDAY, KEY);
    w.plans.set(KEY, 'basic-key');
    w.app.start();
    await run(w, MIN);
    w.plans.delete(KEY); // the key was revoked: 401
    await expect(w.app.refreshAccount()).rejects.toMatchObject({ kind: 'auth' });
    expect(w.app.status().error).toMatchObject({ code: 'auth' });
    await run(w, 5 * MIN);
    await w.app.stop();
    expect(dataRequests(w)).toBe(0);
  });

  it('never counts demo requests against the key, and has no quota to refresh on demo data', async () => {
    const w = await world(MIDDAY, null);
    w.app.start();
    await run(w, 5 * MIN);
    expect(w.app.status()).toMatchObject({ source: 'demo', quota: null });
    expect(await w.app.refreshAccount()).toBeNull();
    expect(w.responses).toHaveLength(0);

    await w.app.setKey(KEY);
    await run(w, 2 * MIN);
    await w.app.stop();
    expect(w.app.status().quota).toMatchObject({
      plan: 'growth',
      limit: 2500,
      usedByApp: w.responses.length,
    });
  });

  it("forgets the old key's plan and figures when another key is stored", async () => {
    const w = await world(MIDDAY, KEY);
    w.app.start();
    await run(w, 2 * MIN);
    expect(w.app.status().quota).toMatchObject({ plan: 'growth', limit: 2500 });
    const used = w.responses.length;

    await w.app.setKey(OTHER_KEY);
    // Nothing is known of the new key until the server says: null, not the old key's figures.
    expect(w.app.status().quota).toEqual({
      plan: null,
      limit: null,
      remaining: null,
      resetsAt: null,
      usedByApp: used,
    });
    await run(w, 2 * MIN);
    await w.app.stop();
    expect(w.app.status()).toMatchObject({
      quota: { plan: 'basic', limit: 250 },
      error: { code: 'tier', currentPlan: 'Basic' },
    });
  });
});
