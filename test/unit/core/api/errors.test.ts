import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlashAlphaClient } from '../../../../core/api/client.js';
import { ApiError } from '../../../../core/api/errors.js';
import { parseRateLimit, parseRetryAfter } from '../../../../core/api/rate-limit.js';
import { TransportError, type HttpTransport } from '../../../../core/ports/http.js';
import { GROWTH_HEADERS, fakeHttp, type Canned } from './fake-http.js';

// No word of the messages in it: any run of 6 characters of the key is redacted (issue 15).
const KEY = 'gk_live_0123456789';
const NOW = Date.parse('2026-06-05T18:45:13Z');

function clientFor(transport: HttpTransport): FlashAlphaClient {
  return new FlashAlphaClient({
    baseUrl: 'http://127.0.0.1:9',
    apiKey: () => KEY,
    transport,
    now: () => NOW,
  });
}

async function errorFor(canned: Canned): Promise<ApiError> {
  try {
    await clientFor(fakeHttp(canned).transport).hedgeFlow('SPY', {
      side: 'all',
      bar: '1m',
      minutes: 60,
    });
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an error');
}

describe('error mapping, status by status', () => {
  it('400 invalid_side / invalid_bar: bad request with the server code', async () => {
    const e = await errorFor({
      status: 400,
      body: { error: 'invalid_bar', message: 'bar must be 30s|1m|5m|15m' },
    });
    expect(e.kind).toBe('bad-request');
    expect(e.details).toMatchObject({ status: 400, code: 'invalid_bar' });
    expect(e.message).toContain('bar must be 30s|1m|5m|15m');
    expect(e.transient).toBe(false);
  });

  it('401 in the problem-details shape: authentication', async () => {
    const e = await errorFor({
      status: 401,
      body: { title: 'Unauthorized', status: 401, detail: 'Invalid API key.' },
    });
    expect(e.kind).toBe('auth');
    expect(e.details.serverMessage).toBe('Invalid API key.');
    expect(e.message).toContain('Settings');
    expect(e.transient).toBe(false);
  });

  it('403 tier_restricted: both plans, capitalised', async () => {
    const e = await errorFor({
      status: 403,
      body: {
        status: 'ERROR',
        error: 'tier_restricted',
        message: 'This endpoint requires the Growth plan or higher.',
        current_plan: 'Basic',
        required_plan: 'growth',
      },
    });
    expect(e.kind).toBe('tier');
    expect(e.details).toMatchObject({
      currentPlan: 'Basic',
      requiredPlan: 'Growth',
      code: 'tier_restricted',
    });
    expect(e.message).toBe('Hedge flow needs the Growth plan or higher; this key is on Basic.');
  });

  it('403 with a bare {"detail"} body still names the plan it needs', async () => {
    const e = await errorFor({ status: 403, body: { detail: 'Forbidden' } });
    expect(e.kind).toBe('tier');
    expect(e.details.requiredPlan).toBe('Growth');
    expect(e.details.currentPlan).toBeUndefined();
  });

  it('404: not found, with the server message', async () => {
    const e = await errorFor({ status: 404, body: { detail: 'No data for XYZ.' } });
    expect(e.kind).toBe('not-found');
    expect(e.message).toBe('No data for XYZ.');
  });

  it('429 quota exceeded: Retry-After, reset time, limit and plan', async () => {
    const e = await errorFor({
      status: 429,
      headers: {
        'Retry-After': '3600',
        'X-RateLimit-Limit': '5',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': '1780790400',
      },
      body: {
        status: 'ERROR',
        error: 'Quota exceeded',
        message: 'You have exceeded your daily API quota of 5 requests on the Free plan.',
        current_plan: 'Free',
        limit: 5,
        upgrade_to: 'Basic',
        reset_at: '2026-06-06T00:00:00Z',
      },
    });
    expect(e.kind).toBe('rate-limit');
    expect(e.details).toMatchObject({
      status: 429,
      retryAfterMs: 3_600_000,
      resetAt: Date.parse('2026-06-06T00:00:00Z'),
      limit: 5,
      currentPlan: 'Free',
      rateLimit: { limit: 5, remaining: 0, resetAt: 1780790400_000 },
    });
    expect(e.message).toContain('daily API quota');
    expect(e.transient).toBe(true);
  });

  it('429 with a plain {"detail"} body falls back to X-RateLimit-Reset', async () => {
    const e = await errorFor({
      status: 429,
      headers: { 'Retry-After': '2', ...GROWTH_HEADERS, 'X-RateLimit-Remaining': '0' },
      body: { detail: 'Too many requests' },
    });
    expect(e.details.retryAfterMs).toBe(2000);
    expect(e.details.resetAt).toBe(1780704000_000);
    expect(e.message).toBe('Too many requests');
  });

  it.each([
    [500, 'Internal Server Error', 'Internal Server Error'],
    [502, '<html><body>Bad gateway</body></html>', undefined],
    [503, { detail: 'upstream unavailable' }, 'upstream unavailable'],
    [504, '', undefined],
  ] as const)('%i: a server error, plain text or JSON', async (status, body, said) => {
    const e = await errorFor({ status, body: body as string | object });
    expect(e.kind).toBe('server');
    expect(e.details.serverMessage).toBe(said);
    expect(e.message).toContain(String(status));
    expect(e.transient).toBe(true);
  });

  it('an unexpected status is a plain HTTP error', async () => {
    const e = await errorFor({ status: 418, body: 'teapot' });
    expect(e.kind).toBe('http');
    expect(e.message).toBe('FlashAlpha answered 418: teapot.');
  });

  it('keeps a long server text short', async () => {
    const e = await errorFor({ status: 500, body: 'x'.repeat(5000) });
    expect(e.message.length).toBeLessThan(300);
  });
});

describe('the key never appears in an error', () => {
  const echo = (status: number, body: (url: string) => string): HttpTransport =>
    fakeHttp((req) => ({ status, body: body(`${req.url} key=${req.headers['X-Api-Key']}`) }))
      .transport;

  it.each([
    ['a 500 echoing the request', echo(500, (r) => `failed: ${r}`)],
    [
      'a 400 message echoing it',
      echo(400, (r) => JSON.stringify({ error: 'invalid_side', message: r })),
    ],
    ['a 429 detail echoing it', echo(429, (r) => JSON.stringify({ detail: r }))],
    ['a 200 that is not JSON', echo(200, (r) => `${KEY} ${r}`)],
    [
      'an echo in the wrong symbol',
      echo(200, () =>
        JSON.stringify({
          symbol: KEY,
          expiration: '2026-06-05',
          as_of: '2026-06-05T18:45:12Z',
          side: 'all',
          bar_size: '1m',
          bars: [],
        }),
      ),
    ],
    [
      'a transport error quoting it',
      (async (req) => {
        throw new TransportError('network', `refused ${req.headers['X-Api-Key']}`);
      }) as HttpTransport,
    ],
  ])('%s', async (_name, transport) => {
    let caught: unknown;
    try {
      await clientFor(transport).hedgeFlow('SPY', { side: 'all', bar: '1m', minutes: 5 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    const e = caught as ApiError;
    expect(e.message).not.toContain(KEY);
    expect(JSON.stringify(e.details)).not.toContain(KEY);
    expect(String(e.stack)).not.toContain(KEY);
  });

  it('for any status and any body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        fc.string(),
        fc.string(),
        async (status, before, after) => {
          const transport = fakeHttp({ status, body: `${before}${KEY}${after}` }).transport;
          try {
            await clientFor(transport).series('SPY', { bar: '1m', minutes: 5 });
          } catch (error) {
            const e = error as ApiError;
            return !e.message.includes(KEY) && !JSON.stringify(e.details).includes(KEY);
          }
          return false;
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('rate-limit headers', () => {
  const h = (headers: Record<string, string>) => (name: string) =>
    Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? null;

  it('reads numbers, "unlimited" and the reset time', () => {
    expect(parseRateLimit(h(GROWTH_HEADERS))).toEqual({
      limit: 2500,
      remaining: 2458,
      resetAt: 1780704000_000,
    });
    expect(
      parseRateLimit(h({ 'X-RateLimit-Limit': 'unlimited', 'X-RateLimit-Remaining': 'unlimited' })),
    ).toEqual({ limit: 'unlimited', remaining: 'unlimited', resetAt: null });
    expect(parseRateLimit(h({}))).toBeNull();
    expect(parseRateLimit(h({ 'X-RateLimit-Limit': 'soon' }))).toBeNull();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBeGreaterThan(28_000);
    expect(parseRetryAfter(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('-5', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });
});
