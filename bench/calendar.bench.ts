// The market calendar on the poll path: the app asks for the latest and next sessions on every
// poll, the simulator on every request. Baseline: the day-by-day walk over sessionOn the
// searches used before they became binary searches over each year's cached trading days, at
// the same instants. A year's first use (its rules and trading days) is measured against one
// uncached Intl reading of New York time, the slowest call the calendar makes otherwise.
import { describe, it } from 'vitest';
import {
  addDays,
  latestSession,
  nextSessionOpen,
  nyDate,
  nyPartsFromIntl,
  nyseHolidays,
  sessionOn,
  type Session,
} from '../calendar/index.js';
import { report, type BenchRow } from './report.js';

/** The searches as they were: one sessionOn per day until one fits. */
function walk(ms: number, step: 1 | -1, accept: (s: Session) => boolean): Session {
  let date = nyDate(ms);
  for (let i = 0; i < 30; i++) {
    const s = sessionOn(date);
    if (s && accept(s)) return s;
    date = addDays(date, step);
  }
  throw new Error('no session within 30 days');
}

/** Nanoseconds per call, the median of 7 rounds of `n` calls over `instants`. */
function nsPerCall(instants: readonly number[], fn: (ms: number) => unknown, n = 20_000): number {
  const rounds: number[] = [];
  for (let r = 0; r < 8; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(instants[i % instants.length]!);
    if (r > 0) rounds.push(((performance.now() - t0) * 1e6) / n); // round 0 warms the JIT
  }
  return rounds.sort((a, b) => a - b)[3]!;
}

describe('market calendar', () => {
  it('session searches on the poll path, and a year on first use', () => {
    // Monday mornings before the open (the latest session is last week's) and holiday eves.
    const mondays = ['2026-06-08T12:00:00Z', '2033-11-28T13:00:00Z', '2050-01-03T13:00:00Z'];
    const eves = ['2026-11-25T22:00:00Z', '2031-04-10T22:00:00Z', '2049-12-23T22:00:00Z'];
    const before = mondays.map(Date.parse);
    const evening = eves.map(Date.parse);
    const rows: BenchRow[] = [
      {
        name: 'latestSession, Monday before the open',
        value: nsPerCall(before, latestSession),
        unit: 'ns',
        baseline: nsPerCall(before, (ms) => walk(ms, -1, (s) => s.open <= ms)),
      },
      {
        name: 'nextSessionOpen, the evening before a holiday',
        value: nsPerCall(evening, nextSessionOpen),
        unit: 'ns',
        baseline: nsPerCall(evening, (ms) => walk(ms, 1, (s) => s.open > ms)),
      },
    ];
    // A year's first use: 2100-2899 are not cached (the cache keeps 64 years at most).
    const t0 = performance.now();
    for (let year = 2100; year < 2900; year++) nyseHolidays(year);
    const coldYear = ((performance.now() - t0) * 1e6) / 800;
    const spread = Date.parse('2026-06-05T14:00:00Z');
    rows.push({
      name: "a year's rules and trading days, first use",
      value: coldYear,
      unit: 'ns',
      baseline: nsPerCall([spread], (ms) => nyPartsFromIntl(ms), 2_000),
    });
    report('market calendar (baseline: day-by-day walk; one Intl reading)', rows);
  });
});
