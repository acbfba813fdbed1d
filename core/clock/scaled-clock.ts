import type { Clock } from '../ports/clock.js';
import { longTimer } from './system-clock.js';

/**
 * A virtual clock that starts at `startMs` and runs `speed` times faster than real time, for
 * watching or testing a simulated session (`--clock 2026-06-05T09:30:00-04:00@60`).
 */
export function scaledClock(
  startMs: number,
  speed: number,
  realNow: () => number = Date.now,
): Clock {
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new RangeError(`clock speed must be > 0: ${speed}`);
  const realStart = realNow();
  return {
    now: () => startMs + (realNow() - realStart) * speed,
    setTimer: (ms, fn) => longTimer(ms / speed, fn),
  };
}

/** Parses `START@SPEED` (START: ISO 8601 with offset; SPEED: a positive number, default 1). */
export function parseClockSpec(spec: string): { startMs: number; speed: number } {
  const at = spec.lastIndexOf('@');
  const start = at >= 0 ? spec.slice(0, at) : spec;
  const speed = at >= 0 ? Number(spec.slice(at + 1)) : 1;
  // An instant without an offset would be read in the machine's time zone: the same command
  // would replay a different minute of the session on another machine.
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(start.trim())) {
    throw new RangeError(
      `the start '${start}' needs a UTC offset or Z, e.g. 2026-06-05T09:30:00-04:00@60`,
    );
  }
  const startMs = Date.parse(start);
  if (Number.isNaN(startMs))
    throw new RangeError(`clock start is not an ISO 8601 time: '${start}'`);
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new RangeError(`clock speed must be a positive number: '${spec}'`);
  return { startMs, speed };
}
