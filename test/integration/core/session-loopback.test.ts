// A whole simulated session, the app against `hedgeflow sim` over loopback: the app's clock and
// the server's (manual) clock step together from one planned poll to the next, as fast as the
// requests complete, so 6.5 hours take a few seconds. The requests must stay within the plan's
// budget, and the history the app wrote must equal the server's own 30 s series bar for bar.
// (The same session with every fault kind injected: session-faults-loopback.test.ts.)
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

describe('a whole simulated session against hedgeflow sim over loopback', () => {
  it('30 s bars, 3 symbols: within the Growth budget, history equal to the server series', async () => {
    const rejections = watchRejections();
    run = await driveApp({
      start: SESSION.open - 5 * 60_000,
      key: KEY,
      settings: { symbols: SYMBOLS, barSize: '30s' },
      server: { seed: 5 },
    });
    await run.drive(SESSION.close + 4 * 60_000);
    await run.app.stop();
    rejections.stop();
    const s = run.server;
    // 780 bar closes x 3 symbols = 2,340 fits in 2,500 with the reserve: one poll per close.
    const used = usedToday(s, KEY, GROWTH);
    expect(used).toBeLessThanOrEqual(GROWTH);
    expect(used).toBe(3 * 780);
    expect(run.sent.filter((r) => r.status !== 200)).toEqual([]);
    for (const symbol of SYMBOLS) {
      const stored = await run.app.history.loadBars(SESSION.date, symbol, '30s');
      expect(stored).toHaveLength(780);
      expect(stored).toEqual(serverSeries(s, symbol, '30s', SESSION.close));
    }
    // The key is in no URL, no log line and no file the app wrote (history, settings).
    expect(run.keyViolations).toEqual([]);
    expect(run.logs.join('\n')).not.toContain(KEY);
    for (const [path, text] of run.storage.files) {
      expect([path, text.includes(KEY)]).toEqual([path, false]);
    }
    expect(rejections.seen).toEqual([]);
  }, 60_000);
});
