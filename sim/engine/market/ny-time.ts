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

export function nyParts(ms: number): NyParts {
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

/** The New York calendar date (yyyy-MM-dd) at an instant. */
export function nyDate(ms: number): string {
  return nyParts(ms).date;
}

/** Offset of New York from UTC at an instant, in ms (negative: -4 h in summer, -5 h in winter). */
export function nyOffsetMs(ms: number): number {
  const p = nyParts(ms);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant at which New York wall-clock time reads `date` `hour:minute`. */
export function nyWallTimeToUtc(date: string, hour: number, minute = 0): number {
  const [y, m, d] = parseDate(date);
  const wallAsUtc = Date.UTC(y, m - 1, d, hour, minute);
  // Two fixed-point steps settle the offset on either side of a DST change.
  let guess = wallAsUtc - nyOffsetMs(wallAsUtc);
  guess = wallAsUtc - nyOffsetMs(guess);
  return guess;
}

export function parseDate(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a yyyy-MM-dd date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Calendar arithmetic on yyyy-MM-dd dates (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday, for a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
