import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatDuration,
  formatEt,
  formatEtDay,
  formatEtWeekday,
  formatNyTime,
  formatPercent,
  formatPrice,
  formatSigned,
  formatUsd,
} from '../../../../core/contract/format.js';

describe('formatUsd', () => {
  it('writes delta-dollars with three significant digits and a unit', () => {
    expect(formatUsd(1_234_000_000)).toBe('$1.23B');
    expect(formatUsd(-340_000_000)).toBe('-$340M');
    expect(formatUsd(12_500)).toBe('$12.5K');
    expect(formatUsd(2_400_000_000_000)).toBe('$2.4T');
    expect(formatUsd(950)).toBe('$950');
  });

  it('drops trailing zeros', () => {
    expect(formatUsd(1_200_000_000)).toBe('$1.2B');
    expect(formatUsd(1_000_000)).toBe('$1M');
    expect(formatUsd(-50_000)).toBe('-$50K');
  });

  it('carries rounding into the next unit instead of printing 1000K', () => {
    expect(formatUsd(999_960)).toBe('$1M');
    expect(formatUsd(999.7)).toBe('$1K');
    expect(formatUsd(999_999_999)).toBe('$1B');
  });

  it('signs on request and never prints a signed zero', () => {
    expect(formatUsd(48_200_000, { signed: true })).toBe('+$48.2M');
    expect(formatUsd(-48_200_000, { signed: true })).toBe('-$48.2M');
    expect(formatUsd(0, { signed: true })).toBe('$0');
    expect(formatUsd(-0.2)).toBe('$0');
  });

  it('shows a dash for a value that is not a number', () => {
    expect(formatUsd(Number.NaN)).toBe('—');
    expect(formatUsd(Infinity)).toBe('—');
  });
});

describe('the other formatters', () => {
  it('formatSigned writes price moves with a sign', () => {
    expect(formatSigned(0.42)).toBe('+0.42');
    expect(formatSigned(-1.5)).toBe('-1.5');
    expect(formatSigned(0.001)).toBe('0');
    expect(formatSigned(3, 0)).toBe('+3');
  });

  it('formatPrice and formatPercent', () => {
    expect(formatPrice(588.5)).toBe('588.50');
    expect(formatPercent(0.823)).toBe('82%');
  });

  it('formatAge reads like a clock a trader glances at', () => {
    const now = 1_000_000_000;
    expect(formatAge(now - 400, now)).toBe('just now');
    expect(formatAge(now - 12_300, now)).toBe('12 s ago');
    expect(formatAge(now - 3 * 60_000, now)).toBe('3 min ago');
    expect(formatAge(now - 2 * 3_600_000, now)).toBe('2 h ago');
    expect(formatAge(now - 50 * 3_600_000, now)).toBe('2 d ago');
    expect(formatAge(now + 5_000, now)).toBe('just now');
  });

  it('formatDuration', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(15 * 60_000)).toBe('15 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
    expect(formatDuration(120 * 60_000)).toBe('2 h');
  });

  it('formatNyTime shows New York wall-clock time in summer and winter', () => {
    expect(formatNyTime(Date.parse('2026-06-05T14:32:00Z'))).toBe('10:32');
    expect(formatNyTime(Date.parse('2026-01-05T14:32:00Z'))).toBe('09:32');
  });
});

describe('New York session times', () => {
  it('reads times in New York, marked ET, whatever the machine’s zone', () => {
    const open = Date.parse('2026-06-08T13:30:00Z'); // Monday 09:30 EDT
    expect(formatEt(open)).toBe('09:30 ET');
    expect(formatEtWeekday(open)).toBe('Mon 09:30 ET');
    expect(formatEtDay(Date.parse('2026-01-05T15:32:00Z'))).toBe('Jan 5, 10:32 ET'); // EST
    expect(formatEt(Number.NaN)).toBe('—');
  });
});
