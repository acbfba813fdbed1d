import {
  DEFAULT_ZERO_DTE_LISTINGS,
  latestSession,
  nextSessionOpen,
  type Session,
  type ZeroDteListings,
} from '../../sim/engine/market/index.js';
import type { MarketView } from '../contract/views.js';
import { FINAL_POLL_GRACE_MS } from '../plan/poll-planner.js';
import type { Clock } from '../ports/clock.js';

export { FINAL_POLL_GRACE_MS };

/** The session the app works on at `now`: today's from its open until just after its close. */
export function sessionFor(now: number): Session {
  const latest = latestSession(now);
  return now < latest.close + FINAL_POLL_GRACE_MS ? latest : nextSessionOpen(now);
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

/**
 * Demo data runs on the real clock while the market is open. Outside market hours it replays
 * the latest session from one hour after its open, at real speed, so the popover is never
 * empty on a weekend.
 */
export function demoClock(clock: Clock): Clock {
  const now = clock.now();
  const latest = latestSession(now);
  const inSession = now >= latest.open && now < latest.close;
  const offset = inSession ? 0 : latest.open + DEMO_REPLAY_OFFSET_MS - now;
  return { now: () => clock.now() + offset, setTimer: (ms, fn) => clock.setTimer(ms, fn) };
}
