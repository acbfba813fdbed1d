// The server's notion of now. A virtual clock runs from a start instant at a speed multiple
// of real time (`--clock 2026-06-05T09:30:00-04:00@60`); speed 0 is a manual clock that moves
// only when told (tests drive a whole session with set/advance, deterministically). Starts and
// speeds are bounded (calendar/clock-limits.ts): outside the bounds the server would
// fail every request with "Invalid time value" instead of refusing to start.
import { clockSpeedProblem, clockStartProblem } from '../../calendar/index.js';

export interface SimClock {
  /** Virtual epoch ms. */
  now(): number;
  /** Jumps to an instant; a running clock keeps its speed from there. */
  set(ms: number): void;
  /** Moves by `ms` (may be negative). */
  advance(ms: number): void;
  /** Virtual ms per real ms; 0 = manual. */
  readonly speed: number;
  setSpeed(speed: number): void;
}

export interface ClockSetting {
  /** Virtual instant at creation (default: the real time). */
  readonly start?: number;
  /** Default 1 (real time); 0 = manual. */
  readonly speed?: number;
}

export function createClock(
  setting: ClockSetting = {},
  realNow: () => number = Date.now,
): SimClock {
  let base = setting.start ?? realNow();
  let realBase = realNow();
  let speed = setting.speed ?? 1;
  const problem = clockSpeedProblem(speed, true) ?? clockStartProblem(base);
  if (problem) throw new RangeError(`clock ${speed}x from ${base} ${problem}`);
  const now = (): number => Math.floor(base + (realNow() - realBase) * speed);
  const rebase = (ms: number): void => {
    base = ms;
    realBase = realNow();
  };
  return {
    now,
    set: (ms) => rebase(ms),
    advance: (ms) => rebase(now() + ms),
    get speed() {
      return speed;
    },
    setSpeed(next) {
      const why = clockSpeedProblem(next, true);
      if (why) throw new RangeError(`clock speed ${next} ${why}`);
      rebase(now());
      speed = next;
    },
  };
}

/**
 * `START@SPEED`, `START` (speed 1) or `@SPEED` (from now): START is an ISO-8601 instant with an
 * offset or Z, from 1970 to 2200; SPEED a number from 0 (a manual clock) to MAX_CLOCK_SPEED.
 */
export function parseClockSpec(spec: string): ClockSetting {
  const at = spec.lastIndexOf('@');
  const startText = (at >= 0 ? spec.slice(0, at) : spec).trim();
  const speedText = at >= 0 ? spec.slice(at + 1).trim() : '';
  let start: number | undefined;
  if (startText !== '') {
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(startText)) {
      throw new RangeError(`clock start '${startText}' needs a UTC offset or Z`);
    }
    start = Date.parse(startText);
    if (!Number.isFinite(start)) throw new RangeError(`clock start '${startText}' is not a date`);
    const problem = clockStartProblem(start);
    if (problem) throw new RangeError(`clock start '${startText}' ${problem}`);
  }
  let speed: number | undefined;
  if (speedText !== '') {
    speed = Number(speedText.replace(/x$/i, ''));
    const problem = clockSpeedProblem(speed, true);
    if (problem) throw new RangeError(`clock speed '${speedText}' ${problem}`);
  }
  return { ...(start === undefined ? {} : { start }), ...(speed === undefined ? {} : { speed }) };
}
