// FlashAlpha's HTTP API, the same code path for the real service and the simulator (over
// loopback or in-process). Header auth only, so the key never lands in a URL; every error that
// leaves this module has the key scrubbed from it, whatever the server echoed.
import type { z } from 'zod';
import type { BarSize, HedgeFlowData, SeriesData, Side } from '../model/flow.js';
import { TransportError, type HttpResponse, type HttpTransport } from '../ports/http.js';
import type { Account, ApiResult, Health, StockQuote } from './api-types.js';
import { ApiError } from './errors.js';
import { parseRateLimit, type RateLimit } from './rate-limit.js';
import { errorFromResponse } from './response-errors.js';
import { scrubError } from './scrub.js';
import {
  AccountWire,
  HealthWire,
  HedgeFlowWire,
  SeriesWire,
  StockQuoteWire,
} from './wire-schemas.js';
import { toSeriesBar } from './series-mapping.js';

export type { Account, ApiResult, Health, StockQuote } from './api-types.js';

/** The official SDKs' timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** The API clamps `minutes` to this range. */
export const MIN_MINUTES = 1;
export const MAX_MINUTES = 390;

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

interface Received {
  readonly response: HttpResponse;
  readonly rateLimit: RateLimit | null;
  readonly key: string | null;
}

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
    const params = new URLSearchParams({
      side: query.side,
      bar: query.bar,
      minutes: String(clampMinutes(query.minutes)),
    });
    const path = `/v1/flow/zero-dte/hedge-flow/${encodeURIComponent(sym)}?${params}`;
    const res = await this.#get(path, true, signal);
    const wire = await this.#parse(res, HedgeFlowWire);
    checkEcho(wire.symbol, sym, 'symbol', res.key);
    checkEcho(wire.side, query.side, 'side', res.key);
    checkEcho(wire.bar_size, query.bar, 'bar_size', res.key);
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
    const params = new URLSearchParams({
      bar: query.bar,
      minutes: String(clampMinutes(query.minutes)),
    });
    const path = `/v1/flow/zero-dte/series/${encodeURIComponent(sym)}?${params}`;
    const res = await this.#get(path, true, signal);
    const wire = await this.#parse(res, SeriesWire);
    checkEcho(wire.symbol, sym, 'symbol', res.key);
    checkEcho(wire.bar_size, query.bar, 'bar_size', res.key);
    return {
      rateLimit: res.rateLimit,
      data: {
        symbol: sym,
        expiration: wire.expiration,
        asOf: wire.as_of,
        barSize: wire.bar_size,
        bars: wire.bars.map(toSeriesBar),
      },
    };
  }

  async account(signal?: AbortSignal): Promise<ApiResult<Account>> {
    const res = await this.#get('/v1/account', true, signal);
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
    const res = await this.#get(`/stockquote/${encodeURIComponent(sym)}`, true, signal);
    const wire = await this.#parse(res, StockQuoteWire);
    checkEcho(wire.ticker, sym, 'ticker', res.key);
    return {
      rateLimit: res.rateLimit,
      data: {
        ticker: sym,
        bid: wire.bid ?? null,
        ask: wire.ask ?? null,
        mid: wire.mid ?? null,
        last: wire.lastPrice ?? null,
        lastUpdate: wire.lastUpdate ?? null,
      },
    };
  }

  /** Public and not rate limited: no key is sent. */
  async health(signal?: AbortSignal): Promise<ApiResult<Health>> {
    const res = await this.#get('/health', false, signal);
    const wire = await this.#parse(res, HealthWire);
    return {
      rateLimit: res.rateLimit,
      data: { status: wire.status, healthy: wire.status.toLowerCase() === 'healthy' },
    };
  }

  async #get(pathAndQuery: string, auth: boolean, signal?: AbortSignal): Promise<Received> {
    const key = auth ? this.#o.apiKey() : null;
    if (auth && !key) {
      throw new ApiError('auth', 'No API key is stored. Add your FlashAlpha key in Settings.');
    }
    if (signal?.aborted) throw new ApiError('aborted', 'The request was cancelled.');
    const url = `${this.#o.baseUrl.replace(/\/+$/, '')}${pathAndQuery}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (key) headers['X-Api-Key'] = key;
    let response: HttpResponse;
    try {
      response = await this.#o.transport({
        url,
        headers,
        timeoutMs: this.#o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw scrubError(fromTransport(error), key);
    }
    const rateLimit = parseRateLimit((name) => response.header(name));
    if (rateLimit) this.#o.onRateLimit?.(rateLimit);
    if (response.status < 200 || response.status >= 300) {
      const body = await readText(response, key);
      const error = errorFromResponse(
        response.status,
        body,
        (n) => response.header(n),
        this.#o.now(),
        rateLimit,
      );
      throw scrubError(error, key);
    }
    return { response, rateLimit, key };
  }

  async #parse<S extends z.ZodType>(res: Received, schema: S): Promise<z.output<S>> {
    const text = await readText(res.response, res.key);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw invalid(
        `The server sent a response that is not JSON (${describeBody(text)}).`,
        res.response.status,
        res.key,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'body';
      throw invalid(
        `The server sent an unexpected response: ${where}: ${issue?.message ?? 'invalid'}.`,
        res.response.status,
        res.key,
      );
    }
    return parsed.data;
  }
}

export function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase();
}

export function clampMinutes(minutes: number): number {
  if (!Number.isFinite(minutes)) return MAX_MINUTES;
  return Math.min(MAX_MINUTES, Math.max(MIN_MINUTES, Math.ceil(minutes)));
}

function invalid(message: string, status: number, key: string | null): ApiError {
  return scrubError(new ApiError('invalid-response', message, { status }), key);
}

function checkEcho(got: string, want: string, field: string, key: string | null): void {
  if (got.trim().toUpperCase() !== want.trim().toUpperCase()) {
    const shown = got.slice(0, 20);
    throw invalid(`The server answered for ${field} '${shown}' instead of '${want}'.`, 200, key);
  }
}

async function readText(response: HttpResponse, key: string | null): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw scrubError(fromTransport(error), key);
  }
}

function describeBody(text: string): string {
  if (text.trim().length === 0) return 'an empty body';
  return `${text.length} bytes starting '${text.slice(0, 40).replace(/\s+/g, ' ')}'`;
}

function fromTransport(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TransportError) {
    return new ApiError(error.kind === 'aborted' ? 'aborted' : error.kind, error.message);
  }
  return new ApiError('network', error instanceof Error ? error.message : String(error));
}
