// The instants and speeds a virtual clock (`--clock START@SPEED`, for `hedgeflow sim` and
// `hedgeflow watch`) may take. Outside them nothing useful happens and something breaks: at
// 1e12x every poll is late before it is sent, and past JavaScript's last date (year 275760)
// every timestamp turns into "Invalid time value".

/** The first instant a clock may start at. */
const MIN_CLOCK_START = Date.UTC(1970, 0, 1);
/** The first instant a clock may not start at: far from JavaScript's limit, at any speed. */
const MAX_CLOCK_START = Date.UTC(2200, 0, 1);
/** A 6.5-hour session in under 3 seconds; faster, polls and timers cannot keep up. */
const MAX_CLOCK_SPEED = 10_000;

/** Why `start` (epoch ms) cannot start a clock, or null when it can. */
export function clockStartProblem(start: number): string | null {
  if (Number.isFinite(start) && start >= MIN_CLOCK_START && start < MAX_CLOCK_START) return null;
  return 'is out of range: a clock starts between 1970-01-01 and 2200-01-01';
}

/** Why `speed` is not a clock speed (0 allowed only when `manual`), or null when it is one. */
export function clockSpeedProblem(speed: number, manual: boolean): string | null {
  if (!Number.isFinite(speed) || speed < 0 || (!manual && speed === 0)) {
    return manual ? 'is not a non-negative number' : 'is not a positive number';
  }
  if (speed > MAX_CLOCK_SPEED) {
    return `is too fast: at most ${MAX_CLOCK_SPEED} (a session in under 3 seconds)`;
  }
  return null;
}
