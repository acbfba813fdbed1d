// FlashAlpha's HTTP API, the same code path for the real service and the simulator (over
// loopback or in-process). Header auth only, so the key never lands in a URL or a log.
import type { z } from 'zod';
import type { BarSize, HedgeFlowData, SeriesData, Side } from '../model/flow.js';
import { TransportError, type HttpResponse, type HttpTransport } from '../ports/http.js';
import { ApiError } from './errors.js';
import { parseRateLimit, type RateLimit } from './rate-limit.js';
import { errorFromResponse } from './response-errors.js';
import { AccountWire, HedgeFlowWire, SeriesWire, StockQuoteWire } from './wire-schemas.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ApiResult<T> {
  readonly data: T;
  readonly rateLimit: RateLimit | null;
}

export interface Account {
  readonly plan: string;
  readonly dailyLimit: number | 'unlimited';
  readonly remaining: number | 'unlimited';
  readonly usageToday: number | null;
  readonly resetsAt: number | null;
}

export interface StockQuote {
  readonly ticker: string;
  readonly mid: number | null;
  readonly last: number | null;
}

export interface ClientOptions {
  readonly baseUrl: string;
  /** Read on every request, so replacing the key in the keychain takes effect at once. */
  readonly apiKey: () => string | null;
  readonly transport: HttpTransport;
  readonly now: () => number;
  readonly timeoutMs?: number;
  /** Sees every response's rate-limit headers, errors included. */
  readonly onRateLimit?: (rateLimit: RateLimit) => void;
}

export type Endpoint = 'hedge-flow' | 'series' | 'account' | 'stockquote' | 'health';

export class FlashAlphaClient {
  readonly #o: ClientOptions;

  constructor(options: ClientOptions) {
    this.#o = options;
  }

  async hedgeFlow(
    symbol: string,
    query: { side: Side; bar: BarSize; minutes: number },
    signal?: AbortSignal,
  ): Promise<ApiResult<HedgeFlowData>> {
    const sym = normalizeSymbol(symbol);
    const params = new URLSearchParams({ side: query.side, bar: query.bar, minutes: String(clampMinutes(query.minutes)) });
    const res = await this.#get(`/v1/flow/zero-dte/hedge-flow/${encodeURIComponent(sym)}?${params}`, signal);
    const wire = await this.#parse(res, HedgeFlowWire);
    checkEcho(wire.symbol, sym, 'symbol');
    checkEcho(wire.side, query.side, 'side');
    checkEcho(wire.bar_size, query.bar, 'bar_size');
    return {
      rateLimit: res.rateLimit,
      data: {
        symbol: sym,
        expiration: wire.expiration,
        asOf: wire.as_of,
        side: wire.side,
        barSize: wire.bar_size,
        bars: wire.bars,
      },
    };
  }

  async series(
    symbol: string,
    query: { bar: BarSize; minutes: number },
    signal?: AbortSignal,
  ): Promise<ApiResult<SeriesData>> {
    const sym = normalizeSymbol(symbol);
    const params = new URLSearchParams({ bar: query.bar, minutes: String(clampMinutes(query.minutes)) });
    const res = await this.#get(`/v1/flow/zero-dte/series/${encodeURIComponent(sym)}?${params}`, signal);
    const wire = await this.#parse(res, SeriesWire);
    checkEcho(wire.symbol, sym, 'symbol');
    checkEcho(wire.bar_size, query.bar, 'bar_size');
    return {
      rateLimit: res.rateLimit,
      data: {
        symbol: sym,
        expiration: wire.expiration,
        asOf: wire.as_of,
        barSize: wire.bar_size,
        bars: wire.bars.map((b) => ({
          t: b.t,
          spot: b.spot,
          netGex: b.net_gex,
          netDex: b.net_dex,
          gammaFlip: b.gamma_flip,
          callWall: b.call_wall,
          putWall: b.put_wall,
          magnet: b.magnet,
          pinScore: b.pin_score,
          pinProbabilityPct: b.pin_probability_pct,
          regime: b.regime,
          atmIv: b.atm_iv,
          charmDollarsPerHour: b.charm_dollars_per_hour,
          callCumulative: b.hedge_flow_call_cumulative,
          putCumulative: b.hedge_flow_put_cumulative,
          allCumulative: b.hedge_flow_cumulative_all,
        })),
      },
    };
  }

