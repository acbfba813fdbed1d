import { describe, expect, it } from 'vitest';
import { FlashAlphaClient, clampMinutes } from '../../../../core/api/client.js';
import { ApiError } from '../../../../core/api/errors.js';
import { TransportError, type HttpTransport } from '../../../../core/ports/http.js';
import { GROWTH_HEADERS, fakeHttp, hedgeFlowBody, seriesBody, type Canned } from './fake-http.js';

const KEY = 'growth-key-0123456789';
const NOW = Date.parse('2026-06-05T18:45:13Z');

function client(transport: HttpTransport) {
  return new FlashAlphaClient({
    baseUrl: 'http://127.0.0.1:9/',
    apiKey: () => KEY,
    transport,
    now: () => NOW,
  });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

const hf = (canned: Canned) =>
  client(fakeHttp(canned).transport).hedgeFlow('spy', { side: 'calls', bar: '5m', minutes: 180 });

describe('FlashAlphaClient requests', () => {
  it('sends the key only in the X-Api-Key header, never in the URL', async () => {
    const http = fakeHttp({ body: hedgeFlowBody(), headers: GROWTH_HEADERS });
    await client(http.transport).hedgeFlow(' spy ', { side: 'calls', bar: '5m', minutes: 180 });
    const req = http.requests[0]!;
    expect(req.url).toBe(
      'http://127.0.0.1:9/v1/flow/zero-dte/hedge-flow/SPY?side=calls&bar=5m&minutes=180',
    );
    expect(req.url).not.toContain(KEY);
    expect(req.headers['X-Api-Key']).toBe(KEY);
    expect(req.headers.Accept).toBe('application/json');
    expect(req.timeoutMs).toBe(30_000);
  });

  it('clamps minutes to the 1-390 range the API accepts', async () => {
    expect(clampMinutes(0)).toBe(1);
    expect(clampMinutes(12.2)).toBe(13);
    expect(clampMinutes(10_000)).toBe(390);
    expect(clampMinutes(Number.NaN)).toBe(390);
    const http = fakeHttp({ body: seriesBody({ symbol: 'QQQ', bar_size: '30s', bars: [] }) });
    await client(http.transport).series('QQQ', { bar: '30s', minutes: 999 });
    expect(http.requests[0]!.url).toContain('/v1/flow/zero-dte/series/QQQ?bar=30s');
    expect(http.requests[0]!.url).toContain('minutes=390');
  });

  it('asks for no key and sends none on /health', async () => {
    const http = fakeHttp({ body: { status: 'Healthy' } });
    const c = new FlashAlphaClient({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: () => null,
      transport: http.transport,
      now: () => NOW,
    });
    const { data } = await c.health();
    expect(data).toEqual({ status: 'Healthy', healthy: true });
    expect(http.requests[0]!.headers['X-Api-Key']).toBeUndefined();
  });

  it('fails as an authentication error without a request when no key is stored', async () => {
    const http = fakeHttp({ body: hedgeFlowBody() });
    const c = new FlashAlphaClient({
      baseUrl: 'http://x',
      apiKey: () => null,
      transport: http.transport,
      now: () => NOW,
    });
    const e = await failure(c.account());
    expect(e.kind).toBe('auth');
    expect(http.requests).toHaveLength(0);
  });

  it('reads the key on every request, so a replaced key applies at once', async () => {
    let key = 'first-key-aaaaaaaa';
    const http = fakeHttp({ body: seriesBody({ bars: [] }) });
    const c = new FlashAlphaClient({
      baseUrl: 'http://x',
      apiKey: () => key,
      transport: http.transport,
      now: () => NOW,
    });
    await c.series('SPY', { bar: '1m', minutes: 5 });
    key = 'second-key-bbbbbbbb';
    await c.series('SPY', { bar: '1m', minutes: 5 });
    expect(http.requests.map((r) => r.headers['X-Api-Key'])).toEqual([
      'first-key-aaaaaaaa',
      'second-key-bbbbbbbb',
    ]);
  });
});

describe('FlashAlphaClient responses', () => {
  it('parses hedge flow into epoch-ms bars and reports the rate-limit headers', async () => {
    const http = fakeHttp({ body: hedgeFlowBody(), headers: GROWTH_HEADERS });
    const res = await client(http.transport).hedgeFlow('SPY', {
      side: 'calls',
      bar: '5m',
      minutes: 180,
    });
    expect(res.data.asOf).toBe(Date.parse('2026-06-05T18:45:12Z'));
    expect(res.data.bars[1]).toEqual({
      t: Date.parse('2026-06-05T18:40:00Z'),
      bar: 1240000,
      cumulative: 18432000,
    });
    const rl = { limit: 2500, remaining: 2458, resetAt: 1780704000_000 };
    expect(res.rateLimit).toEqual(rl);
  });

  it('accepts unknown extra fields at every level', async () => {
    const body = hedgeFlowBody({
      future_field: { nested: true },
      bars: [{ t: '2026-06-05T18:40:00Z', bar: 1, cumulative: 2, confidence: 0.9 }],
    });
    const res = await hf({ body });
    expect(res.data.bars).toEqual([
      { t: Date.parse('2026-06-05T18:40:00Z'), bar: 1, cumulative: 2 },
    ]);
  });

  it('accepts an empty bars array (no 0DTE today, before the open, holiday)', async () => {
    const res = await hf({ body: hedgeFlowBody({ bars: [] }) });
    expect(res.data.bars).toEqual([]);
  });

  it.each([
    ['a non-finite number', '{"symbol":"SPY","bars":[{"bar":1e999}]}', 'unexpected response'],
    ['NaN (not JSON at all)', '{"bar": NaN}', 'not JSON'],
    ['a truncated body', JSON.stringify(hedgeFlowBody()).slice(0, 60), 'not JSON'],
    ['an empty body', '', 'not JSON'],
  ])('rejects %s as an invalid response', async (_name, body, words) => {
    const e = await failure(hf({ body }));
    expect(e.kind).toBe('invalid-response');
    expect(e.message).toContain(words);
  });

  it('rejects Infinity in a bar value', async () => {
    const text = JSON.stringify(hedgeFlowBody()).replace('1240000', '1e999');
    const e = await failure(hf({ body: text }));
    expect(e.kind).toBe('invalid-response');
    expect(e.message).toContain('bars.1.bar');
  });

  it('rejects unsorted and duplicate bar times', async () => {
    const bars = hedgeFlowBody().bars as object[];
    const unsorted = await failure(hf({ body: hedgeFlowBody({ bars: [bars[1], bars[0]] }) }));
    expect(unsorted.message).toContain('not ascending');
    const dup = await failure(hf({ body: hedgeFlowBody({ bars: [bars[1], bars[1]] }) }));
    expect(dup.message).toContain('duplicate');
  });

  it('rejects a bar that starts after the response was built', async () => {
    const e = await failure(
      hf({
        body: hedgeFlowBody({ bars: [{ t: '2026-06-05T18:50:00Z', bar: 1, cumulative: 1 }] }),
      }),
    );
    expect(e.message).toContain('after as_of');
  });

  it.each([
    ['side', { side: 'puts' }],
    ['bar_size', { bar_size: '1m' }],
    ['symbol', { symbol: 'QQQ' }],
  ])('rejects a wrong %s echo', async (field, override) => {
    const e = await failure(hf({ body: hedgeFlowBody(override) }));
    expect(e.kind).toBe('invalid-response');
    expect(e.message).toContain(field);
  });

  it('rejects missing fields and unparseable times', async () => {
    expect((await failure(hf({ body: hedgeFlowBody({ as_of: undefined }) }))).message).toContain(
      'as_of',
    );
    expect(
      (await failure(hf({ body: hedgeFlowBody({ as_of: '18:45 yesterday' }) }))).message,
    ).toContain('as_of');
    expect((await failure(hf({ body: [1, 2] }))).kind).toBe('invalid-response');
  });

  it('maps series bars, with nullable analytics fields null or absent', async () => {
    const body = seriesBody();
    const bar = (body.bars as Record<string, unknown>[])[0]!;
    bar.gamma_flip = null;
    delete bar.regime;
    const res = await client(fakeHttp({ body }).transport).series('SPY', { bar: '1m', minutes: 5 });
    expect(res.data.bars[0]).toMatchObject({
      spot: 590.42,
      gammaFlip: null,
      regime: null,
      callCumulative: 18432000,
      putCumulative: -9210000,
      allCumulative: 9222000,
    });
  });

  it('rejects a series bar without its cumulatives', async () => {
    const body = seriesBody();
    delete (body.bars as Record<string, unknown>[])[0]!.hedge_flow_put_cumulative;
    const e = await failure(
      client(fakeHttp({ body }).transport).series('SPY', { bar: '1m', minutes: 5 }),
    );
    expect(e.message).toContain('hedge_flow_put_cumulative');
  });

  it('reads /v1/account counts sent as strings, numbers or "unlimited"', async () => {
    const account = (body: object) => client(fakeHttp({ body }).transport).account();
    const growth = await account({
      user_id: 'u1',
      email: 'a@b.c',
      plan: 'Growth',
      daily_limit: '2500',
      usage_today: 42,
      remaining: '2458',
      resets_at: '2026-06-06T00:00:00Z',
    });
    expect(growth.data).toEqual({
      plan: 'growth',
      dailyLimit: 2500,
      remaining: 2458,
      usageToday: 42,
      resetsAt: Date.parse('2026-06-06T00:00:00Z'),
    });
    const alpha = await account({
      plan: 'alpha',
      daily_limit: 'unlimited',
      remaining: 'Unlimited',
    });
    expect(alpha.data).toMatchObject({ dailyLimit: 'unlimited', remaining: 'unlimited' });
    const numeric = await account({ plan: 'basic', daily_limit: 250, remaining: 3 });
    expect(numeric.data).toMatchObject({ dailyLimit: 250, remaining: 3, usageToday: null });
    const bad = await failure(account({ plan: 'basic', daily_limit: 'lots', remaining: 3 }));
    expect(bad.kind).toBe('invalid-response');
  });

  it('reads a stock quote and maps a 404 to not-found', async () => {
    const quote = await client(
      fakeHttp({
        body: {
          ticker: 'SPY',
          bid: 590.4,
          ask: 590.44,
          mid: 590.42,
          lastPrice: 590.43,
          lastUpdate: 'x',
        },
      }).transport,
    ).stockQuote('spy');
    expect(quote.data).toEqual({
      ticker: 'SPY',
      bid: 590.4,
      ask: 590.44,
      mid: 590.42,
      last: 590.43,
      lastUpdate: 'x',
    });
    const http = fakeHttp({
      status: 404,
      body: { error: 'symbol_not_found', message: 'No data for XYZ.' },
    });
    const e = await failure(client(http.transport).stockQuote('xyz'));
    expect(http.requests[0]!.url).toBe('http://127.0.0.1:9/stockquote/XYZ');
    expect(e.kind).toBe('not-found');
    expect(e.message).toBe('No data for XYZ.');
    expect(e.details.code).toBe('symbol_not_found');
  });
});

describe('FlashAlphaClient transport failures', () => {
  const throwing =
    (error: unknown): HttpTransport =>
    async () => {
      throw error;
    };

  it.each([
    [
      'network',
      new TransportError('network', 'could not reach 127.0.0.1:9/v1/account: ECONNREFUSED'),
    ],
    ['timeout', new TransportError('timeout', 'no answer from 127.0.0.1:9 in time')],
    ['aborted', new TransportError('aborted', 'request was cancelled')],
    ['network', new Error('socket hang up')],
  ] as const)('classifies a transport failure as %s', async (kind, error) => {
    const e = await failure(client(throwing(error)).account());
    expect(e.kind).toBe(kind);
  });

  it('does not send a request whose signal is already aborted', async () => {
    const http = fakeHttp({ body: {} });
    const controller = new AbortController();
    controller.abort();
    const e = await failure(client(http.transport).account(controller.signal));
    expect(e.kind).toBe('aborted');
    expect(http.requests).toHaveLength(0);
  });

  it('passes the abort signal to the transport', async () => {
    const http = fakeHttp({ body: { status: 'Healthy' } });
    const controller = new AbortController();
    await client(http.transport).health(controller.signal);
    expect(http.requests[0]!.signal).toBe(controller.signal);
  });

  it('classifies a body that breaks off mid-read as a network failure', async () => {
    const transport: HttpTransport = async () => ({
      status: 200,
      header: () => null,
      text: async () => {
        throw new TransportError('network', 'connection reset while reading');
      },
    });
    expect((await failure(client(transport).account())).kind).toBe('network');
  });
});
