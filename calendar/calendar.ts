// The NYSE regular session on any date: 09:30-16:00 New York (13:00 on early-close days) on
// every weekday that is not a closure of nyse-rules.ts. The app asks on every poll and the
// simulator on every request, so each year's trading days are worked out once and kept, and
// the searches are binary searches over them instead of walks day by day.
import {
  daysInMonth,
  formatDate,
  nyDate,
  nyWallTimeToUtc,
  parseDate,
  weekdayOf,
} from './ny-time.js';
import { nyseYear } from './nyse-rules.js';

export interface Session {
  /** yyyy-MM-dd in New York */
  readonly date: string;
  /** 09:30 New York, epoch ms */
  readonly open: number;
  /** 16:00 (or 13:00 on early-close days) New York, epoch ms */
  readonly close: number;
  readonly earlyClose: boolean;
}

interface CalendarYear {
  readonly closures: ReadonlyMap<string, string>;
  readonly earlyCloses: ReadonlyMap<string, string>;
  /** Every trading day of the year, ascending (yyyy-MM-dd sorts as text). */
  readonly tradingDays: readonly string[];
  readonly trading: ReadonlySet<string>;
  /** Sessions built so far (lazily: most callers ask about a few days of a year). */
  readonly sessions: Map<string, Session>;
}

/** Years kept at once; a year costs a few kB, and callers stay within a few years. */
const MAX_CACHED_YEARS = 64;
const years = new Map<number, CalendarYear>();

function calendarYear(year: number): CalendarYear {
  let cached = years.get(year);
  if (cached) return cached;
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new RangeError(`the market calendar covers the years 1-9999, not ${year}`);
  }
  const { closures, earlyCloses } = nyseYear(year);
  const tradingDays: string[] = [];
  const prefix = formatDate(year, 1, 1).slice(0, 5);
  let weekday = weekdayOf(`${prefix}01-01`);
  for (let month = 1; month <= 12; month++) {
    const mm = `${prefix}${month < 10 ? '0' : ''}${month}-`;
    for (let day = 1; day <= daysInMonth(year, month); day++) {
      const date = `${mm}${day < 10 ? '0' : ''}${day}`;
      if (weekday !== 0 && weekday !== 6 && !closures.has(date)) tradingDays.push(date);
      weekday = (weekday + 1) % 7;
    }
  }
  cached = {
    closures,
    earlyCloses,
    tradingDays,
    trading: new Set(tradingDays),
    sessions: new Map(),
  };
  if (years.size >= MAX_CACHED_YEARS) years.clear();
  years.set(year, cached);
  return cached;
}

/** NYSE's full-day closures on weekdays of `year` (rule holidays and one-offs), by date. */
export function nyseHolidays(year: number): ReadonlyMap<string, string> {
  return calendarYear(year).closures;
}

/** NYSE's 13:00 early closes in `year`, by date. */
export function nyseEarlyCloses(year: number): ReadonlyMap<string, string> {
  return calendarYear(year).earlyCloses;
}

export function isTradingDay(date: string): boolean {
  return calendarYear(parseDate(date)[0]).trading.has(date);
}

/** The regular session on a New York date, or null when the market is closed all day. */
export function sessionOn(date: string): Session | null {
  const y = calendarYear(parseDate(date)[0]);
  return y.trading.has(date) ? sessionIn(y, date) : null;
}

/** The session on `date`, a trading day of `y`: built once, then the same object. */
function sessionIn(y: CalendarYear, date: string): Session {
  let session = y.sessions.get(date);
  if (!session) {
    const earlyClose = y.earlyCloses.has(date);
    session = {
      date,
      open: nyWallTimeToUtc(date, 9, 30),
      close: nyWallTimeToUtc(date, earlyClose ? 13 : 16, 0),
      earlyClose,
    };
    y.sessions.set(date, session);
  }
  return session;
}

/** The session in progress at `ms`, or null. */
export function sessionAt(ms: number): Session | null {
  const s = sessionOn(nyDate(ms));
  return s && ms >= s.open && ms < s.close ? s : null;
}

/**
 * The session on the first trading day after `date` (or on it, when `orOn`). Every year has
 * trading days, so this ends in `date`'s year or the next.
 */
function sessionAfter(date: string, orOn: boolean): Session {
  let year = parseDate(date)[0];
  let from = date;
  for (;;) {
    const y = calendarYear(year);
    const i = firstIndexAfter(y.tradingDays, from, orOn);
    const day = y.tradingDays[i];
    if (day !== undefined) return sessionIn(y, day);
    year += 1;
    from = formatDate(year, 1, 1);
    orOn = true;
  }
}

/** The session on the last trading day before `date` (or on it, when `orOn`). */
function sessionBefore(date: string, orOn: boolean): Session {
  let year = parseDate(date)[0];
  let from = date;
  for (;;) {
    const y = calendarYear(year);
    const day = y.tradingDays[firstIndexAfter(y.tradingDays, from, !orOn) - 1];
    if (day !== undefined) return sessionIn(y, day);
    year -= 1;
    from = formatDate(year, 12, 31);
    orOn = true;
  }
}

/** The first index whose day is after `date` (or equal to it, when `orEqual`). */
function firstIndexAfter(days: readonly string[], date: string, orEqual: boolean): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const day = days[mid] ?? '';
    if (day < date || (!orEqual && day === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first session whose close is after `ms` (the current one while it runs). */
export function currentOrNextSession(ms: number): Session {
  const s = sessionAfter(nyDate(ms), true);
  // Only today's session can have closed already; any later one closes after `ms`.
  return s.close > ms ? s : sessionAfter(s.date, false);
}

/** The next session that opens strictly after `ms`. */
export function nextSessionOpen(ms: number): Session {
  const s = sessionAfter(nyDate(ms), true);
  return s.open > ms ? s : sessionAfter(s.date, false);
}

/** The most recent session that opened at or before `ms` (today's, if it has opened). */
export function latestSession(ms: number): Session {
  const s = sessionBefore(nyDate(ms), true);
  return s.open <= ms ? s : sessionBefore(s.date, false);
}
