// One owner for quota and account, in the poll loop: every response's X-RateLimit-* headers
// (an error's too) reach the quota exactly once, each request is counted once, and the user's
// refresh is the loop's own account step: after the cycle in flight, whatever the loop is doing
// (paused, outside the session, blocked), and judged like any other answer.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../core/api/errors.js';
import type { RateLimit } from '../../../../core/api/rate-limit.js';
import { QuotaTracker } from '../../../../core/plan/quota.js';
import { harness } from './loop-harness.js';

const OPEN = Date.parse('2026-06-05T13:30:00Z'); // Friday 09:30 New York
const SATURDAY = Date.parse('2026-06-06T16:00:00Z');
const MIN = 60_000;

/** A quota that counts what reaches it. */
class CountingQuota extends QuotaTracker {
  observed = 0;
  spent = 0;
  override observeRateLimit(rl: RateLimit, now: number): void {
    this.observed++;
    super.observeRateLimit(rl, now);
  }
  override spend(now: number): void {
    this.spent++;
    super.spend(now);
  }
}

describe('PollLoop: one owner for quota and account', () => {
  it("hears each response's rate-limit headers once and counts each request once, errors included", async () => {
    const quota = new CountingQuota();
    const h = harness({ start: OPEN + 20 * MIN, settings: { symbols: ['SPY', 'QQQ'] }, quota });
    h.loop.start();
    await h.runUntil(OPEN + 25 * MIN);
    const reset = String(Math.floor(Date.parse('2026-06-06T00:00:00Z') / 1000));
    h.server.faults.push(
      // A burst limit that carries the headers, and a proxy's 503 that carries none.
      {
        kind: 'status',
        status: 429,
        body: '{"detail":"slow down"}',
        headers: {
          'Retry-After': '5',
          'X-RateLimit-Limit': '2500',
          'X-RateLimit-Remaining': '1234',
          'X-RateLimit-Reset': reset,
        },
      },
      { kind: 'status', status: 503, body: 'busy' },
    );
    await h.runUntil(OPEN + 40 * MIN);
    await h.loop.stop();
    const log = h.server.log;
    expect(log.filter((l) => l.status === 429)).toHaveLength(1);
    expect(log.filter((l) => l.status === 503)).toHaveLength(1);
    // Every 200 carried headers, and so did the 429: each reached the quota once; the 503 none.
    const withHeaders = log.filter((l) => l.status === 200).length + 1;
    expect(quota.observed).toBe(withHeaders);
    expect(quota.spent).toBe(log.length);
    expect(quota.usedByApp(h.clock.now())).toBe(log.length);
    // The figure is the server's: 2,500 less every request it admitted.
    const admitted = log.filter((l) => l.status === 200).length;
    expect(quota.remaining(h.clock.now())).toBe(2500 - admitted);
  });

  it('runs the refresh after the cycle in flight, never interleaved with it', async () => {
    const h = harness({
      start: OPEN + 10 * MIN + 5_000,
      settings: { symbols: ['SPY'] },
      latencyMs: 5_000,
    });
    h.loop.start();
    // The first cycle has fetched the account and sent SPY's series, still on the wire.
    await h.runUntil(OPEN + 10 * MIN + 6_000);
    expect(h.server.log.map((l) => l.path)).toEqual(['/v1/account']);
    const refreshed = h.loop.refreshAccount();
    await h.runUntil(OPEN + 10 * MIN + 20_000);
    await refreshed;
    await h.loop.stop();
    expect(h.server.log.map((l) => l.path)).toEqual([
      '/v1/account',
      '/v1/flow/zero-dte/series/SPY',
      '/v1/account',
    ]);
  });

  it('refreshes while paused and outside the session, counted once, the figures the server gave', async () => {
    const quota = new CountingQuota();
    const h = harness({ start: SATURDAY, settings: { symbols: ['SPY'] }, quota });
    h.loop.setPaused(true);
    h.loop.start();
    await h.runUntil(SATURDAY + 10 * MIN);
    expect(h.server.requests).toBe(0);
    await h.loop.refreshAccount();
    await h.loop.stop();
    expect(h.server.log.map((l) => l.path)).toEqual(['/v1/account']);
    expect([quota.spent, quota.observed]).toEqual([1, 1]);
    expect(quota.view(h.clock.now())).toMatchObject({
      plan: 'growth',
      limit: 2500,
      remaining: 2499,
      usedByApp: 1,
    });
  });

  it("lifts a spent quota's block when a refresh finds requests left (a bigger plan bought)", async () => {
    // Other tools spent the day's quota: the account call takes the last request.
    const keys: Record<string, number> = { tiny: 1 };
    const h = harness({
      start: OPEN + 60 * MIN,
      settings: { symbols: ['SPY'] },
      key: 'tiny',
      server: { keys },
    });
    h.loop.start();
    await h.runUntil(OPEN + 70 * MIN);
    expect(h.appErrors.at(-1)).toMatchObject({ kind: 'rate-limit' });
    expect(h.views.get('SPY')!.status).toMatchObject({ error: { code: 'quota' } });
    const spent = h.server.requests;
    await h.runUntil(OPEN + 80 * MIN);
    expect(h.server.requests).toBe(spent); // nothing sent while the block holds

    keys.tiny = 2_500;
    await h.loop.refreshAccount();
    await h.runUntil(OPEN + 83 * MIN);
    await h.loop.stop();
    const after = h.server.log.slice(spent);
    expect(after[0]!.path).toBe('/v1/account');
    expect(after.filter((l) => l.path.startsWith('/v1/flow/')).length).toBeGreaterThanOrEqual(3);
    expect(after.every((l) => l.status === 200)).toBe(true);
    expect(h.views.get('SPY')!.status.kind).toBe('live');
  });

  it('throws what a failed refresh failed with, after the planner has judged it', async () => {
    const h = harness({ start: SATURDAY, settings: { symbols: ['SPY'] }, key: 'revoked' });
    h.loop.start();
    await h.runUntil(SATURDAY + MIN);
    await expect(h.loop.refreshAccount()).rejects.toMatchObject({ kind: 'auth' });
    await h.loop.stop();
    expect((h.appErrors.at(-1) as ApiError).kind).toBe('auth');
  });

  it('takes the plan a 403 names into the account figures', async () => {
    const quota = new QuotaTracker();
    const h = harness({ start: OPEN + 30 * MIN, settings: { symbols: ['SPY'] }, quota });
    h.loop.start();
    await h.runUntil(OPEN + 30 * MIN + 30_000); // the account (growth), then SPY's backfill
    expect(quota.view(h.clock.now()).plan).toBe('growth');
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
    await h.runUntil(OPEN + 40 * MIN);
    await h.loop.stop();
    expect(h.server.requests).toBe(3);
    expect(quota.view(h.clock.now()).plan).toBe('basic');
    expect(h.appErrors.at(-1)).toBeInstanceOf(ApiError);
    expect((h.appErrors.at(-1) as ApiError).kind).toBe('tier');
  });
});
