// The response shapes of ../shared/API.md, parsed unchanged: every example there (kept here
// verbatim, and checked against the document itself when it is present beside the repository)
// has the same keys, in the same order, with the same JSON types as what the simulator sends;
// error bodies are identical where API.md gives them in full.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlashAlphaClient } from '../../../core/api/client.js';
import { ApiError } from '../../../core/api/errors.js';
import type { HttpTransport } from '../../../core/ports/http.js';
import type { SimServer } from '../../../sim/server/http-server.js';
import { FLOW, SERIES, get, manualServer } from './sim-http.js';

const HEDGE_FLOW_EXAMPLE = `{ "symbol": "SPY", "expiration": "2026-06-05", "as_of": "2026-06-05T18:45:12Z",
  "side": "calls", "bar_size": "5m",
  "bars": [ { "t": "2026-06-05T18:40:00Z", "bar": 1240000, "cumulative": 18432000 } ] }`;

const SERIES_EXAMPLE = `{ "symbol": "SPY", "expiration": "2026-06-05", "as_of": "2026-06-05T18:45:12Z", "bar_size": "1m",
  "bars": [ { "t": "2026-06-05T18:44:00Z", "spot": 590.42, "net_gex": 1842000000,
    "net_dex": 48200000000, "gamma_flip": 588.5, "call_wall": 595.0, "put_wall": 585.0,
    "magnet": 590.0, "pin_score": 82, "pin_probability_pct": 64.1, "regime": "positive_gamma",
    "atm_iv": 0.123, "charm_dollars_per_hour": -3856000,
    "hedge_flow_call_cumulative": 18432000, "hedge_flow_put_cumulative": -9210000,
    "hedge_flow_cumulative_all": 9222000 } ] }`;

/** The bodies of API.md's status table, in its order. */
const ERROR_EXAMPLES = [
  '{"error":"invalid_side","message":"side must be all|calls|puts"}',
  '{"error":"invalid_bar","message":"bar must be 30s|1m|5m|15m"}',
  '{"title":"Unauthorized","status":401,"detail":"Invalid API key."}',
  '{"status":"ERROR","error":"tier_restricted","message":"This endpoint requires the Growth plan or higher.","current_plan":"Basic","required_plan":"Growth"}',
  '{"error":"symbol_not_found","message":"No data for XYZ."}',
  '{"status":"ERROR","error":"Quota exceeded","message":"You have exceeded your daily API quota of 5 requests on the Free plan. ...","current_plan":"Free","limit":5,"upgrade_to":"Basic","reset_at":"2026-03-01T00:00:00Z"}',
  '{"detail":"..."}',
];

/** Fields API.md declares nullable: the simulator may send null where the example has a number. */
const NULLABLE = new Set([
  'gamma_flip',
  'call_wall',
  'put_wall',
  'magnet',
  'pin_score',
  'pin_probability_pct',
  'regime',
  'atm_iv',
  'charm_dollars_per_hour',
]);

type Shape = string | { [key: string]: Shape } | Shape[];

function shapeOf(value: unknown, key = ''): Shape {
  if (value === null) return NULLABLE.has(key) ? 'nullable' : 'null';
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (typeof value === 'object') {
    const out: Record<string, Shape> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = shapeOf(v, k);
    return out;
  }
  return NULLABLE.has(key) ? 'nullable' : typeof value;
}

/** Same keys in the same order and the same types (nullable fields: null or a value). */
function expectSameShape(actual: unknown, example: unknown): void {
  const a = JSON.stringify(shapeOf(actual));
  const e = JSON.stringify(shapeOf(example));
  expect(a).toBe(e);
}

