import { describe, expect, it } from 'vitest';
import { seriesBar } from '../../../support/series-bar.js';
import { ApiError } from '../../../../core/api/errors.js';
import { defaultSettings } from '../../../../core/contract/settings.js';
import { backoffDelay, seededRandom } from '../../../../core/plan/backoff.js';
import {
  chooseCadence,
  nextBoundary,
  pollsLeft,
  reserveFor,
} from '../../../../core/plan/cadence.js';
import {
  SEED_ARTICLE_MIX,
  SERIES_MIX,
  TOTAL_ONLY_MIX,
  chooseMix,
  mixCost,
  needsFrom,
} from '../../../../core/plan/cost-model.js';
import { classifyFailure } from '../../../../core/plan/failures.js';
import { PollPlanner } from '../../../../core/plan/poll-planner.js';
import { QuotaTracker, nextUtcMidnight } from '../../../../core/plan/quota.js';
import { windowMinutes } from '../../../../core/plan/window-sizer.js';
import { SymbolState } from '../../../../core/state/symbol-state.js';
import { sessionOn } from '../../../../calendar/index.js';

const SESSION = sessionOn('2026-06-05')!;
const OPEN = SESSION.open;
const CLOSE = SESSION.close;
const MIN = 60_000;

describe('cost model', () => {
  const settings = defaultSettings();
  it('uses one series request for any row that shows a leg or the price', () => {
    expect(chooseMix(needsFrom(settings))).toBe(SERIES_MIX);
    const callsOnly = { ...settings, legs: { calls: true, puts: false, price: false } };
    expect(chooseMix(needsFrom(callsOnly))).toBe(SERIES_MIX);
    const priceOnly = { ...settings, legs: { calls: false, puts: false, price: true } };
    expect(chooseMix(needsFrom(priceOnly))).toBe(SERIES_MIX);
  });

  it('fetches series even when only the total is shown: alerts need spot for their outcomes', () => {
    const totalOnly = { ...settings, legs: { calls: false, puts: false, price: false } };
    expect(needsFrom(totalOnly).price).toBe(true);
    expect(chooseMix(needsFrom(totalOnly))).toBe(SERIES_MIX);
  });

  it('uses hedge-flow side=all (exact per-bar values) when nothing but the total is needed', () => {
    expect(chooseMix({ calls: false, puts: false, price: false })).toBe(TOTAL_ONLY_MIX);
  });

  it('fetches what the detector reads even when the row hides it', () => {
    const hidden = { calls: false, puts: false, price: false };
    const attribution = {
      ...settings,
      legs: hidden,
      detector: { ...settings.detector, requireAttribution: 'one-sided' as const },
    };
    expect(needsFrom(attribution)).toEqual({ calls: true, puts: true, price: true });
    const chasing = {
      ...settings,
      legs: hidden,
      detector: { ...settings.detector, requireChasing: true },
    };
    expect(needsFrom(chasing).price).toBe(true);
  });

  it('costs one request per poll for either mix and three for the seed article loop', () => {
    expect(mixCost(SERIES_MIX)).toBe(1);
    expect(mixCost(TOTAL_ONLY_MIX)).toBe(1);
    expect(mixCost(SEED_ARTICLE_MIX)).toBe(3);
  });
});

