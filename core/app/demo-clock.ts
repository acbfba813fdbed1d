// The demo's market time (docs/architecture.md, "Demo data and FlashAlpha data never mix"):
// the real clock while the market is open, else a replay of the latest session.
import { latestSession, sessionAt } from '../../calendar/index.js';
import type { Clock } from '../ports/clock.js';

/** How far into a session a closed-market demo starts, so there is something to see at once. */
const DEMO_REPLAY_OFFSET_MS = 60 * 60_000;

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
