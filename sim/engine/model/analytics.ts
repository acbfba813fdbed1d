// The regime read the series endpoint carries per bar, computed from the dealer book the way
// FlashAlpha's docs describe: dollar gamma per 1% move (net GEX), dealer delta-dollars (net
// DEX), the spot where net GEX changes sign (gamma flip), the strikes with the most call and
// put gamma (walls), the strike dealers are most long gamma at (magnet) and how likely the
// close pins there, ATM implied vol, and the hedging an hour of time decay alone would need.
import { normCdf } from './bsm.js';
import type { Book } from './book.js';
import type { DayTrack } from './day-track.js';
import { HOUR_YEARS } from './session-shape.js';

/** The gamma-flip search: spot offsets from -3% to +3% in 0.5% steps. */
const FLIP_RANGE = 0.03;
const FLIP_STEP = 0.005;

export interface AnalyticsInput {
  readonly book: Book;
  readonly spot: number;
  /** ATM vol on the variance clock. */
  readonly atmVol: number;
  readonly varianceYears: number;
  readonly calendarYears: number;
  /** Variance-clock speed now (variance weight of the coming step). */
  readonly varianceRate: number;
  /** Recompute the gamma flip (costly) or carry the previous state's. */
  readonly withFlip: boolean;
}

/** Writes the analytics of state `i` into the track; the book must be evaluated at `spot`. */
export function writeAnalytics(track: DayTrack, i: number, a: AnalyticsInput): void {
  const { book, spot } = a;
  const f = track.fields;
  const s2 = spot * spot * 0.01 * 100;
  let gex = 0;
  let absGex = 0;
  let charmShares = 0;
  let callWallK = -1;
  let putWallK = -1;
  let magnetK = -1;
  let bestCall = 0;
  let bestPut = 0;
  let bestMagnet = 0;
  // Delta drift per year of variance time is -pdf(d1) * d2 / (2T); an hour passes
  // varianceRate * HOUR_YEARS of it.
  const hourScale = (a.varianceRate * HOUR_YEARS) / (2 * a.varianceYears);
  for (let k = 0; k < book.size; k++) {
    const g = book.gamma[k]!;
    const pos = book.callPos[k]! + book.putPos[k]!;
    const dealer = pos * g;
    gex += dealer;
    absGex += Math.abs(dealer);
    charmShares += pos * book.pdf[k]! * book.d2[k]! * hourScale;
    // Walls weigh effective OI: settled OI plus the inventory dealers took on today.
    const callGamma = (book.callOi0[k]! + Math.abs(book.callPos[k]! - book.callPos0[k]!)) * g;
    const putGamma = (book.putOi0[k]! + Math.abs(book.putPos[k]! - book.putPos0[k]!)) * g;
    if (callGamma > bestCall) {
      bestCall = callGamma;
      callWallK = k;
    }
    if (putGamma > bestPut) {
      bestPut = putGamma;
      putWallK = k;
    }
    if (dealer > bestMagnet) {
      bestMagnet = dealer;
      magnetK = k;
    }
  }
  const netDexShares = book.callDeltaShares() + book.putDeltaShares();
  f.netGex[i] = Math.round(gex * s2);
  f.netDex[i] = Math.round(netDexShares * spot);
  f.callWall[i] = callWallK >= 0 ? book.strikes[callWallK]! : NaN;
  f.putWall[i] = putWallK >= 0 ? book.strikes[putWallK]! : NaN;
  f.atmIv[i] = round(a.atmVol * Math.sqrt(a.varianceYears / a.calendarYears), 4);
  // Time passing moves option deltas by +charm; the hedge moves the other way.
  f.charm[i] = Math.round(-charmShares * 100 * spot);
  writePin(track, i, a, magnetK, bestMagnet, absGex);
  f.gammaFlip[i] = a.withFlip ? gammaFlip(a) : i > 0 ? f.gammaFlip[i - 1]! : NaN;
}

function writePin(
  track: DayTrack,
  i: number,
  a: AnalyticsInput,
  magnetK: number,
  magnetGamma: number,
  absGex: number,
): void {
  const f = track.fields;
  if (magnetK < 0 || absGex === 0) {
    f.magnet[i] = NaN;
    f.pinScore[i] = NaN;
    f.pinProb[i] = NaN;
    return;
  }
  const { book, spot } = a;
  const magnet = book.strikes[magnetK]!;
  const half = book.spacing / 2;
  const sd = a.atmVol * Math.sqrt(a.varianceYears);
  // P(close within half a strike of the magnet), lognormal to the close.
  const hi = Math.log((magnet + half) / spot) / sd + sd / 2;
  const lo = Math.log((magnet - half) / spot) / sd + sd / 2;
  const prob = normCdf(hi) - normCdf(lo);
  const concentration = magnetGamma / absGex;
  const proximity = Math.exp(-0.5 * (Math.log(spot / magnet) / sd) ** 2);
  f.magnet[i] = magnet;
  f.pinProb[i] = round(prob * 100, 1);
  f.pinScore[i] = Math.round(100 * Math.sqrt(Math.min(1, 3 * concentration) * proximity));
}

/** The spot level nearest the current one at which net dealer gamma changes sign. */
function gammaFlip(a: AnalyticsInput): number {
  const { book, spot, atmVol, varianceYears } = a;
  const at = (x: number): number => book.gammaSharesAt(spot * (1 + x), atmVol, varianceYears);
  const g0 = at(0);
  let best = NaN;
  let bestDist = Infinity;
  for (const dir of [1, -1]) {
    let prevX = 0;
    let prevG = g0;
    for (let x = FLIP_STEP; x <= FLIP_RANGE + 1e-12; x += FLIP_STEP) {
      const g = at(dir * x);
      if (g < 0 !== prevG < 0) {
        const root = prevX + ((x - prevX) * prevG) / (prevG - g);
        if (root < bestDist) {
          bestDist = root;
          best = spot * (1 + dir * root);
        }
        break;
      }
      prevX = x;
      prevG = g;
    }
  }
  return Number.isNaN(best) ? NaN : round(best, 2);
}

function round(x: number, decimals: number): number {
  const m = 10 ** decimals;
  return Math.round(x * m) / m;
}
