// The detector's input and output shapes that stay inside core (the UI-facing verdict and
// evidence types live in core/contract/detector.ts).
import type { Direction, Verdict } from '../contract/detector.js';

/** One leg's (calls or puts) bar and running cumulative, in delta-dollars. */
export interface LegBar {
  readonly bar: number;
  readonly cumulative: number;
}

/**
 * One CLOSED bar of the session, all projections aligned by `t` (epoch ms, bucket start).
 * `bar`/`cumulative` are side=all; the legs when known; `spot`/`gammaFlip` when series data is
 * known. Bars are consecutive buckets in ascending `t`: the caller fills gaps before calling.
 */
export interface DetectorBar {
  readonly t: number;
  readonly bar: number;
  readonly cumulative: number;
  readonly calls?: LegBar;
  readonly puts?: LegBar;
  readonly spot?: number;
  readonly gammaFlip?: number | null;
}

/** |bar| values of stored past sessions, sorted once (see createReference). */
export interface ReferenceDistribution {
  readonly sorted: readonly number[];
}

export interface DetectorContext {
  /** Past sessions' |bar| distribution for the relative threshold (minPercentile). */
  readonly reference?: ReferenceDistribution;
  /**
   * The bar size in ms. When given, a bar that does not follow the one before it by exactly
   * this much comes after a hole in the data: runs and sign runs restart there, because the
   * rule is about consecutive bars. Without it the bars are taken as consecutive.
   */
  readonly barMs?: number;
}

/** Why a bar cannot be part of a squeeze run. */
export type Weakness =
  | { readonly type: 'zero' }
  | { readonly type: 'below-min'; readonly min: number }
  | {
      readonly type: 'below-percentile';
      readonly percentile: number;
      readonly threshold: number;
      readonly sampleSize: number;
    };

/** Why a squeeze run restarted at a bar (the link to the bar before it is broken). */
export type RunBreak =
  'first-bar' | 'gap' | 'previous-weak' | 'sign-flip' | 'smaller' | 'not-larger';

/** Where a bar's evaluation ended, per rule: what `--explain` prints. */
export type Reason =
  | {
      readonly rule: 'squeeze';
      readonly code: 'held';
      readonly direction: Direction;
      readonly run: number;
      readonly since: number;
    }
  | { readonly rule: 'squeeze'; readonly code: 'too-few-bars'; readonly have: number }
  | {
      readonly rule: 'squeeze';
      readonly code: 'weak-bar';
      readonly t: number;
      readonly bar: number;
      readonly weakness: Weakness;
    }
  | {
      readonly rule: 'squeeze';
      readonly code: 'run-broken';
      readonly run: number;
      readonly at: number;
      readonly bar: number;
      readonly previous: number;
      readonly break: Exclude<RunBreak, 'first-bar' | 'previous-weak'>;
    }
  | { readonly rule: 'squeeze'; readonly code: 'no-price' | 'no-legs' }
  | { readonly rule: 'squeeze'; readonly code: 'fading'; readonly priceMove: number }
  | {
      readonly rule: 'squeeze';
      readonly code: 'not-one-sided' | 'not-aligned';
      readonly callShare: number;
    }
  | {
      readonly rule: 'reversal';
      readonly code: 'held';
      readonly direction: Direction;
      readonly run: number;
    }
  | { readonly rule: 'reversal'; readonly code: 'no-flip' }
  | { readonly rule: 'reversal'; readonly code: 'weak-bar'; readonly weakness: Weakness }
  | { readonly rule: 'reversal'; readonly code: 'short-run'; readonly run: number }
  | { readonly rule: 'gamma-flip'; readonly code: 'held'; readonly direction: Direction }
  | { readonly rule: 'gamma-flip'; readonly code: 'no-series' }
  | {
      readonly rule: 'gamma-flip';
      readonly code: 'no-cross';
      readonly side: 'above' | 'below' | 'at';
    };

/** The detector's answer for one closed bar. */
export interface DetectorStep {
  readonly t: number;
  /** at most one per kind, in the order squeeze, reversal, gamma-flip */
  readonly verdicts: readonly Verdict[];
  /** one per enabled rule */
  readonly reasons: readonly Reason[];
}
