import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../core/api/errors.js';
import { SEED_ARTICLE_MIX, TOTAL_ONLY_MIX } from '../../../../core/plan/cost-model.js';
import { harness, type Harness } from './loop-harness.js';

const DATE = '2026-06-05'; // a Friday
const OPEN = Date.parse('2026-06-05T13:30:00Z');
const CLOSE = Date.parse('2026-06-05T20:00:00Z');
const MIN = 60_000;

function storedAll(h: Harness, symbol: string) {
  return h.history
    .loadBars(DATE, symbol, '1m')
    .then((bars) => bars.map((b) => ({ t: b.t, bar: b.all.bar, cumulative: b.all.cumulative })));
}

describe('PollLoop over a full session', () => {
  it('polls once per bar close per symbol and ends the day with the server series exactly', async () => {
    const h = harness({ start: OPEN - 30 * MIN, settings: { symbols: ['SPY', 'QQQ', 'SPX'] } });
    h.loop.start();
    await h.runUntil(CLOSE + 30 * MIN);
    await h.loop.stop();
    const data = h.server.dataRequests;
    // 390 bar closes per symbol; the first also learns the account.
    expect(data).toHaveLength(3 * 390);
    expect(h.server.log.filter((l) => l.path === '/v1/account')).toHaveLength(1);
    expect(data.every((r) => r.at > OPEN && r.at <= CLOSE + 5 * MIN)).toBe(true);
    for (const symbol of ['SPY', 'QQQ', 'SPX']) {
      expect(await storedAll(h, symbol)).toEqual(h.server.truth(symbol, DATE, '1m'));
      const legs = await h.history.loadBars(DATE, symbol, '1m');
      expect(legs.map((b) => b.calls)).toEqual(
        h.server
          .truth(symbol, DATE, '1m', 'calls')
          .map((b) => ({ bar: b.bar, cumulative: b.cumulative })),
      );
    }
    expect(h.views.get('SPY')!.status.kind).toBe('closed');
  });

  it('polls just after each bar close (settle delay) with a short incremental window', async () => {
    const h = harness({ start: OPEN - MIN, settings: { symbols: ['SPY'] } });
    h.loop.start();
    await h.runUntil(OPEN + 10 * MIN);
    await h.loop.stop();
    const times = h.server.dataRequests.map((r) => (r.at - OPEN) / 1000);
    expect(times).toEqual([62, 122, 182, 242, 302, 362, 422, 482, 542]);
    expect(h.server.dataRequests.map((r) => Number(r.params.get('minutes')))).toEqual(
      Array(9).fill(3),
    );
  });

  it('keeps one poll per bar close when our clock runs a minute slow against the server', async () => {
    // Our 09:30 is the server's 09:31: its bars close a minute earlier on our clock.
    const h = harness({
      start: OPEN - MIN,
      settings: { symbols: ['SPY'] },
      serverClockOffsetMs: MIN,
    });
    h.loop.start();
    await h.runUntil(OPEN + 30 * MIN);
    await h.loop.stop();
    // The fake server logs its own clock: every poll just after a close on it, one a minute.
    const at = h.server.dataRequests.map((r) => r.at - OPEN);
    expect(at.length).toBeGreaterThanOrEqual(29);
    for (const [i, t] of at.entries()) {
      expect(t % MIN, `poll ${i} at ${t / 1000} s`).toBeLessThan(4_000);
      // as_of is whole seconds, so the measured lead moves by up to a second.
      if (i > 0) expect(Math.abs(t - at[i - 1]! - MIN)).toBeLessThanOrEqual(1_000);
    }
  });

  it('waits for a server whose clock trails ours, one request per bar close, every bar kept', async () => {
    const h = harness({
      start: OPEN - MIN,
      settings: { symbols: ['SPY'] },
      serverClockOffsetMs: -8_000,
    });
    h.loop.start();
    await h.runUntil(OPEN + 30 * MIN);
    await h.loop.stop();
    const at = h.server.dataRequests.map((r) => r.at - OPEN);
    // Once the lag is learned (one early poll and its retry), a single poll a minute, each
    // just after the server's own close.
    const settled = at.slice(2);
    for (const [i, t] of settled.entries()) {
      expect(t % MIN, `poll at ${t / 1000} s`).toBeLessThan(5_000);
      if (i > 0) expect(Math.abs(t - settled[i - 1]! - MIN)).toBeLessThanOrEqual(1_000);
    }
    expect(at.length).toBeLessThanOrEqual(31);
    const stored = await storedAll(h, 'SPY');
    expect(stored).toEqual(h.server.truth('SPY', DATE, '1m').slice(0, stored.length));
    expect(stored.length).toBeGreaterThanOrEqual(28);
  });

  it('starts mid-session with one full-session backfill per symbol, evaluated as a catch-up', async () => {
    const h = harness({ start: OPEN + 125 * MIN + 7_000, settings: { symbols: ['SPY', 'QQQ'] } });
    h.loop.start();
    await h.runUntil(OPEN + 128 * MIN);
    const first = h.server.dataRequests.slice(0, 2);
    // Back to the open (125 minutes), with half the span again as margin for a first answer.
    expect(first.map((r) => r.params.get('minutes'))).toEqual(['189', '189']);
    expect(h.server.dataRequests).toHaveLength(2 + 2 * 2);
    expect(h.evaluations.slice(0, 2).map((e) => e.context.catchUp)).toEqual([true, true]);
    expect(h.evaluations.slice(2).every((e) => !e.context.catchUp)).toBe(true);
    expect(h.evaluations[0]!.closed).toBe(125);
    expect(h.views.get('SPY')!.status.kind).toBe('live');
    await h.loop.stop();
  });

  it('fetches only side=all from hedge-flow with the total-only mix', async () => {
    const h = harness({
      start: OPEN + 5 * MIN,
      settings: { symbols: ['SPY'], legs: { calls: false, puts: false, price: false } },
      mix: TOTAL_ONLY_MIX,
    });
    h.loop.start();
    await h.runUntil(OPEN + 8 * MIN);
    await h.loop.stop();
    const paths = new Set(
      h.server.dataRequests.map((r) => `${r.path}?side=${r.params.get('side')}`),
    );
    expect([...paths]).toEqual(['/v1/flow/zero-dte/hedge-flow/SPY?side=all']);
  });

  it('runs the seed article loop (three hedge-flow requests per poll) when told to', async () => {
    const h = harness({
      start: OPEN + 5 * MIN,
      settings: { symbols: ['SPY'] },
      mix: SEED_ARTICLE_MIX,
    });
    h.loop.start();
    await h.runUntil(OPEN + 7 * MIN);
    await h.loop.stop();
    expect(h.server.dataRequests.map((r) => r.params.get('side'))).toEqual([
      'all',
      'calls',
      'puts',
      'all',
      'calls',
      'puts',
    ]);
  });
});

