// Black-Scholes-Merton for 0DTE options. Rates and dividends are zero: over hours, carry moves
// a delta by less than 1e-4, far below the model's other approximations.

const INV_SQRT_2PI = 0.3989422804014327;

export function normPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Standard normal CDF, W. J. Cody's rational approximation as used by Hart (1968) / West
 * (2005): absolute error below 1e-14, which keeps deltas exact to the dollar on SPX books.
 */
export function normCdf(x: number): number {
  const z = Math.abs(x);
  let c: number;
  if (z > 37) {
    c = 0;
  } else {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let n = 3.52624965998911e-2 * z + 0.700383064443688;
      n = n * z + 6.37396220353165;
      n = n * z + 33.912866078383;
      n = n * z + 112.079291497871;
      n = n * z + 221.213596169931;
      n = n * z + 220.206867912376;
      let d = 8.83883476483184e-2 * z + 1.75566716318264;
      d = d * z + 16.064177579207;
      d = d * z + 86.7807322029461;
      d = d * z + 296.564248779674;
      d = d * z + 637.333633378831;
      d = d * z + 793.826512519948;
      d = d * z + 440.413735824752;
      c = (e * n) / d;
    } else {
      const d = z + 1 / (z + 2 / (z + 3 / (z + 4 / (z + 0.65))));
      c = e / d / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

/** Greeks of one call at (spot, strike, vol, time in years). Put delta = call delta - 1. */
export interface CallGreeks {
  /** d1 of BSM */
  d1: number;
  /** dDelta/dSpot, identical for calls and puts */
  gamma: number;
  /** call delta N(d1) */
  delta: number;
}

export function callGreeks(spot: number, strike: number, vol: number, years: number): CallGreeks {
  const sd = vol * Math.sqrt(years);
  const d1 = (Math.log(spot / strike) + 0.5 * sd * sd) / sd;
  return { d1, delta: normCdf(d1), gamma: normPdf(d1) / (spot * sd) };
}

/** Call premium; the put follows from parity with zero carry: P = C - S + K. */
export function callPrice(spot: number, strike: number, vol: number, years: number): number {
  const sd = vol * Math.sqrt(years);
  const d1 = (Math.log(spot / strike) + 0.5 * sd * sd) / sd;
  return spot * normCdf(d1) - strike * normCdf(d1 - sd);
}
