// A small stand-in for FlashAlpha behind the HttpTransport port, for unit tests of the poll
// loop: a deterministic 30 s raw tier per symbol, the API's windowing and last-in-bucket
// downsampling, keys with daily quotas and rate-limit headers, and scripted faults. The real
// simulator (sim/) is exercised by the integration tests; this one is small enough to reason
// about bar by bar.
import { sessionOn } from '../../../../calendar/index.js';
import { nyDate } from '../../../../calendar/index.js';
import { BAR_MS, type BarSize } from '../../../../core/model/flow.js';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../../core/ports/http.js';
import { TransportError } from '../../../../core/ports/http.js';
import type { InProcessSimulator } from '../../../../core/source/sim-transport.js';

interface Plain {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const RAW = 30_000;

export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'network' }
  | { kind: 'garbage' };

export interface FakeServerOptions {
  readonly now: () => number;
  /** key -> daily limit ('unlimited' allowed) */
  readonly keys?: Record<string, number | 'unlimited'>;
  /** Symbols that have no 0DTE chain (empty bars). */
  readonly empty?: readonly string[];
}

export interface Logged {
  readonly at: number;
  readonly path: string;
  readonly params: URLSearchParams;
  readonly status: number;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The raw increment of one leg at one sample: deterministic per (symbol, leg, time). */
function increment(symbol: string, leg: string, t: number): number {
  const h = hash(`${symbol}:${leg}:${t}`);
  return ((h % 2001) - 1000) * 1000;
}

export class FakeFlowServer {
  readonly log: Logged[] = [];
  /** Faults served (first in, first out) instead of the next responses. */
  readonly faults: Fault[] = [];
  readonly #options: FakeServerOptions;
  readonly #used = new Map<string, number>();
  readonly #cum = new Map<string, Map<number, number>>();

  constructor(options: FakeServerOptions) {
    this.#options = options;
  }

  get requests(): number {
    return this.log.length;
  }

  /** Requests that reached the data endpoints. */
  get dataRequests(): Logged[] {
    return this.log.filter((l) => l.path.startsWith('/v1/flow/'));
  }

  /** Cumulative of a leg at raw sample `s` (since the open of that day's session). */
  cumulative(symbol: string, leg: 'calls' | 'puts', s: number): number {
    const key = `${symbol}:${leg}:${nyDate(s)}`;
    let m = this.#cum.get(key);
    if (!m) this.#cum.set(key, (m = new Map()));
    const hit = m.get(s);
    if (hit !== undefined) return hit;
    const session = sessionOn(nyDate(s))!;
    let total = 0;
    for (let t = session.open; t <= s; t += RAW) {
      const cached = m.get(t);
      if (cached !== undefined && t < s) {
        total = cached;
        continue;
      }
      total += increment(symbol, leg, t);
      m.set(t, total);
    }
    return total;
  }

  /** The server's own full-session bars (what a perfect client ends the day with). */
  truth(symbol: string, date: string, bar: BarSize, side: 'all' | 'calls' | 'puts' = 'all') {
    const session = sessionOn(date)!;
    return this.#bars(symbol, side, bar, session.open, session.close - RAW, session.open);
  }

  #value(symbol: string, side: 'all' | 'calls' | 'puts', s: number): number {
    if (side === 'all')
      return this.cumulative(symbol, 'calls', s) + this.cumulative(symbol, 'puts', s);
    return this.cumulative(symbol, side, s);
  }

