// Wall-clock time in America/New_York from the platform's time-zone data (Intl), never from
// hand-written DST rules. Works the same under Node and in Chromium.

const TZ = 'America/New_York';

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
});

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export interface NyParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday ... 6 = Saturday */
  readonly weekday: number;
  /** yyyy-MM-dd */
  readonly date: string;
}

/** The wall-clock parts straight from Intl (slow: a formatToParts per call). */
function intlParts(ms: number): NyParts {
  const map: Record<string, string> = {};
  for (const p of partsFormatter.formatToParts(new Date(ms))) map[p.type] = p.value;
  const year = Number(map.year);
  const month = Number(map.month);
  const day = Number(map.day);
  return {
    year,
    month,
    day,
    hour: Number(map.hour),
    minute: Number(map.minute),
    second: Number(map.second),
    weekday: WEEKDAYS[map.weekday ?? ''] ?? 0,
    date: `${map.year}-${map.month}-${map.day}`,
  };
}

function intlOffset(ms: number): number {
  const p = intlParts(ms);
  const asUtc = utcDay(p.year, p.month, p.day).getTime() + wallMs(p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const HOUR_MS = 3_600_000;
/** UTC hour -> New York's offset through that whole hour (NaN: it changes within the hour). */
const offsets = new Map<number, number>();

/**
 * New York's offset from UTC, from Intl's time-zone data, cached per UTC hour: the zone's
 * transitions fall on whole hours, and an hour whose start and end disagree is never cached,
 * so the answer is Intl's own either way. The simulator asks for New York time on every
 * request and the app on every poll; formatToParts is the slowest call on that path.
 */
function offsetAt(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const start = intlOffset(hour * HOUR_MS);
    offset = start === intlOffset(hour * HOUR_MS + HOUR_MS - 1000) ? start : Number.NaN;
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return Number.isNaN(offset) ? intlOffset(ms) : offset;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function nyParts(ms: number): NyParts {
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offsetAt(ms));
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + 1;
  const day = wall.getUTCDate();
  return {
    year,
    month,
    day,
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: wall.getUTCDay(),
    date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
  };
}

/** The New York calendar date (yyyy-MM-dd) at an instant. */
export function nyDate(ms: number): string {
  return nyParts(ms).date;
}

/** Offset of New York from UTC at an instant, in ms (negative: -4 h in summer, -5 h in winter). */
export function nyOffsetMs(ms: number): number {
  return offsetAt(ms);
}

/** Intl's own reading, uncached: for tests that check the cache against it. */
export const nyPartsFromIntl = intlParts;

/** The instant at which New York wall-clock time reads `date` `hour:minute`. */
export function nyWallTimeToUtc(date: string, hour: number, minute = 0): number {
  const [y, m, d] = parseDate(date);
  const wallAsUtc = utcDay(y, m, d).getTime() + wallMs(hour, minute, 0);
  // Two fixed-point steps settle the offset on either side of a DST change.
  let guess = wallAsUtc - nyOffsetMs(wallAsUtc);
  guess = wallAsUtc - nyOffsetMs(guess);
  return guess;
}

/**
 * A yyyy-MM-dd date as [year, month, day]; a RangeError for anything else, including dates
 * that do not exist (2026-02-30 would otherwise roll over into March without a word).
 */
export function parseDate(date: string): [number, number, number] {
  // By character codes rather than a regular expression: the calendar parses a date on every
  // lookup, and this is several times faster.
  if (date.length === 10 && date.charCodeAt(4) === DASH && date.charCodeAt(7) === DASH) {
    const y = digits(date, 0, 4);
    const mo = digits(date, 5, 7);
    const d = digits(date, 8, 10);
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) return [y, mo, d];
  }
  throw new RangeError(`not a yyyy-MM-dd date: ${date}`);
}

const DASH = 45;
const ZERO = 48;

/** The decimal number in `text[from, to)`, or -1 unless every character there is a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - ZERO;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** 28-31; `month` is 1-12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function wallMs(hour: number, minute: number, second: number): number {
  return ((hour * 60 + minute) * 60 + second) * 1000;
}

/** A civil date at UTC midnight. Date.UTC alone would read years 0-99 as 1900-1999. */
function utcDay(year: number, month: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d;
}

/** yyyy-MM-dd from parts; `month` and `day` may overflow (2026-12-32 is 2027-01-01). */
export function formatDate(year: number, month: number, day: number): string {
  const d = utcDay(year, month, day);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Calendar arithmetic on yyyy-MM-dd dates (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  return formatDate(y, m, d + days);
}

/** 0 = Sunday ... 6 = Saturday, for a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = parseDate(date);
  return utcDay(y, m, d).getUTCDay();
}