describe('budget cadence', () => {
  const base = { now: OPEN, open: OPEN, close: CLOSE, barMs: MIN };

  it('counts the bar closes left, the close included', () => {
    expect(pollsLeft(OPEN, OPEN, CLOSE, MIN)).toBe(390);
    expect(pollsLeft(CLOSE - 90_000, OPEN, CLOSE, MIN)).toBe(2);
    expect(pollsLeft(OPEN, OPEN, CLOSE, 7 * MIN)).toBe(56); // 55 on the grid + the close
    expect(pollsLeft(CLOSE, OPEN, CLOSE, MIN)).toBe(0);
  });

  it('polls every bar close when Growth covers it (3 or 5 symbols at 1 m)', () => {
    for (const symbols of [3, 5, 6]) {
      const perPoll = symbols;
      expect(
        chooseCadence({ ...base, perPoll, remaining: 2500, reserve: reserveFor(perPoll) }),
      ).toBe(1);
    }
  });

  it('spaces polls out when the budget cannot cover every close', () => {
    // 10 symbols at 1 m would need 3,900 requests.
    expect(chooseCadence({ ...base, perPoll: 10, remaining: 2500, reserve: reserveFor(10) })).toBe(
      2,
    );
    // the seed loop's 3 requests per symbol, 3 symbols: 3,510 needed.
    expect(chooseCadence({ ...base, perPoll: 9, remaining: 2500, reserve: reserveFor(9) })).toBe(2);
    // half the quota already spent by another program at noon
    const noon = OPEN + 150 * MIN;
    expect(
      chooseCadence({ ...base, now: noon, perPoll: 5, remaining: 600, reserve: reserveFor(5) }),
    ).toBe(3);
  });

  it('keeps the reserve: nothing but the close when only the reserve is left', () => {
    expect(
      chooseCadence({ ...base, perPoll: 3, remaining: reserveFor(3) + 2, reserve: reserveFor(3) }),
    ).toBeNull();
    expect(chooseCadence({ ...base, perPoll: 3, remaining: 'unlimited', reserve: 0 })).toBe(1);
  });

  it('never plans more requests than are left', () => {
    for (let remaining = 0; remaining < 3000; remaining += 37) {
      for (const perPoll of [1, 3, 5, 9, 15]) {
        for (const now of [OPEN, OPEN + 100 * MIN, CLOSE - 10 * MIN]) {
          const reserve = reserveFor(perPoll);
          const k = chooseCadence({ ...base, now, perPoll, remaining, reserve });
          if (k !== null)
            expect(pollsLeft(now, OPEN, CLOSE, k * MIN) * perPoll).toBeLessThanOrEqual(
              remaining - reserve,
            );
        }
      }
    }
  });

  it('finds the next grid boundary, the close always on it', () => {
    expect(nextBoundary(OPEN + 30_000, OPEN, CLOSE, MIN)).toBe(OPEN + MIN);
    expect(nextBoundary(OPEN + MIN, OPEN, CLOSE, MIN)).toBe(OPEN + 2 * MIN);
    expect(nextBoundary(CLOSE - MIN, OPEN, CLOSE, 7 * MIN)).toBe(CLOSE);
    expect(nextBoundary(CLOSE, OPEN, CLOSE, MIN)).toBeNull();
    expect(nextBoundary(OPEN - 5 * MIN, OPEN, CLOSE, MIN)).toBe(OPEN + MIN);
  });

  it('sizes a window to reach one raw sample before the oldest bucket needed', () => {
    expect(windowMinutes(OPEN, OPEN + 62_000)).toBe(3);
    expect(windowMinutes(OPEN, CLOSE + 2_000)).toBe(390);
  });
});

describe('backoff', () => {
  const o = { baseMs: 2_000, maxMs: 120_000, factor: 2 };
  it('doubles up to the cap, each delay between half and all of its step', () => {
    const random = seededRandom(1);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const step = Math.min(120_000, 2_000 * 2 ** (attempt - 1));
      const d = backoffDelay(attempt, { ...o, random });
      expect(d).toBeGreaterThanOrEqual(step / 2);
      expect(d).toBeLessThanOrEqual(step);
    }
  });

  it('is repeatable for a seed and spreads retries apart', () => {
    const a = Array.from({ length: 5 }, (_, i) =>
      backoffDelay(3, { ...o, random: seededRandom(i) }),
    );
    const b = Array.from({ length: 5 }, (_, i) =>
      backoffDelay(3, { ...o, random: seededRandom(i) }),
    );
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(1);
  });
});

