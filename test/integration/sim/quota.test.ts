// Daily quotas over HTTP: headers on every authenticated response, 429 with Retry-After, and
// the reset at midnight UTC driven by the server's manual clock.
import { afterEach, describe, expect, it } from 'vitest';
import type { SimServer } from '../../../sim/server/http-server.js';
import { FLOW, get, manualServer } from './sim-http.js';

describe('daily quota', () => {
  let server: SimServer | undefined;
  afterEach(() => server?.close());

  it('counts every authenticated request, including 400 and 403, and refuses the sixth on Free', async () => {
    server = await manualServer('2026-06-05T23:59:00Z');
    const reset = String(Date.parse('2026-06-06T00:00:00Z') / 1000);
    const paths = [
      '/stockquote/SPY',
      `${FLOW}/SPY`,
      '/stockquote/SPY',
      `${FLOW}/SPY?bar=9m`,
      '/stockquote/SPY',
    ];
    for (const [i, path] of paths.entries()) {
      const r = await get(server, path, 'free-key');
      expect(r.headers.get('x-ratelimit-limit')).toBe('5');
      expect(r.headers.get('x-ratelimit-remaining')).toBe(String(4 - i));
      expect(r.headers.get('x-ratelimit-reset')).toBe(reset);
    }
    const refused = await get(server, '/stockquote/SPY', 'free-key');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.json).toEqual({
      status: 'ERROR',
      error: 'Quota exceeded',
      message:
        'You have exceeded your daily API quota of 5 requests on the Free plan. Upgrade to Basic for a higher limit. The quota resets at midnight UTC.',
      current_plan: 'Free',
      limit: 5,
      upgrade_to: 'Basic',
      reset_at: '2026-06-06T00:00:00Z',
    });
    // The account endpoint stays free so a client can learn when to come back.
    const account = await get(server, '/v1/account', 'free-key');
    expect(account.status).toBe(200);
    expect(account.json).toMatchObject({ usage_today: 5, remaining: '0', daily_limit: '5' });
  });

  it('resets at midnight UTC', async () => {
    server = await manualServer('2026-06-05T23:59:58Z');
    for (let i = 0; i < 5; i++) await get(server, '/stockquote/SPY', 'free-key');
    const refused = await get(server, '/stockquote/SPY', 'free-key');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    server.clock.advance(1999);
    expect((await get(server, '/stockquote/SPY', 'free-key')).status).toBe(429);
    server.clock.advance(1); // 00:00:00.000 UTC
    const after = await get(server, '/stockquote/SPY', 'free-key');
    expect(after.status).toBe(200);
    expect(after.headers.get('x-ratelimit-remaining')).toBe('4');
    // The next reset is the following midnight, in Unix seconds.
    expect(after.headers.get('x-ratelimit-reset')).toBe(
      String(Date.parse('2026-06-07T00:00:00Z') / 1000),
    );
    expect((await get(server, '/v1/account', 'free-key')).json).toMatchObject({
      usage_today: 1,
      remaining: '4',
      resets_at: '2026-06-07T00:00:00Z',
    });
  });

  it('carries X-RateLimit-* on every authenticated response, whatever its status', async () => {
    server = await manualServer('2026-06-05T15:00:00Z');
    const reset = String(Date.parse('2026-06-06T00:00:00Z') / 1000);
    const cases: [string, string, number][] = [
      [`${FLOW}/SPY?bar=1m`, 'growth-key', 200],
      [`${FLOW}/SPY?side=up`, 'growth-key', 400],
      [`${FLOW}/SPY?bar=2m`, 'growth-key', 400],
      [`${FLOW}/SPY`, 'basic-key', 403],
      ['/stockquote/NOPE', 'growth-key', 404],
      ['/stockquote/SPY', 'growth-key', 200],
      ['/v1/flow/zero-dte/series/QQQ', 'growth-key', 200],
      ['/v1/account', 'growth-key', 200],
    ];
    let used = 0;
    for (const [path, key, status] of cases) {
      const r = await get(server, path, key);
      expect([path, r.status]).toEqual([path, status]);
      const limit = key === 'basic-key' ? 250 : 2500;
      if (key === 'growth-key' && path !== '/v1/account') used++;
      const remaining = key === 'basic-key' ? 249 : 2500 - used;
      expect([path, r.headers.get('x-ratelimit-limit')]).toEqual([path, String(limit)]);
      expect([path, r.headers.get('x-ratelimit-remaining')]).toEqual([path, String(remaining)]);
      expect([path, r.headers.get('x-ratelimit-reset')]).toEqual([path, reset]);
      expect(r.headers.get('retry-after')).toBeNull();
    }
    // Unauthenticated answers (no key, unknown route, /health) carry none.
    for (const [path, key] of [
      [`${FLOW}/SPY`, null],
      ['/health', null],
      ['/v1/nothing', 'growth-key'],
    ] as const) {
      expect((await get(server, path, key)).headers.get('x-ratelimit-limit')).toBeNull();
    }
  });

  it('keeps quotas per key and plan, and Alpha unlimited', async () => {
    server = await manualServer('2026-06-05T15:00:00Z');
    for (let i = 0; i < 5; i++) await get(server, '/stockquote/SPY', 'free-key');
    const basic = await get(server, '/stockquote/SPY', 'basic-key');
    expect(basic.headers.get('x-ratelimit-limit')).toBe('250');
    expect(basic.headers.get('x-ratelimit-remaining')).toBe('249');
    const growth = await get(server, `${FLOW}/SPY`, 'growth-key');
    expect(growth.headers.get('x-ratelimit-limit')).toBe('2500');
    const alpha = await get(server, `${FLOW}/SPY`, 'alpha-key');
    expect(alpha.headers.get('x-ratelimit-remaining')).toBe('unlimited');
  });

  it('serves configured keys only', async () => {
    server = await manualServer('2026-06-05T15:00:00Z', {
      keys: [{ key: 'team-key', plan: 'enterprise' }],
    });
    expect((await get(server, `${FLOW}/SPY`, 'growth-key')).status).toBe(401);
    const r = await get(server, `${FLOW}/SPY`, 'team-key');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-ratelimit-limit')).toBe('unlimited');
  });
});
