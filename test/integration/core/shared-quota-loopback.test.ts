// The planner on a key the user shares with other tools, against `hedgeflow sim` over loopback:
// the day's budget is what the server says is left (/v1/account and the X-RateLimit-* headers),
// not the plan's limit. The app must never be refused (429), never spend more than was left,
// and still end the session with every bar, filling its spaced-out polls' gaps by backfill.
import { afterEach, describe, expect, it } from 'vitest';
import { sessionOn } from '../../../calendar/index.js';
import type { SimServer } from '../../../sim/server/http-server.js';
import { driveApp, serverSeries, type Driven } from './app-driver.js';

const SESSION = sessionOn('2026-06-05')!;
const NOON_NY = Date.parse('2026-06-05T16:00:00Z');
const SYMBOLS = ['SPY', 'QQQ', 'SPX'];
const KEY = 'growth-key';

let run: Driven | null = null;
afterEach(async () => {
  await run?.close();
  run = null;
});

/** Another program using the same key: `n` metered requests at the server's current time. */
function otherTool(s: SimServer, n: number): void {
  for (let i = 0; i < n; i++) {
    const res = s.simulator.handle(
      { method: 'GET', url: '/stockquote/SPY', headers: { 'x-api-key': KEY } },
      s.clock.now(),
    );
    expect(res.status).toBe(200);
  }
}

function remaining(s: SimServer): number {
  return Number(s.simulator.rateLimit(KEY, s.clock.now())!['x-ratelimit-remaining']);
}

async function session(usedBefore: number, atNoon = 0, until = SESSION.close + 4 * 60_000) {
  run = await driveApp({
    start: SESSION.open - 5 * 60_000,
    key: KEY,
    settings: { symbols: SYMBOLS, barSize: '1m' },
    server: { seed: 8 },
  });
  const s = run.server;
  otherTool(s, usedBefore);
  let noonDone = false;
  await run.drive(until, (now) => {
    if (!noonDone && now >= NOON_NY) {
      noonDone = true;
      otherTool(s, atNoon);
    }
  });
  return run;
}

describe('a Growth key shared with other tools', () => {
  it('2,000 of 2,500 used before the open and 200 more at noon: within what is left, every bar kept', async () => {
    const r = await session(2_000, 200);
    const s = r.server;
    // The app learned the budget from the server before its first data request.
    expect(r.sent[0]!.path).toBe('/v1/account');
    expect(r.sent.filter((x) => x.status === 429)).toEqual([]);
    expect(r.sent.length).toBeLessThanOrEqual(2_500 - 2_000 - 200);
    expect(remaining(s)).toBeGreaterThanOrEqual(0);
    // 3 symbols need 1,170 requests for every close: the planner spaced its polls out...
    const data = r.dataRequests();
    expect(data.length).toBeLessThan(1_170 / 2);
    // ...and spread them over the whole session instead of running dry: polls after noon too,
    // the last at the close.
    expect(data.filter((x) => x.at > NOON_NY).length).toBeGreaterThan(30);
    expect(Math.max(...data.map((x) => x.at))).toBeGreaterThanOrEqual(SESSION.close);
    for (const symbol of SYMBOLS) {
      const stored = await r.app.history.loadBars(SESSION.date, symbol, '1m');
      expect(stored).toHaveLength(390);
      expect(stored).toEqual(serverSeries(s, symbol, '1m', SESSION.close));
    }
    // What the app shows is what the server says is left.
    expect(r.app.status().quota).toMatchObject({ limit: 2_500, remaining: remaining(s) });
    expect(r.keyViolations).toEqual([]);
  }, 30_000);

  it('only 20 requests left for the day: a few long backfills still complete the session', async () => {
    const r = await session(2_480);
    expect(r.sent.filter((x) => x.status === 429)).toEqual([]);
    expect(r.sent.length).toBeLessThanOrEqual(20);
    expect(remaining(r.server)).toBeGreaterThanOrEqual(0);
    for (const symbol of SYMBOLS) {
      const stored = await r.app.history.loadBars(SESSION.date, symbol, '1m');
      expect(stored).toEqual(serverSeries(r.server, symbol, '1m', SESSION.close));
    }
  }, 30_000);

  it('nothing left: no request at all until the reset at midnight UTC, and the row says why', async () => {
    const r = await session(2_500, 0, NOON_NY);
    const data = r.dataRequests();
    expect(data).toEqual([]);
    expect(r.sent.filter((x) => x.status === 429)).toEqual([]);
    const midnight = Date.parse('2026-06-06T00:00:00Z');
    expect(r.app.status().error).toMatchObject({
      code: 'quota',
      action: 'wait',
      retryAt: midnight,
    });
    for (const view of r.app.symbolViews()) {
      expect(view.status).toMatchObject({
        kind: 'error',
        error: { code: 'quota', retryAt: midnight },
      });
    }
    // After the reset (20:00 New York) the full quota is back: one request per symbol fetches
    // what the server still serves of Friday (from 13:30 on), and the rest is recorded missing.
    const monday = sessionOn('2026-06-08')!;
    await r.drive(monday.open + 5 * 60_000);
    const friday = r.dataRequests().filter((x) => x.at < monday.open);
    expect(friday.map((x) => [x.at, x.params.get('minutes')])).toEqual(
      SYMBOLS.map(() => [midnight, '390']),
    );
    for (const symbol of SYMBOLS) {
      const day = await r.app.history.loadDay(SESSION.date, symbol, '1m');
      expect(day).toMatchObject({ state: 'incomplete' });
      expect(day!.missing.filter((m) => m.side === 'all')).toEqual([
        { side: 'all', from: SESSION.open, to: SESSION.open + 240 * 60_000 },
      ]);
      const stored = await r.app.history.loadBars(SESSION.date, symbol, '1m');
      expect(stored.map((b) => b.all.cumulative)).toEqual(
        serverSeries(r.server, symbol, '1m', SESSION.close)
          .slice(240)
          .map((b) => b.all.cumulative),
      );
    }
    // Monday's session is polled from its first close.
    const polls = r.dataRequests().filter((x) => x.at >= monday.open);
    expect(polls).toHaveLength(3 * 4);
    expect(Math.min(...polls.map((x) => x.at))).toBe(monday.open + 62_000);
    expect(r.sent.filter((x) => x.status !== 200)).toEqual([]);
    expect(r.app.status().error).toBeNull();
  }, 30_000);
});
