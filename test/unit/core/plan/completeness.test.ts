// The completeness invariant's pieces: which buckets a request can still reach, how far back a
// window reaches, what an answer left undone, the server's clock as answers show it, and how
// complete a day is.
import { describe, expect, it } from 'vitest';
import { seriesBar } from '../../../support/series-bar.js';
import type { SeriesData } from '../../../../core/model/flow.js';
import { dayProgress } from '../../../../core/plan/day-progress.js';
import {
  oldestReachable,
  reachEnd,
  reachable,
  sessionReachEnd,
  windowCovers,
} from '../../../../core/plan/reach.js';
import { checkAnswer } from '../../../../core/plan/response-check.js';
import { ServerClock, lagFor } from '../../../../core/plan/server-clock.js';
import { windowFor, windowMinutes } from '../../../../core/plan/window-sizer.js';
import {
  firstIncompleteFrom,
  missingRuns,
  newestIncomplete,
} from '../../../../core/state/completeness.js';
import { SymbolState } from '../../../../core/state/symbol-state.js';
import { sessionOn } from '../../../../calendar/index.js';

const DATE = '2026-06-05';
const SESSION = sessionOn(DATE)!;
const OPEN = SESSION.open;
const CLOSE = SESSION.close;
const MIN = 60_000;
const at = (m: number) => OPEN + m * MIN;

/** A series answer at `asOf` carrying buckets [from, to) with cumulative = minute + 1 per leg. */
function series(asOf: number, from: number, to: number): SeriesData {
  const bars = [];
  for (let m = from; m < to; m++) {
    bars.push(seriesBar(at(m), { calls: m + 1, puts: -(m + 1), all: 0 }));
  }
  return { symbol: 'SPY', expiration: DATE, asOf, barSize: '1m', bars };
}

function state(): SymbolState {
  return new SymbolState('SPY', '1m', OPEN, CLOSE);
}

describe('reach: how long the server can serve a bucket', () => {
  it('follows the 390-minute window from the bucket’s last raw sample, and the New York date', () => {
    // 09:30's last sample is 09:30:30: in a 390-minute window until 16:00:30.
    expect(reachEnd(OPEN, MIN, DATE)).toBe(OPEN + 30_000 + 390 * MIN + 1);
    expect(reachable(OPEN, MIN, DATE, CLOSE + 30_000)).toBe(true);
    expect(reachable(OPEN, MIN, DATE, CLOSE + 30_001)).toBe(false);
    // The last minute (15:59, sample 15:59:30) until 22:29:30.
    expect(reachable(CLOSE - MIN, MIN, DATE, CLOSE - 30_000 + 390 * MIN)).toBe(true);
    expect(reachable(CLOSE - MIN, MIN, DATE, CLOSE - 30_000 + 390 * MIN + 1)).toBe(false);
    // A 15-minute bucket keeps its last sample 14:30 later than its start.
    expect(reachEnd(OPEN, 15 * MIN, DATE)).toBe(OPEN + 14.5 * MIN + 390 * MIN + 1);
    // Never past New York midnight (the endpoints serve today's expiry only).
    expect(sessionReachEnd(DATE)).toBe(Date.parse('2026-06-06T04:00:00Z'));
  });

  it('names the oldest bucket still reachable, as a walk would', () => {
    for (const barMs of [30_000, MIN, 5 * MIN, 15 * MIN]) {
      for (const t of [at(100), CLOSE, CLOSE + 1, CLOSE + 7 * MIN + 13_000, CLOSE + 6 * 60 * MIN]) {
        let walk: number | null = null;
        for (let b = OPEN; b < CLOSE; b += barMs) {
          if (reachable(b, barMs, DATE, t)) {
            walk = b;
            break;
          }
        }
        expect(oldestReachable(OPEN, barMs, DATE, t), `${barMs} at ${t - CLOSE}`).toBe(walk);
      }
    }
    expect(oldestReachable(OPEN, MIN, DATE, sessionReachEnd(DATE))).toBeNull();
  });

  it('says whether an answer’s window covered a bucket (its last raw sample inside)', () => {
    // Served at 10:05:00 with 3 minutes: samples from 10:02:00 (+1 s slack) on.
    expect(windowCovers(at(32), MIN, at(35), 3)).toBe(true); // sample 10:02:30
    expect(windowCovers(at(31), MIN, at(35), 3)).toBe(false); // sample 10:01:30
  });
});

describe('window sizing at send time', () => {
  it('reaches one raw sample and a margin before the oldest bucket needed, from the serve time', () => {
    expect(windowMinutes(OPEN, OPEN + 62_000)).toBe(3);
    expect(windowMinutes(OPEN, CLOSE + 2_000)).toBe(390);
    const s = state();
    // Nothing yet: back to the open, counted from when the server will serve it, with half the
    // span again as margin (a long window costs no more quota).
    expect(windowFor(s, DATE, ['all'], at(10))).toBe(16);
    expect(windowFor(s, DATE, ['all'], at(30))).toBe(46);
    s.mergeSeries(series(at(9) + 1_000, 0, 10));
    // 09:39 is provisional (it was filling): the window starts there.
    expect(windowFor(s, DATE, ['all', 'calls', 'puts'], at(10) + 2_000)).toBe(3);
  });

  it('never reaches for what no request can return any more (after the close)', () => {
    const s = state();
    s.mergeSeries(series(CLOSE + 1_000, 1, 380));
    s.mergeSeries(series(CLOSE + 1_000, 381, 390));
    // At 16:10 09:30 is out of reach; 15:50 is the oldest bucket worth a window.
    expect(windowFor(s, DATE, ['all'], CLOSE + 10 * MIN)).toBe(31);
  });
});

