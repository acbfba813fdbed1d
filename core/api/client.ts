// FlashAlpha's HTTP API, the same code path for the real service and the simulator (over
// loopback or in-process). Header auth only, so the key never lands in a URL; every error that
// leaves this module is scrubbed of the key (and every other secret the process knows),
// whatever the server echoed, and server text is scrubbed before it is cut.
import type { z } from 'zod';
import { messageOf } from '../base/error-message.js';
import type { SecretRegistry } from '../log/secret-registry.js';
import type { BarSize, HedgeFlowData, SeriesData, Side } from '../model/flow.js';
import { TransportError, type HttpResponse, type HttpTransport } from '../ports/http.js';
import type { Logger } from '../ports/logger.js';
import type { Account, ApiResult, Health, StockQuote } from './api-types.js';
import { ApiError } from './errors.js';
import { parseRateLimit, type RateLimit } from './rate-limit.js';
import { errorFromResponse } from './response-errors.js';
import { scrubberFor, scrubError, type Scrub } from './scrub.js';
import {
  AccountWire,
  HealthWire,
  HedgeFlowWire,
  SeriesWire,
  StockQuoteWire,
} from './wire-schemas.js';
import { toSeriesBar } from './series-mapping.js';
import { wireIssueText } from './wire-issue.js';

export type { Account, ApiResult, Health, StockQuote } from './api-types.js';

/** The official SDKs' timeout. */
const DEFAULT_TIMEOUT_MS = 30_000;
/** The API clamps `minutes` to this range. */
const MIN_MINUTES = 1;
export const MAX_MINUTES = 390;

export interface ClientOptions {
  readonly baseUrl: string;
  /** Read on every request, so replacing the key in the keychain takes effect at once. */
  readonly apiKey: () => string | null;
  readonly transport: HttpTransport;
  readonly now: () => number;
  readonly timeoutMs?: number;
  /** One debug line per request (`watch --verbose`); never the key. */
  readonly logger?: Logger;
  /** The secrets errors are scrubbed of, besides the key; default the process's registry. */
  readonly secrets?: SecretRegistry;
  /** A monotonic ms clock for request latency (the app's clock may be virtual or scaled). */
  readonly monotonic?: () => number;
}

type Endpoint = 'hedge-flow' | 'series' | 'account' | 'stockquote' | 'health';

/** What a request asked for, as its debug line says it. */
interface RequestInfo {
  readonly endpoint: Endpoint;
  readonly symbol?: string;
  readonly side?: Side;
  readonly bar?: BarSize;
  readonly minutes?: number;
}

interface Received {
  readonly response: HttpResponse;
  readonly rateLimit: RateLimit | null;
  readonly scrub: Scrub;
}

