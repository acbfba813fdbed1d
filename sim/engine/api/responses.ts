// Response bodies, byte for byte as ../shared/API.md shows them. Where FlashAlpha uses two
// shapes for one status, the simulator sends the first one API.md lists (docs/simulator.md).
import type { SimResponse } from './types.js';
import { PLAN_TITLE, upgradeFrom, type Plan } from './plans.js';

const JSON_TYPE = 'application/json; charset=utf-8';

export function json(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): SimResponse {
  return jsonText(status, JSON.stringify(body), headers);
}

/** A response whose body is already JSON text. */
export function jsonText(
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): SimResponse {
  return {
    status,
    headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers },
    body,
  };
}

export function badRequest(error: 'invalid_side' | 'invalid_bar'): SimResponse {
  const message =
    error === 'invalid_side' ? 'side must be all|calls|puts' : 'bar must be 30s|1m|5m|15m';
  return json(400, { error, message });
}

export function unauthorized(): SimResponse {
  return json(401, { title: 'Unauthorized', status: 401, detail: 'Invalid API key.' });
}

export function tierRestricted(current: Plan, required: Plan): SimResponse {
  return json(403, {
    status: 'ERROR',
    error: 'tier_restricted',
    message: `This endpoint requires the ${PLAN_TITLE[required]} plan or higher.`,
    current_plan: PLAN_TITLE[current],
    required_plan: PLAN_TITLE[required],
  });
}

export function symbolNotFound(symbol: string): SimResponse {
  return json(404, { error: 'symbol_not_found', message: `No data for ${symbol}.` });
}

export function routeNotFound(path: string): SimResponse {
  return json(404, { title: 'Not Found', status: 404, detail: `No route for ${path}.` });
}

export function methodNotAllowed(): SimResponse {
  return json(
    405,
    { title: 'Method Not Allowed', status: 405, detail: 'Only GET is supported.' },
    { allow: 'GET' },
  );
}

export function quotaExceeded(
  plan: Plan,
  limit: number,
  resetAt: number,
  nowMs: number,
): SimResponse {
  const upgrade = upgradeFrom(plan);
  const title = PLAN_TITLE[plan];
  const hint = upgrade ? ` Upgrade to ${PLAN_TITLE[upgrade]} for a higher limit.` : '';
  return json(
    429,
    {
      status: 'ERROR',
      error: 'Quota exceeded',
      message: `You have exceeded your daily API quota of ${limit} requests on the ${title} plan.${hint} The quota resets at midnight UTC.`,
      current_plan: title,
      limit,
      upgrade_to: upgrade ? PLAN_TITLE[upgrade] : null,
      reset_at: isoSeconds(resetAt),
    },
    { 'retry-after': String(Math.max(1, Math.ceil((resetAt - nowMs) / 1000))) },
  );
}

const DAY_MS = 86_400_000;
let cachedDay = NaN;
let cachedPrefix = '';

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * UTC ISO-8601 to whole seconds: `2026-06-05T18:45:12Z`. A poll formats hundreds of bar
 * times of one day, so the date part is cached and only the time of day is formatted.
 */
export function isoSeconds(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const s = Math.floor((ms - day * DAY_MS) / 1000);
  return `${cachedPrefix}${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}Z`;
}
