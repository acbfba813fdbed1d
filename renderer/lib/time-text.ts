// Session times as a trader reads them: New York wall-clock, marked ET. Built on format.ts's
// clock so every time in the app reads the same way.
import { formatNyTime } from '../../core/contract/format.js';

const NY = 'America/New_York';
const weekday = new Intl.DateTimeFormat('en-US', { timeZone: NY, weekday: 'short' });
const day = new Intl.DateTimeFormat('en-US', { timeZone: NY, month: 'short', day: 'numeric' });

/** "09:30 ET" */
export function etTime(ms: number): string {
  return `${formatNyTime(ms)} ET`;
}

/** "Mon 09:30 ET" */
export function etWeekdayTime(ms: number): string {
  return `${weekday.format(ms)} ${etTime(ms)}`;
}

/** "Jun 5, 10:32 ET" */
export function etDayTime(ms: number): string {
  return `${day.format(ms)}, ${etTime(ms)}`;
}
