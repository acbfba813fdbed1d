// What a verdict rests on: the bars, each leg's share of the flow, the price move and the
// gamma-flip position, over a window of bars [from, to] (inclusive indices).
import type {
  Confirmation,
  Direction,
  EvidenceBar,
  GammaFlipEvidence,
  LegShares,
  PriceMove,
} from '../contract/detector.js';
import { signOf, type Sign } from './facts.js';
import type { DetectorBar } from './types.js';

/** The UI shows a run's newest bars; a longer run is summarised by barCount and move. */
const MAX_EVIDENCE_BARS = 30;

export function directionOf(sign: Sign): Direction {
  return sign < 0 ? 'down' : 'up';
}

export function evidenceBars(
  bars: readonly DetectorBar[],
  from: number,
  to: number,
): EvidenceBar[] {
  const out: EvidenceBar[] = [];
  for (let j = Math.max(from, to - MAX_EVIDENCE_BARS + 1); j <= to; j++) {
    const b = bars[j]!;
    const e: { -readonly [K in keyof EvidenceBar]: EvidenceBar[K] } = {
      t: b.t,
      bar: b.bar,
      cumulative: b.cumulative,
    };
    // Absent rather than undefined keys: evidence is stored and printed as JSON.
    if (b.calls) e.calls = b.calls.bar;
    if (b.puts) e.puts = b.puts.bar;
    if (b.spot !== undefined) e.spot = b.spot;
    out.push(e);
  }
  return out;
}

export function flowOver(bars: readonly DetectorBar[], from: number, to: number): number {
  let sum = 0;
  for (let j = from; j <= to; j++) sum += bars[j]!.bar;
  return sum;
}

/** Each leg's flow over the window and its share of the gross; null unless every bar has both. */
export function legShares(
  bars: readonly DetectorBar[],
  from: number,
  to: number,
  oneSidedShare: number,
): LegShares | null {
  let calls = 0;
  let puts = 0;
  for (let j = from; j <= to; j++) {
    const b = bars[j]!;
    if (!b.calls || !b.puts) return null;
    calls += b.calls.bar;
    puts += b.puts.bar;
  }
  const gross = Math.abs(calls) + Math.abs(puts);
  const callShare = gross > 0 ? Math.abs(calls) / gross : 0.5;
  const putShare = gross > 0 ? Math.abs(puts) / gross : 0.5;
  // Strictly more than the other leg too, so an even split is never one-sided (at share 0.5).
  const driver =
    callShare >= oneSidedShare && callShare > putShare
      ? 'calls'
      : putShare >= oneSidedShare && putShare > callShare
        ? 'puts'
        : 'both';
  return { calls, puts, callShare, putShare, driver };
}

/**
 * Spot over the window: from the close of the bar before it (where the window's flow starts)
 * to the close of its last bar. chasing when price moved the flow's way, else fading (flat or
 * against: dealers absorbing). null when spot is unknown. Without a bar before the window
 * (the first bar, or one after a hole in the data) it starts at the window's first close.
 */
export function priceMove(
  bars: readonly DetectorBar[],
  from: number,
  to: number,
  flowSign: Sign,
  fromBarBefore = true,
): PriceMove | null {
  const end = bars[to]?.spot;
  const start = (fromBarBefore ? bars[from - 1]?.spot : undefined) ?? bars[from]?.spot;
  if (end === undefined || start === undefined) return null;
  const move = end - start;
  const confirmation: Confirmation =
    flowSign !== 0 && signOf(move) === flowSign ? 'chasing' : 'fading';
  return { from: start, to: end, move, confirmation };
}

/**
 * Which side of the gamma flip spot is on at a bar (0: within `band`, a fraction of the level,
 * of it); null when either is unknown. The band is hysteresis: spot chopping around the level
 * is not a cross every minute.
 */
export function flipSide(bar: DetectorBar | undefined, band: number): Sign | null {
  if (!bar || bar.spot === undefined || bar.gammaFlip === undefined || bar.gammaFlip === null) {
    return null;
  }
  const distance = bar.spot - bar.gammaFlip;
  return Math.abs(distance) <= band * Math.abs(bar.gammaFlip) ? 0 : signOf(distance);
}

/**
 * The direction spot crossed the gamma flip at bar j, compared with the nearest earlier bar on
 * a definite side (bars within the band or without series data are skipped), or null.
 */
export function crossAt(bars: readonly DetectorBar[], j: number, band: number): Direction | null {
  const side = flipSide(bars[j], band);
  if (side === null || side === 0) return null;
  for (let k = j - 1; k >= 0; k--) {
    const before = flipSide(bars[k], band);
    if (before === null || before === 0) continue;
    return before === side ? null : directionOf(side);
  }
  return null;
}

/** Spot against the gamma flip at the window's last bar, with the newest cross in the window. */
export function gammaFlipEvidence(
  bars: readonly DetectorBar[],
  from: number,
  to: number,
  band: number,
): GammaFlipEvidence | null {
  const last = bars[to];
  const side = flipSide(last, band);
  if (side === null || !last || last.spot === undefined || typeof last.gammaFlip !== 'number') {
    return null;
  }
  let crossedAt: number | null = null;
  let crossDirection: Direction | null = null;
  for (let j = to; j >= from && crossedAt === null; j--) {
    const cross = crossAt(bars, j, band);
    if (cross) {
      crossedAt = bars[j]!.t;
      crossDirection = cross;
    }
  }
  return {
    level: last.gammaFlip,
    spot: last.spot,
    side: side > 0 ? 'above' : side < 0 ? 'below' : 'at',
    crossedAt,
    crossDirection,
  };
}
