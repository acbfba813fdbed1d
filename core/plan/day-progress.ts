// How far a symbol's session is from complete, judged on the server's clock. While the session
// runs, the holes behind the newest final bar are what is missing (the bar that has just closed
// is not a hole: its poll is on its way). After the close every bucket counts, and the day is
// settled once nothing is missing (complete) or what is missing can no longer be served by any
// request (incomplete): only then is there a record to write.
import type { DayView, MissingRun } from '../contract/views.js';
import type { Side } from '../model/flow.js';
import { missingBuckets, missingRuns, newestIncomplete } from '../state/completeness.js';
import type { SymbolState } from '../state/symbol-state.js';
import { reachable } from './reach.js';

export interface DayInput {
  readonly state: SymbolState;
  readonly date: string;
  /** The projections the app fetches for the symbol. */
  readonly sides: readonly Side[];
  /** The server's time now, as estimated (ServerClock.serverNow). */
  readonly serverNow: number;
}

export function dayProgress(i: DayInput): DayView {
  const { state, sides, serverNow } = i;
  const view = (s: DayView['state'], missing: MissingRun[]): DayView => ({
    date: i.date,
    state: s,
    missing,
    missingBars: missingBuckets(missing, state.barMs),
  });
  if (serverNow < state.sessionClose) {
    const frontier = Math.max(
      ...sides.map((side) => state.newestClosed(side) ?? Number.NEGATIVE_INFINITY),
    );
    return view('filling', Number.isFinite(frontier) ? missingRuns(state, sides, frontier) : []);
  }
  const missing = missingRuns(state, sides, state.sessionClose);
  if (missing.length === 0) return view('complete', missing);
  const newest = newestIncomplete(state, sides, state.sessionClose)!;
  const open = reachable(newest, state.barMs, i.date, serverNow);
  return view(open ? 'filling' : 'incomplete', missing);
}