describe('quota tracker', () => {
  const now = OPEN;
  it('counts down from the server figure and takes the next header as the truth', () => {
    const q = new QuotaTracker();
    expect(q.remaining(now)).toBe(2500); // assumed Growth before anything is known
    q.observeRateLimit({ limit: 2500, remaining: 1000, resetAt: nextUtcMidnight(now) }, now);
    q.spend(now);
    q.spend(now);
    expect(q.remaining(now)).toBe(998);
    q.observeRateLimit({ limit: 2500, remaining: 990, resetAt: nextUtcMidnight(now) }, now);
    expect(q.remaining(now)).toBe(990);
    expect(q.usedByApp(now)).toBe(2);
  });

  it('gets the full limit back at midnight UTC', () => {
    const q = new QuotaTracker();
    q.observeAccount(
      { plan: 'growth', dailyLimit: 2500, remaining: 0, usageToday: 2500, resetsAt: null },
      now,
    );
    expect(q.remaining(now)).toBe(0);
    expect(q.remaining(nextUtcMidnight(now) + 1)).toBe(2500);
    expect(q.view(nextUtcMidnight(now) + 1)).toMatchObject({
      plan: 'growth',
      limit: 2500,
      remaining: 2500,
      usedByApp: 0,
    });
  });

  it('gets the full limit back at midnight UTC even when no response named the reset time', () => {
    // A server (or proxy) that sends no X-RateLimit-Reset and a 429 body without reset_at.
    const q = new QuotaTracker();
    q.observeRateLimit({ limit: 2500, remaining: 3, resetAt: null }, now);
    q.exhausted(null, now);
    expect(q.remaining(now)).toBe(0);
    const midnight = nextUtcMidnight(now);
    expect(q.resetAt(now)).toBe(midnight);
    expect(q.remaining(midnight - 1)).toBe(0);
    expect(q.remaining(midnight)).toBe(2500);
    // And a planner idle on a spent quota with no reset time polls again the next day.
    const spent = new QuotaTracker();
    spent.observeRateLimit({ limit: 2500, remaining: 0, resetAt: null }, now);
    const p2 = new PollPlanner({
      barSize: '1m',
      mix: SERIES_MIX,
      quota: spent,
      random: seededRandom(1),
      fetchAccount: false,
    });
    const state = new SymbolState('SPY', '1m', OPEN, CLOSE);
    expect(p2.plan(OPEN + 10 * MIN, SESSION, [{ symbol: 'SPY', state, listed: true }])).toEqual({
      kind: 'idle',
      until: nextUtcMidnight(OPEN),
      reason: 'quota',
    });
    const monday = sessionOn('2026-06-08')!;
    const fresh = new SymbolState('SPY', '1m', monday.open, monday.close);
    expect(
      p2.plan(monday.open + 10 * MIN, monday, [{ symbol: 'SPY', state: fresh, listed: true }]).kind,
    ).toBe('poll');
  });

  it('knows unlimited plans', () => {
    const q = new QuotaTracker();
    q.observeRateLimit({ limit: 'unlimited', remaining: 'unlimited', resetAt: null }, now);
    expect(q.remaining(now)).toBe('unlimited');
  });
});

describe('failure classification', () => {
  const q = () => new QuotaTracker();
  const now = OPEN + 60 * MIN;
  it('blocks on a bad key or a low plan until they change', () => {
    expect(classifyFailure(new ApiError('auth', 'x'), now, q())).toMatchObject({
      kind: 'block',
      block: { reason: 'auth', until: Infinity },
    });
    expect(classifyFailure(new ApiError('tier', 'x'), now, q())).toMatchObject({
      kind: 'block',
      block: { reason: 'tier' },
    });
  });

  it('tells a burst limit (short Retry-After) from a spent quota (wait for the reset)', () => {
    const burst = classifyFailure(
      new ApiError('rate-limit', 'x', { retryAfterMs: 5_000 }),
      now,
      q(),
    );
    expect(burst).toMatchObject({
      kind: 'block',
      block: { reason: 'rate-limit', until: now + 5_000 },
    });
    const reset = nextUtcMidnight(now);
    const tracker = q();
    const spent = classifyFailure(
      new ApiError('rate-limit', 'x', {
        retryAfterMs: reset - now,
        resetAt: reset,
        rateLimit: { limit: 2500, remaining: 0, resetAt: reset },
      }),
      now,
      tracker,
    );
    expect(spent).toMatchObject({ kind: 'block', block: { reason: 'quota', until: reset } });
    expect(tracker.remaining(now)).toBe(0);
  });

  it('retries faults with backoff and errors a retry will not fix slowly', () => {
    expect(classifyFailure(new ApiError('server', 'x'), now, q())).toEqual({
      kind: 'symbol',
      error: expect.any(ApiError),
    });
    expect(classifyFailure(new ApiError('not-found', 'x'), now, q())).toMatchObject({
      kind: 'symbol',
      retryInMs: 15 * MIN,
    });
    expect(classifyFailure(new ApiError('aborted', 'x'), now, q())).toEqual({ kind: 'ignore' });
  });
});

