// Where each outcome horizon is read (docs/scorecard.md): the bucket starting at t + h at the
// alert's bar size, or the session's last bucket for "close".
import type { OutcomeHorizon } from '../contract/outcomes.js';
import { BAR_MS, type BarSize } from '../model/flow.js';

const MINUTE = 60_000;

/** The fixed horizons in ms; `close` depends on the session. */
const HORIZON_MS: Readonly<Record<Exclude<OutcomeHorizon, 'close'>, number>> = {
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
};

export interface SessionSpan {
  /** 09:30 New York, epoch ms */
  readonly open: number;
  /** the session's end (16:00, or 13:00 on early-close days), epoch ms */
  readonly close: number;
}

/** Where a horizon is read for a bar at `t`: a bucket start, or why there is none. */
export type HorizonBucket =
  | { readonly kind: 'bucket'; readonly at: number }
  | { readonly kind: 'excluded' }
  | { readonly kind: 'after-close' };

export function horizonBucket(
  t: number,
  horizon: OutcomeHorizon,
  barSize: BarSize,
  session: SessionSpan,
): HorizonBucket {
  const barMs = BAR_MS[barSize];
  if (horizon === 'close') {
    const last = session.close - barMs;
    return last >= t ? { kind: 'bucket', at: last } : { kind: 'after-close' };
  }
  const h = HORIZON_MS[horizon];
  // 5m at 15m bars is not a whole number of bars: left out by definition.
  if (h % barMs !== 0) return { kind: 'excluded' };
  const at = t + h;
  // A bucket that starts at or after the session's end is not part of the session.
  return at + barMs <= session.close ? { kind: 'bucket', at } : { kind: 'after-close' };
}

/** The 30-minute slot of the session a bar falls in (0 = 09:30-10:00 New York). */
export function slotOf(t: number, session: SessionSpan): number {
  return Math.floor((t - session.open) / (30 * MINUTE));
}
