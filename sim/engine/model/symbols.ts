// Per-symbol parameters of the model. Every number is documented, with what it was calibrated
// to, in docs/simulator.md ("Calibration"); change them there and here together.
import { DEFAULT_OTHER_WEEKDAYS, DEFAULT_ZERO_DTE_LISTINGS } from '../../../calendar/index.js';

export interface SymbolProfile {
  readonly symbol: string;
  /** Opening price on ANCHOR_DATE; other days follow a seeded daily walk from it. */
  readonly anchorPrice: number;
  /** Listed strike spacing of the 0DTE chain. */
  readonly strikeSpacing: number;
  /** Annualised realised volatility of an average day. */
  readonly annualVol: number;
  /** Loading on the shared market factor (1 = moves with SPX). */
  readonly beta: number;
  /** Correlation of intraday returns with the market factor. */
  readonly marketCorrelation: number;
  /** Aggressor-classified customer 0DTE contracts per full session. */
  readonly contractsPerDay: number;
  /** Pareto scale of trade sizes in contracts (tail exponent TRADE_SIZE_ALPHA). */
  readonly tradeSizeScale: number;
  /** Log-return price impact per $1B of net dealer hedge flow (see docs: impact). */
  readonly impactPerBillion: number;
  /** Half the quoted bid/ask spread of the underlying, for /stockquote. */
  readonly halfSpread: number;
  /** Weekdays (1 = Monday ... 5 = Friday) with an expiry that is 0DTE that day. */
  readonly zeroDteWeekdays: readonly number[];
}

/** Input for extra or overridden symbols: only the symbol and a price are required. */
export type SymbolProfileInput = Partial<SymbolProfile> & {
  readonly symbol: string;
  readonly anchorPrice: number;
};

/** The date the anchor prices refer to (the first session of 2026). */
export const ANCHOR_DATE = '2026-01-02';

/** Tail exponent of the trade-size distribution (Pareto alpha). */
export const TRADE_SIZE_ALPHA = 1.6;
/** Largest single print, in multiples of the symbol's size scale, and absolutely. */
export const TRADE_SIZE_CAP_SCALES = 400;
export const TRADE_SIZE_CAP = 5000;

const DEFAULT_PROFILES: readonly SymbolProfile[] = [
  {
    symbol: 'SPX',
    anchorPrice: 6850,
    strikeSpacing: 5,
    annualVol: 0.125,
    beta: 1,
    marketCorrelation: 0.99,
    contractsPerDay: 1_300_000,
    tradeSizeScale: 4,
    impactPerBillion: 0.0006,
    halfSpread: 0.25,
    zeroDteWeekdays: listed('SPX'),
  },
  {
    symbol: 'SPY',
    anchorPrice: 684,
    strikeSpacing: 1,
    annualVol: 0.125,
    beta: 1,
    marketCorrelation: 0.99,
    contractsPerDay: 2_200_000,
    tradeSizeScale: 6,
    impactPerBillion: 0.004,
    halfSpread: 0.005,
    zeroDteWeekdays: listed('SPY'),
  },
  {
    symbol: 'QQQ',
    anchorPrice: 615,
    strikeSpacing: 1,
    annualVol: 0.16,
    beta: 1.2,
    marketCorrelation: 0.9,
    contractsPerDay: 1_300_000,
    tradeSizeScale: 5,
    impactPerBillion: 0.007,
    halfSpread: 0.005,
    zeroDteWeekdays: listed('QQQ'),
  },
  {
    symbol: 'IWM',
    anchorPrice: 248,
    strikeSpacing: 1,
    annualVol: 0.18,
    beta: 1.1,
    marketCorrelation: 0.8,
    contractsPerDay: 600_000,
    tradeSizeScale: 2,
    impactPerBillion: 0.05,
    halfSpread: 0.005,
    zeroDteWeekdays: listed('IWM'),
  },
];

function listed(symbol: string): readonly number[] {
  return DEFAULT_ZERO_DTE_LISTINGS[symbol] ?? DEFAULT_OTHER_WEEKDAYS;
}

