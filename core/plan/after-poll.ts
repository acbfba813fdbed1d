// When a symbol is next due after a successful poll: at once when the answer fell short of a
// bucket it needed (response-check.ts), once more shortly when the server had not reached the
// bar close the poll was for, else at the next grid boundary; past the close, whatever is still
// missing is asked for again on a backoff while the server can serve it. A symbol whose answers
// stay empty well after the open has no 0DTE chain today and is only re-checked now and then.
import type { Session } from '../../calendar/index.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import type { Shortfall } from './response-check.js';
import { MAX_LAG_MS } from './server-clock.js';
import type { SymbolSchedule } from './symbol-schedule.js';

/** No bars this long after the open means no 0DTE chain today (not an error). */
const EMPTY_AFTER_MS = 3 * 60_000;
/** A symbol with no chain today is asked again this often, in case it was late. */
const EMPTY_RECHECK_MS = 15 * 60_000;
/**
 * After the close, what an answer left missing (a bucket the server did not return although
 * the window covered it, a server clock still short of the close) is asked for again on this
 * backoff while the server can still serve it; during the session the next regular poll asks
 * again anyway.
 */
const HOLE_BACKOFF: Omit<BackoffOptions, 'random'> = {
  baseMs: 30_000,
  maxMs: 30 * 60_000,
  factor: 2,
};

/** What one successful poll of a symbol told the planner. */
export interface PollSummary {
  /** Our clock when its first request was sent. */
  readonly sentAt: number;
  /** The newest server time among its answers. */
  readonly asOf: number;
  readonly shortfall: Shortfall;
}

export interface AfterPoll {
  /** Our clock now, and the server's as estimated. */
  readonly now: number;
  readonly serverNow: number;
  readonly session: Session;
  /** Buckets the symbol holds anything of. */
  readonly size: number;
  /** The next poll time on our clock for the grid as the budget spaces it (Infinity: none). */
  readonly nextGridPoll: number;
  readonly random: () => number;
}

/** Updates the symbol's schedule after a successful poll. */
export function scheduleAfterPoll(s: SymbolSchedule, r: PollSummary, a: AfterPoll): void {
  s.failures = 0;
  s.error = null;
  s.lastOkAt = a.now;
  s.catchUp = false;
  if (a.size === 0 && a.serverNow >= a.session.open + EMPTY_AFTER_MS) {
    s.empty = true;
    s.dueAt = a.now + EMPTY_RECHECK_MS;
    return;
  }
  s.empty = false;
  if (r.shortfall.kind === 'short') {
    // The window did not reach back far enough when it was served: fetch again at once, sized
    // from what is known now. Never left waiting for the next bar close.
    s.dueAt = Number.NEGATIVE_INFINITY;
    return;
  }
  if (r.asOf < s.aimedAt && !s.quickRetried) {
    // The server had not reached the close we polled for: ask again once (only) when it
    // should have caught up.
    s.quickRetried = true;
    s.dueAt = a.now + Math.min(MAX_LAG_MS, s.aimedAt - r.asOf) + 1_000;
    return;
  }
  s.quickRetried = false;
  s.dueAt = a.nextGridPoll;
  if (Number.isFinite(s.dueAt)) {
    s.retries = 0;
    return;
  }
  // Past the close: whatever is still missing is asked for again later, while it can be
  // served; with nothing missing, the planner sends nothing whatever this says.
  s.retries++;
  s.dueAt = a.now + backoffDelay(s.retries, { ...HOLE_BACKOFF, random: a.random });
}
