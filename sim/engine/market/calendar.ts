// The NYSE regular-session calendar and the 0DTE listing schedule. Holidays and 13:00 early
// closes are listed for 2025-2027 (NYSE's published calendar); outside those years only
// weekends are closed, and `isCovered` says so, so callers can warn instead of guessing.
import { addDays, nyDate, nyWallTimeToUtc, weekdayOf } from './ny-time.js';

export const NYSE_HOLIDAYS: ReadonlySet<string> = new Set([
  // 2025
  '2025-01-01',
  '2025-01-09',
  '2025-01-20',
  '2025-02-17',
  '2025-04-18',
  '2025-05-26',
  '2025-06-19',
  '2025-07-04',
  '2025-09-01',
  '2025-11-27',
  '2025-12-25',
  // 2026
  '2026-01-01',
  '2026-01-19',
  '2026-02-16',
  '2026-04-03',
  '2026-05-25',
  '2026-06-19',
  '2026-07-03',
  '2026-09-07',
  '2026-11-26',
  '2026-12-25',
  // 2027
  '2027-01-01',
  '2027-01-18',
  '2027-02-15',
  '2027-03-26',
  '2027-05-31',
  '2027-06-18',
  '2027-07-05',
  '2027-09-06',
  '2027-11-25',
  '2027-12-24',
]);

/** Days the regular session closes at 13:00 New York time. */
export const NYSE_EARLY_CLOSES: ReadonlySet<string> = new Set([
  '2025-07-03',
  '2025-11-28',
  '2025-12-24',
  '2026-11-27',
  '2026-12-24',
  '2027-11-26',
]);

export const CALENDAR_FIRST_YEAR = 2025;
export const CALENDAR_LAST_YEAR = 2027;

export interface Session {
  /** yyyy-MM-dd in New York */
  readonly date: string;
  /** 09:30 New York, epoch ms */
  readonly open: number;
  /** 16:00 (or 13:00 on early-close days) New York, epoch ms */
  readonly close: number;
  readonly earlyClose: boolean;
}

export function isCovered(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR;
}

export function isTradingDay(date: string): boolean {
  const wd = weekdayOf(date);
  return wd !== 0 && wd !== 6 && !NYSE_HOLIDAYS.has(date);
}

/** The regular session on a New York date, or null when the market is closed all day. */
export function sessionOn(date: string): Session | null {
  if (!isTradingDay(date)) return null;
  const earlyClose = NYSE_EARLY_CLOSES.has(date);
  return {
    date,
    open: nyWallTimeToUtc(date, 9, 30),
    close: nyWallTimeToUtc(date, earlyClose ? 13 : 16, 0),
    earlyClose,
  };
}

/** The session in progress at `ms`, or null. */
export function sessionAt(ms: number): Session | null {
  const s = sessionOn(nyDate(ms));
  return s && ms >= s.open && ms < s.close ? s : null;
}

/** The first session whose close is after `ms` (the current one while it runs). */
export function currentOrNextSession(ms: number): Session {
  let date = nyDate(ms);
  for (let i = 0; i < 30; i++) {
    const s = sessionOn(date);
    if (s && s.close > ms) return s;
    date = addDays(date, 1);
  }
  throw new Error(`no session within 30 days of ${new Date(ms).toISOString()}`);
}

/** The next session that opens strictly after `ms`. */
export function nextSessionOpen(ms: number): Session {
  let date = nyDate(ms);
  for (let i = 0; i < 30; i++) {
    const s = sessionOn(date);
    if (s && s.open > ms) return s;
    date = addDays(date, 1);
  }
  throw new Error(`no session within 30 days of ${new Date(ms).toISOString()}`);
}

/** The most recent session that opened at or before `ms` (today's, if it has opened). */
export function latestSession(ms: number): Session {
  let date = nyDate(ms);
  for (let i = 0; i < 30; i++) {
    const s = sessionOn(date);
    if (s && s.open <= ms) return s;
    date = addDays(date, -1);
  }
  throw new Error(`no session within 30 days before ${new Date(ms).toISOString()}`);
}

/**
 * Weekdays (1 = Monday ... 5 = Friday) on which each symbol lists an expiry that is 0DTE that
 * day. FlashAlpha's newest flow docs list SPY, QQQ and IWM daily; SPX/SPXW/XSP have been daily
 * since 2022. Others default to Monday/Wednesday/Friday. Users can override per symbol.
 */
export type ZeroDteListings = Readonly<Record<string, readonly number[]>>;

export const DEFAULT_ZERO_DTE_LISTINGS: ZeroDteListings = {
  SPX: [1, 2, 3, 4, 5],
  SPXW: [1, 2, 3, 4, 5],
  XSP: [1, 2, 3, 4, 5],
  SPY: [1, 2, 3, 4, 5],
  QQQ: [1, 2, 3, 4, 5],
  IWM: [1, 2, 3, 4, 5],
};

export const DEFAULT_OTHER_WEEKDAYS: readonly number[] = [1, 3, 5];

/** Whether `symbol` has an expiry on `date` that is 0DTE (and the market is open that day). */
export function hasZeroDte(
  symbol: string,
  date: string,
  listings: ZeroDteListings = DEFAULT_ZERO_DTE_LISTINGS,
): boolean {
  if (!isTradingDay(date)) return false;
  const days = listings[symbol] ?? DEFAULT_OTHER_WEEKDAYS;
  return days.includes(weekdayOf(date));
}