/** Strike spacing a listing exchange would use at that price level. */
function spacingFor(price: number): number {
  if (price >= 1000) return 5;
  if (price >= 25) return 1;
  return 0.5;
}

/** Completes a partial profile with single-stock defaults scaled from its price. */
export function completeProfile(input: SymbolProfileInput): SymbolProfile {
  const symbol = input.symbol.trim().toUpperCase();
  const base = DEFAULT_PROFILES.find((p) => p.symbol === symbol);
  return validProfile(base ? { ...base, ...input, symbol } : singleStock(symbol, input));
}

/**
 * Every field within what the model can run: a profile from `--symbols FILE` with a price of
 * 1e300 or a vol of 1e6 sized its arrays to Infinity, a spacing of 1e-6 made a chain of
 * millions of strikes, and 1e9 contracts a day took 18 s per request. The bounds are wide
 * around real listings (BRK.A trades near $700k, penny strikes on a $200 stock are 20000).
 */
const RANGES = {
  anchorPrice: [0, 1_000_000, '(0, 1000000]'],
  annualVol: [0, 5, '(0, 5]'],
  contractsPerDay: [0, 20_000_000, '(0, 20000000]'],
} as const;
const CLOSED_RANGES = {
  tradeSizeScale: [1, 10_000],
  beta: [-5, 5],
  marketCorrelation: [-1, 1],
  impactPerBillion: [0, 1],
} as const;
/** Strikes across the opening price at most: anchorPrice / strikeSpacing. */
const MAX_STRIKE_STEPS = 20_000;

function validProfile(p: SymbolProfile): SymbolProfile {
  const fail = (why: string): never => {
    throw new RangeError(`symbol ${p.symbol}: ${why}`);
  };
  if (p.symbol === '') throw new RangeError('a symbol profile needs a symbol');
  for (const [field, [min, max, text]] of Object.entries(RANGES)) {
    const v = p[field as keyof typeof RANGES];
    if (!(v > min && v <= max)) fail(`${field} must be within ${text}`);
  }
  for (const [field, [min, max]] of Object.entries(CLOSED_RANGES)) {
    const v = p[field as keyof typeof CLOSED_RANGES];
    if (!(v >= min && v <= max)) fail(`${field} must be within [${min}, ${max}]`);
  }
  const minSpacing = p.anchorPrice / MAX_STRIKE_STEPS;
  if (!(p.strikeSpacing >= minSpacing) || !Number.isFinite(p.strikeSpacing)) {
    fail(`strikeSpacing must be at least anchorPrice / ${MAX_STRIKE_STEPS} (${minSpacing})`);
  }
  if (!(p.halfSpread >= 0 && p.halfSpread <= p.anchorPrice)) {
    fail('halfSpread must be within [0, anchorPrice]');
  }
  const days = p.zeroDteWeekdays;
  if (!Array.isArray(days) || !days.every((d) => Number.isInteger(d) && d >= 1 && d <= 5)) {
    fail('zeroDteWeekdays must be weekdays 1-5');
  }
  return p;
}

function singleStock(symbol: string, input: SymbolProfileInput): SymbolProfile {
  return {
    strikeSpacing: spacingFor(input.anchorPrice),
    annualVol: 0.35,
    beta: 1.3,
    marketCorrelation: 0.6,
    contractsPerDay: 250_000,
    tradeSizeScale: 2.5,
    impactPerBillion: 0.08,
    halfSpread: 0.01,
    zeroDteWeekdays: listed(symbol),
    ...input,
    symbol,
  };
}

/** The default profiles, with `extra` added or overriding by symbol. */
export function resolveProfiles(
  extra: readonly SymbolProfileInput[] = [],
): ReadonlyMap<string, SymbolProfile> {
  const map = new Map<string, SymbolProfile>(DEFAULT_PROFILES.map((p) => [p.symbol, p]));
  for (const input of extra) {
    const profile = completeProfile(input);
    map.set(profile.symbol, profile);
  }
  return map;
}
