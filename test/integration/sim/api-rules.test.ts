// Every rule of ../shared/API.md, over loopback HTTP against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from '../../../sim/server/http-server.js';
import { FLOW, SERIES, get, manualServer, type WireHedgeFlow } from './sim-http.js';

// Friday 2026-06-05, 14:45:12 New York (18:45:12 UTC), as in API.md's example.
const NOW = '2026-06-05T18:45:12Z';

describe('API rules', () => {
  let server: SimServer;
  beforeAll(async () => {
    server = await manualServer(NOW);
  });
  afterAll(() => server.close());

  describe('authentication', () => {
    const unauthorized = { title: 'Unauthorized', status: 401, detail: 'Invalid API key.' };

    it('answers 401 without a key, with an unknown key, and with an empty header', async () => {
      for (const key of [null, 'nope', '']) {
        const r = await get(server, `${FLOW}/SPY`, key);
        expect(r.status).toBe(401);
        expect(r.json).toEqual(unauthorized);
        expect(r.headers.get('x-ratelimit-limit')).toBeNull();
      }
    });

    it('accepts the key as ?apiKey= as well as X-Api-Key', async () => {
      const r = await get(server, `${FLOW}/SPY?apiKey=alpha-key`, null);
      expect(r.status).toBe(200);
      expect(r.headers.get('x-ratelimit-limit')).toBe('unlimited');
      expect((await get(server, `${FLOW}/SPY?apiKey=nope`, null)).status).toBe(401);
      // The header wins over the query parameter.
      expect((await get(server, `${FLOW}/SPY?apiKey=alpha-key`, 'nope')).status).toBe(401);
    });

    it('serves /health without a key and without rate-limit headers', async () => {
      const r = await get(server, '/health', null);
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ status: 'Healthy' });
      expect(r.headers.get('x-ratelimit-limit')).toBeNull();
    });
  });

  describe('plans', () => {
    it('refuses hedge-flow and series below Growth with 403 tier_restricted', async () => {
      for (const [key, plan] of [
        ['free-key', 'Free'],
        ['basic-key', 'Basic'],
      ] as const) {
        for (const path of [`${FLOW}/SPY`, `${SERIES}/SPY`]) {
          const r = await get(server, path, key);
          expect(r.status).toBe(403);
          expect(r.json).toEqual({
            status: 'ERROR',
            error: 'tier_restricted',
            message: 'This endpoint requires the Growth plan or higher.',
            current_plan: plan,
            required_plan: 'Growth',
          });
        }
      }
    });

    it('lets Free call stockquote and account', async () => {
      expect((await get(server, '/stockquote/QQQ', 'basic-key')).status).toBe(200);
      expect((await get(server, '/v1/account', 'basic-key')).status).toBe(200);
    });
  });

  describe('parameters', () => {
    it('rejects a bad side with 400 invalid_side and a bad bar with 400 invalid_bar', async () => {
      const side = await get(server, `${FLOW}/SPY?side=both`);
      expect(side.status).toBe(400);
      expect(side.json).toEqual({ error: 'invalid_side', message: 'side must be all|calls|puts' });
      for (const bar of ['2m', '1h', '30S', '60s']) {
        const r = await get(server, `${FLOW}/SPY?bar=${bar}`);
        expect(r.status).toBe(400);
        expect(r.json).toEqual({ error: 'invalid_bar', message: 'bar must be 30s|1m|5m|15m' });
      }
      expect((await get(server, `${SERIES}/SPY?bar=10m`)).status).toBe(400);
    });

    it('defaults to side=all, bar=30s, minutes=60', async () => {
      const r = (await get(server, `${FLOW}/SPY`)).json as WireHedgeFlow;
      expect(r.side).toBe('all');
      expect(r.bar_size).toBe('30s');
      expect(r.bars).toHaveLength(120);
      expect(r.bars[0]!.t).toBe('2026-06-05T17:45:30Z');
    });

    it('trims and upper-cases the symbol', async () => {
      const r = (await get(server, `${FLOW}/%20spy%20?bar=5m&minutes=10`)).json as WireHedgeFlow;
      const plain = (await get(server, `${FLOW}/SPY?bar=5m&minutes=10`)).json as WireHedgeFlow;
      expect(r.symbol).toBe('SPY');
      expect(r.bars).toEqual(plain.bars);
    });

    it('echoes any symbol safely, quotes and all', async () => {
      const r = await get(server, `${FLOW}/${encodeURIComponent(' a"b\\c ')}`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ symbol: 'A"B\\C', bars: [] });
    });

    it('clamps minutes to 1-390 and treats a non-number as the default', async () => {
      const bars = async (q: string): Promise<number> =>
        ((await get(server, `${FLOW}/SPY?bar=1m&${q}`)).json as WireHedgeFlow).bars.length;
      expect(await bars('minutes=0')).toBe(await bars('minutes=1'));
      expect(await bars('minutes=-50')).toBe(await bars('minutes=1'));
      expect(await bars('minutes=100000')).toBe(await bars('minutes=390'));
      expect(await bars('minutes=abc')).toBe(await bars('minutes=60'));
      expect(await bars('minutes=390')).toBe(316); // 09:30 to 14:45 New York
    });
  });

  describe('the hedge-flow response', () => {
    it('echoes side and bar, carries today as expiration and the server time as as_of', async () => {
      const r = (await get(server, `${FLOW}/SPY?side=calls&bar=5m&minutes=180`)).json;
      expect(r).toMatchObject({
        symbol: 'SPY',
        expiration: '2026-06-05',
        as_of: NOW,
        side: 'calls',
        bar_size: '5m',
      });
    });

    it('ends with the in-progress bucket and stamps bars at bucket starts', async () => {
      const r = (await get(server, `${FLOW}/SPY?bar=15m&minutes=60`)).json as WireHedgeFlow;
      expect(r.bars.map((b) => b.t)).toEqual([
        '2026-06-05T17:45:00Z',
        '2026-06-05T18:00:00Z',
        '2026-06-05T18:15:00Z',
        '2026-06-05T18:30:00Z',
        '2026-06-05T18:45:00Z',
      ]);
    });

    it('projects calls, puts and all so that all = calls + puts', async () => {
      const leg = async (side: string): Promise<WireHedgeFlow> =>
        (await get(server, `${FLOW}/QQQ?side=${side}&bar=1m&minutes=30`)).json as WireHedgeFlow;
      const [all, calls, puts] = await Promise.all([leg('all'), leg('calls'), leg('puts')]);
      all.bars.forEach((b, i) => {
        expect(b.bar).toBe(calls.bars[i]!.bar + puts.bars[i]!.bar);
        expect(b.cumulative).toBe(calls.bars[i]!.cumulative + puts.bars[i]!.cumulative);
      });
    });
  });

  describe('empty bars', () => {
    const cases: [string, string, string][] = [
      ['before the open', '2026-06-05T13:29:59Z', 'SPY'],
      ['on a Saturday', '2026-06-06T17:00:00Z', 'SPY'],
      ['on an NYSE holiday (Juneteenth)', '2026-06-19T17:00:00Z', 'SPY'],
      ['for an unknown symbol', NOW, 'XYZ'],
    ];
    it.each(cases)('returns 200 with no bars %s', async (_, at, symbol) => {
      server.clock.set(Date.parse(at));
      try {
        for (const path of [`${FLOW}/${symbol}`, `${SERIES}/${symbol}`]) {
          const r = await get(server, path);
          expect(r.status).toBe(200);
          expect((r.json as { bars: unknown[] }).bars).toEqual([]);
        }
      } finally {
        server.clock.set(Date.parse(NOW));
      }
    });

    it('returns no bars for a symbol without a 0DTE expiry today', async () => {
      const s = await manualServer('2026-06-02T17:00:00Z', {
        // TSLA lists Monday/Wednesday/Friday; 2026-06-02 is a Tuesday.
        symbols: [{ symbol: 'TSLA', anchorPrice: 250 }],
      });
      try {
        expect(((await get(s, `${FLOW}/TSLA`)).json as WireHedgeFlow).bars).toEqual([]);
        expect((await get(s, '/stockquote/TSLA')).status).toBe(200);
        s.clock.set(Date.parse('2026-06-03T17:00:00Z'));
        expect(((await get(s, `${FLOW}/TSLA`)).json as WireHedgeFlow).bars.length).toBeGreaterThan(
          0,
        );
      } finally {
        await s.close();
      }
    });
  });

  describe('other endpoints', () => {
    it('quotes known symbols and 404s unknown ones', async () => {
      const q = await get(server, '/stockquote/spy', 'free-key');
      expect(q.status).toBe(200);
      const body = q.json as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['ticker', 'bid', 'ask', 'mid', 'lastPrice', 'lastUpdate']);
      expect(body.ticker).toBe('SPY');
      expect(body.bid as number).toBeLessThan(body.ask as number);
      const missing = await get(server, '/stockquote/XYZ', 'growth-key');
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({ error: 'symbol_not_found', message: 'No data for XYZ.' });
    });

    it('reports the plan, limit, usage and reset on /v1/account', async () => {
      const r = await get(server, '/v1/account', 'alpha-key');
      expect(r.json).toMatchObject({
        plan: 'alpha',
        daily_limit: 'unlimited',
        remaining: 'unlimited',
        resets_at: '2026-06-06T00:00:00Z',
      });
    });

    it('answers unknown routes with 404 and other methods with 405', async () => {
      expect((await get(server, '/v1/nothing')).status).toBe(404);
      const res = await fetch(`${server.url}${FLOW}/SPY`, {
        method: 'POST',
        headers: { 'X-Api-Key': 'growth-key' },
      });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET');
    });
  });
});
