// The check after every answer that keeps completeness an invariant rather than a timing bet.
// A request's window is sized before it is sent, from an estimate of when the server will serve
// it; the answer says when it really was (`as_of`) and how far back it reached
// (`as_of - minutes`). Every bucket the state still lacks that had ended by `as_of` and that a
// request could still fetch must then have been outside the window (served later than planned,
// a clock jump, a window the server cut short): the symbol is due again at once, with a window
// sized from what is known now. A bucket inside the window that the answer still did not carry
// is a hole in the server's own data: asking again at once would only spend requests, so it is
// retried later. Either way it is never a silent gap.
import type { Side } from '../model/flow.js';
import { firstIncompleteFrom } from '../state/completeness.js';
import type { SymbolState } from '../state/symbol-state.js';
import { oldestReachable, windowCovers } from './reach.js';

export type Shortfall =
  | { readonly kind: 'none' }
  /** A bucket still needed lay before the answer's window: fetch again now. */
  | { readonly kind: 'short'; readonly needed: number }
  /** The window covered a bucket the answer did not carry: the server lacks it for now. */
  | { readonly kind: 'hole'; readonly needed: number };

export interface Answer {
  /** The projections the request returns. */
  readonly sides: readonly Side[];
  /** The server time it was served at. */
  readonly asOf: number;
  /** The window it asked for. */
  readonly minutes: number;
}

/** What an answer, already merged into `state`, left undone (see the file comment). */
export function checkAnswer(state: SymbolState, date: string, answer: Answer): Shortfall {
  const from = oldestReachable(state.sessionOpen, state.barMs, date, answer.asOf);
  if (from === null) return { kind: 'none' };
  const needed = firstIncompleteFrom(state, answer.sides, from, answer.asOf);
  if (needed === null) return { kind: 'none' };
  return windowCovers(needed, state.barMs, answer.asOf, answer.minutes)
    ? { kind: 'hole', needed }
    : { kind: 'short', needed };
}

/** The worse of two shortfalls of one poll: a short window wins (it is fixed at once). */
export function worse(a: Shortfall, b: Shortfall): Shortfall {
  if (a.kind === 'short') return a;
  if (b.kind === 'short') return b;
  return a.kind === 'hole' ? a : b;
}
