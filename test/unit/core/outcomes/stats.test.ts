// The scorecard's statistics against values computed by hand (and checked against published
// tables of the Wilson interval).
import { describe, expect, it } from 'vitest';
import { mean, median, wilsonInterval } from '../../../../core/outcomes/stats.js';

describe('wilsonInterval (95%)', () => {
  it('matches hand-computed intervals', () => {
    // p = 0.7, z² = 3.841459: centre 0.892073 / 1.384146 = 0.644493,
    // half-width (1.959964 / 1.384146) · sqrt(0.021 + 0.009604) = 1.416008 · 0.174939 = 0.247715.
    const seven = wilsonInterval(7, 10)!;
    expect(seven.low).toBeCloseTo(0.396778, 5);
    expect(seven.high).toBeCloseTo(0.892208, 5);
    // 1 of 2: centre 0.5, half-width (1.959964 / 2.920729) · sqrt(0.125 + 0.240091) = 0.405431.
    const half = wilsonInterval(1, 2)!;
    expect(half.low).toBeCloseTo(0.094531, 5);
    expect(half.high).toBeCloseTo(0.905469, 5);
  });

  it('stays inside [0, 1] at the extremes, where the normal approximation would not', () => {
    expect(wilsonInterval(0, 10)!.low).toBe(0);
    expect(wilsonInterval(0, 10)!.high).toBeCloseTo(0.277533, 5);
    expect(wilsonInterval(10, 10)!.low).toBeCloseTo(0.722467, 5);
    expect(wilsonInterval(10, 10)!.high).toBeCloseTo(1, 12);
  });

  it('is unknown, not zero, without a sample', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('median and mean', () => {
  it('take the middle (or the mean of the two middle) values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([-0.02, 0.01])).toBeCloseTo(-0.005, 12);
    expect(mean([1, 2, 6])).toBe(3);
  });

  it('are unknown for an empty sample', () => {
    expect(median([])).toBeNull();
    expect(mean([])).toBeNull();
  });
});
