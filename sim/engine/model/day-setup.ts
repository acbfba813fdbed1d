// What a symbol looks like at 09:30 on a date: its opening price, how volatile the day will
// be, and which way dealers lean. All of it is a pure function of (seed, symbol, date).
import { addDays, isTradingDay } from '../../../calendar/index.js';
import { hashNormal, hashUniform } from '../random/prng.js';
import { ANCHOR_DATE, type SymbolProfile } from './symbols.js';

export interface DaySetup {
  readonly openPrice: number;
  /** Annualised volatility of this day (the profile's, scaled by the day's vol regime). */
  readonly dayVol: number;
  /**
   * Dealers' lean in [-1, 1]: positive = the settled book is long 0DTE gamma (customers sold
   * premium on previous days); negative = short gamma. Most days are positive.
   */
  readonly gammaBias: number;
}

/** Share of days on which the dealer book opens long gamma, on calm and on volatile days. */
const LONG_GAMMA_SHARE_CALM = 0.8;
const LONG_GAMMA_SHARE_VOLATILE = 0.55;
/** Longest walk from the anchor, in days; beyond it prices stay at the walk's end. */
const MAX_WALK_DAYS = 3660;

/** The market-wide volatility regime of a date (shared by all symbols): mean about 1. */
function marketVolMultiplier(seed: number, date: string): number {
  return clamp(Math.exp(0.3 * hashNormal(seed, 'market-vol', date) - 0.045), 0.55, 2.6);
}

function dailyReturn(seed: number, profile: SymbolProfile, date: string): number {
  const dailyVol = profile.annualVol / Math.sqrt(252);
  const rho = profile.marketCorrelation;
  const market = hashNormal(seed, 'market-day', date);
  const own = hashNormal(seed, 'day', profile.symbol, date);
  return dailyVol * (profile.beta * rho * market + Math.sqrt(1 - rho * rho) * own);
}

/** Opening price on `date`: a seeded walk of daily returns from the anchor price. */
function openPrice(seed: number, profile: SymbolProfile, date: string): number {
  let logRet = 0;
  if (date >= ANCHOR_DATE) {
    let d = ANCHOR_DATE;
    for (let i = 0; i < MAX_WALK_DAYS && d < date; i++) {
      d = addDays(d, 1);
      if (isTradingDay(d)) logRet += dailyReturn(seed, profile, d);
    }
  } else {
    let d = ANCHOR_DATE;
    for (let i = 0; i < MAX_WALK_DAYS && d > date; i++) {
      if (isTradingDay(d)) logRet -= dailyReturn(seed, profile, d);
      d = addDays(d, -1);
    }
  }
  return roundTo(profile.anchorPrice * Math.exp(logRet), 2);
}

export function daySetup(seed: number, profile: SymbolProfile, date: string): DaySetup {
  const volMult = marketVolMultiplier(seed, date);
  const ownVol = clamp(
    Math.exp(0.12 * hashNormal(seed, 'own-vol', profile.symbol, date)),
    0.7,
    1.5,
  );
  const longShare = volMult > 1.2 ? LONG_GAMMA_SHARE_VOLATILE : LONG_GAMMA_SHARE_CALM;
  const u = hashUniform(seed, 'gamma-bias', profile.symbol, date);
  const strength = hashUniform(seed, 'gamma-strength', profile.symbol, date);
  const gammaBias = u < longShare ? 0.35 + 0.65 * strength : -(0.3 + 0.6 * strength);
  return {
    openPrice: openPrice(seed, profile, date),
    dayVol: profile.annualVol * volMult * ownVol,
    gammaBias,
  };
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Rounds to `decimals` places through an integer, so 684.12 prints as 684.12. */
function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
