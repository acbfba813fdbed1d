// The baseline a rule is held against (docs/scorecard.md): the same signed move taken from every
// final bar of the same sessions, symbols and bar size whose time of day falls in the same
// 30-minute slot as some alert, in both directions: the unconditional chance of a move that size
// in that part of the day.
import { OUTCOME_HORIZONS, type OutcomeHorizon } from '../contract/outcomes.js';
import type { BarSize } from '../model/flow.js';
import { slotOf, type SessionSpan } from './horizons.js';
import { computeOutcomes, spotLookup } from './outcome.js';

/** One symbol's bars of one session at one bar size, with spot where known. */
export interface SessionSpots {
  readonly date: string;
  readonly symbol: string;
  readonly barSize: BarSize;
  readonly session: SessionSpan;
  /** final bars, any order; spot null where it is not known */
  readonly bars: readonly { readonly t: number; readonly spot: number | null }[];
  /** no more bars will arrive (the session is over): a missing bucket is a hole for good */
  readonly complete: boolean;
}

/** Each bar's upward move per horizon (null where not known), with its slot. */
export interface BarMoves {
  readonly symbol: string;
  readonly barSize: BarSize;
  readonly slot: number;
  readonly moves: Readonly<Record<OutcomeHorizon, number | null>>;
}

/** Every bar's move per horizon as if it had alerted upward (computed once per session). */
export function barMoves(data: SessionSpots): BarMoves[] {
  const spotAt = spotLookup(data.bars);
  const out: BarMoves[] = [];
  for (const bar of data.bars) {
    const o = computeOutcomes(
      { t: bar.t, direction: 'up', barSize: data.barSize, session: data.session },
      spotAt,
      data.complete,
    );
    const moves = {} as Record<OutcomeHorizon, number | null>;
    for (const h of OUTCOME_HORIZONS) {
      const r = o.horizons[h];
      moves[h] = r.status === 'known' ? r.move : null;
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

/** The slots alerts fell in, per bar size. */
export type AlertSlots = ReadonlyMap<BarSize, ReadonlySet<number>>;

/**
 * The baseline's signed moves at `horizon`: for every bar of `symbols` in a slot of `slots` at
 * the same bar size, its move up and its move down.
 */
export function baselineMoves(
  bars: readonly BarMoves[],
  symbols: ReadonlySet<string>,
  slots: AlertSlots,
  horizon: OutcomeHorizon,
): number[] {
  const out: number[] = [];
  for (const b of bars) {
    if (!symbols.has(b.symbol) || slots.get(b.barSize)?.has(b.slot) !== true) continue;
    const m = b.moves[horizon];
    if (m === null) continue;
    out.push(m, -m + 0);
  }
  return out;
}
