import { describe, expect, it } from 'vitest';
import {
  currentOrNextSession,
  hasZeroDte,
  latestSession,
  nextSessionOpen,
  nyDate,
  nyOffsetMs,
  nyParts,
  nyPartsFromIntl,
  nyWallTimeToUtc,
  sessionAt,
  sessionOn,
} from '../../../calendar/index.js';

describe('market calendar', () => {
  it('opens at 09:30 New York in both daylight-saving and standard time', () => {
    expect(new Date(sessionOn('2026-06-05')!.open).toISOString()).toBe('2026-06-05T13:30:00.000Z');
    expect(new Date(sessionOn('2026-01-05')!.open).toISOString()).toBe('2026-01-05T14:30:00.000Z');
    expect(new Date(sessionOn('2026-06-05')!.close).toISOString()).toBe('2026-06-05T20:00:00.000Z');
  });

  it('follows the DST change weekends (March 8 and November 1, 2026)', () => {
    expect(new Date(sessionOn('2026-03-06')!.open).toISOString()).toBe('2026-03-06T14:30:00.000Z');
    expect(new Date(sessionOn('2026-03-09')!.open).toISOString()).toBe('2026-03-09T13:30:00.000Z');
    expect(new Date(sessionOn('2026-10-30')!.open).toISOString()).toBe('2026-10-30T13:30:00.000Z');
    expect(new Date(sessionOn('2026-11-02')!.open).toISOString()).toBe('2026-11-02T14:30:00.000Z');
  });

  it('is closed on weekends and NYSE holidays and closes at 13:00 on early-close days', () => {
    expect(sessionOn('2026-06-06')).toBeNull(); // Saturday
    expect(sessionOn('2026-07-03')).toBeNull(); // Independence Day observed
    expect(sessionOn('2026-11-26')).toBeNull(); // Thanksgiving
    expect(sessionOn('2027-03-26')).toBeNull(); // Good Friday
    const blackFriday = sessionOn('2026-11-27')!;
    expect(blackFriday.earlyClose).toBe(true);
    expect(new Date(blackFriday.close).toISOString()).toBe('2026-11-27T18:00:00.000Z');
  });

  it('finds the next open across a weekend and a holiday', () => {
    const fridayEvening = Date.parse('2026-07-02T21:00:00Z'); // Thu 17:00 ET, Fri 3rd is a holiday
    expect(nextSessionOpen(fridayEvening).date).toBe('2026-07-06');
    expect(currentOrNextSession(Date.parse('2026-06-05T15:00:00Z')).date).toBe('2026-06-05');
    expect(latestSession(Date.parse('2026-06-06T15:00:00Z')).date).toBe('2026-06-05');
  });

  it('tells the New York date, not the UTC date, near midnight UTC', () => {
    expect(nyDate(Date.parse('2026-06-06T02:00:00Z'))).toBe('2026-06-05');
    expect(nyWallTimeToUtc('2026-06-05', 16)).toBe(Date.parse('2026-06-05T20:00:00Z'));
  });

  it('reads New York wall time exactly as Intl does, across every DST change of 2025-2027', () => {
    const transitions = [
      '2025-03-09',
      '2025-11-02',
      '2026-03-08',
      '2026-11-01',
      '2027-03-14',
      '2027-11-07',
    ];
    for (const day of transitions) {
      const from = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
      // Every 7 min 13 s (not a divisor of an hour) for three days around the change.
      for (let t = from; t < from + 3 * 86_400_000; t += 433_000) {
        expect(nyParts(t)).toEqual(nyPartsFromIntl(t));
      }
    }
    // The second the clocks change, on both sides.
    const spring = Date.parse('2026-03-08T07:00:00Z');
    expect(nyOffsetMs(spring - 1000)).toBe(-5 * 3_600_000);
    expect(nyOffsetMs(spring)).toBe(-4 * 3_600_000);
    expect(nyParts(spring - 1000)).toMatchObject({ hour: 1, minute: 59, second: 59 });
    expect(nyParts(spring)).toMatchObject({ hour: 3, minute: 0, second: 0 });
    const fall = Date.parse('2026-11-01T06:00:00Z');
    expect(nyParts(fall - 1000)).toMatchObject({ hour: 1, minute: 59, second: 59 });
    expect(nyParts(fall)).toMatchObject({ hour: 1, minute: 0, second: 0 });
    // And anywhere else, milliseconds included.
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const t = Date.parse('2024-01-01T00:00:00Z') + (x / 2 ** 31) * 4 * 365 * 86_400_000;
      expect(nyParts(t)).toEqual(nyPartsFromIntl(t));
    }
  });

  it('is in session only between the open and the close', () => {
    expect(sessionAt(Date.parse('2026-06-05T13:29:59Z'))).toBeNull();
    expect(sessionAt(Date.parse('2026-06-05T13:30:00Z'))?.date).toBe('2026-06-05');
    expect(sessionAt(Date.parse('2026-06-05T20:00:00Z'))).toBeNull();
  });

  it('lists 0DTE expiries per symbol and weekday', () => {
    expect(hasZeroDte('SPY', '2026-06-02')).toBe(true); // Tuesday
    expect(hasZeroDte('AAPL', '2026-06-02')).toBe(false);
    expect(hasZeroDte('AAPL', '2026-06-05')).toBe(true); // Friday
    expect(hasZeroDte('SPX', '2026-07-03')).toBe(false); // holiday
    expect(hasZeroDte('SPY', '2026-06-02', { SPY: [1, 3, 5] })).toBe(false);
  });
});