describe('API.md examples', () => {
  const doc = join(process.cwd(), '..', 'shared', 'API.md');

  it.skipIf(!existsSync(doc))('are the ones in ../shared/API.md, verbatim', () => {
    const text = readFileSync(doc, 'utf8');
    const blocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map(
      (m) => JSON.parse(m[1]!) as unknown,
    );
    expect(blocks).toEqual([JSON.parse(HEDGE_FLOW_EXAMPLE), JSON.parse(SERIES_EXAMPLE)]);
    const table = text.slice(text.indexOf('## Status codes'), text.indexOf('The official SDKs'));
    const bodies = [...table.matchAll(/`(\{.*?\})`/g)].map((m) => m[1]!.replaceAll('\\|', '|'));
    expect(bodies.map((b) => JSON.parse(b) as unknown)).toEqual(
      ERROR_EXAMPLES.map((b) => JSON.parse(b) as unknown),
    );
  });
});

describe('simulator responses have the shapes of API.md', () => {
  let server: SimServer;
  beforeAll(async () => {
    server = await manualServer('2026-06-05T18:45:12Z');
  });
  afterAll(() => server.close());

  it('hedge-flow', async () => {
    const r = await get(server, `${FLOW}/SPY?side=calls&bar=5m&minutes=5`);
    expectSameShape(r.json, JSON.parse(HEDGE_FLOW_EXAMPLE));
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('series', async () => {
    const r = await get(server, `${SERIES}/SPY?bar=1m&minutes=1`);
    expectSameShape(r.json, JSON.parse(SERIES_EXAMPLE));
  });

  it('error bodies, identical where API.md gives them in full', async () => {
    const [side, bar, unauth, tier, notFound, quota, serverError] = ERROR_EXAMPLES.map(
      (b) => JSON.parse(b) as Record<string, unknown>,
    );
    expect((await get(server, `${FLOW}/SPY?side=x`)).json).toEqual(side);
    expect((await get(server, `${FLOW}/SPY?bar=x`)).json).toEqual(bar);
    expect((await get(server, `${FLOW}/SPY`, 'bad')).json).toEqual(unauth);
    expect((await get(server, `${FLOW}/SPY`, 'basic-key')).json).toEqual(tier);
    expect((await get(server, '/stockquote/XYZ')).json).toEqual(notFound);
    for (let i = 0; i < 5; i++) await get(server, '/stockquote/SPY', 'free-key');
    const refused = await get(server, '/stockquote/SPY', 'free-key');
    expectSameShape(refused.json, quota);
    expect(refused.json).toMatchObject({
      status: 'ERROR',
      error: 'Quota exceeded',
      current_plan: 'Free',
      limit: 5,
    });
    expect(Object.keys(serverError!)).toEqual(['detail']);
  });

  it('the other endpoints, with the fields API.md lists', async () => {
    const quote = (await get(server, '/stockquote/SPY')).json as Record<string, unknown>;
    expect(Object.keys(quote)).toEqual(['ticker', 'bid', 'ask', 'mid', 'lastPrice', 'lastUpdate']);
    const account = (await get(server, '/v1/account')).json as Record<string, unknown>;
    expect(Object.keys(account)).toEqual([
      'user_id',
      'email',
      'plan',
      'daily_limit',
      'usage_today',
      'remaining',
      'resets_at',
    ]);
    expect(typeof account.daily_limit).toBe('string');
    expect(typeof account.remaining).toBe('string');
    expect(typeof account.usage_today).toBe('number');
    expect((await get(server, '/health', null)).json).toEqual({ status: 'Healthy' });
  });
});

/** A transport that answers every request with one canned response. */
function canned(status: number, body: string, headers: Record<string, string> = {}): HttpTransport {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return async () => ({
    status,
    header: (n) => lower.get(n.toLowerCase()) ?? null,
    text: async () => body,
  });
}

function clientOver(transport: HttpTransport): FlashAlphaClient {
  return new FlashAlphaClient({
    baseUrl: 'https://lab.flashalpha.com',
    apiKey: () => 'YOUR_API_KEY',
    transport,
    now: () => Date.parse('2026-06-05T18:45:13Z'),
  });
}

describe("the app's client reads API.md's examples unchanged", () => {
  it('hedge-flow and series', async () => {
    const hf = await clientOver(canned(200, HEDGE_FLOW_EXAMPLE)).hedgeFlow('SPY', {
      side: 'calls',
      bar: '5m',
      minutes: 180,
    });
    expect(hf.data).toEqual({
      symbol: 'SPY',
      expiration: '2026-06-05',
      asOf: Date.parse('2026-06-05T18:45:12Z'),
      side: 'calls',
      barSize: '5m',
      bars: [{ t: Date.parse('2026-06-05T18:40:00Z'), bar: 1240000, cumulative: 18432000 }],
    });
    const series = await clientOver(canned(200, SERIES_EXAMPLE)).series('SPY', {
      bar: '1m',
      minutes: 5,
    });
    expect(series.data.bars).toEqual([
      {
        t: Date.parse('2026-06-05T18:44:00Z'),
        spot: 590.42,
        netGex: 1842000000,
        netDex: 48200000000,
        gammaFlip: 588.5,
        callWall: 595,
        putWall: 585,
        magnet: 590,
        pinScore: 82,
        pinProbabilityPct: 64.1,
        regime: 'positive_gamma',
        atmIv: 0.123,
        charmDollarsPerHour: -3856000,
        callCumulative: 18432000,
        putCumulative: -9210000,
        allCumulative: 9222000,
      },
    ]);
  });

  it('/v1/account (counts as strings), /stockquote and /health', async () => {
    const account = JSON.stringify({
      user_id: 'u_1',
      email: 'trader@example.com',
      plan: 'growth',
      daily_limit: '2500',
      usage_today: 42,
      remaining: '2458',
      resets_at: '2026-06-06T00:00:00Z',
    });
    expect((await clientOver(canned(200, account)).account()).data).toEqual({
      plan: 'growth',
      dailyLimit: 2500,
      remaining: 2458,
      usageToday: 42,
      resetsAt: Date.parse('2026-06-06T00:00:00Z'),
    });
    const quote = JSON.stringify({
      ticker: 'SPY',
      bid: 590.41,
      ask: 590.43,
      mid: 590.42,
      lastPrice: 590.42,
      lastUpdate: '2026-06-05T18:45:12Z',
    });
    expect((await clientOver(canned(200, quote)).stockQuote('SPY')).data).toMatchObject({
      ticker: 'SPY',
      mid: 590.42,
      last: 590.42,
    });
    const health = await clientOver(canned(200, '{"status":"Healthy"}')).health();
    expect(health.data.healthy).toBe(true);
  });

  it('every error body of the status table, as the SDKs classify it', async () => {
    const [side, bar, unauth, tier, notFound, quota, server] = ERROR_EXAMPLES;
    const cases: [number, string, Record<string, unknown>][] = [
      [400, side!, { kind: 'bad-request', details: { code: 'invalid_side' } }],
      [400, bar!, { kind: 'bad-request', details: { code: 'invalid_bar' } }],
      [401, unauth!, { kind: 'auth', details: { serverMessage: 'Invalid API key.' } }],
      [403, tier!, { kind: 'tier', details: { currentPlan: 'Basic', requiredPlan: 'Growth' } }],
      [404, notFound!, { kind: 'not-found', details: { code: 'symbol_not_found' } }],
      [
        429,
        quota!,
        {
          kind: 'rate-limit',
          details: {
            retryAfterMs: 3_600_000,
            resetAt: Date.parse('2026-03-01T00:00:00Z'),
            limit: 5,
            currentPlan: 'Free',
          },
        },
      ],
      [503, server!, { kind: 'server', details: { status: 503, serverMessage: '...' } }],
    ];
    for (const [status, body, want] of cases) {
      const transport = canned(status, body, status === 429 ? { 'Retry-After': '3600' } : {});
      let caught: unknown;
      try {
        await clientOver(transport).stockQuote('SPY');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ApiError);
      expect([status, caught]).toMatchObject([status, want]);
    }
  });
});
