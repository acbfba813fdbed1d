// Detector and alert types the UI shows, the settings file stores and the history keeps. Values
// are plain delta-dollars; times are epoch ms. Imports only zod and the contract's outcomes: the
// renderer imports these types, and the history and settings layers validate stored data with
// these schemas.
import { z } from 'zod';
import { AlertOutcomesSchema } from './outcomes.js';

export const VERDICT_KINDS = ['squeeze', 'reversal', 'gamma-flip'] as const;
/**
 * squeeze: the seed article's run of same-signed, non-decreasing bars.
 * reversal: the bar sign flips after a long one-sided run (hedging reverses).
 * gamma-flip: spot crosses the gamma-flip level (series data only).
 */
export type VerdictKind = (typeof VERDICT_KINDS)[number];
export const VerdictKindSchema = z.enum(VERDICT_KINDS);

/** up: dealers buying (or, for gamma-flip, spot crossing above); down: the opposite. */
export type Direction = 'up' | 'down';
export const DirectionSchema = z.enum(['up', 'down']);

export const ATTRIBUTION_REQUIREMENTS = ['any', 'one-sided', 'aligned'] as const;

/**
 * Every detector option. The defaults reproduce the seed article's rule exactly: the last 5
 * closed bars share one sign, none is zero, and their magnitudes never decrease.
 */
export const DetectorSettingsSchema = z.object({
  /** N: how many closed bars must agree (the seed article's rule uses 5). */
  runLength: z.number().int().min(2).max(30).default(5),
  /** Minimum |bar| in delta-dollars for every bar of the run (0: off). */
  minAbsBar: z.number().min(0).default(0),
  /**
   * Minimum |bar| relative to the symbol's own distribution: every bar of the run must reach
   * this percentile of |bar| over the session so far plus stored past sessions, as it stood
   * when that bar closed (0: off).
   */
  minPercentile: z.number().min(0).max(100).default(0),
  /** Accelerating cumulative: every bar strictly larger than the one before (no plateaus). */
  accelerating: z.boolean().default(false),
  /** M: report a reversal when the sign flips after a run of at least M bars (null: off). */
  flipAfter: z.number().int().min(2).max(120).nullable().default(null),
  /** Call/put attribution the run must show (legs unknown: the requirement is not met). */
  requireAttribution: z.enum(ATTRIBUTION_REQUIREMENTS).default('any'),
  /** A run is one-sided when one leg carries at least this share of the gross leg flow. */
  oneSidedShare: z.number().min(0.5).max(1).default(0.7),
  /** Price confirmation: spot must move with the flow over the run (spot unknown: not met). */
  requireChasing: z.boolean().default(false),
  /** Report spot crossing the gamma-flip level where the series data carries it. */
  gammaFlipCross: z.boolean().default(false),
  /**
   * Hysteresis for the gamma flip, as a fraction of the level: spot within it counts as at the
   * level, so a cross means leaving the band on the other side (0: any cross).
   */
  gammaFlipBand: z.number().min(0).max(0.05).default(0),
});
export type DetectorSettings = z.infer<typeof DetectorSettingsSchema>;
export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = DetectorSettingsSchema.parse({});

const minutes = z.number().min(0).max(390);

/** How alerts are paced. Notification on/off and sound belong to the app's own settings. */
export const AlertSettingsSchema = z.object({
  /** No new episode of the same symbol and kind alerts within this many minutes of the last. */
  cooldownMinutes: minutes.default(15),
  /** Per symbol, per kind cooldown minutes overriding `cooldownMinutes`. */
  cooldownOverrides: z.record(z.string(), z.partialRecord(VerdictKindSchema, minutes)).default({}),
  /** Opening rotation is noise: nothing alerts in the first N minutes of the session. */
  quietOpenMinutes: minutes.default(5),
  /** Nothing alerts in the last N minutes of the session. */
  quietCloseMinutes: minutes.default(0),
  /**
   * What the quiet periods silence: every channel (nothing alerts), or only the desktop
   * notification (the alert still fires, reaches history and the alert channels).
   */
  quietScope: z.enum(['all', 'desktop']).default('all'),
  /** A squeeze escalates (once) when its run reaches this many bars (null: off). */
  escalateAtRunLength: z.number().int().min(2).max(400).nullable().default(10),
  /** ... or when its flow over the run reaches this many delta-dollars (null: off). */
  escalateAtMove: z.number().min(0).nullable().default(null),
  /** A bar that closed longer ago than this never alerts (after sleep, a slow poll, a backfill). */
  staleAfterMinutes: z.number().min(0).max(60).default(3),
});
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;
export const DEFAULT_ALERT_SETTINGS: AlertSettings = AlertSettingsSchema.parse({});

export const SNOOZE_DURATIONS = ['15m', '1h', 'rest-of-day'] as const;
export type SnoozeDuration = (typeof SNOOZE_DURATIONS)[number];

// ---- Evidence: what a verdict rests on, shown by the UI and kept in history ----

const EvidenceBarSchema = z.object({
  t: z.number(),
  bar: z.number(),
  cumulative: z.number(),
  /** the call and put legs' bars, when known */
  calls: z.number().optional(),
  puts: z.number().optional(),
  spot: z.number().optional(),
});
export type EvidenceBar = z.infer<typeof EvidenceBarSchema>;

