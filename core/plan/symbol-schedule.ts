// Per symbol: when it is next due, how often it has failed in a row, and whether the server
// has shown it has no 0DTE chain today. Pure bookkeeping; the planner decides.
import type { ApiError } from '../api/errors.js';

export interface SymbolSchedule {
  /** Market time the symbol may next be polled (-Infinity: at once). */
  dueAt: number;
  /** Consecutive failed polls (drives the backoff). */
  failures: number;
  /** The last failure, until a poll succeeds. */
  error: ApiError | null;
  /** The server answered with no bars well after the open: no 0DTE chain today. */
  empty: boolean;
  /** Market time of the last successful poll. */
  lastOkAt: number | null;
  /** A quick re-poll because the server's clock was behind the bar close was already spent. */
  quickRetried: boolean;
  /** The next successful poll is a backfill (first of the session, after a failure or sleep). */
  catchUp: boolean;
  /** The bar close (server time) the symbol's last planned poll was for. */
  aimedAt: number;
  /** Answers after the close in a row that left something to fetch (drives their backoff). */
  retries: number;
}

export function freshSchedule(): SymbolSchedule {
  return {
    dueAt: Number.NEGATIVE_INFINITY,
    failures: 0,
    error: null,
    empty: false,
    lastOkAt: null,
    quickRetried: false,
    catchUp: true,
    aimedAt: Number.NEGATIVE_INFINITY,
    retries: 0,
  };
}

/** What the UI needs to know about a symbol's polling. */
export interface ScheduleView {
  readonly error: ApiError | null;
  readonly failures: number;
  /** When the next attempt is planned after a failure. */
  readonly retryAt: number | null;
  readonly empty: boolean;
  readonly lastOkAt: number | null;
}

export function scheduleView(s: SymbolSchedule | undefined): ScheduleView {
  if (!s) return { error: null, failures: 0, retryAt: null, empty: false, lastOkAt: null };
  return {
    error: s.error,
    failures: s.failures,
    retryAt: s.failures > 0 && Number.isFinite(s.dueAt) ? s.dueAt : null,
    empty: s.empty,
    lastOkAt: s.lastOkAt,
  };
}
