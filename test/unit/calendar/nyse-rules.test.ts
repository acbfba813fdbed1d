// The NYSE calendar against the exchange's published holiday and early-close calendars
// (2015-2027, written out here as NYSE published them, not derived from the rules), the
// closures of earlier years the rules and one-offs must reproduce, and the sanity of every
// year from 2028 to 2050 against rules worked out independently in this file.
import { describe, expect, it } from 'vitest';
import {
  easterSunday,
  formatDate,
  isTradingDay,
  nyParts,
  nyseEarlyCloses,
  nyseHolidays,
  sessionOn,
} from '../../../calendar/index.js';

// NYSE's published calendars, month-day by year. 2018-12-05 (President George H. W. Bush) and
// 2025-01-09 (President Carter) were national days of mourning; New Year's Day 2022 fell on a
// Saturday and was not observed on Friday 2021-12-31.
// prettier-ignore
const PUBLISHED_CLOSURES: Record<number, string> = {
  2015: '01-01 01-19 02-16 04-03 05-25 07-03 09-07 11-26 12-25',
  2016: '01-01 01-18 02-15 03-25 05-30 07-04 09-05 11-24 12-26',
  2017: '01-02 01-16 02-20 04-14 05-29 07-04 09-04 11-23 12-25',
  2018: '01-01 01-15 02-19 03-30 05-28 07-04 09-03 11-22 12-05 12-25',
  2019: '01-01 01-21 02-18 04-19 05-27 07-04 09-02 11-28 12-25',
  2020: '01-01 01-20 02-17 04-10 05-25 07-03 09-07 11-26 12-25',
  2021: '01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24',
  2022: '01-17 02-21 04-15 05-30 06-20 07-04 09-05 11-24 12-26',
  2023: '01-02 01-16 02-20 04-07 05-29 06-19 07-04 09-04 11-23 12-25',
  2024: '01-01 01-15 02-19 03-29 05-27 06-19 07-04 09-02 11-28 12-25',
  2025: '01-01 01-09 01-20 02-17 04-18 05-26 06-19 07-04 09-01 11-27 12-25',
  2026: '01-01 01-19 02-16 04-03 05-25 06-19 07-03 09-07 11-26 12-25',
  2027: '01-01 01-18 02-15 03-26 05-31 06-18 07-05 09-06 11-25 12-24',
};

/** Every 13:00 early close NYSE published for those years. */
// prettier-ignore
const PUBLISHED_EARLY_CLOSES: Record<number, string> = {
  2015: '11-27 12-24',
  2016: '11-25',
  2017: '07-03 11-24',
  2018: '07-03 11-23 12-24',
  2019: '07-03 11-29 12-24',
  2020: '11-27 12-24',
  2021: '11-26',
  2022: '11-25',
  2023: '07-03 11-24',
  2024: '07-03 11-29 12-24',
  2025: '07-03 11-28 12-24',
  2026: '11-27 12-24',
  2027: '11-26',
};

/** Trading days per year, as counted from those calendars. */
// prettier-ignore
const PUBLISHED_SESSIONS: Record<number, number> = {
  2015: 252, 2016: 252, 2017: 251, 2018: 251, 2019: 252, 2020: 253, 2021: 252,
  2022: 251, 2023: 250, 2024: 252, 2025: 250, 2026: 251, 2027: 251,
};

/** The published month-days of `year` as yyyy-MM-dd dates. */
function published(table: Record<number, string>, year: number): string[] {
  return (table[year] ?? '')
    .split(' ')
    .filter(Boolean)
    .map((md) => `${year}-${md}`);
}

function daysOf(year: number): string[] {
  const out: string[] = [];
  for (
    let d = formatDate(year, 1, 1), i = 1;
    d.startsWith(`${year}-`);
    d = formatDate(year, 1, ++i)
  ) {
    out.push(d);
  }
  return out;
}

function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

const isWeekday = (date: string): boolean => weekday(date) !== 0 && weekday(date) !== 6;

