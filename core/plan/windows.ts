// How far back one request must reach. The API keeps the last `minutes` of its 30 s raw tier
// and downsamples to the bar by keeping the LAST sample of each bucket, so a window that cuts
// into a bucket still returns that bucket's final cumulative as long as the bucket's last
// sample (30 s before its end) is inside the window. A window therefore starts one raw sample
// before the oldest bucket still needed, plus a margin for clock skew between us and the
// server; one extra bucket of overlap lets the merge check continuity.
import { clampMinutes } from '../api/client.js';
import { RAW_SAMPLE_MS } from '../model/flow.js';

/** Slack for the server's clock running ahead of ours, and for where `minutes` cuts. */
export const WINDOW_MARGIN_MS = 60_000;

/** `minutes` for a request that must return every bucket from `fromT` up to `now`. */
export function windowMinutes(fromT: number, now: number): number {
  const span = now - fromT + RAW_SAMPLE_MS + WINDOW_MARGIN_MS;
  return clampMinutes(Math.max(1, span) / 60_000);
}
