// NYSE's full-day closures and 13:00 early closes for any year, from the rules the exchange
// applies (its holidays with their weekend observance, the early-close days) plus the few
// closures it called outside them. Written here rather than taken from a package: no package
// on the registry has the early closes and the one-off closures (docs/polling.md, "Market
// calendar"). The rules are NYSE's since 1999; earlier years get the same rules (with the
// Martin Luther King Jr. Day start of 1998), not the exchange's older history.
import { daysInMonth, formatDate, parseDate, weekdayOf } from './ny-time.js';

type HolidayName =
  | "New Year's Day"
  | 'Martin Luther King Jr. Day'
  | "Washington's Birthday"
  | 'Good Friday'
  | 'Memorial Day'
  | 'Juneteenth National Independence Day'
  | 'Independence Day'
  | 'Labor Day'
  | 'Thanksgiving Day'
  | 'Christmas Day';

type EarlyCloseName =
  | 'Day before Independence Day'
  | 'Day after Independence Day'
  | 'Day after Thanksgiving'
  | 'Christmas Eve';

export interface NyseYear {
  /** Weekdays on which the exchange is closed all day, with the reason. */
  readonly closures: ReadonlyMap<string, string>;
  /** Trading days on which the regular session ends at 13:00, with the reason. */
  readonly earlyCloses: ReadonlyMap<string, string>;
}

/** Full-day closures outside the rules: emergencies and national days of mourning. */
const SPECIAL_CLOSURES: ReadonlyMap<string, string> = new Map([
  ['2001-09-11', 'September 11 attacks'],
  ['2001-09-12', 'September 11 attacks'],
  ['2001-09-13', 'September 11 attacks'],
  ['2001-09-14', 'September 11 attacks'],
  ['2004-06-11', 'National Day of Mourning for President Reagan'],
  ['2007-01-02', 'National Day of Mourning for President Ford'],
  ['2012-10-29', 'Hurricane Sandy'],
  ['2012-10-30', 'Hurricane Sandy'],
  ['2018-12-05', 'National Day of Mourning for President George H. W. Bush'],
  ['2025-01-09', 'National Day of Mourning for President Carter'],
]);

/** 13:00 closes outside the rules. */
const SPECIAL_EARLY_CLOSES: ReadonlyMap<string, string> = new Map([
  ['2003-12-26', 'Day after Christmas'],
]);

const SUN = 0;
const MON = 1;
const WED = 3;
const THU = 4;
const FRI = 5;
const SAT = 6;

/** Easter Sunday, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return formatDate(year, Math.floor(n / 31), (n % 31) + 1);
}

/** The `n`th (1-based) `weekday` (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const first = weekdayOf(formatDate(year, month, 1));
  return formatDate(year, month, 1 + ((weekday - first + 7) % 7) + 7 * (n - 1));
}

function lastWeekday(year: number, month: number, weekday: number): string {
  const lastDay = daysInMonth(year, month);
  const last = weekdayOf(formatDate(year, month, lastDay));
  return formatDate(year, month, lastDay - ((last - weekday + 7) % 7));
}

/** NYSE observance: a Saturday holiday closes the Friday before, a Sunday one the Monday after. */
function observed(year: number, month: number, day: number): string {
  const date = formatDate(year, month, day);
  const wd = weekdayOf(date);
  if (wd === SAT) return formatDate(year, month, day - 1);
  if (wd === SUN) return formatDate(year, month, day + 1);
  return date;
}

/** The rule holidays of a year, each on the weekday the exchange closes for it. */
function ruleHolidays(year: number): ReadonlyMap<string, HolidayName> {
  const out = new Map<string, HolidayName>();
  // New Year's Day on a Saturday is not observed on the Friday before: NYSE Rule 7.2 keeps a
  // Friday that ends a yearly accounting period open. Only the Sunday -> Monday shift applies.
  const newYear = formatDate(year, 1, 1);
  const newYearWd = weekdayOf(newYear);
  if (newYearWd !== SAT)
    out.set(newYearWd === SUN ? formatDate(year, 1, 2) : newYear, "New Year's Day");
  if (year >= 1998) out.set(nthWeekday(year, 1, MON, 3), 'Martin Luther King Jr. Day');
  out.set(nthWeekday(year, 2, MON, 3), "Washington's Birthday");
  const [, easterMonth, easterDay] = parseDate(easterSunday(year));
  out.set(formatDate(year, easterMonth, easterDay - 2), 'Good Friday');
  out.set(lastWeekday(year, 5, MON), 'Memorial Day');
  if (year >= 2022) out.set(observed(year, 6, 19), 'Juneteenth National Independence Day');
  out.set(observed(year, 7, 4), 'Independence Day');
  out.set(nthWeekday(year, 9, MON, 1), 'Labor Day');
  out.set(nthWeekday(year, 11, THU, 4), 'Thanksgiving Day');
  out.set(observed(year, 12, 25), 'Christmas Day');
  return out;
}

/** The rule early closes of a year (before removing any that fall on a closure). */
function ruleEarlyCloses(year: number): ReadonlyMap<string, EarlyCloseName> {
  const out = new Map<string, EarlyCloseName>();
  // The day before Independence Day when that is a Monday-Thursday (a Friday July 3 is the
  // observed holiday itself). Until 2012, when July 4 was a Thursday, NYSE closed early on the
  // Friday after instead of the Wednesday before.
  const july3 = formatDate(year, 7, 3);
  const july3Wd = weekdayOf(july3);
  if (july3Wd >= MON && july3Wd <= THU && (year >= 2013 || july3Wd !== WED)) {
    out.set(july3, 'Day before Independence Day');
  }
  if (year < 2013 && weekdayOf(formatDate(year, 7, 5)) === FRI) {
    out.set(formatDate(year, 7, 5), 'Day after Independence Day');
  }
  const [, , thanksgiving] = parseDate(nthWeekday(year, 11, THU, 4));
  out.set(formatDate(year, 11, thanksgiving + 1), 'Day after Thanksgiving');
  // Christmas Eve on a Friday is the observed Christmas holiday; on a weekend there is no session.
  const eve = formatDate(year, 12, 24);
  const eveWd = weekdayOf(eve);
  if (eveWd >= MON && eveWd <= THU) out.set(eve, 'Christmas Eve');
  return out;
}

function inYear(map: ReadonlyMap<string, string>, year: number): [string, string][] {
  const prefix = `${String(year).padStart(4, '0')}-`;
  return [...map].filter(([date]) => date.startsWith(prefix));
}

/** Every closure and early close of a year: the rules, then the one-offs. */
export function nyseYear(year: number): NyseYear {
  const closures = new Map<string, string>([
    ...ruleHolidays(year),
    ...inYear(SPECIAL_CLOSURES, year),
  ]);
  const earlyCloses = new Map<string, string>();
  for (const [date, name] of [...ruleEarlyCloses(year), ...inYear(SPECIAL_EARLY_CLOSES, year)]) {
    // A day the exchange does not open at all cannot close early.
    if (!closures.has(date)) earlyCloses.set(date, name);
  }
  return { closures, earlyCloses };
}
