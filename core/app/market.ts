import {
  DEFAULT_ZERO_DTE_LISTINGS,
  latestSession,
  nextSessionOpen,
  sessionAt,
  type Session,
  type ZeroDteListings,
} from '../../calendar/index.js';
import type { MarketView } from '../contract/views.js';
import { RAW_SAMPLE_MS } from '../model/flow.js';
import { reachEnd } from '../plan/reach.js';
import type { Clock } from '../ports/clock.js';

/**
 * The session the app works on at `now`: the latest one from its open for as long as the server
 * can still serve any of its bars (its last raw sample within the longest window, its date not
 * yet past: until about 22:30 New York), so that its closing bars are completed, and a day
 * that the app was not running for at the close is backfilled; then the next one.
 */
export function sessionFor(now: number): Session {
  const latest = latestSession(now);
  // The last bucket of any bar size ends at the close, its last raw sample one interval before.
  const end = reachEnd(latest.close - RAW_SAMPLE_MS, RAW_SAMPLE_MS, latest.date);
  return now < end ? latest : nextSessionOpen(now);
}

export function marketView(session: Session, now: number): MarketView {
  return {
    open: now >= session.open && now < session.close,
    sessionDate: session.date,
    opensAt: session.open,
    closesAt: session.close,
    earlyClose: session.earlyClose,
  };
}

/**
 * The 0DTE listing schedule in effect: the calendar's defaults, with the user's per-symbol
 * overrides (settings.zeroDteListings) replacing a symbol's weekdays. The calendar's own
 * `hasZeroDte` treats its argument as the whole table, so an empty override table must not
 * be passed to it as is (SPY would fall back to Mon/Wed/Fri).
 */
export function effectiveListings(
  overrides: Readonly<Record<string, readonly number[]>>,
): ZeroDteListings {
  return { ...DEFAULT_ZERO_DTE_LISTINGS, ...overrides };
}

/** How far into a session a closed-market demo starts, so there is something to see at once. */
export const DEMO_REPLAY_OFFSET_MS = 60 * 60_000;

/** The demo clock re-checks its own time at least this often while a timer waits. */
const DEMO_TIMER_SLICE_MS = 60_000;

/**
 * The demo's market time, one per app run (a rebuild must not rewind it). Started while the
 * market is open, it is the real clock. Started outside market hours, it replays the latest
 * session from one hour after its open, at real speed, so the popover is never empty on a
 * weekend; once a real session opens it switches to real time for good. Its timers wait in
 * market time, re-checked every minute, so that switch wakes them instead of stranding a wait
 * computed in replayed time.
 */
export function demoClock(clock: Clock): Clock {
  const start = clock.now();
  const latest = latestSession(start);
  let offset = sessionAt(start) ? 0 : latest.open + DEMO_REPLAY_OFFSET_MS - start;
  const now = (): number => {
    const real = clock.now();
    if (offset !== 0 && sessionAt(real)) offset = 0;
    return real + offset;
  };
  return {
    now,
    setTimer: (ms, fn) => {
      const target = now() + ms;
      let cancel = (): void => {};
      const arm = (): void => {
        const left = target - now();
        if (left <= 0) return fn();
        cancel = clock.setTimer(Math.min(left, DEMO_TIMER_SLICE_MS), arm);
      };
      cancel = clock.setTimer(Math.min(Math.max(0, ms), DEMO_TIMER_SLICE_MS), arm);
      return () => cancel();
    },
  };
}
