// Which symbols list an expiry that is 0DTE on which weekdays, on top of the NYSE calendar.
import { isTradingDay } from './calendar.js';
import { weekdayOf } from './ny-time.js';

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

/**
 * The 0DTE listing schedule in effect: the defaults, with the user's per-symbol overrides (the
 * app's settings.zeroDteListings) replacing a symbol's weekdays. `hasZeroDte` treats its
 * argument as the whole table, so an empty override table must not be passed to it as is (SPY
 * would fall back to Mon/Wed/Fri).
 */
export function effectiveListings(
  overrides: Readonly<Record<string, readonly number[]>>,
): ZeroDteListings {
  return { ...DEFAULT_ZERO_DTE_LISTINGS, ...overrides };
}
