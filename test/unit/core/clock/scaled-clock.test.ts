import { describe, expect, it } from 'vitest';
import { parseClockSpec, scaledClock } from '../../../../core/clock/scaled-clock.js';

describe('the --clock START@SPEED spec', () => {
  it('reads an instant with its offset and a speed', () => {
    expect(parseClockSpec('2026-06-05T09:30:00-04:00@60')).toEqual({
      startMs: Date.parse('2026-06-05T13:30:00Z'),
      speed: 60,
    });
    expect(parseClockSpec('2026-06-05T13:30:00Z')).toEqual({
      startMs: Date.parse('2026-06-05T13:30:00Z'),
      speed: 1,
    });
  });

  it('refuses a start without an offset (it would depend on the machine’s time zone)', () => {
    expect(() => parseClockSpec('2026-06-05T09:30:00@60')).toThrow(/needs a UTC offset or Z/);
  });

  it('refuses a start that is not a time and a speed that is not positive', () => {
    expect(() => parseClockSpec('yesterday@60')).toThrow(/offset|ISO/);
    expect(() => parseClockSpec('2026-06-05T13:30:00Z@0')).toThrow(/positive/);
    expect(() => parseClockSpec('2026-06-05T13:30:00Z@fast')).toThrow(/positive/);
  });
});

describe('the scaled clock', () => {
  it('runs SPEED times faster than real time from its start, timers included', () => {
    let real = 1_000_000;
    const clock = scaledClock(Date.parse('2026-06-05T13:30:00Z'), 60, () => real);
    expect(clock.now()).toBe(Date.parse('2026-06-05T13:30:00Z'));
    real += 1_000; // one real second is a simulated minute
    expect(clock.now()).toBe(Date.parse('2026-06-05T13:31:00Z'));
    expect(() => scaledClock(0, 0)).toThrow(RangeError);
  });

  it('fires a timer of one simulated minute after a sixtieth of the time', async () => {
    const clock = scaledClock(0, 600);
    const started = Date.now();
    await new Promise<void>((resolve) => clock.setTimer(60_000, resolve)); // 100 ms real
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
