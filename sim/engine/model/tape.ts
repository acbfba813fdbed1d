// The customer trade tape, one step at a time. Prints arrive as a Poisson process whose rate
// follows the session's activity curve; strikes cluster near the money (a normal in units of
// the expected move to the close); sizes are Pareto (heavy-tailed: most prints are a few
// lots, a few are thousands); the aggressor side is read against the option's quote. The
// dealer takes the other side of every classified print; mid prints are left unattributed.
import { ParetoSampler, type Rng } from '../random/prng.js';
import type { Book } from './book.js';
import type { RegimeState } from './regimes.js';
import { TRADE_SIZE_ALPHA, TRADE_SIZE_CAP, TRADE_SIZE_CAP_SCALES } from './symbols.js';
import type { TradeLog } from './trade-log.js';
import { callPrice } from './bsm.js';

/** Share of prints at the mid (unattributed, not hedged). */
const MID_PRINT_SHARE = 0.12;
/** Share of prints whose strike is out of the money on their leg (calls above, puts below). */
const OTM_LEG_SHARE = 0.78;
/** Balanced regime: customers' buy share, shifted toward selling by the day's gamma lean. */
const BASE_BUY_SHARE = 0.5;
const BUY_SHARE_PER_BIAS = 0.015;
/** Pinning: customers' buy share at strikes within two spacings of the magnet. */
const PIN_BUY_SHARE = 0.36;
/** Chasing: buy share of the chasing prints. */
const CHASE_BUY_SHARE = 0.9;
/** Chasers trade steadier lots (a lighter size tail) that are larger on average. */
const CHASE_SIZE_ALPHA = 3;
const CHASE_SIZE_MULT = 3;
const TAPE_SIZES = new ParetoSampler(TRADE_SIZE_ALPHA);
const CHASE_SIZES = new ParetoSampler(CHASE_SIZE_ALPHA);
/** Strike dispersion floor (log-moneyness), so late-day prints still span a few strikes. */
const MIN_STRIKE_SD = 0.0015;

export interface TapeStep {
  readonly rng: Rng;
  readonly book: Book;
  readonly spot: number;
  /** Expected log move to the close (atm vol * sqrt(variance years left)). */
  readonly sdToClose: number;
  readonly atmVol: number;
  readonly years: number;
  readonly t0: number;
  readonly stepMs: number;
  /** Expected balanced prints in this step. */
  readonly baseCount: number;
  readonly tradeSizeScale: number;
  readonly gammaBias: number;
  readonly regime: RegimeState;
  /** When recording, where prints go (prices are only computed then). */
  readonly log: TradeLog | null;
}

/**
 * Runs one step of the tape into the book. Returns the dealer's option delta taken on by the
 * step's prints, in shares, at the deltas of the book's last evaluation.
 */
export function runTapeStep(s: TapeStep): number {
  const { rng, regime } = s;
  const width = Math.max(s.sdToClose, MIN_STRIKE_SD);
  const from = s.log?.length ?? 0;
  let delta = 0;
  const n = rng.poisson(s.baseCount);
  const buyShare = BASE_BUY_SHARE - BUY_SHARE_PER_BIAS * s.gammaBias;
  for (let j = 0; j < n; j++) {
    const x = rng.normal() * width;
    // exp(x) to second order: |x| is a few percent at most, far inside a strike's spacing.
    const strike = s.spot * (1 + x + 0.5 * x * x);
    const otm = rng.uniform() < OTM_LEG_SHARE;
    const put = x >= 0 ? !otm : otm;
    let share = buyShare;
    if (regime.name === 'pinning' && Math.abs(strike - regime.magnet) <= 2 * s.book.spacing) {
      share = PIN_BUY_SHARE;
    }
    delta += print(s, strike, put, share, TAPE_SIZES, 1);
  }
  if (regime.intensity > 0) {
    delta += chase(s, regime.intensity, regime.direction, s.spot, CHASE_BUY_SHARE, width);
  }
  if (regime.unwind > 0) {
    const { unwind, unwindDirection, unwindAnchor } = regime;
    delta += chase(s, unwind, unwindDirection, unwindAnchor, 1 - CHASE_BUY_SHARE, width);
  }
  s.log?.sortFrom(from);
  return delta;
}

/**
 * Chasing prints (or their unwind, with the buy share flipped): at and just out of the money
 * of `anchor` in the direction of the move, calls up, puts down.
 */
function chase(
  s: TapeStep,
  intensity: number,
  direction: number,
  anchor: number,
  buyShare: number,
  width: number,
): number {
  let delta = 0;
  const m = s.rng.poisson(s.baseCount * intensity);
  for (let j = 0; j < m; j++) {
    const x = direction * (0.05 + 0.3 * Math.abs(s.rng.normal())) * width;
    delta += print(s, anchor * (1 + x), direction < 0, buyShare, CHASE_SIZES, CHASE_SIZE_MULT);
  }
  return delta;
}

/** One print; returns the dealer delta it adds, in shares. */
function print(
  s: TapeStep,
  price: number,
  put: boolean,
  buyShare: number,
  sizes: ParetoSampler,
  sizeMult: number,
): number {
  const { rng, book } = s;
  const u = rng.uniform();
  const cap = Math.min(TRADE_SIZE_CAP, TRADE_SIZE_CAP_SCALES * s.tradeSizeScale);
  const size = Math.min(cap, Math.floor(sizes.draw(rng, s.tradeSizeScale * sizeMult)));
  const offset = rng.int(s.stepMs);
  const k = book.strikeIndex(price);
  if (k < 0) return 0;
  // side: -1 customer sells at the bid, 0 mid, +1 customer buys at the ask
  const side =
    u < MID_PRINT_SHARE ? 0 : u < MID_PRINT_SHARE + (1 - MID_PRINT_SHARE) * buyShare ? 1 : -1;
  // The dealer takes the other side of a classified print.
  const dealer = -side * size;
  if (put) book.putPos[k] = book.putPos[k]! + dealer;
  else book.callPos[k] = book.callPos[k]! + dealer;
  if (s.log) {
    const strike = book.strikes[k]!;
    const vol = book.smileVol(strike, s.spot, s.atmVol, s.years);
    const call = callPrice(s.spot, strike, vol, s.years);
    const theo = Math.max(0.01, put ? call - s.spot + strike : call);
    const half = Math.max(0.01, 0.03 * theo);
    const bid = cents(Math.max(0, theo - half));
    const ask = cents(theo + half);
    const px = side > 0 ? ask : side < 0 ? bid : cents((bid + ask) / 2);
    s.log.push(s.t0 + offset, strike, put, side, size, px, bid, ask);
  }
  const delta = book.delta[k]!;
  return dealer * (put ? delta - 1 : delta) * 100;
}

function cents(x: number): number {
  return Math.round(x * 100) / 100;
}