describe('PollLoop and the daily budget', () => {
  it('spaces polls so a small quota lasts the session and no bar is lost', async () => {
    const h = harness({
      start: OPEN + 60 * MIN,
      settings: { symbols: ['SPY', 'QQQ', 'SPX'] },
      key: 'small',
      server: { keys: { small: 300 } },
    });
    h.loop.start();
    await h.runUntil(CLOSE + 30 * MIN);
    await h.loop.stop();
    expect(h.server.log.filter((l) => l.status === 429)).toHaveLength(0);
    expect(h.server.requests).toBeLessThanOrEqual(300);
    // 330 bar closes left for 3 symbols on ~290 spendable requests: every 4th close at most.
    expect(h.server.dataRequests.length).toBeGreaterThan(200);
    for (const symbol of ['SPY', 'QQQ', 'SPX']) {
      expect(await storedAll(h, symbol)).toEqual(h.server.truth(symbol, DATE, '1m'));
    }
  });

  it('stops at a spent quota until the reset and says so', async () => {
    const h = harness({
      start: OPEN + 60 * MIN,
      settings: { symbols: ['SPY'] },
      key: 'tiny',
      server: { keys: { tiny: 3 } },
    });
    h.loop.start();
    await h.runUntil(CLOSE + 30 * MIN);
    await h.loop.stop();
    expect(h.server.requests).toBeLessThanOrEqual(4);
    expect(h.server.log.filter((l) => l.status === 429).length).toBeLessThanOrEqual(1);
  });

  it('honours Retry-After on a 429 burst limit', async () => {
    const h = harness({ start: OPEN + 10 * MIN + 5_000, settings: { symbols: ['SPY'] } });
    h.server.faults.push({
      kind: 'status',
      status: 429,
      body: '{"detail":"slow down"}',
      headers: { 'Retry-After': '40' },
    });
    h.loop.start();
    await h.runUntil(OPEN + 12 * MIN);
    await h.loop.stop();
    const [first, second] = h.server.log.slice(0, 2);
    expect(first!.status).toBe(429);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(40_000);
    expect(h.appErrors.some((e) => e instanceof ApiError && e.kind === 'rate-limit')).toBe(true);
  });
});

