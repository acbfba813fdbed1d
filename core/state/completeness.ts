// Which of a session's buckets are final, asked the ways the planner and the day record ask it:
// the oldest incomplete bucket at or after a point (the oldest one the server can still serve),
// the newest one (whether anything left is still within reach), and the runs of missing
// buckets per projection (what a day record lists). A bucket is incomplete for a set of
// projections when any of them lacks a final value.
import type { MissingRun } from '../contract/views.js';
import type { Side } from '../model/flow.js';

/** What these questions read of a SymbolState. */
export interface FinalityView {
  readonly sessionOpen: number;
  readonly sessionClose: number;
  readonly barMs: number;
  isFinal(t: number, side: Side): boolean;
  oldestIncomplete(sides: readonly Side[], until: number): number | null;
}

/** Start of the last bucket that has ended by `until` (null before the first one has). */
function lastEnded(s: FinalityView, until: number): number | null {
  const end = Math.min(until, s.sessionClose);
  if (end < s.sessionOpen + s.barMs) return null;
  return s.sessionOpen + (Math.floor((end - s.sessionOpen) / s.barMs) - 1) * s.barMs;
}

function incomplete(s: FinalityView, sides: readonly Side[], t: number): boolean {
  return sides.some((side) => !s.isFinal(t, side));
}

/** The oldest bucket starting at or after `from` and ended by `until` that is incomplete. */
export function firstIncompleteFrom(
  s: FinalityView,
  sides: readonly Side[],
  from: number,
  until: number,
): number | null {
  const oldest = s.oldestIncomplete(sides, until);
  if (oldest === null || oldest >= from) return oldest;
  const last = lastEnded(s, until);
  if (last === null) return null;
  const first = s.sessionOpen + Math.ceil((from - s.sessionOpen) / s.barMs) * s.barMs;
  for (let t = first; t <= last; t += s.barMs) if (incomplete(s, sides, t)) return t;
  return null;
}

/** The newest bucket ended by `until` that is incomplete. */
export function newestIncomplete(
  s: FinalityView,
  sides: readonly Side[],
  until: number,
): number | null {
  const oldest = s.oldestIncomplete(sides, until);
  if (oldest === null) return null;
  for (let t = lastEnded(s, until)!; t > oldest; t -= s.barMs) {
    if (incomplete(s, sides, t)) return t;
  }
  return oldest;
}

/** Per projection, the runs of buckets ended by `until` that have no final value. */
export function missingRuns(s: FinalityView, sides: readonly Side[], until: number): MissingRun[] {
  const out: MissingRun[] = [];
  const last = lastEnded(s, until);
  // The usual answer, in O(1): nothing is missing.
  if (last === null || s.oldestIncomplete(sides, until) === null) return out;
  for (const side of sides) {
    let from: number | null = null;
    for (let t = s.sessionOpen; t <= last + s.barMs; t += s.barMs) {
      const hole = t <= last && !s.isFinal(t, side);
      if (hole && from === null) from = t;
      if (!hole && from !== null) {
        out.push({ side, from, to: t });
        from = null;
      }
    }
  }
  return out;
}

/** How many buckets the runs cover, a bucket missing several projections counted once. */
export function missingBuckets(runs: readonly MissingRun[], barMs: number): number {
  const buckets = new Set<number>();
  for (const r of runs) for (let t = r.from; t < r.to; t += barMs) buckets.add(t);
  return buckets.size;
}
