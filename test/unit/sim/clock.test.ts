import { describe, expect, it } from 'vitest';
import { createClock, parseClockSpec } from '../../../sim/server/clock.js';

describe('virtual clock', () => {
  it('parses START@SPEED, START alone and @SPEED alone', () => {
    expect(parseClockSpec('2026-06-05T09:30:00-04:00@60')).toEqual({
      start: Date.parse('2026-06-05T13:30:00Z'),
      speed: 60,
    });
    expect(parseClockSpec('2026-06-05T13:30:00Z')).toEqual({
      start: Date.parse('2026-06-05T13:30:00Z'),
    });
    expect(parseClockSpec('@2.5x')).toEqual({ speed: 2.5 });
    expect(() => parseClockSpec('2026-06-05T09:30:00@60')).toThrow(/offset/);
    expect(() => parseClockSpec('2026-06-05T09:30:00Z@fast')).toThrow(/speed/);
  });

  it('runs at a multiple of real time from its start', () => {
    let real = 1_000;
    const clock = createClock({ start: Date.parse('2026-06-05T13:30:00Z'), speed: 60 }, () => real);
    real += 1_000;
    expect(clock.now()).toBe(Date.parse('2026-06-05T13:31:00Z'));
    clock.setSpeed(0);
    real += 5_000;
    expect(clock.now()).toBe(Date.parse('2026-06-05T13:31:00Z'));
  });

  it('moves a manual clock only by set and advance', () => {
    let real = 0;
    const clock = createClock({ start: 1_000_000, speed: 0 }, () => real);
    real += 60_000;
    expect(clock.now()).toBe(1_000_000);
    clock.advance(30_000);
    expect(clock.now()).toBe(1_030_000);
    clock.set(5);
    expect(clock.now()).toBe(5);
  });
});
