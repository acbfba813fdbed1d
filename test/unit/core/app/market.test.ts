import { describe, expect, it } from 'vitest';
import { marketView, sessionFor } from '../../../../core/app/current-session.js';
import { demoClock } from '../../../../core/app/demo-clock.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { effectiveListings, hasZeroDte } from '../../../../calendar/index.js';
import { harness } from './loop-harness.js';

describe('app-side market helpers', () => {
  it('keeps the session while the server can serve any of its bars, then moves to the next one', () => {
    const close = Date.parse('2026-06-05T20:00:00Z');
    expect(sessionFor(close + 60_000).date).toBe('2026-06-05');
    // The last bucket's last raw sample (15:59:30) stays within a 390-minute window until 22:29:30.
    const lastReach = close - 30_000 + 390 * 60_000;
    expect(sessionFor(lastReach).date).toBe('2026-06-05');
    expect(sessionFor(lastReach + 1).date).toBe('2026-06-08');
    expect(marketView(sessionFor(close + 60_000), close + 60_000)).toMatchObject({
      open: false,
      sessionDate: '2026-06-05',
    });
  });

  it('merges per-symbol listing overrides over the defaults (an empty table keeps SPY daily)', () => {
    const tuesday = '2026-06-02';
    expect(hasZeroDte('SPY', tuesday, effectiveListings({}))).toBe(true);
    expect(hasZeroDte('SPY', tuesday, {})).toBe(false); // why the merge is needed
    expect(hasZeroDte('SPY', tuesday, effectiveListings({ SPY: [1, 3, 5] }))).toBe(false);
    expect(hasZeroDte('AAPL', tuesday, effectiveListings({ AAPL: [2] }))).toBe(true);
  });

  it('replays the latest session from an hour after its open when the market is closed', () => {
    const saturday = new ManualClock(Date.parse('2026-06-06T15:00:00Z'));
    const demo = demoClock(saturday);
    expect(demo.now()).toBe(Date.parse('2026-06-05T14:30:00Z'));
    saturday.advance(60_000);
    expect(demo.now()).toBe(Date.parse('2026-06-05T14:31:00Z'));
    const open = new ManualClock(Date.parse('2026-06-05T15:00:00Z'));
    expect(demoClock(open).now()).toBe(open.now());
  });
});

describe('the poll loop and the NYSE calendar', () => {
  it('stops at 13:00 New York on an early-close day', async () => {
    const open = Date.parse('2026-11-27T14:30:00Z'); // the day after Thanksgiving, EST
    const h = harness({ start: open - 60_000, settings: { symbols: ['SPY'] } });
    h.loop.start();
    await h.runUntil(Date.parse('2026-11-27T20:00:00Z'));
    await h.loop.stop();
    const data = h.server.dataRequests;
    expect(data).toHaveLength(210); // 09:30-13:00
    expect(data.at(-1)!.at).toBe(Date.parse('2026-11-27T18:00:02Z'));
    expect(await h.history.loadBars('2026-11-27', 'SPY', '1m')).toHaveLength(210);
  });

  it('follows standard time in winter (the open is 14:30 UTC)', async () => {
    const open = Date.parse('2026-01-05T14:30:00Z');
    const h = harness({ start: open - 2 * 3_600_000, settings: { symbols: ['SPY'] } });
    h.loop.start();
    await h.runUntil(open + 2 * 60_000);
    await h.loop.stop();
    expect(h.server.dataRequests.map((r) => r.at)).toEqual([open + 62_000]);
  });

  it('does not poll on an NYSE holiday', async () => {
    const h = harness({
      start: Date.parse('2026-07-03T13:00:00Z'),
      settings: { symbols: ['SPY'] },
    });
    h.loop.start();
    await h.runUntil(Date.parse('2026-07-03T21:00:00Z'));
    await h.loop.stop();
    expect(h.server.requests).toBe(0);
    expect(h.views.get('SPY')!.status).toEqual({
      kind: 'closed',
      nextOpen: Date.parse('2026-07-06T13:30:00Z'),
    });
  });
});
