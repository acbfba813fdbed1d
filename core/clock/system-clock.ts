import type { Clock } from '../ports/clock.js';

// Timers longer than this are chained: setTimeout overflows past 2^31-1 ms (~24.8 days) and
// fires at once (https://github.com/nodejs/node/issues/22860).
const MAX_TIMER_MS = 2_147_483_647;

/** Real time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (ms, fn) => longTimer(ms, fn),
};

export function longTimer(ms: number, fn: () => void): () => void {
  let handle: ReturnType<typeof setTimeout>;
  let cancelled = false;
  const arm = (remaining: number): void => {
    const step = Math.min(Math.max(0, remaining), MAX_TIMER_MS);
    handle = setTimeout(() => {
      if (cancelled) return;
      if (remaining > MAX_TIMER_MS) arm(remaining - MAX_TIMER_MS);
      else fn();
    }, step);
  };
  arm(ms);
  return () => {
    cancelled = true;
    clearTimeout(handle);
  };
}