describe('PollLoop faults', () => {
  it('backs off exponentially with jitter on server faults, then backfills what it missed', async () => {
    const h = harness({ start: OPEN + 30 * MIN + 5_000, settings: { symbols: ['SPY'] } });
    h.loop.start();
    await h.runUntil(OPEN + 32 * MIN + 5_000);
    for (let i = 0; i < 4; i++) h.server.faults.push({ kind: 'status', status: 503, body: 'busy' });
    await h.runUntil(OPEN + 40 * MIN);
    await h.loop.stop();
    const failed = h.server.log.filter((l) => l.status === 503);
    expect(failed).toHaveLength(4);
    const gaps = failed.slice(1).map((f, i) => f.at - failed[i]!.at);
    // 2 s, 4 s, 8 s steps, each between half and the whole of its step.
    gaps.forEach((g, i) => {
      const step = 2_000 * 2 ** i;
      expect(g).toBeGreaterThanOrEqual(step / 2);
      expect(g).toBeLessThanOrEqual(step);
    });
    expect(await storedAll(h, 'SPY')).toEqual(
      h.server.truth('SPY', DATE, '1m').filter((b) => b.t < OPEN + 39 * MIN),
    );
  });

  it('recovers from network errors and garbage bodies without losing bars', async () => {
    const h = harness({ start: OPEN + 30 * MIN + 5_000, settings: { symbols: ['SPY'] } });
    h.server.faults.push({ kind: 'network' }, { kind: 'garbage' }, { kind: 'network' });
    h.loop.start();
    await h.runUntil(OPEN + 45 * MIN);
    await h.loop.stop();
    expect(await storedAll(h, 'SPY')).toEqual(
      h.server.truth('SPY', DATE, '1m').filter((b) => b.t < OPEN + 44 * MIN),
    );
  });

  it('stops on a rejected key and reports it app-wide', async () => {
    const h = harness({
      start: OPEN + 30 * MIN,
      settings: { symbols: ['SPY', 'QQQ'] },
      key: 'wrong',
    });
    h.loop.start();
    await h.runUntil(OPEN + 60 * MIN);
    await h.loop.stop();
    expect(h.server.requests).toBe(1);
    expect((h.appErrors.at(-1) as ApiError).kind).toBe('auth');
    expect(h.views.get('SPY')!.status).toMatchObject({ kind: 'error', error: { code: 'auth' } });
  });

  it('stops on a plan below Growth', async () => {
    const h = harness({ start: OPEN + 30 * MIN, settings: { symbols: ['SPY'] } });
    h.server.faults.push({
      kind: 'status',
      status: 403,
      body: JSON.stringify({
        error: 'tier_restricted',
        message: 'x',
        current_plan: 'Basic',
        required_plan: 'Growth',
      }),
    });
    h.loop.start();
    await h.runUntil(OPEN + 60 * MIN);
    await h.loop.stop();
    expect(h.server.requests).toBe(1);
    expect(h.views.get('SPY')!.status).toMatchObject({
      kind: 'error',
      error: { code: 'tier', currentPlan: 'Basic' },
    });
  });
});