  async account(signal?: AbortSignal): Promise<ApiResult<Account>> {
    const res = await this.#get('/v1/account', signal);
    const wire = await this.#parse(res, AccountWire);
    return {
      rateLimit: res.rateLimit,
      data: {
        plan: wire.plan,
        dailyLimit: wire.daily_limit,
        remaining: wire.remaining,
        usageToday: wire.usage_today ?? null,
        resetsAt: wire.resets_at ?? null,
      },
    };
  }

  async stockQuote(ticker: string, signal?: AbortSignal): Promise<ApiResult<StockQuote>> {
    const sym = normalizeSymbol(ticker);
    const res = await this.#get(`/stockquote/${encodeURIComponent(sym)}`, signal);
    const wire = await this.#parse(res, StockQuoteWire);
    return { rateLimit: res.rateLimit, data: { ticker: wire.ticker, mid: wire.mid ?? null, last: wire.lastPrice ?? null } };
  }

  async #get(pathAndQuery: string, signal?: AbortSignal): Promise<{ response: HttpResponse; rateLimit: RateLimit | null }> {
    const key = this.#o.apiKey();
    if (!key) throw new ApiError('auth', 'No API key is stored. Add your FlashAlpha key in Settings.');
    const url = `${this.#o.baseUrl.replace(/\/+$/, '')}${pathAndQuery}`;
    let response: HttpResponse;
    try {
      response = await this.#o.transport({
        url,
        headers: { 'X-Api-Key': key, Accept: 'application/json' },
        timeoutMs: this.#o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw fromTransport(error);
    }
    const rateLimit = parseRateLimit((name) => response.header(name));
    if (rateLimit) this.#o.onRateLimit?.(rateLimit);
    if (response.status < 200 || response.status >= 300) {
      const body = await readText(response);
      throw scrub(errorFromResponse(response.status, body, (n) => response.header(n), this.#o.now(), rateLimit), key);
    }
    return { response, rateLimit };
  }

  async #parse<S extends z.ZodType>(res: { response: HttpResponse }, schema: S): Promise<z.output<S>> {
    const text = await readText(res.response);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError('invalid-response', `The server sent a response that is not JSON (${describeBody(text)}).`, {
        status: res.response.status,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'body';
      throw new ApiError('invalid-response', `The server sent an unexpected response: ${where}: ${issue?.message ?? 'invalid'}.`, {
        status: res.response.status,
      });
    }
    return parsed.data;
  }
}

export function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase();
}

function clampMinutes(minutes: number): number {
  return Math.min(390, Math.max(1, Math.round(minutes)));
}

function checkEcho(got: string, want: string, field: string): void {
  if (got.trim().toUpperCase() !== want.trim().toUpperCase()) {
    throw new ApiError('invalid-response', `The server answered for ${field} '${got}' instead of '${want}'.`);
  }
}

async function readText(response: HttpResponse): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw fromTransport(error);
  }
}

function describeBody(text: string): string {
  if (text.length === 0) return 'empty body';
  return `${text.length} bytes starting '${text.slice(0, 40).replace(/\s+/g, ' ')}'`;
}

function fromTransport(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TransportError) {
    return new ApiError(error.kind === 'aborted' ? 'aborted' : error.kind, error.message);
  }
  return new ApiError('network', error instanceof Error ? error.message : String(error));
}

/** A server that echoes the key back must not get it into our messages. */
function scrub(error: ApiError, key: string): ApiError {
  if (!error.message.includes(key)) return error;
  return new ApiError(error.kind, error.message.split(key).join('[redacted]'), error.details);
}