  /** Buckets covering samples in [from, to], last sample of each bucket, bar = diff. */
  #bars(
    symbol: string,
    side: 'all' | 'calls' | 'puts',
    bar: BarSize,
    from: number,
    to: number,
    open: number,
  ) {
    const ms = BAR_MS[bar];
    const out: { t: number; bar: number; cumulative: number }[] = [];
    const first = Math.ceil((from - open) / RAW) * RAW + open;
    const byBucket = new Map<number, number>();
    for (let s = first; s <= to; s += RAW) byBucket.set(open + Math.floor((s - open) / ms) * ms, s);
    for (const [t, s] of byBucket) {
      const cum = this.#value(symbol, side, s);
      const prev = t === open ? 0 : this.#value(symbol, side, t - RAW);
      out.push({ t, bar: cum - prev, cumulative: cum });
    }
    return out;
  }

  readonly transport: HttpTransport = async (request) => {
    const r = this.handle(request);
    const lower = new Map(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const response: HttpResponse = {
      status: r.status,
      header: (n) => lower.get(n.toLowerCase()) ?? null,
      text: async () => r.body,
    };
    return response;
  };

  /** The same server as an in-process simulator (demo mode's shape). */
  simulator(): InProcessSimulator {
    return {
      handle: (req, nowMs) =>
        this.handle(
          {
            url: `http://sim${req.url}`,
            headers: { 'X-Api-Key': req.headers['x-api-key'] ?? '' },
            timeoutMs: 0,
          },
          nowMs,
        ),
    };
  }

  #respond(status: number, body: unknown, headers: Record<string, string> = {}): Plain {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return { status, headers, body: text };
  }

  handle(request: HttpRequest, now: number = this.#options.now()): Plain {
    const url = new URL(request.url);
    const entry = (status: number) =>
      this.log.push({ at: now, path: url.pathname, params: url.searchParams, status });
    const fault = this.faults.shift();
    if (fault?.kind === 'network') {
      entry(0);
      throw new TransportError('network', 'connection reset');
    }
    if (fault?.kind === 'status') {
      entry(fault.status);
      return this.#respond(fault.status, fault.body ?? '{"detail":"fault"}', fault.headers);
    }
    const key = request.headers['X-Api-Key'] ?? '';
    const limit = (this.#options.keys ?? { 'growth-key': 2500 })[key];
    if (limit === undefined) {
      entry(401);
      return this.#respond(401, { title: 'Unauthorized', status: 401, detail: 'Invalid API key.' });
    }
    const day = new Date(now).toISOString().slice(0, 10);
    const usedKey = `${key}:${day}`;
    const used = this.#used.get(usedKey) ?? 0;
    const reset = Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + 86_400;
    if (limit !== 'unlimited' && used >= limit) {
      entry(429);
      return this.#respond(
        429,
        {
          status: 'ERROR',
          error: 'Quota exceeded',
          message: 'quota spent',
          limit,
          reset_at: new Date(reset * 1000).toISOString(),
        },
        {
          'Retry-After': String(reset - Math.floor(now / 1000)),
          'X-RateLimit-Limit': String(limit),
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(reset),
        },
      );
    }
    this.#used.set(usedKey, used + 1);
    const headers = {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': limit === 'unlimited' ? 'unlimited' : String(limit - used - 1),
      'X-RateLimit-Reset': String(reset),
    };
    entry(200);
    if (fault?.kind === 'garbage') return this.#respond(200, '{"symbol":"SP', headers);
    return this.#respond(
      200,
      this.#body(url, now, limit, headers['X-RateLimit-Remaining']),
      headers,
    );
  }

  #body(url: URL, now: number, limit: number | 'unlimited', remaining: string): unknown {
    if (url.pathname === '/v1/account') {
      return { plan: 'growth', daily_limit: String(limit), remaining, usage_today: 0 };
    }
    const m = /^\/v1\/flow\/zero-dte\/(hedge-flow|series)\/([A-Z.]+)$/.exec(url.pathname);
    if (!m) return { detail: 'not found' };
    const symbol = m[2]!;
    const bar = (url.searchParams.get('bar') ?? '30s') as BarSize;
    const minutes = Number(url.searchParams.get('minutes') ?? '60');
    const date = nyDate(now);
    const session = sessionOn(date);
    const wrap = { symbol, expiration: date, as_of: new Date(now).toISOString(), bar_size: bar };
    const lastSample = session
      ? Math.min(session.close - RAW, Math.floor((now - session.open) / RAW) * RAW + session.open)
      : 0;
    const noData = !session || now < session.open || (this.#options.empty ?? []).includes(symbol);
    const from = Math.max(session?.open ?? 0, now - minutes * 60_000);
    if (m[1] === 'hedge-flow') {
      const side = (url.searchParams.get('side') ?? 'all') as 'all' | 'calls' | 'puts';
      const bars = noData ? [] : this.#bars(symbol, side, bar, from, lastSample, session!.open);
      return { ...wrap, side, bars: bars.map((b) => ({ ...b, t: new Date(b.t).toISOString() })) };
    }
    const calls = noData ? [] : this.#bars(symbol, 'calls', bar, from, lastSample, session!.open);
    const puts = noData ? [] : this.#bars(symbol, 'puts', bar, from, lastSample, session!.open);
    return {
      ...wrap,
      bars: calls.map((c, i) => ({
        t: new Date(c.t).toISOString(),
        spot: 590,
        gamma_flip: 588,
        hedge_flow_call_cumulative: c.cumulative,
        hedge_flow_put_cumulative: puts[i]!.cumulative,
        hedge_flow_cumulative_all: c.cumulative + puts[i]!.cumulative,
      })),
    };
  }
}
