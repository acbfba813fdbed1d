// How long a service asked us to wait: the Retry-After header (seconds or an HTTP date), or the
// value some services put in their JSON body instead (Discord's `retry_after`, Telegram's
// `parameters.retry_after`, both in seconds).

/** A wait longer than this is treated as this: a delivery expires long before, anyway. */
export const MAX_WAIT_MS = 60 * 60_000;

function clampMs(ms: number): number | null {
  if (!Number.isFinite(ms) || ms < 0) return null;
  return Math.min(Math.ceil(ms), MAX_WAIT_MS);
}

/** Retry-After: delta-seconds (Discord sends fractions) or an HTTP date (RFC 9110). */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return clampMs(Number(text) * 1000);
  // An HTTP date is in GMT (IMF-fixdate): "Fri, 05 Jun 2026 14:00:00 GMT".
  if (!/GMT$/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : clampMs(Math.max(0, at - now));
}

/** `retry_after` (seconds) at the top of a JSON body or under `parameters`. */
export function bodyRetryAfter(json: unknown): number | null {
  if (typeof json !== 'object' || json === null) return null;
  const top = (json as { retry_after?: unknown }).retry_after;
  if (typeof top === 'number') return clampMs(top * 1000);
  const params = (json as { parameters?: { retry_after?: unknown } }).parameters;
  const nested = params?.retry_after;
  return typeof nested === 'number' ? clampMs(nested * 1000) : null;
}
