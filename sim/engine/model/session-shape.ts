// The intraday shape of a session: a U-shaped variance clock (volatility is highest just after
// the open, lowest at lunch, rising into the close) and a U-shaped 0DTE trade activity.
// Both are functions of the fraction of the session elapsed, so a 13:00 early close keeps the
// shape in a shorter day.

/** Trading years in one regular-session hour: 252 sessions of 6.5 hours. */
export const HOUR_YEARS = 1 / (252 * 6.5);
export const MS_YEARS = HOUR_YEARS / 3_600_000;

/**
 * Relative instantaneous variance at session fraction `f` (before normalisation). Open
 * variance about 3x lunch and close about 2x lunch, as in the intraday volatility smiles of
 * Andersen & Bollerslev (1997) for S&P 500 futures.
 */
function rawVariance(f: number): number {
  return 1 + 2.2 * Math.exp(-f / 0.04) + 1.0 * Math.exp(-(1 - f) / 0.05);
}

/** Relative 0DTE trade arrival intensity: heavy at the open, heavier still in the last hour. */
function rawActivity(f: number): number {
  return 1 + 1.4 * Math.exp(-f / 0.05) + 1.0 * Math.exp(-(1 - f) / 0.12);
}

export interface SessionShape {
  readonly steps: number;
  /** Variance weight of step i (mean 1 over a session). */
  readonly variance: Float64Array;
  /** Activity weight of step i (mean 1 over a session). */
  readonly activity: Float64Array;
  /**
   * Remaining variance-time at state i (the start of step i; state `steps` is the close), in
   * trading years, including EXPIRY_FLOOR_YEARS.
   */
  readonly varianceYearsLeft: Float64Array;
  /** Remaining calendar trading time at state i, in years, including the same floor. */
  readonly yearsLeft: Float64Array;
}

/**
 * Extra variance-time added to every time-to-expiry: ten minutes. Dealers do not hedge a
 * 0DTE book as if settlement were exact to the cent; without the floor, gamma at the pinned
 * strike diverges in the last seconds and one step would print billions.
 */
const EXPIRY_FLOOR_YEARS = 10 * 60_000 * MS_YEARS;

export function sessionShape(steps: number, stepMs: number): SessionShape {
  const variance = new Float64Array(steps);
  const activity = new Float64Array(steps);
  let vSum = 0;
  let aSum = 0;
  for (let i = 0; i < steps; i++) {
    const f = (i + 0.5) / steps;
    variance[i] = rawVariance(f);
    activity[i] = rawActivity(f);
    vSum += variance[i]!;
    aSum += activity[i]!;
  }
  const stepYears = stepMs * MS_YEARS;
  const varianceYearsLeft = new Float64Array(steps + 1);
  const yearsLeft = new Float64Array(steps + 1);
  varianceYearsLeft[steps] = EXPIRY_FLOOR_YEARS;
  yearsLeft[steps] = EXPIRY_FLOOR_YEARS;
  for (let i = steps - 1; i >= 0; i--) {
    variance[i] = (variance[i]! * steps) / vSum;
    activity[i] = (activity[i]! * steps) / aSum;
    varianceYearsLeft[i] = varianceYearsLeft[i + 1]! + variance[i]! * stepYears;
    yearsLeft[i] = yearsLeft[i + 1]! + stepYears;
  }
  return { steps, variance, activity, varianceYearsLeft, yearsLeft };
}