/** New York wall-clock hh:mm at an instant. */
function nyClock(ms: number): string {
  const p = nyParts(ms);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

describe('NYSE calendar, 2015-2027, as NYSE published it', () => {
  it.each(Object.keys(PUBLISHED_CLOSURES).map(Number))(
    'closes on exactly its %i holidays',
    (year) => {
      const closures = published(PUBLISHED_CLOSURES, year);
      expect([...nyseHolidays(year).keys()].sort()).toEqual(closures);
      for (const date of closures) {
        expect(sessionOn(date), date).toBeNull();
        expect(isTradingDay(date), date).toBe(false);
      }
      // Every other weekday has a session, so the count is the published one.
      const sessions = daysOf(year).filter((d) => sessionOn(d) !== null);
      expect(sessions).toEqual(daysOf(year).filter((d) => isWeekday(d) && !closures.includes(d)));
      expect(sessions).toHaveLength(PUBLISHED_SESSIONS[year]!);
    },
  );

  it.each(Object.keys(PUBLISHED_EARLY_CLOSES).map(Number))(
    'closes at 13:00 New York on exactly its %i early-close days',
    (year) => {
      const earlyCloses = published(PUBLISHED_EARLY_CLOSES, year);
      expect([...nyseEarlyCloses(year).keys()].sort()).toEqual(earlyCloses);
      for (const date of daysOf(year)) {
        const s = sessionOn(date);
        if (!s) continue;
        const early = earlyCloses.includes(date);
        expect(s.earlyClose, date).toBe(early);
        expect(nyClock(s.open), date).toBe('09:30');
        expect(nyClock(s.close), date).toBe(early ? '13:00' : '16:00');
      }
    },
  );

  it('closes the day after Thanksgiving and Christmas Eve at 13:00 in UTC terms too', () => {
    expect(new Date(sessionOn('2019-11-29')!.close).toISOString()).toBe('2019-11-29T18:00:00.000Z');
    expect(new Date(sessionOn('2024-07-03')!.close).toISOString()).toBe('2024-07-03T17:00:00.000Z');
    expect(new Date(sessionOn('2018-12-24')!.close).toISOString()).toBe('2018-12-24T18:00:00.000Z');
  });

  it('names each closure', () => {
    expect(nyseHolidays(2025).get('2025-01-09')).toBe(
      'National Day of Mourning for President Carter',
    );
    expect(nyseHolidays(2018).get('2018-12-05')).toMatch(/George H\. W\. Bush/);
    expect(nyseHolidays(2027).get('2027-06-18')).toBe('Juneteenth National Independence Day');
    expect(nyseHolidays(2021).get('2021-12-24')).toBe('Christmas Day');
    expect(nyseEarlyCloses(2023).get('2023-07-03')).toBe('Day before Independence Day');
  });
});

describe('NYSE calendar before 2015: the rules of the time and the one-off closures', () => {
  it('was closed for September 11, Hurricane Sandy and the Reagan and Ford days of mourning', () => {
    for (const date of [
      '2001-09-11',
      '2001-09-12',
      '2001-09-13',
      '2001-09-14',
      '2004-06-11',
      '2007-01-02',
      '2012-10-29',
      '2012-10-30',
    ]) {
      expect(sessionOn(date), date).toBeNull();
    }
    expect(sessionOn('2001-09-17')).not.toBeNull();
    expect(sessionOn('2012-10-31')).not.toBeNull();
  });

  it('closed early on the Friday after a Thursday July 4 until 2012, on the Wednesday before since 2013', () => {
    expect(sessionOn('2002-07-05')!.earlyClose).toBe(true);
    expect(sessionOn('2002-07-03')!.earlyClose).toBe(false);
    expect(sessionOn('2013-07-03')!.earlyClose).toBe(true);
    expect(sessionOn('2013-07-05')!.earlyClose).toBe(false);
    expect(sessionOn('2008-07-03')!.earlyClose).toBe(true); // July 4 on a Friday
  });

  it('closed early on 2003-12-26 and observed Saturday holidays on the Friday before', () => {
    expect(sessionOn('2003-12-26')!.earlyClose).toBe(true);
    expect(sessionOn('2004-12-24')).toBeNull(); // Christmas on a Saturday
    expect(sessionOn('2010-12-31')!.earlyClose).toBe(false); // New Year's 2011 on a Saturday
    expect(sessionOn('2009-07-03')).toBeNull(); // Independence Day on a Saturday
  });

  it('has no Juneteenth before 2022 and no Martin Luther King Jr. Day before 1998', () => {
    expect(sessionOn('2021-06-18')).not.toBeNull();
    expect(sessionOn('1997-01-20')).not.toBeNull();
    expect(sessionOn('1998-01-19')).toBeNull();
  });
});

/** Easter Sunday from published tables, 2028-2050 (not from the algorithm under test). */
// prettier-ignore
const EASTER: Record<number, string> = {
  2028: '04-16', 2029: '04-01', 2030: '04-21', 2031: '04-13', 2032: '03-28', 2033: '04-17',
  2034: '04-09', 2035: '03-25', 2036: '04-13', 2037: '04-05', 2038: '04-25', 2039: '04-10',
  2040: '04-01', 2041: '04-21', 2042: '04-06', 2043: '03-29', 2044: '04-17', 2045: '04-09',
  2046: '03-25', 2047: '04-14', 2048: '04-05', 2049: '04-18', 2050: '04-10',
};

/** The rule holidays of a year worked out by scanning the month, independently of the code. */
function expectedHolidays(year: number): string[] {
  const inMonth = (month: number, wd: number): string[] =>
    daysOf(year).filter((d) => Number(d.slice(5, 7)) === month && weekday(d) === wd);
  const observe = (date: string): string =>
    weekday(date) === 6
      ? formatDate(year, Number(date.slice(5, 7)), Number(date.slice(8)) - 1)
      : weekday(date) === 0
        ? formatDate(year, Number(date.slice(5, 7)), Number(date.slice(8)) + 1)
        : date;
  const out: string[] = [];
  const newYear = `${year}-01-01`;
  if (weekday(newYear) !== 6) out.push(observe(newYear));
  out.push(inMonth(1, 1)[2]!, inMonth(2, 1)[2]!);
  const easter = new Date(`${year}-${EASTER[year]}T12:00:00Z`);
  out.push(new Date(easter.getTime() - 2 * 86_400_000).toISOString().slice(0, 10));
  out.push(inMonth(5, 1).at(-1)!, observe(`${year}-06-19`), observe(`${year}-07-04`));
  out.push(inMonth(9, 1)[0]!, inMonth(11, 4)[3]!, observe(`${year}-12-25`));
  return out.sort();
}

function expectedEarlyCloses(year: number): string[] {
  const thanksgiving = daysOf(year).filter((d) => d.slice(5, 7) === '11' && weekday(d) === 4)[3]!;
  const out = [formatDate(year, 11, Number(thanksgiving.slice(8)) + 1)];
  const july3 = `${year}-07-03`;
  if (weekday(july3) >= 1 && weekday(july3) <= 4) out.push(july3);
  const eve = `${year}-12-24`;
  if (weekday(eve) >= 1 && weekday(eve) <= 4) out.push(eve);
  return out.sort();
}

describe('NYSE calendar, 2028-2050: the rules keep going', () => {
  const years = Array.from({ length: 23 }, (_, i) => 2028 + i);

  it('finds Easter as the published tables do', () => {
    for (const year of years) expect(easterSunday(year)).toBe(`${year}-${EASTER[year]}`);
  });

  it.each(years)('%i: no session on any rule holiday, 250-253 sessions', (year) => {
    const holidays = expectedHolidays(year);
    expect([...nyseHolidays(year).keys()].sort()).toEqual(holidays);
    for (const date of holidays) {
      expect(isWeekday(date), date).toBe(true);
      expect(sessionOn(date), date).toBeNull();
    }
    const sessions = daysOf(year).filter((d) => sessionOn(d) !== null);
    expect(sessions).toEqual(daysOf(year).filter((d) => isWeekday(d) && !holidays.includes(d)));
    expect(sessions.length).toBeGreaterThanOrEqual(250);
    expect(sessions.length).toBeLessThanOrEqual(253);
  });

  it.each(years)('%i: early closes only on the rule days, never on a holiday', (year) => {
    const early = daysOf(year).filter((d) => sessionOn(d)?.earlyClose === true);
    expect(early).toEqual(expectedEarlyCloses(year));
    expect([...nyseEarlyCloses(year).keys()].sort()).toEqual(early);
    for (const date of early) {
      expect(nyseHolidays(year).has(date)).toBe(false);
      expect(nyClock(sessionOn(date)!.close)).toBe('13:00');
    }
    for (const date of daysOf(year)) {
      const s = sessionOn(date);
      if (s) expect(nyClock(s.open), date).toBe('09:30');
    }
  });
});