export class FlashAlphaClient {
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = options;
  }

  async hedgeFlow(
    symbol: string,
    query: { side: Side; bar: BarSize; minutes: number },
    signal?: AbortSignal,
  ): Promise<ApiResult<HedgeFlowData>> {
    const sym = normalizeSymbol(symbol);
    const minutes = clampMinutes(query.minutes);
    const params = new URLSearchParams({
      side: query.side,
      bar: query.bar,
      minutes: String(minutes),
    });
    const path = `/v1/flow/zero-dte/hedge-flow/${encodeURIComponent(sym)}?${params}`;
    const info: RequestInfo = {
      endpoint: 'hedge-flow',
      symbol: sym,
      side: query.side,
      bar: query.bar,
      minutes,
    };
    const { wire, ...res } = await this.#request(info, path, true, HedgeFlowWire, signal);
    checkEcho(wire.symbol, sym, 'symbol', res.scrub);
    checkEcho(wire.side, query.side, 'side', res.scrub);
    checkEcho(wire.bar_size, query.bar, 'bar_size', res.scrub);
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
    const minutes = clampMinutes(query.minutes);
    const params = new URLSearchParams({ bar: query.bar, minutes: String(minutes) });
    const path = `/v1/flow/zero-dte/series/${encodeURIComponent(sym)}?${params}`;
    const info: RequestInfo = { endpoint: 'series', symbol: sym, bar: query.bar, minutes };
    const { wire, ...res } = await this.#request(info, path, true, SeriesWire, signal);
    checkEcho(wire.symbol, sym, 'symbol', res.scrub);
    checkEcho(wire.bar_size, query.bar, 'bar_size', res.scrub);
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
    const info: RequestInfo = { endpoint: 'account' };
    const { wire, ...res } = await this.#request(info, '/v1/account', true, AccountWire, signal);
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
    const path = `/stockquote/${encodeURIComponent(sym)}`;
    const info: RequestInfo = { endpoint: 'stockquote', symbol: sym };
    const { wire, ...res } = await this.#request(info, path, true, StockQuoteWire, signal);
    checkEcho(wire.ticker, sym, 'ticker', res.scrub);
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
    const info: RequestInfo = { endpoint: 'health' };
    const { wire, ...res } = await this.#request(info, '/health', false, HealthWire, signal);
    return {
      rateLimit: res.rateLimit,
      data: { status: wire.status, healthy: wire.status.toLowerCase() === 'healthy' },
    };
  }

  /** One request: sent, checked, parsed, and logged in one debug line however it ended. */
  async #request<S extends z.ZodType>(
    info: RequestInfo,
    pathAndQuery: string,
    auth: boolean,
    schema: S,
    signal?: AbortSignal,
  ): Promise<Received & { wire: z.output<S> }> {
    const started = this.#elapsed();
    let received: Received | null = null;
    let failure: unknown = null;
    try {
      received = await this.#get(pathAndQuery, auth, signal);
      return { ...received, wire: await this.#parse(received, schema) };
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      this.#log(info, started, received, failure);
    }
  }

  #elapsed(): number {
    return this.#options.monotonic ? this.#options.monotonic() : performance.now();
  }

  /** endpoint, symbol, window, status, remaining quota, latency: never the key or a URL. */
  #log(info: RequestInfo, started: number, got: Received | null, failure: unknown): void {
    const details = failure instanceof ApiError ? failure.details : {};
    this.#options.logger?.debug(`request ${info.endpoint}`, {
      symbol: info.symbol,
      side: info.side,
      bar: info.bar,
      minutes: info.minutes,
      status: got?.response.status ?? details.status,
      remaining: (got?.rateLimit ?? details.rateLimit)?.remaining,
      ms: Math.round(this.#elapsed() - started),
      error: failure === null ? undefined : failure instanceof ApiError ? failure.kind : 'internal',
    });
  }

  async #get(pathAndQuery: string, auth: boolean, signal?: AbortSignal): Promise<Received> {
    const key = auth ? this.#options.apiKey() : null;
    if (auth && !key) {
      throw new ApiError('auth', 'No API key is stored. Add your FlashAlpha key in Settings.');
    }
    if (signal?.aborted) throw new ApiError('aborted', 'The request was cancelled.');
    const scrub = scrubberFor(key, this.#options.secrets);
    const url = `${this.#options.baseUrl.replace(/\/+$/, '')}${pathAndQuery}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (key) headers['X-Api-Key'] = key;
    let response: HttpResponse;
    try {
      response = await this.#options.transport({
        url,
        headers,
        timeoutMs: this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw scrubError(fromTransport(error), scrub);
    }
    // Every response's headers, errors included: on the result, or on the error's details.
    const rateLimit = parseRateLimit((name) => response.header(name));
    if (response.status < 200 || response.status >= 300) {
      const body = await readText(response, scrub);
      const error = errorFromResponse(
        response.status,
        body,
        (n) => response.header(n),
        this.#options.now(),
        rateLimit,
        scrub,
      );
      throw scrubError(error, scrub);
    }
    return { response, rateLimit, scrub };
  }

  async #parse<S extends z.ZodType>(res: Received, schema: S): Promise<z.output<S>> {
    const text = await readText(res.response, res.scrub);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw invalid(
        `The server sent a response that is not JSON (${describeBody(text, res.scrub)}).`,
        res.response.status,
        res.scrub,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'body';
      throw invalid(
        `The server sent an unexpected response: ${where}: ${wireIssueText(issue)}.`,
        res.response.status,
        res.scrub,
      );
    }
    return parsed.data;
  }
}

function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase();
}

export function clampMinutes(minutes: number): number {
  if (!Number.isFinite(minutes)) return MAX_MINUTES;
  return Math.min(MAX_MINUTES, Math.max(MIN_MINUTES, Math.ceil(minutes)));
}

function invalid(message: string, status: number, scrub: Scrub): ApiError {
  return scrubError(new ApiError('invalid-response', message, { status }), scrub);
}

/** Server text shown in a message: scrubbed first, then cut (a cut must not keep a key part). */
function excerpt(text: string, length: number, scrub: Scrub): string {
  const clean = scrub(scrub(text).replace(/\s+/g, ' '));
  return clean.length > length ? `${clean.slice(0, length)}…` : clean;
}

function checkEcho(got: string, want: string, field: string, scrub: Scrub): void {
  if (got.trim().toUpperCase() !== want.trim().toUpperCase()) {
    const shown = excerpt(got, 20, scrub);
    throw invalid(`The server answered for ${field} '${shown}' instead of '${want}'.`, 200, scrub);
  }
}

async function readText(response: HttpResponse, scrub: Scrub): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw scrubError(fromTransport(error), scrub);
  }
}

function describeBody(text: string, scrub: Scrub): string {
  if (text.trim().length === 0) return 'an empty body';
  return `${text.length} bytes starting '${excerpt(text, 40, scrub)}'`;
}

function fromTransport(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TransportError) {
    return new ApiError(error.kind === 'aborted' ? 'aborted' : error.kind, error.message);
  }
  return new ApiError('network', messageOf(error));
}
