// The FlashAlpha client against `hedgeflow sim` over loopback (real HTTP, the real fetch
// transport): every error status the API documents and every fault kind the simulator injects.
import { afterEach, describe, expect, it } from 'vitest';
import { fetchTransport } from '../../../core/adapters/fetch-transport.js';
import { FlashAlphaClient } from '../../../core/api/client.js';
import { ApiError } from '../../../core/api/errors.js';
import type { BarSize } from '../../../core/model/flow.js';
import { startSimServer, type SimServer } from '../../../sim/server/http-server.js';

const IN_SESSION = Date.parse('2026-06-05T15:00:00Z');
let server: SimServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(faults?: string): Promise<SimServer> {
  server = await startSimServer({
    clock: { start: IN_SESSION, speed: 0 },
    ...(faults ? { faults } : {}),
  });
  return server;
}

function client(s: SimServer, key: string | null, timeoutMs?: number): FlashAlphaClient {
  return new FlashAlphaClient({
    baseUrl: s.url,
    apiKey: () => key,
    transport: fetchTransport,
    now: () => s.clock.now(),
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected a failure');
}

const flow = (c: FlashAlphaClient, bar: BarSize = '1m') =>
  c.hedgeFlow('SPY', { side: 'all', bar, minutes: 30 });

describe('client against the simulator: success', () => {
  it('reads hedge flow, series, account, a quote and health, with the rate-limit headers', async () => {
    const s = await start();
    const c = client(s, 'growth-key');
    const hf = await flow(c);
    expect(hf.data.bars.length).toBe(31); // 30 closed and the one that just began
    expect(hf.data.asOf).toBe(IN_SESSION);
    expect(hf.rateLimit).toMatchObject({ limit: 2500, remaining: 2499 });
    const series = await c.series('spy', { bar: '5m', minutes: 390 });
    expect(series.data.bars[0]!.t).toBe(Date.parse('2026-06-05T13:30:00Z'));
    expect(series.rateLimit?.remaining).toBe(2498);
    const account = await c.account();
    expect(account.data).toMatchObject({ plan: 'growth', dailyLimit: 2500, remaining: 2498 });
    expect((await c.stockQuote('SPY')).data.ticker).toBe('SPY');
    expect((await client(s, null).health()).data.healthy).toBe(true);
  });
});

describe('client against the simulator: every error status', () => {
  it('400 invalid_bar', async () => {
    const e = await failure(flow(client(await start(), 'growth-key'), '2m' as BarSize));
    expect(e).toMatchObject({ kind: 'bad-request', details: { status: 400, code: 'invalid_bar' } });
  });

  it('401 for an unknown key, which never appears in the error', async () => {
    const e = await failure(flow(client(await start(), 'not-a-real-key-123')));
    expect(e.kind).toBe('auth');
    expect(JSON.stringify({ m: e.message, d: e.details })).not.toContain('not-a-real-key-123');
  });

  it('403 tier_restricted for a Basic key, with both plans', async () => {
    const e = await failure(flow(client(await start(), 'basic-key')));
    expect(e).toMatchObject({
      kind: 'tier',
      details: { currentPlan: 'Basic', requiredPlan: 'Growth' },
    });
  });

  it('404 for a quote of an unknown symbol', async () => {
    const e = await failure(client(await start(), 'growth-key').stockQuote('NOPE'));
    expect(e).toMatchObject({ kind: 'not-found', details: { code: 'symbol_not_found' } });
  });

  it('429 once the Free quota is spent, with Retry-After and the reset time', async () => {
    const s = await start();
    const c = client(s, 'free-key');
    for (let i = 0; i < 5; i++) await c.stockQuote('SPY');
    const e = await failure(c.stockQuote('SPY'));
    expect(e.kind).toBe('rate-limit');
    expect(e.details.resetAt).toBe(Date.parse('2026-06-06T00:00:00Z'));
    expect(e.details.retryAfterMs).toBe(Date.parse('2026-06-06T00:00:00Z') - IN_SESSION);
    expect(e.details.rateLimit).toMatchObject({ limit: 5, remaining: 0 });
  });

  it('5xx from fault injection, JSON or plain text', async () => {
    const s = await start('5xx=1,seed=3');
    const kinds = new Set<number | undefined>();
    for (let i = 0; i < 8; i++) {
      const e = await failure(flow(client(s, 'growth-key')));
      expect(e.kind).toBe('server');
      kinds.add(e.details.status);
    }
    expect([...kinds].every((k) => k === 500 || k === 502 || k === 503)).toBe(true);
  });
});

describe('client against the simulator: every fault kind', () => {
  it('a reset connection is a network error', async () => {
    expect((await failure(flow(client(await start('reset=1'), 'growth-key')))).kind).toBe(
      'network',
    );
  });

  it('a malformed body is an invalid response', async () => {
    const e = await failure(flow(client(await start('malformed=1'), 'growth-key')));
    expect(e.kind).toBe('invalid-response');
  });

  it('a truncated body is a network error or an invalid response, never data', async () => {
    const e = await failure(flow(client(await start('truncated=1'), 'growth-key')));
    expect(['network', 'invalid-response']).toContain(e.kind);
  });

  it('a 429 burst carries Retry-After', async () => {
    const e = await failure(flow(client(await start('429burst=3:1'), 'growth-key')));
    expect(e.kind).toBe('rate-limit');
    expect(e.details.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(e.details.retryAfterMs).toBeLessThanOrEqual(3000);
  });

  it('latency beyond the timeout is a timeout; within it, data', async () => {
    const s = await start('latency=300ms:1');
    expect((await failure(flow(client(s, 'growth-key', 100)))).kind).toBe('timeout');
    expect((await flow(client(s, 'growth-key', 5_000))).data.bars.length).toBe(31);
  });

  it('a cancelled request is aborted', async () => {
    const s = await start('latency=300ms:1');
    const controller = new AbortController();
    const pending = client(s, 'growth-key').hedgeFlow(
      'SPY',
      { side: 'all', bar: '1m', minutes: 5 },
      controller.signal,
    );
    controller.abort();
    expect((await failure(pending)).kind).toBe('aborted');
  });
});
