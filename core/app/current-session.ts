// The session the app works on at a given time, and what the popover's status says about it.
// The calendar knows every session; which one is "current" for the app follows from how long
// the server can still serve a session's bars, so it lives here and not in the calendar.
import { latestSession, nextSessionOpen, type Session } from '../../calendar/index.js';
import type { MarketView } from '../contract/views.js';
import { RAW_SAMPLE_MS } from '../model/flow.js';
import { reachEnd } from '../plan/reach.js';

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