describe('PollLoop and the calendar', () => {
  it('started after the close, backfills what the server still serves, records the rest as missing, then waits for Monday', async () => {
    const h = harness({ start: CLOSE + 60 * MIN, settings: { symbols: ['SPY'] } });
    h.loop.start();
    const monday = Date.parse('2026-06-08T13:30:00Z');
    await h.runUntil(monday - MIN);
    // One request: the longest window (390 minutes back from 17:00 reaches 10:30).
    expect(h.server.dataRequests.map((r) => r.params.get('minutes'))).toEqual(['390']);
    const stored = await h.history.loadBars(DATE, 'SPY', '1m');
    const truth = h.server.truth('SPY', DATE, '1m');
    expect(stored.map((b) => b.t)).toEqual(truth.slice(60).map((b) => b.t));
    // 10:30's cumulative is the server's; its bar needs 10:29, which nothing can fetch any more.
    expect(stored[0]!.all).toEqual({ bar: null, cumulative: truth[60]!.cumulative });
    expect(stored.slice(1).map((b) => b.all)).toEqual(
      truth.slice(61).map((b) => ({ bar: b.bar, cumulative: b.cumulative })),
    );
    const day = await h.history.loadDay(DATE, 'SPY', '1m');
    expect(day).toMatchObject({ state: 'incomplete' });
    expect(day!.missing).toEqual(
      (['all', 'calls', 'puts'] as const).map((side) => ({
        side,
        from: OPEN,
        to: OPEN + 60 * MIN,
      })),
    );
    expect(h.views.get('SPY')!.status).toEqual({ kind: 'closed', nextOpen: monday });
    await h.runUntil(monday + 3 * MIN);
    await h.loop.stop();
    const mondayPolls = h.server.dataRequests.filter((r) => r.at >= monday);
    expect(mondayPolls.map((r) => (r.at - monday) / 1000)).toEqual([62, 122]);
  });

  it('reads empty bars on a listed day as "no 0DTE today", not as an error', async () => {
    const h = harness({
      start: OPEN + 20 * MIN,
      settings: { symbols: ['SPY', 'ABC'] },
      server: { empty: ['ABC'] },
    });
    h.loop.start();
    await h.runUntil(OPEN + 50 * MIN);
    await h.loop.stop();
    expect(h.views.get('ABC')!.status.kind).toBe('no-0dte');
    const abc = h.server.dataRequests.filter((r) => r.path.endsWith('/ABC'));
    expect(abc.length).toBeLessThanOrEqual(3); // rechecked every 15 min
    expect(h.views.get('SPY')!.status.kind).toBe('live');
  });

  it('never polls a symbol with no 0DTE expiry listed today', async () => {
    const tuesday = Date.parse('2026-06-02T14:30:00Z');
    const h = harness({ start: tuesday, settings: { symbols: ['SPY', 'AAPL'] } });
    h.loop.start();
    await h.runUntil(tuesday + 5 * MIN);
    await h.loop.stop();
    expect(h.server.dataRequests.some((r) => r.path.endsWith('/AAPL'))).toBe(false);
    expect(h.views.get('AAPL')!.status).toMatchObject({ kind: 'no-0dte' });
    // Listed Mon/Wed/Fri: the next one is Wednesday's open.
    expect((h.views.get('AAPL')!.status as { nextOpen: number }).nextOpen).toBe(
      Date.parse('2026-06-03T13:30:00Z'),
    );
  });
});

describe('PollLoop and sleep', () => {
  it('backfills once per symbol after a clock jump and evaluates it as a catch-up', async () => {
    const h = harness({ start: OPEN + 30 * MIN + 5_000, settings: { symbols: ['SPY', 'QQQ'] } });
    h.loop.start();
    await h.runUntil(OPEN + 33 * MIN);
    const before = h.server.dataRequests.length;
    const evaluated = h.evaluations.length;
    h.clock.jump(47 * MIN); // the laptop slept; no timer fired meanwhile
    await h.runUntil(OPEN + 80 * MIN + 30_000);
    await h.loop.stop();
    const after = h.server.dataRequests.slice(before);
    expect(after.slice(0, 2).map((r) => Number(r.params.get('minutes')))).toEqual([73, 73]);
    expect(h.evaluations.slice(evaluated, evaluated + 2).map((e) => e.context.catchUp)).toEqual([
      true,
      true,
    ]);
    expect(h.evaluations.slice(evaluated + 2).every((e) => !e.context.catchUp)).toBe(true);
    expect(await storedAll(h, 'QQQ')).toEqual(
      h.server.truth('QQQ', DATE, '1m').filter((b) => b.t < OPEN + 80 * MIN),
    );
  });
});