describe('PollPlanner', () => {
  const planner = (quota = new QuotaTracker()) =>
    new PollPlanner({
      barSize: '1m',
      mix: SERIES_MIX,
      quota,
      random: seededRandom(3),
      fetchAccount: true,
    });
  const input = (symbol: string) => ({
    symbol,
    state: new SymbolState(symbol, '1m', OPEN, CLOSE),
    listed: true,
  });

  it('waits for the first bar close of the session (plus the settle delay)', () => {
    expect(planner().plan(OPEN - 60 * MIN, SESSION, [input('SPY')])).toEqual({
      kind: 'idle',
      until: OPEN + MIN + 2_000,
      reason: 'market-closed',
    });
  });

  it('asks the account first, then one series per symbol (windows are sized at send time)', () => {
    const plan = planner().plan(OPEN + 95 * MIN, SESSION, [input('SPY'), input('QQQ')]);
    expect(plan).toEqual({
      kind: 'poll',
      catchUp: ['SPY', 'QQQ'],
      requests: [
        { endpoint: 'account' },
        { endpoint: 'series', symbol: 'SPY', bar: '1m' },
        { endpoint: 'series', symbol: 'QQQ', bar: '1m' },
      ],
    });
  });

  it('skips unlisted symbols and idles when none is listed', () => {
    const p = planner();
    expect(p.plan(OPEN + 10 * MIN, SESSION, [{ ...input('AAPL'), listed: false }])).toMatchObject({
      kind: 'idle',
      reason: 'no-0dte',
    });
  });

  it('idles until the quota resets when nothing is left, and says so as a quota block', () => {
    const quota = new QuotaTracker();
    quota.observeRateLimit({ limit: 2500, remaining: 0, resetAt: nextUtcMidnight(OPEN) }, OPEN);
    const p = planner(quota);
    expect(p.plan(OPEN + 10 * MIN, SESSION, [input('SPY')])).toEqual({
      kind: 'idle',
      until: nextUtcMidnight(OPEN),
      reason: 'quota',
    });
    expect(p.block).toMatchObject({
      reason: 'quota',
      until: nextUtcMidnight(OPEN),
      error: { kind: 'rate-limit', details: { resetAt: nextUtcMidnight(OPEN) } },
    });
  });

  it('with too little left for every symbol, polls those furthest behind', () => {
    const quota = new QuotaTracker();
    quota.observeRateLimit({ limit: 2500, remaining: 1, resetAt: nextUtcMidnight(OPEN) }, OPEN);
    const plan = planner(quota).plan(OPEN + 10 * MIN, SESSION, [input('SPY'), input('QQQ')]);
    expect(plan.kind === 'poll' && plan.requests).toEqual([
      { endpoint: 'series', symbol: 'SPY', bar: '1m' },
    ]);
  });
});

