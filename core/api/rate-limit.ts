/** The X-RateLimit-* headers every authenticated response carries. */
export interface RateLimit {
  readonly limit: number | 'unlimited';
  readonly remaining: number | 'unlimited';
  /** Epoch ms of the next reset (midnight UTC). */
  readonly resetAt: number | null;
}

function count(value: string | null): number | 'unlimited' | null {
  if (value === null) return null;
  const v = value.trim().toLowerCase();
  if (v === 'unlimited' || v === '-1') return 'unlimited';
  if (!/^\d+$/.test(v)) return null;
  return Number(v);
}

/** The headers, or null when the response carried neither a limit nor a remaining count. */
export function parseRateLimit(header: (name: string) => string | null): RateLimit | null {
  const limit = count(header('x-ratelimit-limit'));
  const remaining = count(header('x-ratelimit-remaining'));
  if (limit === null && remaining === null) return null;
  const resetRaw = header('x-ratelimit-reset');
  const reset =
    resetRaw !== null && /^\d+(\.\d+)?$/.test(resetRaw.trim()) ? Number(resetRaw) * 1000 : null;
  return {
    limit: limit ?? (remaining === 'unlimited' ? 'unlimited' : null) ?? remaining ?? 0,
    remaining: remaining ?? limit ?? 0,
    resetAt: reset,
  };
}

/**
 * Retry-After as seconds (the SDKs read an integer; a decimal is tolerated) or an HTTP date;
 * returns ms, never negative.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (!/[a-z]/i.test(v)) return null;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
