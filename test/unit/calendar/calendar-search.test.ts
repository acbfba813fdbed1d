// The session searches (sessionAt, latestSession, nextSessionOpen, currentOrNextSession) across
// year boundaries and DST changes far from today, checked against a plain day-by-day walk over
// sessionOn (which nyse-rules.test.ts checks against NYSE's published calendars), and the
// errors bad dates get.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  currentOrNextSession,
  hasZeroDte,
  isTradingDay,
  latestSession,
  nextSessionOpen,
  nyDate,
  nyseHolidays,
  sessionAt,
  sessionOn,
  weekdayOf,
  type Session,
} from '../../../calendar/index.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The reference: walk day by day from `ms`'s New York date until `accept` holds. */
function walk(ms: number, step: 1 | -1, accept: (s: Session) => boolean): Session {
  let date = nyDate(ms);
  for (let i = 0; i < 400; i++) {
    const s = sessionOn(date);
    if (s && accept(s)) return s;
    date = addDays(date, step);
  }
  throw new Error(`no session near ${iso(ms)}`);
}

describe('session searches across year boundaries (2049/2050)', () => {
  it('New Year 2050 falls on a Saturday: Friday 2049-12-31 is a full session', () => {
    const eve = sessionOn('2049-12-31')!;
    expect(eve.earlyClose).toBe(false);
    expect(iso(eve.open)).toBe('2049-12-31T14:30:00.000Z');
    expect(iso(eve.close)).toBe('2049-12-31T21:00:00.000Z');
    expect(nyseHolidays(2049).has('2049-12-31')).toBe(false);
    expect(nyseHolidays(2050).has('2049-12-31')).toBe(false);
  });

  it('finds the sessions on either side of the year change', () => {
    // Saturday 2050-01-01, noon New York.
    const saturday = Date.parse('2050-01-01T17:00:00Z');
    expect(latestSession(saturday).date).toBe('2049-12-31');
    expect(nextSessionOpen(saturday).date).toBe('2050-01-03');
    expect(currentOrNextSession(saturday).date).toBe('2050-01-03');
    expect(sessionAt(saturday)).toBeNull();
    // The last minute of 2049's last session, and its close.
    const close = sessionOn('2049-12-31')!.close;
    expect(currentOrNextSession(close - 60_000).date).toBe('2049-12-31');
    expect(sessionAt(close - 60_000)?.date).toBe('2049-12-31');
    expect(currentOrNextSession(close).date).toBe('2050-01-03');
    expect(nextSessionOpen(close - 60_000).date).toBe('2050-01-03');
    // Monday 2050-01-03 before the open: the latest session is still 2049's.
    const monday = sessionOn('2050-01-03')!;
    expect(latestSession(monday.open - 1).date).toBe('2049-12-31');
    expect(latestSession(monday.open).date).toBe('2050-01-03');
  });

  it('Christmas 2049 on a Saturday closes Friday the 24th; New Year 2051 on a Sunday closes Monday the 2nd', () => {
    expect(sessionOn('2049-12-24')).toBeNull();
    expect(sessionOn('2049-12-23')!.earlyClose).toBe(false);
    expect(nextSessionOpen(sessionOn('2049-12-23')!.close).date).toBe('2049-12-27');
    expect(sessionOn('2051-01-02')).toBeNull();
    const friday = sessionOn('2050-12-30')!;
    expect(nextSessionOpen(friday.close).date).toBe('2051-01-03');
    expect(latestSession(Date.parse('2051-01-02T18:00:00Z')).date).toBe('2050-12-30');
  });
});

