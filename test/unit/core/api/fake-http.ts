// A tiny in-test HttpTransport: canned responses, every request recorded.
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../../core/ports/http.js';

export interface Canned {
  readonly status?: number;
  readonly body?: string | object;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FakeHttp {
  readonly transport: HttpTransport;
  readonly requests: HttpRequest[];
}

export function response(canned: Canned): HttpResponse {
  const headers = new Map(
    Object.entries(canned.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const body = typeof canned.body === 'string' ? canned.body : JSON.stringify(canned.body ?? {});
  return {
    status: canned.status ?? 200,
    header: (name) => headers.get(name.toLowerCase()) ?? null,
    text: async () => body,
  };
}

export function fakeHttp(
  answer: Canned | ((request: HttpRequest) => Canned | Promise<HttpResponse>),
): FakeHttp {
  const requests: HttpRequest[] = [];
  const transport: HttpTransport = async (request) => {
    requests.push(request);
    const a = typeof answer === 'function' ? await answer(request) : answer;
    return 'header' in a ? (a as HttpResponse) : response(a as Canned);
  };
  return { transport, requests };
}

export const GROWTH_HEADERS = {
  'X-RateLimit-Limit': '2500',
  'X-RateLimit-Remaining': '2458',
  'X-RateLimit-Reset': '1780704000',
};

export function hedgeFlowBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    symbol: 'SPY',
    expiration: '2026-06-05',
    as_of: '2026-06-05T18:45:12Z',
    side: 'calls',
    bar_size: '5m',
    bars: [
      { t: '2026-06-05T18:35:00Z', bar: 1000, cumulative: 17192000 },
      { t: '2026-06-05T18:40:00Z', bar: 1240000, cumulative: 18432000 },
    ],
    ...overrides,
  };
}

export function seriesBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    symbol: 'SPY',
    expiration: '2026-06-05',
    as_of: '2026-06-05T18:45:12Z',
    bar_size: '1m',
    bars: [
      {
        t: '2026-06-05T18:44:00Z',
        spot: 590.42,
        net_gex: 1842000000,
        net_dex: 48200000000,
        gamma_flip: 588.5,
        call_wall: 595.0,
        put_wall: 585.0,
        magnet: 590.0,
        pin_score: 82,
        pin_probability_pct: 64.1,
        regime: 'positive_gamma',
        atm_iv: 0.123,
        charm_dollars_per_hour: -3856000,
        hedge_flow_call_cumulative: 18432000,
        hedge_flow_put_cumulative: -9210000,
        hedge_flow_cumulative_all: 9222000,
      },
    ],
    ...overrides,
  };
}
