// How far back one request must reach, sized at send time. The API keeps the last `minutes` of
// its 30 s raw tier and downsamples to the bar by keeping the LAST sample of each bucket, so a
// window that cuts into a bucket still returns that bucket's final cumulative as long as the
// bucket's last sample (30 s before its end) is inside the window. A window therefore starts one
// raw sample before the oldest bucket still needed, counted back from the server time the
// request will be served at (ServerClock.serveAt: our clock, the server's lead and the recent
// delivery delays), plus a margin for the delays that vary: a minute, or half the span for a
// long backfill, whose oldest buckets may be close to dropping out of the server's reach and
// whose first answer has no recent delays to go by. `minutes` costs nothing extra in quota
// (one request is one unit, whatever it returns), so the margin errs on the long side; when it
// still falls short, the answer says so and the symbol is fetched again at once
// (response-check.ts).
import { clampMinutes } from '../api/client.js';
import { RAW_SAMPLE_MS, type Side } from '../model/flow.js';
import { firstIncompleteFrom } from '../state/completeness.js';
import type { SymbolState } from '../state/symbol-state.js';
import { oldestReachable } from './reach.js';

/** Slack for delivery delays that vary from one request to the next (at least). */
const WINDOW_MARGIN_MS = 60_000;

/** `minutes` for a request served at `serveAt` that must return every bucket from `fromT`. */
export function windowMinutes(fromT: number, serveAt: number): number {
  const span = serveAt - fromT + RAW_SAMPLE_MS;
  const margin = Math.max(WINDOW_MARGIN_MS, span / 2);
  return clampMinutes(Math.max(1, span + margin) / 60_000);
}

/**
 * The window for a request of `sides` about to be sent, expected to be served at `serveAt`:
 * back to the oldest bucket that is not final yet and that a request can still fetch, or just
 * the newest buckets when every ended one is final.
 */
export function windowFor(
  state: SymbolState,
  date: string,
  sides: readonly Side[],
  serveAt: number,
): number {
  const reach = oldestReachable(state.sessionOpen, state.barMs, date, serveAt);
  const needed =
    reach === null ? null : firstIncompleteFrom(state, sides, reach, state.sessionClose);
  const newestEnded = Math.min(serveAt, state.sessionClose) - state.barMs;
  return windowMinutes(needed ?? Math.max(state.sessionOpen, newestEnded), serveAt);
}
