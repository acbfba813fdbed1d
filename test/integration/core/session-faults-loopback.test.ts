// A whole simulated session against `hedgeflow sim` with every fault kind injected (5xx, resets,
// malformed and truncated bodies, 429 bursts, latency): the app must end the day with the
// server's own series, no bar lost or invented, within the budget, and never crash or leave a
// promise rejection unhandled.
import { afterEach, describe, expect, it } from 'vitest';
import { sessionOn } from '../../../calendar/index.js';
import { driveApp, serverSeries, usedToday, watchRejections, type Driven } from './app-driver.js';

const SESSION = sessionOn('2026-06-05')!;
const SYMBOLS = ['SPY', 'QQQ', 'SPX'];
const KEY = 'growth-key';
const GROWTH = 2_500;

let run: Driven | null = null;
afterEach(async () => {
  await run?.close();
  run = null;
});

describe('a whole faulty session against hedgeflow sim over loopback', () => {
  it('1 m bars with every fault kind injected: no bar lost or invented, no crash', async () => {
    const rejections = watchRejections();
    const faults =
      '5xx=0.03,reset=0.01,malformed=0.01,truncated=0.01,429burst=2:0.003,latency=1-5ms:0.2,seed=11';
    run = await driveApp({
      start: SESSION.open - 5 * 60_000,
      key: KEY,
      settings: { symbols: SYMBOLS, barSize: '1m' },
      server: { seed: 5, faults },
    });
    await run.drive(SESSION.close + 4 * 60_000);
    await run.app.stop();
    rejections.stop();
    const s = run.server;
    expect(usedToday(s, KEY, GROWTH)).toBeLessThanOrEqual(GROWTH);
    const statuses = new Set(run.sent.map((r) => r.status));
    expect([...statuses].some((status) => status >= 500)).toBe(true);
    expect(statuses.has(0)).toBe(true); // resets and truncations: no usable response
    expect(statuses.has(429)).toBe(true);
    for (const symbol of SYMBOLS) {
      const stored = await run.app.history.loadBars(SESSION.date, symbol, '1m');
      expect(stored).toHaveLength(390);
      expect(stored).toEqual(serverSeries(s, symbol, '1m', SESSION.close));
    }
    expect(run.keyViolations).toEqual([]);
    expect(run.logs.join('\n')).not.toContain(KEY);
    expect(rejections.seen).toEqual([]);
  }, 60_000);
});