describe('after every answer: what did it leave undone?', () => {
  it('a window served later than planned that missed a needed bucket: fetch again at once', () => {
    const s = state();
    // Planned at 09:31:02 for 3 minutes, served at 09:36:00 (a slow network at a fast clock).
    s.mergeSeries(series(at(6), 3, 7));
    expect(checkAnswer(s, DATE, { sides: ['all'], asOf: at(6), minutes: 3 })).toEqual({
      kind: 'short',
      needed: OPEN,
    });
  });

  it('a covered bucket the answer did not carry is the server’s hole, not a short window', () => {
    const s = state();
    s.mergeSeries(series(at(6), 0, 2));
    s.mergeSeries(series(at(6), 3, 7));
    expect(checkAnswer(s, DATE, { sides: ['all'], asOf: at(6), minutes: 10 })).toEqual({
      kind: 'hole',
      needed: at(2),
    });
  });

  it('nothing left: every ended bucket final, or what is missing is out of reach', () => {
    const s = state();
    s.mergeSeries(series(at(6), 0, 7));
    expect(checkAnswer(s, DATE, { sides: ['all'], asOf: at(6), minutes: 10 })).toEqual({
      kind: 'none',
    });
    const late = state();
    const nine = Date.parse('2026-06-06T01:00:00Z');
    late.mergeSeries(series(nine, 300, 390));
    expect(checkAnswer(late, DATE, { sides: ['all'], asOf: nine, minutes: 390 })).toEqual({
      kind: 'none',
    });
  });
});

describe('the server clock from its answers', () => {
  it('lays the grid on the quickest answers and sizes windows from the slowest', () => {
    const c = new ServerClock();
    expect(c.lagMs).toBe(0);
    expect(c.serveAt(at(10))).toBe(at(10));
    // Served 0.4 s, 10 min and 3 s after sending, on a server level with us.
    c.observe(at(10), at(10));
    c.observe(at(11), at(21));
    c.observe(at(12), at(12) + 3_000);
    expect(c.lagMs).toBe(0);
    expect(c.serveAt(at(30))).toBe(at(40) + 1_000);
    // A server an hour ahead (our clock was set back): followed after a few answers.
    for (let i = 0; i < 5; i++) c.observe(at(40 + i), at(100 + i));
    expect(c.lagMs).toBe(lagFor(60 * MIN));
    expect(c.serverNow(at(50))).toBe(at(110) - 1_000);
  });
});

describe('completeness queries', () => {
  it('find the oldest from a point, the newest, and the runs per projection', () => {
    const s = state();
    s.mergeSeries(series(at(3), 0, 3));
    s.mergeSeries(series(at(9), 5, 9));
    const sides = ['all', 'calls', 'puts'] as const;
    expect(firstIncompleteFrom(s, sides, OPEN, at(9))).toBe(at(3));
    expect(firstIncompleteFrom(s, sides, at(5), at(9))).toBeNull();
    expect(firstIncompleteFrom(s, sides, at(5), at(10))).toBe(at(9));
    expect(newestIncomplete(s, sides, at(9))).toBe(at(4));
    expect(missingRuns(s, ['all'], at(10))).toEqual([
      { side: 'all', from: at(3), to: at(5) },
      { side: 'all', from: at(9), to: at(10) },
    ]);
  });
});

describe('day progress', () => {
  const sides = ['all', 'calls', 'puts'] as const;
  it('during the session lists only the holes behind the newest final bar', () => {
    const s = state();
    s.mergeSeries(series(at(3), 0, 3));
    s.mergeSeries(series(at(9), 5, 9));
    const day = dayProgress({ state: s, date: DATE, sides, serverNow: at(9) + 30_000 });
    expect(day.state).toBe('filling');
    expect(day.missing.filter((r) => r.side === 'all')).toEqual([
      { side: 'all', from: at(3), to: at(5) },
    ]);
  });

  it('after the close: complete, filling while a missing bar can be fetched, then incomplete', () => {
    const full = state();
    full.mergeSeries(series(CLOSE, 0, 390));
    expect(dayProgress({ state: full, date: DATE, sides, serverNow: CLOSE + 5_000 })).toEqual({
      date: DATE,
      state: 'complete',
      missing: [],
      missingBars: 0,
    });
    const holed = state();
    holed.mergeSeries(series(CLOSE, 0, 390));
    const missed = new SymbolState('SPY', '1m', OPEN, CLOSE);
    missed.mergeSeries(series(CLOSE, 1, 390)); // 09:30 never received
    const day = (serverNow: number) => dayProgress({ state: missed, date: DATE, sides, serverNow });
    expect(day(CLOSE + 10_000).state).toBe('filling');
    expect(day(CLOSE + 31_000)).toMatchObject({ state: 'incomplete', missingBars: 1 });
    expect(day(CLOSE + 31_000).missing).toHaveLength(3); // one run per projection
  });
});
