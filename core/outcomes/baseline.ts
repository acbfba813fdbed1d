// The baseline a rule is held against (docs/scorecard.md): the same signed move taken from every
// final bar of the same sessions, symbols and bar size whose time of day falls in the same
// 30-minute slot as some alert, in both directions: the unconditional chance of a move that size
// in that part of the day.
import { OUTCOME_HORIZONS, type OutcomeHorizon } from '../contract/outcomes.js';
import type { BarSize } from '../model/flow.js';
import { horizonBucket, slotOf, type SessionSpan } from './horizons.js';
import { signedMove, spotLookup } from './outcome.js';

/** One symbol's bars of one session at one bar size, with spot where known. */
export interface SessionSpots {
  readonly date: string;
  readonly symbol: string;
  readonly barSize: BarSize;
  readonly session: SessionSpan;
  /** final bars, any order; spot null where it is not known */
  readonly bars: readonly { readonly t: number; readonly spot: number | null }[];
}

/** Each bar's upward move per horizon (null where not known), with its slot. */
export interface BarMoves {
  readonly symbol: string;
  readonly barSize: BarSize;
  readonly slot: number;
  readonly moves: Readonly<Record<OutcomeHorizon, number | null>>;
}

/**
 * Every bar's move per horizon as if it had alerted upward (computed once per session): the
 * same reading of buckets as computeOutcomes, without building an outcome per bar.
 */
export function barMoves(data: SessionSpots): BarMoves[] {
  const spotAt = spotLookup(data.bars);
  const out: BarMoves[] = [];
  for (const bar of data.bars) {
    const from = bar.spot;
    const moves = {} as Record<OutcomeHorizon, number | null>;
    for (const h of OUTCOME_HORIZONS) {
      const bucket = horizonBucket(bar.t, h, data.barSize, data.session);
      const to = bucket.kind === 'bucket' ? spotAt(bucket.at) : null;
      moves[h] =
        typeof from === 'number' && typeof to === 'number' ? signedMove(1, from, to) : null;
    }
    out.push({
      symbol: data.symbol,
      barSize: data.barSize,
      slot: slotOf(bar.t, data.session),
      moves,
    });
  }
  return out;
}

/** Bars by symbol, bar size and slot, so a rule's baseline reads only the bars it needs. */
export type BarIndex = ReadonlyMap<string, readonly BarMoves[]>;

function key(symbol: string, barSize: BarSize, slot: number): string {
  return `${symbol}|${barSize}|${slot}`;
}

export function indexBars(bars: readonly BarMoves[]): BarIndex {
  const index = new Map<string, BarMoves[]>();
  for (const b of bars) {
    const k = key(b.symbol, b.barSize, b.slot);
    let list = index.get(k);
    if (!list) index.set(k, (list = []));
    list.push(b);
  }
  return index;
}

/** The slots alerts fell in, per bar size. */
export type AlertSlots = ReadonlyMap<BarSize, ReadonlySet<number>>;

/** The bars of `symbols` in a slot of `slots` at the same bar size. */
export function baselineBars(
  index: BarIndex,
  symbols: readonly string[],
  slots: AlertSlots,
): BarMoves[] {
  const out: BarMoves[] = [];
  for (const symbol of symbols) {
    for (const [barSize, set] of slots) {
      for (const slot of set) out.push(...(index.get(key(symbol, barSize, slot)) ?? []));
    }
  }
  return out;
}

/** The baseline's signed moves at `horizon`: each bar's move up and its move down. */
export function baselineMoves(bars: readonly BarMoves[], horizon: OutcomeHorizon): number[] {
  const out: number[] = [];
  for (const b of bars) {
    const m = b.moves[horizon];
    if (m !== null) out.push(m, -m + 0);
  }
  return out;
}
