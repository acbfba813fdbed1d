// An alert's outcomes: direction × (spot(t + h) / spot(t) − 1) per horizon, from the spots of
// final bars. Pure: the tracker, the backtest, the scorecard and the preview all call this one.
import type { Direction } from '../contract/detector.js';
import {
  OUTCOME_HORIZONS,
  type AlertOutcomes,
  type HorizonOutcome,
  type OutcomeHorizon,
} from '../contract/outcomes.js';
import type { BarSize } from '../model/flow.js';
import { horizonBucket, type SessionSpan } from './horizons.js';

/**
 * The spot of a final bucket: a number, null when the bucket is final but its spot is not known
 * (the price was not fetched), undefined when the bucket is not there (not final yet, or a hole).
 */
export type SpotLookup = (t: number) => number | null | undefined;

export interface OutcomeSubject {
  /** the alert's bar (the last bar of its evidence) */
  readonly t: number;
  readonly direction: Direction;
  readonly barSize: BarSize;
  readonly session: SessionSpan;
}

/** +1 for up, −1 for down. */
function directionSign(direction: Direction): 1 | -1 {
  return direction === 'up' ? 1 : -1;
}

/** direction × (to / from − 1), with −0 written as 0. */
export function signedMove(sign: 1 | -1, from: number, to: number): number {
  return sign * (to / from - 1) + 0;
}

/**
 * The outcomes of one alert. `complete`: no more bars will arrive for the session (it is over,
 * or these are stored bars of a past day), so what is missing now is unknown for good rather
 * than pending.
 */
export function computeOutcomes(
  subject: OutcomeSubject,
  spotAt: SpotLookup,
  complete: boolean,
): AlertOutcomes {
  const sign = directionSign(subject.direction);
  const from = spotAt(subject.t);
  const horizon = (h: OutcomeHorizon): HorizonOutcome => {
    const bucket = horizonBucket(subject.t, h, subject.barSize, subject.session);
    switch (bucket.kind) {
      case 'excluded':
        return { status: 'excluded' };
      case 'after-close':
        return { status: 'unknown', reason: 'after-close' };
      case 'bucket':
        break;
    }
    const to = spotAt(bucket.at);
    if (typeof from === 'number' && typeof to === 'number') {
      return { status: 'known', move: signedMove(sign, from, to), spot: to, at: bucket.at };
    }
    if (!complete) return { status: 'pending', at: bucket.at };
    // Unknown, never zero: say which of the two spots is missing and why.
    const missing = typeof from === 'number' ? to : from;
    return { status: 'unknown', reason: missing === null ? 'spot-unknown' : 'no-bar' };
  };
  const horizons = Object.fromEntries(OUTCOME_HORIZONS.map((h) => [h, horizon(h)])) as Record<
    OutcomeHorizon,
    HorizonOutcome
  >;
  return { barSize: subject.barSize, spot: typeof from === 'number' ? from : null, horizons };
}

/** A lookup over bars with `t` and a nullable `spot` (state, history or a simulated session). */
export function spotLookup(
  bars: readonly { readonly t: number; readonly spot: number | null | undefined }[],
): SpotLookup {
  const byT = new Map<number, number | null>();
  for (const b of bars) byT.set(b.t, b.spot ?? null);
  return (t) => byT.get(t);
}
