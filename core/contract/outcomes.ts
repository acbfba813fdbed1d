// How alerts played out (docs/scorecard.md): each alert's signed price move after it, stored
// with the alert, and the scorecard of a rule against chance. Shared by the history (schemas),
// the renderer (types) and the CLI. A value that is not known is a status with a reason, never 0.
import { z } from 'zod';
import { BAR_SIZES, type BarSize } from '../model/flow.js';

/** The horizons an outcome is measured at; `close` is the session's last bucket. */
export const OUTCOME_HORIZONS = ['5m', '15m', '30m', 'close'] as const;
export type OutcomeHorizon = (typeof OUTCOME_HORIZONS)[number];

/** Why an outcome is unknown for good. */
const UNKNOWN_REASONS = [
  /** spot of the alert's bar or of the horizon's bucket is not known (the price was not fetched) */
  'spot-unknown',
  /** the horizon's bucket never arrived (a hole in the data), and the session is over */
  'no-bar',
  /** the horizon's bucket starts at or after the session's end */
  'after-close',
] as const;

const HorizonOutcomeSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('known'),
    /** direction × (spot(t + h) / spot(t) − 1): positive means price went the alert's way */
    move: z.number(),
    /** spot(t + h) */
    spot: z.number(),
    /** start of the bucket the outcome is read at */
    at: z.number(),
  }),
  /** the bucket is not final yet (or spot is not in yet); it may still arrive */
  z.object({ status: z.literal('pending'), at: z.number() }),
  z.object({ status: z.literal('unknown'), reason: z.enum(UNKNOWN_REASONS) }),
  /** the horizon is not a whole number of bars (5m at 15m bars): left out by definition */
  z.object({ status: z.literal('excluded') }),
]);
export type HorizonOutcome = z.infer<typeof HorizonOutcomeSchema>;

export const AlertOutcomesSchema = z.object({
  /** the bar size of the bars the alert rests on (the horizons are counted in it) */
  barSize: z.enum(BAR_SIZES),
  /** spot(t): the spot of the alert's bar (its close); null when not known */
  spot: z.number().nullable(),
  horizons: z.object({
    '5m': HorizonOutcomeSchema,
    '15m': HorizonOutcomeSchema,
    '30m': HorizonOutcomeSchema,
    close: HorizonOutcomeSchema,
  }),
});
export type AlertOutcomes = z.infer<typeof AlertOutcomesSchema>;

/** The signed move at a horizon, or null when it is not known (for --json, CSV, charts). */
export function knownMove(outcomes: AlertOutcomes | undefined, h: OutcomeHorizon): number | null {
  const o = outcomes?.horizons[h];
  return o?.status === 'known' ? o.move : null;
}

/** Whether every horizon is decided (known, unknown or excluded): nothing can change it now. */
export function outcomesSettled(outcomes: AlertOutcomes | undefined): boolean {
  return (
    outcomes !== undefined &&
    OUTCOME_HORIZONS.every((h) => outcomes.horizons[h].status !== 'pending')
  );
}

// ---- The scorecard ----

/** The rules a scorecard is kept for: squeezes per direction, reversals, gamma-flip crosses. */
export const SCORECARD_RULES = ['squeeze-up', 'squeeze-down', 'reversal', 'gamma-flip'] as const;
export type ScorecardRule = (typeof SCORECARD_RULES)[number];

/** Fewer alerts than this and a scorecard says "small sample". */
export const SMALL_SAMPLE = 20;

interface Interval {
  readonly low: number;
  readonly high: number;
}

/** The baseline at one horizon: every final bar in the alerts' 30-minute slots, both directions. */
interface BaselineScore {
  /** signed moves in the sample (two per bar: up and down) */
  readonly moves: number;
  readonly hitRate: number | null;
  readonly median: number | null;
}

export interface HorizonScore {
  /** alerts whose outcome at this horizon is known */
  readonly known: number;
  readonly hits: number;
  readonly hitRate: number | null;
  /** Wilson score interval, 95%, of the hit rate */
  readonly interval: Interval | null;
  readonly median: number | null;
  readonly mean: number | null;
  readonly baseline: BaselineScore;
}

/** Shares of 15-minute signed moves per bin, alerts against the baseline, for a small chart. */
export interface MoveDistribution {
  /** bin edges, ascending (bins + 1 of them); the outer bins also hold what lies beyond */
  readonly edges: readonly number[];
  /** share of the alerts' moves per bin (sums to 1) */
  readonly alerts: readonly number[];
  /** share of the baseline's moves per bin (sums to 1) */
  readonly baseline: readonly number[];
}

export interface ScorecardGroup {
  readonly rule: ScorecardRule;
  /** null: every symbol */
  readonly symbol: string | null;
  /** alerts (one per episode) */
  readonly count: number;
  readonly smallSample: boolean;
  readonly horizons: Readonly<Record<OutcomeHorizon, HorizonScore>>;
  readonly distribution: MoveDistribution | null;
}

export interface Scorecard {
  /** the session dates covered, oldest first */
  readonly sessions: readonly string[];
  /** the symbols covered, sorted */
  readonly symbols: readonly string[];
  readonly barSizes: readonly BarSize[];
  /** per rule: every symbol first (symbol null), then each symbol */
  readonly groups: readonly ScorecardGroup[];
  /** alerts whose outcomes are unknown because spot was not known */
  readonly withoutSpot: number;
}

/** A draft's multi-session threshold preview: how often it would have fired, and how well. */
export interface SessionsPreviewSide {
  readonly alertCount: number;
  readonly bySymbol: Readonly<Record<string, number>>;
  readonly scorecard: Scorecard;
}

export interface SessionsPreview {
  /** sessions replayed, oldest first (the last N with stored bars at the app's bar size) */
  readonly sessions: readonly string[];
  readonly draft: SessionsPreviewSide;
  readonly current: SessionsPreviewSide;
}
