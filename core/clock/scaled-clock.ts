import { clockSpeedProblem, clockStartProblem } from '../../calendar/index.js';
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
  // The user-facing bound on speed is parseClockSpec's; tests may run a 12-hour schedule faster.
  const problem =
    Number.isFinite(speed) && speed > 0 ? clockStartProblem(startMs) : 'is not a positive speed';
  if (problem) throw new RangeError(`clock ${speed}x from ${startMs} ${problem}`);
  const realStart = realNow();
  return {
    now: () => startMs + (realNow() - realStart) * speed,
    setTimer: (ms, fn) => longTimer(ms / speed, fn),
  };
}

/**
 * Parses `START@SPEED` (START: ISO 8601 with offset, between 1970 and 2200; SPEED: a positive
 * number up to MAX_CLOCK_SPEED, default 1).
 */
export function parseClockSpec(spec: string): { startMs: number; speed: number } {
  const at = spec.lastIndexOf('@');
  const start = at >= 0 ? spec.slice(0, at) : spec;
  const speedText = at >= 0 ? spec.slice(at + 1).trim() : '1';
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
  const startProblem = clockStartProblem(startMs);
  if (startProblem) throw new RangeError(`clock start '${start}' ${startProblem}`);
  const speed = speedText === '' ? NaN : Number(speedText);
  const speedProblem = clockSpeedProblem(speed, false);
  if (speedProblem) throw new RangeError(`clock speed '${speedText}' ${speedProblem}`);
  return { startMs, speed };
}