describe('PollLoop symbol status', () => {
  it('is loading before the first data, live after it', async () => {
    const h = harness({ start: OPEN + 10 * MIN + 5_000, settings: { symbols: ['SPY'] } });
    // The account call, then the symbol's poll, fail.
    h.server.faults.push({ kind: 'network' }, { kind: 'network' });
    h.loop.start();
    await h.runUntil(OPEN + 10 * MIN + 5_000);
    expect(h.views.get('SPY')!.status).toMatchObject({
      kind: 'error',
      error: { code: 'network', action: 'retry' },
    });
    await h.runUntil(OPEN + 12 * MIN);
    expect(h.views.get('SPY')!.status.kind).toBe('live');
    await h.loop.stop();
  });

  it('turns stale while a rate limit holds polling back, and errors on a lasting fault', async () => {
    const h = harness({ start: OPEN + 10 * MIN + 5_000, settings: { symbols: ['SPY'] } });
    h.loop.start();
    await h.runUntil(OPEN + 12 * MIN + 5_000);
    h.server.faults.push({
      kind: 'status',
      status: 429,
      body: '{"detail":"slow"}',
      headers: { 'Retry-After': '300' },
    });
    await h.runUntil(OPEN + 16 * MIN);
    expect(h.views.get('SPY')!.status).toMatchObject({ kind: 'stale' });
    await h.runUntil(OPEN + 20 * MIN);
    expect(h.views.get('SPY')!.status.kind).toBe('live');
    for (let i = 0; i < 20; i++)
      h.server.faults.push({ kind: 'status', status: 500, body: 'down' });
    await h.runUntil(OPEN + 24 * MIN);
    expect(h.views.get('SPY')!.status).toMatchObject({ kind: 'error', error: { code: 'server' } });
    await h.loop.stop();
  });
});

describe('PollLoop and a request served later than planned', () => {
  it('a first poll served 3 minutes late misses the open: backfilled at once, never a zero bar', async () => {
    // The failure: at 120x a 1.5 s delay is 3 minutes of market time.
    const h = harness({ start: OPEN - MIN, settings: { symbols: ['SPY'] }, latencyMs: 3 * MIN });
    h.loop.start();
    await h.runUntil(OPEN + 4 * MIN + 2_000);
    const [first] = h.server.dataRequests;
    expect(first!.at).toBe(OPEN + MIN + 2_000 + 3 * MIN); // sent 09:31:02, served 09:34:02
    expect(first!.params.get('minutes')).toBe('3'); // 09:31:02 back: not the open at 09:34:02
    // Before the backfill lands, 09:31 is final but its bar is unknown: null, not 0.
    const state = h.loop.state('SPY')!;
    expect(state.isFinal(OPEN, 'all')).toBe(false);
    const b0931 = state.closedBars().find((b) => b.t === OPEN + MIN)!;
    expect(b0931.all).toEqual({ bar: null, cumulative: expect.any(Number) });
    expect(h.views.get('SPY')!.bars.find((b) => b.t === OPEN + MIN)!.all).toBeNull();
    await h.runUntil(OPEN + 15 * MIN);
    await h.loop.stop();
    // The backfill was sent at once (not at the next bar close), sized from the delay seen.
    const second = h.server.dataRequests[1]!;
    expect(second.at).toBe(OPEN + 4 * MIN + 2_000 + 250 + 3 * MIN);
    expect(Number(second.params.get('minutes'))).toBeGreaterThanOrEqual(9);
    const truth = h.server.truth('SPY', DATE, '1m');
    const stored = await storedAll(h, 'SPY');
    expect(stored).toEqual(truth.slice(0, stored.length));
    expect(stored.length).toBeGreaterThanOrEqual(11);
  });
});