describe('PollPlanner and the completeness invariant', () => {
  const planner = () =>
    new PollPlanner({
      barSize: '1m',
      mix: SERIES_MIX,
      quota: new QuotaTracker(),
      random: seededRandom(3),
      fetchAccount: false,
    });
  /** Series rows for minutes [from, to) with cumulative m + 1 per leg. */
  const merge = (state: SymbolState, asOf: number, from: number, to: number) =>
    state.mergeSeries({
      symbol: state.symbol,
      expiration: SESSION.date,
      asOf,
      barSize: '1m',
      bars: Array.from({ length: to - from }, (_, i) =>
        seriesBar(OPEN + (from + i) * MIN, { calls: from + i + 1, puts: 0, all: from + i + 1 }),
      ),
    });
  const polls = (p: PollPlanner, now: number, state: SymbolState) =>
    p.plan(now, SESSION, [{ symbol: 'SPY', state, listed: true }]);

  it('an answer that fell short of a needed bucket makes the symbol due at once', () => {
    const p = planner();
    const state = new SymbolState('SPY', '1m', OPEN, CLOSE);
    expect(polls(p, OPEN + MIN + 2_000, state).kind).toBe('poll');
    // Served three minutes late with a three-minute window: 09:30 is not in it.
    merge(state, OPEN + 4 * MIN, 1, 5);
    p.answered(OPEN + MIN + 2_000, OPEN + 4 * MIN);
    p.succeeded('SPY', OPEN + 4 * MIN, SESSION, state, {
      sentAt: OPEN + MIN + 2_000,
      asOf: OPEN + 4 * MIN,
      shortfall: { kind: 'short', needed: OPEN },
    });
    expect(polls(p, OPEN + 4 * MIN + 300, state).kind).toBe('poll');
  });

  it('a hole the server lacks waits for the next regular poll during the session', () => {
    const p = planner();
    const state = new SymbolState('SPY', '1m', OPEN, CLOSE);
    merge(state, OPEN + 10 * MIN + 2_000, 0, 3);
    merge(state, OPEN + 10 * MIN + 2_000, 4, 11);
    p.answered(OPEN + 10 * MIN + 2_000, OPEN + 10 * MIN + 2_000);
    p.succeeded('SPY', OPEN + 10 * MIN + 2_000, SESSION, state, {
      sentAt: OPEN + 10 * MIN + 2_000,
      asOf: OPEN + 10 * MIN + 2_000,
      shortfall: { kind: 'hole', needed: OPEN + 3 * MIN },
    });
    expect(polls(p, OPEN + 10 * MIN + 3_000, state)).toMatchObject({
      kind: 'idle',
      until: OPEN + 11 * MIN + 2_000,
    });
  });

  it('after the close keeps asking, with backoff, while a missing bar can still be served', () => {
    const p = planner();
    const state = new SymbolState('SPY', '1m', OPEN, CLOSE);
    merge(state, CLOSE + 2_000, 1, 390); // 09:30 missing: reachable until 16:00:30
    p.answered(CLOSE + 2_000, CLOSE + 2_000);
    p.succeeded('SPY', CLOSE + 2_000, SESSION, state, {
      sentAt: CLOSE + 2_000,
      asOf: CLOSE + 2_000,
      shortfall: { kind: 'hole', needed: OPEN },
    });
    const next = polls(p, CLOSE + 3_000, state);
    expect(next).toMatchObject({ kind: 'idle', reason: 'backoff' });
    const at = (next as { until: number }).until;
    expect(at - (CLOSE + 2_000)).toBeGreaterThanOrEqual(15_000); // the hole backoff's first step
    expect(polls(p, at, state).kind).toBe('poll');
    // Out of reach: nothing more to ask; idle until the next session's first bar close.
    const monday = sessionOn('2026-06-08')!;
    expect(polls(p, CLOSE + 31_000, state)).toEqual({
      kind: 'idle',
      until: monday.open + MIN + 2_000,
      reason: 'market-closed',
    });
  });

  it('a day complete at the close asks nothing more', () => {
    const p = planner();
    const state = new SymbolState('SPY', '1m', OPEN, CLOSE);
    merge(state, CLOSE + 2_000, 0, 390);
    p.answered(CLOSE + 2_000, CLOSE + 2_000);
    p.succeeded('SPY', CLOSE + 2_000, SESSION, state, {
      sentAt: CLOSE + 2_000,
      asOf: CLOSE + 2_000,
      shortfall: { kind: 'none' },
    });
    expect(polls(p, CLOSE + 3_000, state)).toMatchObject({ kind: 'idle', reason: 'market-closed' });
  });

  it('started after the close, backfills the session with one request', () => {
    const p = planner();
    const state = new SymbolState('SPY', '1m', OPEN, CLOSE);
    const plan = polls(p, CLOSE + 60 * MIN, state);
    expect(plan).toEqual({
      kind: 'poll',
      catchUp: ['SPY'],
      requests: [{ endpoint: 'series', symbol: 'SPY', bar: '1m' }],
    });
  });

  it('asks again (once) when the server had not reached the close the poll was for', () => {
    const p = planner();
    const state = new SymbolState('SPY', '1m', OPEN, CLOSE);
    merge(state, OPEN + 10 * MIN + 2_000, 0, 11);
    p.answered(OPEN + 10 * MIN + 2_000, OPEN + 10 * MIN + 2_000);
    p.succeeded('SPY', OPEN + 10 * MIN + 2_000, SESSION, state, {
      sentAt: OPEN + 10 * MIN + 2_000,
      asOf: OPEN + 10 * MIN + 2_000,
      shortfall: { kind: 'none' },
    });
    expect(polls(p, OPEN + 11 * MIN + 2_000, state).kind).toBe('poll');
    // The server answers from 10:40:55: its 10:40 bar was still filling.
    merge(state, OPEN + 11 * MIN - 5_000, 10, 11);
    p.succeeded('SPY', OPEN + 11 * MIN + 2_500, SESSION, state, {
      sentAt: OPEN + 11 * MIN + 2_000,
      asOf: OPEN + 11 * MIN - 5_000,
      shortfall: { kind: 'none' },
    });
    expect(polls(p, OPEN + 11 * MIN + 3_000, state)).toMatchObject({
      kind: 'idle',
      until: OPEN + 11 * MIN + 2_500 + 5_000 + 1_000,
    });
  });
});