const LegDriverSchema = z.enum(['calls', 'puts', 'both']);

/** Each leg's flow over the run and its share of the gross (|calls| + |puts|) leg flow. */
export const LegSharesSchema = z.object({
  calls: z.number(),
  puts: z.number(),
  callShare: z.number(),
  putShare: z.number(),
  /** the leg carrying at least `oneSidedShare`, else 'both' */
  driver: LegDriverSchema,
});
export type LegShares = z.infer<typeof LegSharesSchema>;

/** chasing: price moved with the flow (amplifying); fading: flat or against it (absorbing). */
export const ConfirmationSchema = z.enum(['chasing', 'fading']);
export type Confirmation = z.infer<typeof ConfirmationSchema>;

const PriceMoveSchema = z.object({
  from: z.number(),
  to: z.number(),
  move: z.number(),
  confirmation: ConfirmationSchema,
});
export type PriceMove = z.infer<typeof PriceMoveSchema>;

const GammaFlipEvidenceSchema = z.object({
  level: z.number(),
  spot: z.number(),
  side: z.enum(['above', 'below', 'at']),
  /** t of the newest bar at which spot crossed the level within the evidence window */
  crossedAt: z.number().nullable(),
  crossDirection: DirectionSchema.nullable(),
});
export type GammaFlipEvidence = z.infer<typeof GammaFlipEvidenceSchema>;

const VerdictEvidenceSchema = z.object({
  /** episode start: the run's first bar (squeeze), the flipping or crossing bar (others) */
  since: z.number(),
  /** bars in the run (squeeze), in the run that reversed (reversal), 1 (gamma-flip) */
  barCount: z.number().int(),
  /** signed flow over the run's bars (reversal: over the flipping bar) */
  move: z.number(),
  /** the session cumulative at the newest bar */
  cumulative: z.number(),
  /** the bars the verdict rests on, oldest first (the newest 30 at most) */
  bars: z.array(EvidenceBarSchema),
  legs: LegSharesSchema.nullable(),
  price: PriceMoveSchema.nullable(),
  gammaFlip: GammaFlipEvidenceSchema.nullable(),
});

export type Verdict = z.infer<typeof VerdictEvidenceSchema> & {
  kind: VerdictKind;
  direction: Direction;
  /** the closed bar the verdict is about (the newest one evaluated) */
  t: number;
};

// ---- Alerts and episodes ----

/** building: the first alert of an episode; escalated: the run kept growing past a threshold. */
export const AlertSeveritySchema = z.enum(['building', 'escalated']);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;

export const AlertRecordSchema = z.object({
  /** symbol:kind:direction:since:severity, stable across restarts (history can dedupe on it) */
  id: z.string(),
  symbol: z.string(),
  kind: VerdictKindSchema,
  direction: DirectionSchema,
  /** t of the closed bar that triggered it */
  t: z.number(),
  /** local clock time it fired */
  firedAt: z.number(),
  title: z.string(),
  body: z.string(),
  severity: AlertSeveritySchema,
  /** it fired on the first evaluation after a backfill or a resume from sleep */
  catchUp: z.boolean(),
  evidence: VerdictEvidenceSchema,
  /**
   * How price moved after the alert, per horizon, filled in as the bars become final (absent
   * in records written before outcomes were tracked: they are computed from stored bars).
   */
  outcomes: AlertOutcomesSchema.optional(),
});
export type AlertRecord = z.infer<typeof AlertRecordSchema>;

/** Why an active episode has not (yet) alerted. */
export const SUPPRESSION_REASONS = [
  'outside-hours',
  'stale',
  'quiet-open',
  'quiet-close',
  'snoozed',
  'cooldown',
  'catch-up-limit',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** An episode in progress, per symbol and kind: what the tray popover shows beside a symbol. */
export interface ActiveSignal {
  readonly symbol: string;
  readonly kind: VerdictKind;
  readonly direction: Direction;
  readonly since: number;
  /** the newest bar the pattern held on */
  readonly t: number;
  readonly barCount: number;
  readonly move: number;
  readonly confirmation: Confirmation | null;
  readonly legs: LegShares | null;
  readonly severity: AlertSeverity;
  /** whether this episode has notified */
  readonly alerted: boolean;
  /** why it has not notified (yet), when it has not */
  readonly pending: SuppressionReason | null;
}

// ---- Threshold preview ----

interface PreviewAlert {
  readonly symbol: string;
  readonly kind: VerdictKind;
  readonly direction: Direction;
  readonly severity: AlertSeverity;
  readonly t: number;
  readonly firedAt: number;
  readonly barCount: number;
  readonly move: number;
  readonly title: string;
}

/** How many alerts given settings would have fired over a day of bars, and when. */
export interface PreviewResult {
  readonly alertCount: number;
  /** oldest first */
  readonly alerts: readonly PreviewAlert[];
  readonly bySymbol: Readonly<Record<string, number>>;
  /** episodes the detector found (alerted or not) */
  readonly episodes: number;
  /** episodes that never alerted, by the reason that held them back last */
  readonly suppressed: Readonly<Partial<Record<SuppressionReason, number>>>;
}
