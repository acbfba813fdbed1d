// How long the server can still serve a bucket, and how much of it a window reaches. Both
// follow from API facts, not from a grace period: a query keeps the raw samples stamped within
// the last `minutes` (at most 390) before the server's now and keeps the last sample of each
// bucket, so a bucket is in an answer as long as its last raw sample (stamped one raw interval
// before the bucket ends) is in the window; and the endpoints serve today's expiry only (the
// `expiration` is the New York date), so nothing of a session is served after its New York
// midnight. After the close the session's early buckets drop out of reach first: the 09:30
// minute bar at about 16:00:30, the last one at about 22:29:30.
import { MAX_MINUTES } from '../api/client.js';
import { RAW_SAMPLE_MS } from '../model/flow.js';
import { addDays, nyWallTimeToUtc } from '../../calendar/index.js';

const MINUTE_MS = 60_000;

/** Stamp of the last raw sample of the bucket starting at `t`. */
function lastSample(t: number, barMs: number): number {
  return t + Math.max(barMs, RAW_SAMPLE_MS) - RAW_SAMPLE_MS;
}

/** The first instant (server time) no request can serve any bar of the session any more. */
export function sessionReachEnd(date: string): number {
  return nyWallTimeToUtc(addDays(date, 1), 0, 0);
}

/**
 * The first server time at which no request can return the bucket starting at `t` any more:
 * the longest window no longer reaches its last raw sample, or the session's date has passed.
 */
export function reachEnd(t: number, barMs: number, date: string): number {
  return Math.min(lastSample(t, barMs) + MAX_MINUTES * MINUTE_MS + 1, sessionReachEnd(date));
}

/** Whether a request served at server time `at` can still return the bucket at `t`. */
export function reachable(t: number, barMs: number, date: string, at: number): boolean {
  return at < reachEnd(t, barMs, date);
}

/**
 * Whether an answer served at `asOf` with a window of `minutes` covered the bucket at `t`: its
 * last raw sample lies inside the window. A second of slack for where the server cuts (it may
 * use its clock before truncating `as_of` to the second).
 */
export function windowCovers(t: number, barMs: number, asOf: number, minutes: number): boolean {
  return lastSample(t, barMs) >= asOf + 1_000 - minutes * MINUTE_MS;
}

/**
 * The oldest bucket of a session opening at `open` that a request served at server time `at`
 * can still return, or null when none can (the session's date has passed).
 */
export function oldestReachable(
  open: number,
  barMs: number,
  date: string,
  at: number,
): number | null {
  if (at >= sessionReachEnd(date)) return null;
  // reachable(t) <=> at < lastSample(t) + MAX_MINUTES + 1 <=> t >= cut (whole ms).
  const cut = at - MAX_MINUTES * MINUTE_MS - Math.max(barMs, RAW_SAMPLE_MS) + RAW_SAMPLE_MS;
  const k = Math.max(0, Math.ceil((cut - open) / barMs));
  return open + k * barMs;
}
