// Today's 0DTE chain and the dealer's position in it. The chain is listed once at the open
// (strikes around the opening price at the symbol's spacing); greeks are BSM on a smile, with
// time measured on the session's variance clock so that a delta decays fastest where the
// market is most volatile.
import { normCdf, normPdf } from './bsm.js';
import type { SymbolProfile } from './symbols.js';

/** Half-width of the listed chain, in multiples of the day's one-day standard deviation. */
const CHAIN_HALF_WIDTH_SD = 5;
const CHAIN_MIN_HALF_WIDTH = 0.04;
/** Smile in standardised moneyness z = ln(K/S) / (atm vol * sqrt(T)): skew and curvature. */
const SMILE_SKEW = -0.07;
const SMILE_CURVATURE = 0.025;
const SMILE_Z_CLIP = 4;
const SMILE_FLOOR = 0.6;
/** Standardised moneyness past which a strike's greeks are taken as exactly 0/1. */
const FAR_SD = 12;

export class Book {
  readonly strikes: Float64Array;
  /** ln(strike), cached: every evaluation needs log-moneyness. */
  private readonly logStrikes: Float64Array;
  /** Dealer position per strike, in contracts; positive = dealer long. */
  readonly callPos: Float64Array;
  readonly putPos: Float64Array;
  /** Settled open interest at the open (effective OI adds today's net dealer inventory). */
  readonly callOi0: Float64Array;
  readonly putOi0: Float64Array;
  readonly callPos0: Float64Array;
  readonly putPos0: Float64Array;
  /** Scratch of the last evaluate(): call delta, gamma and d1/d2 per strike. */
  readonly delta: Float64Array;
  readonly gamma: Float64Array;
  readonly pdf: Float64Array;
  readonly d2: Float64Array;
  readonly spacing: number;

  constructor(profile: SymbolProfile, openPrice: number, dayVol: number) {
    this.spacing = profile.strikeSpacing;
    const halfWidth = Math.max(
      CHAIN_MIN_HALF_WIDTH,
      (CHAIN_HALF_WIDTH_SD * dayVol) / Math.sqrt(252),
    );
    const lo = Math.ceil((openPrice * (1 - halfWidth)) / this.spacing);
    const hi = Math.floor((openPrice * (1 + halfWidth)) / this.spacing);
    const n = Math.max(1, hi - lo + 1);
    this.strikes = new Float64Array(n);
    this.logStrikes = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      this.strikes[k] = (lo + k) * this.spacing;
      this.logStrikes[k] = Math.log(this.strikes[k]!);
    }
    this.callPos = new Float64Array(n);
    this.putPos = new Float64Array(n);
    this.callOi0 = new Float64Array(n);
    this.putOi0 = new Float64Array(n);
    this.callPos0 = new Float64Array(n);
    this.putPos0 = new Float64Array(n);
    this.delta = new Float64Array(n);
    this.gamma = new Float64Array(n);
    this.pdf = new Float64Array(n);
    this.d2 = new Float64Array(n);
  }

  get size(): number {
    return this.strikes.length;
  }

  /** Index of the listed strike nearest `price`, or -1 when it lies outside the chain. */
  strikeIndex(price: number): number {
    const k = Math.round((price - this.strikes[0]!) / this.spacing);
    return k >= 0 && k < this.strikes.length ? k : -1;
  }

  /** Implied vol of a strike on the smile. */
  smileVol(strike: number, spot: number, atmVol: number, years: number): number {
    return smile(Math.log(strike / spot), atmVol, 1 / (atmVol * Math.sqrt(years)));
  }

  /** Fills delta/gamma/pdf/d2 for every strike at (spot, atm vol, years to expiry). */
  evaluate(spot: number, atmVol: number, years: number): void {
    const sqrtT = Math.sqrt(years);
    const logSpot = Math.log(spot);
    const invAtmSd = 1 / (atmVol * sqrtT);
    for (let k = 0; k < this.strikes.length; k++) {
      const moneyness = this.logStrikes[k]! - logSpot;
      const z = moneyness * invAtmSd;
      if (z > FAR_SD || z < -FAR_SD) {
        // Even on the steepest part of the smile this is over 7 sd out: delta is 0 or 1 to 1e-12.
        this.delta[k] = z > 0 ? 0 : 1;
        this.pdf[k] = 0;
        this.gamma[k] = 0;
        this.d2[k] = 0;
        continue;
      }
      const sd = smile(moneyness, atmVol, invAtmSd) * sqrtT;
      const d1 = (0.5 * sd * sd - moneyness) / sd;
      const pdf = normPdf(d1);
      this.delta[k] = normCdf(d1);
      this.pdf[k] = pdf;
      this.gamma[k] = pdf / (spot * sd);
      this.d2[k] = d1 - sd;
    }
  }

  /** Dealer option delta of the call leg after evaluate(), in shares. */
  callDeltaShares(): number {
    let sum = 0;
    for (let k = 0; k < this.strikes.length; k++) sum += this.callPos[k]! * this.delta[k]!;
    return sum * 100;
  }

  /** Dealer option delta of the put leg after evaluate(), in shares (put delta = N(d1) - 1). */
  putDeltaShares(): number {
    let sum = 0;
    for (let k = 0; k < this.strikes.length; k++) sum += this.putPos[k]! * (this.delta[k]! - 1);
    return sum * 100;
  }

  /** Dealer gamma after evaluate(), in shares per $1 of spot. */
  gammaShares(): number {
    let sum = 0;
    for (let k = 0; k < this.strikes.length; k++) {
      sum += (this.callPos[k]! + this.putPos[k]!) * this.gamma[k]!;
    }
    return sum * 100;
  }

  /** Dealer gamma at a hypothetical spot (for the gamma flip), shares per $1. */
  gammaSharesAt(spot: number, atmVol: number, years: number): number {
    const sqrtT = Math.sqrt(years);
    const logSpot = Math.log(spot);
    const invAtmSd = 1 / (atmVol * sqrtT);
    let sum = 0;
    for (let k = 0; k < this.strikes.length; k++) {
      const pos = this.callPos[k]! + this.putPos[k]!;
      if (pos === 0) continue;
      const moneyness = this.logStrikes[k]! - logSpot;
      if (moneyness * invAtmSd > FAR_SD || moneyness * invAtmSd < -FAR_SD) continue;
      const sd = smile(moneyness, atmVol, invAtmSd) * sqrtT;
      sum += (pos * normPdf((0.5 * sd * sd - moneyness) / sd)) / sd;
    }
    return (sum * 100) / spot;
  }
}

/** Vol on the smile at log-moneyness ln(K/S), given 1 / (atm vol * sqrt(T)). */
function smile(moneyness: number, atmVol: number, invAtmSd: number): number {
  let z = moneyness * invAtmSd;
  if (z > SMILE_Z_CLIP) z = SMILE_Z_CLIP;
  else if (z < -SMILE_Z_CLIP) z = -SMILE_Z_CLIP;
  return atmVol * Math.max(SMILE_FLOOR, 1 + SMILE_SKEW * z + SMILE_CURVATURE * z * z);
}
