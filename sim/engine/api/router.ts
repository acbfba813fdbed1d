// The FlashAlpha-compatible router: a pure function of (request, server time) over the market
// data, the key table and the quota book. Order of checks for a protected endpoint: route ->
// key (401) -> quota (429, not counted) -> count the request -> plan (403) -> parameters (400)
// -> 200. So 400s and 403s use quota, as they would behind an API gateway that meters every
// authenticated call; /v1/account is free so clients can learn their budget without spending it.
import { nyDate } from '../../../calendar/index.js';
import type { MarketData } from '../data/market-data.js';
import { hedgeFlowBody, seriesBody, type FlowQuery } from './flow-endpoints.js';
import { normalizeSymbol, parseBar, parseMinutes, parseSide } from './params.js';
import { DAILY_LIMIT, planRank, type ApiKey, type Plan } from './plans.js';
import { rateLimitHeaders, type QuotaBook } from './quota.js';
import {
  badRequest,
  isoSeconds,
  json,
  jsonText,
  methodNotAllowed,
  quotaExceeded,
  routeNotFound,
  symbolNotFound,
  tierRestricted,
  unauthorized,
} from './responses.js';
import type { SimRequest, SimResponse } from './types.js';

type Route =
  | { kind: 'health' }
  | { kind: 'account' }
  | { kind: 'stockquote'; symbol: string }
  | { kind: 'hedge-flow'; symbol: string }
  | { kind: 'series'; symbol: string };

const FLOW_PREFIX = '/v1/flow/zero-dte/';

export interface RouterDeps {
  readonly data: MarketData;
  readonly keys: ReadonlyMap<string, ApiKey>;
  readonly quota: QuotaBook;
}

export function matchRoute(path: string): Route | null {
  const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (p === '/health') return { kind: 'health' };
  if (p === '/v1/account') return { kind: 'account' };
  const symbolAfter = (prefix: string): string | null => {
    if (!p.startsWith(prefix)) return null;
    const rest = p.slice(prefix.length);
    if (rest === '' || rest.includes('/')) return null;
    const symbol = normalizeSymbol(rest);
    return symbol ? symbol : null;
  };
  const quoteSymbol = symbolAfter('/stockquote/');
  if (quoteSymbol) return { kind: 'stockquote', symbol: quoteSymbol };
  const flowSymbol = symbolAfter(`${FLOW_PREFIX}hedge-flow/`);
  if (flowSymbol) return { kind: 'hedge-flow', symbol: flowSymbol };
  const seriesSymbol = symbolAfter(`${FLOW_PREFIX}series/`);
  if (seriesSymbol) return { kind: 'series', symbol: seriesSymbol };
  return null;
}

/** The caller's key: the X-Api-Key header, else the apiKey query parameter. */
function apiKeyOf(req: SimRequest, query: URLSearchParams): string | null {
  const header = req.headers['x-api-key']?.trim();
  if (header) return header;
  const param = query.get('apiKey')?.trim();
  return param ? param : null;
}

export function createRouter(deps: RouterDeps): (req: SimRequest, nowMs: number) => SimResponse {
  return (req, rawNowMs) => {
    // Responses are stamped to the second (as_of); everything is computed at that instant so
    // that what a response contains is exactly what was known at its as_of.
    const nowMs = Math.floor(rawNowMs / 1000) * 1000;
    let url: URL;
    try {
      url = new URL(req.url, 'http://sim.invalid');
    } catch {
      return routeNotFound(req.url);
    }
    const route = matchRoute(url.pathname);
    if (!route) return routeNotFound(url.pathname);
    if (req.method !== 'GET') return methodNotAllowed();
    if (route.kind === 'health') return json(200, { status: 'Healthy' });

    const keyText = apiKeyOf(req, url.searchParams);
    const key = keyText === null ? undefined : deps.keys.get(keyText);
    if (!key) return unauthorized();
    if (route.kind === 'account') {
      const state = deps.quota.peek(key, nowMs);
      return withHeaders(accountBody(key, deps, nowMs), rateLimitHeaders(state));
    }

    const { admitted, state } = deps.quota.consume(key, nowMs);
    const headers = rateLimitHeaders(state);
    if (!admitted) {
      return withHeaders(quotaExceeded(key.plan, state.limit ?? 0, state.resetAt, nowMs), headers);
    }
    return withHeaders(protectedRoute(route, key.plan, url.searchParams, deps, nowMs), headers);
  };
}

function protectedRoute(
  route: Exclude<Route, { kind: 'health' | 'account' }>,
  plan: Plan,
  query: URLSearchParams,
  deps: RouterDeps,
  nowMs: number,
): SimResponse {
  if (route.kind === 'stockquote') return stockQuote(route.symbol, deps, nowMs);
  if (planRank(plan) < planRank('growth')) return tierRestricted(plan, 'growth');
  const bar = parseBar(query.get('bar'));
  const side = route.kind === 'hedge-flow' ? parseSide(query.get('side')) : 'all';
  // API.md lists invalid_side before invalid_bar; with both wrong, side is reported.
  if (side === null) return badRequest('invalid_side');
  if (bar === null) return badRequest('invalid_bar');
  const expiration = nyDate(nowMs);
  const q: FlowQuery = {
    symbol: route.symbol,
    expiration,
    nowMs,
    bar,
    minutes: parseMinutes(query.get('minutes')),
    track: deps.data.zeroDteDay(route.symbol, expiration),
  };
  return jsonText(200, route.kind === 'hedge-flow' ? hedgeFlowBody(q, side) : seriesBody(q));
}

function stockQuote(symbol: string, deps: RouterDeps, nowMs: number): SimResponse {
  const quote = deps.data.quote(symbol, nowMs);
  if (!quote) return symbolNotFound(symbol);
  const { track, state, halfSpread } = quote;
  const last = track.fields.spot[state]!;
  const cents = (x: number): number => Math.round(x * 100) / 100;
  const bid = cents(last - halfSpread);
  const ask = cents(last + halfSpread);
  return json(200, {
    ticker: symbol,
    bid,
    ask,
    mid: Math.round(((bid + ask) / 2) * 1000) / 1000,
    lastPrice: last,
    lastUpdate: isoSeconds(track.timeOf(state)),
  });
}

function accountBody(key: ApiKey, deps: RouterDeps, nowMs: number): SimResponse {
  const state = deps.quota.peek(key, nowMs);
  const limit = DAILY_LIMIT[key.plan];
  const index = [...deps.keys.keys()].indexOf(key.key);
  return json(200, {
    user_id: `sim-user-${index + 1}`,
    email: `${key.plan}-${index + 1}@users.hedgeflow.invalid`,
    plan: key.plan,
    daily_limit: limit === null ? 'unlimited' : String(limit),
    usage_today: state.used,
    remaining: state.remaining === null ? 'unlimited' : String(state.remaining),
    resets_at: isoSeconds(state.resetAt),
  });
}

function withHeaders(res: SimResponse, headers: Record<string, string>): SimResponse {
  return { ...res, headers: { ...res.headers, ...headers } };
}