describe('session searches on DST change days far ahead', () => {
  it('opens at 09:30 New York on both sides of the 2049 and 2050 changes', () => {
    // Clocks go forward on Sunday 2049-03-14 and 2050-03-13, back on 2049-11-07 and 2050-11-06.
    expect(iso(sessionOn('2049-03-12')!.open)).toBe('2049-03-12T14:30:00.000Z');
    expect(iso(sessionOn('2049-03-15')!.open)).toBe('2049-03-15T13:30:00.000Z');
    expect(iso(sessionOn('2049-11-05')!.open)).toBe('2049-11-05T13:30:00.000Z');
    expect(iso(sessionOn('2049-11-08')!.open)).toBe('2049-11-08T14:30:00.000Z');
    expect(iso(sessionOn('2050-03-11')!.close)).toBe('2050-03-11T21:00:00.000Z');
    expect(iso(sessionOn('2050-03-14')!.close)).toBe('2050-03-14T20:00:00.000Z');
  });

  it('answers during the skipped and the repeated hour', () => {
    // 02:30 does not exist on 2050-03-13; 01:30 happens twice on 2050-11-06.
    const spring = Date.parse('2050-03-13T07:30:00Z');
    expect(latestSession(spring).date).toBe('2050-03-11');
    expect(nextSessionOpen(spring).date).toBe('2050-03-14');
    expect(iso(nextSessionOpen(spring).open)).toBe('2050-03-14T13:30:00.000Z');
    for (const fall of [Date.parse('2050-11-06T05:30:00Z'), Date.parse('2050-11-06T06:30:00Z')]) {
      expect(nyDate(fall)).toBe('2050-11-06');
      expect(latestSession(fall).date).toBe('2050-11-04');
      expect(iso(currentOrNextSession(fall).open)).toBe('2050-11-07T14:30:00.000Z');
    }
  });
});

describe('session searches agree with a day-by-day walk', () => {
  const from = Date.parse('1999-01-15T00:00:00Z');
  const to = Date.parse('2100-12-15T00:00:00Z');
  /** Any instant, and instants right at and around opens and closes. */
  const instant = fc.oneof(
    fc.integer({ min: from, max: to }),
    fc
      .tuple(fc.integer({ min: from, max: to }), fc.boolean(), fc.constantFrom(-1, 0, 1, 60_000))
      .map(([ms, atOpen, delta]) => {
        const s = walk(ms, 1, () => true);
        return (atOpen ? s.open : s.close) + delta;
      }),
  );

  it('for any instant 1999-2100', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        expect(latestSession(ms)).toEqual(walk(ms, -1, (s) => s.open <= ms));
        expect(nextSessionOpen(ms)).toEqual(walk(ms, 1, (s) => s.open > ms));
        expect(currentOrNextSession(ms)).toEqual(walk(ms, 1, (s) => s.close > ms));
        const at = sessionOn(nyDate(ms));
        expect(sessionAt(ms)).toEqual(at && ms >= at.open && ms < at.close ? at : null);
      }),
      { numRuns: 1500 },
    );
  });

  it('on every day of a year-end run (2029-12-20 to 2030-01-10), hour by hour', () => {
    const start = Date.parse('2029-12-20T05:00:00Z');
    for (let ms = start; ms < start + 21 * 86_400_000; ms += 3_600_000) {
      expect(latestSession(ms).date).toBe(walk(ms, -1, (s) => s.open <= ms).date);
      expect(nextSessionOpen(ms).date).toBe(walk(ms, 1, (s) => s.open > ms).date);
      expect(currentOrNextSession(ms).date).toBe(walk(ms, 1, (s) => s.close > ms).date);
    }
  });
});

describe('calendar inputs', () => {
  it('rejects dates that are not yyyy-MM-dd or do not exist, with a RangeError naming them', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-6-5', '20260605', '', '2026-02-29']) {
      expect(() => sessionOn(bad), bad).toThrow(RangeError);
      expect(() => isTradingDay(bad), bad).toThrow(`not a yyyy-MM-dd date: ${bad}`);
      expect(() => hasZeroDte('SPY', bad), bad).toThrow(RangeError);
    }
    expect(sessionOn('2028-02-29')).not.toBeNull(); // a leap day, a Tuesday
    expect(() => sessionOn('0000-06-01')).toThrow(/years 1-9999/);
  });

  it('does calendar arithmetic right in any year, including years below 100', () => {
    expect(addDays('2049-12-31', 1)).toBe('2050-01-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01'); // 2100 is not a leap year
    expect(addDays('0050-01-01', -1)).toBe('0049-12-31');
    expect(weekdayOf('0050-01-01')).toBe(6); // proleptic Gregorian: a Saturday, not 1950's Sunday
  });

  it('hands out the same session object for a date, so the hot path allocates nothing', () => {
    expect(sessionOn('2044-05-02')).toBe(sessionOn('2044-05-02'));
    expect(latestSession(Date.parse('2044-05-02T20:00:00Z'))).toBe(sessionOn('2044-05-02'));
  });
});
