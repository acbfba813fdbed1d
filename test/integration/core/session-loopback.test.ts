// A whole simulated session, the app against `hedgeflow sim` over loopback: the app's clock and
// the server's (manual) clock step together from one planned poll to the next, as fast as the
// requests complete, so 6.5 hours take a few seconds. The requests must stay within the plan's
// budget, and the history the app wrote must equal the server's own series bar for bar.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchTransport } from '../../../core/adapters/fetch-transport.js';
import { HedgeFlowApp } from '../../../core/app/hedgeflow-app.js';
import { ManualClock } from '../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../core/fakes/recording-notifier.js';
import { createLogger } from '../../../core/log/logger.js';
import type { BarSize } from '../../../core/model/flow.js';
import type { HttpTransport } from '../../../core/ports/http.js';
import { sessionOn } from '../../../sim/engine/index.js';
import { startSimServer, type SimServer } from '../../../sim/server/index.js';

const SESSION = sessionOn('2026-06-05')!;
const SYMBOLS = ['SPY', 'QQQ', 'SPX'];
const KEY = 'growth-key';
const GROWTH = 2_500;

let server: SimServer | null = null;
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);

beforeEach(() => {
  rejections.length = 0;
  process.on('unhandledRejection', onRejection);
});

afterEach(async () => {
  process.off('unhandledRejection', onRejection);
  await server?.close();
  server = null;
});

/** Steps both clocks to each planned poll and waits for the cycle's real requests. */
async function drive(clock: ManualClock, s: SimServer, until: number): Promise<void> {
  for (;;) {
    const next = clock.nextTimerAt();
    if (next === null || next > until) return;
    s.clock.set(next);
    clock.advanceTo(next);
    const deadline = Date.now() + 15_000;
    while (clock.pendingTimers === 0) {
      if (Date.now() > deadline)
        throw new Error(
          `the poll loop did not plan its next poll (at ${new Date(next).toISOString()})`,
        );
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

interface Expected {
  t: number;
  all: { bar: number; cumulative: number };
  calls: { bar: number; cumulative: number };
  puts: { bar: number; cumulative: number };
  spot: number;
  gammaFlip: number | null;
}

/** The server's own series for the whole session, asked at the close with an unlimited key. */
function serverSeries(s: SimServer, symbol: string, bar: BarSize): Expected[] {
  const url = `/v1/flow/zero-dte/series/${symbol}?bar=${bar}&minutes=390`;
  const res = s.simulator.handle(
    { method: 'GET', url, headers: { 'x-api-key': 'alpha-key' } },
    SESSION.close,
  );
  const rows = (JSON.parse(res.body) as { bars: Record<string, number | string | null>[] }).bars;
  return rows.map((r, i) => {
    const prev = rows[i - 1];
    const leg = (field: string) => ({
      bar: (r[field] as number) - (prev ? (prev[field] as number) : 0),
      cumulative: r[field] as number,
    });
    return {
      t: Date.parse(r.t as string),
      all: leg('hedge_flow_cumulative_all'),
      calls: leg('hedge_flow_call_cumulative'),
      puts: leg('hedge_flow_put_cumulative'),
      spot: r.spot as number,
      gammaFlip: r.gamma_flip as number | null,
    };
  });
}

async function runSession(bar: BarSize, faults?: string) {
  server = await startSimServer({
    clock: { start: SESSION.open - 5 * 60_000, speed: 0 },
    seed: 5,
    ...(faults ? { faults } : {}),
  });
  const s = server;
  const clock = new ManualClock(s.clock.now());
  const statuses = new Map<number, number>();
  const http: HttpTransport = async (request) => {
    const response = await fetchTransport(request);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    return response;
  };
  const logs: string[] = [];
  const storage = new MemoryStorage();
  const app = await HedgeFlowApp.create({
    clock,
    http,
    secrets: new MemorySecretStore(KEY),
    notifier: new RecordingNotifier(),
    storage,
    logger: createLogger((line) => logs.push(line), { level: 'debug' }),
    createSimulator: () => {
      throw new Error('demo mode is not part of this test');
    },
  });
  const updated = await app.updateSettings({ symbols: SYMBOLS, barSize: bar, baseUrl: s.url });
  expect(updated.ok).toBe(true);
  app.start();
  await drive(clock, s, SESSION.close + 4 * 60_000);
  await app.stop();
  const remaining = Number(s.simulator.rateLimit(KEY, s.clock.now())!['x-ratelimit-remaining']);
  return { s, app, statuses, logs, used: GROWTH - remaining };
}

describe('a whole simulated session against hedgeflow sim over loopback', () => {
  it('30 s bars, 3 symbols: within the Growth budget, history equal to the server series', async () => {
    const { s, app, statuses, logs, used } = await runSession('30s');
    // 780 bar closes x 3 symbols = 2,340 fits in 2,500 with the reserve: one poll per close.
    expect(used).toBeLessThanOrEqual(GROWTH);
    expect(used).toBe(3 * 780);
    expect(statuses.get(429) ?? 0).toBe(0);
    for (const symbol of SYMBOLS) {
      const stored = await app.history.loadBars(SESSION.date, symbol, '30s');
      expect(stored).toHaveLength(780);
      expect(stored).toEqual(serverSeries(s, symbol, '30s'));
    }
    expect(logs.join('\n')).not.toContain(KEY);
    expect(rejections).toEqual([]);
  }, 60_000);

  it('1 m bars with every fault kind injected: no bar lost or invented, no crash', async () => {
    const faults =
      '5xx=0.03,reset=0.01,malformed=0.01,truncated=0.01,429burst=2:0.003,latency=1-5ms:0.2,seed=11';
    const { s, app, statuses, used } = await runSession('1m', faults);
    expect(used).toBeLessThanOrEqual(GROWTH);
    expect([...statuses.keys()].some((status) => status >= 500)).toBe(true);
    for (const symbol of SYMBOLS) {
      const stored = await app.history.loadBars(SESSION.date, symbol, '1m');
      expect(stored).toEqual(serverSeries(s, symbol, '1m'));
    }
    expect(rejections).toEqual([]);
  }, 60_000);
});
