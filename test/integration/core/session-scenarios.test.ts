// Whole sessions in the situations the property test does not make (it keeps every bar within
// reach): what the server can no longer serve is recorded as missing, exactly, and the rest is
// still the server's. The real HedgeFlowApp against the in-process simulator on virtual time.
import { describe, expect, it } from 'vitest';
import { sessionOn } from '../../../calendar/index.js';
import { dayProblems, duplicateAlerts, truthOf } from '../../support/day-check.js';
import { runVirtualSession, type VirtualSchedule } from '../../support/virtual-session.js';

const SESSION = sessionOn('2026-06-05')!;
const DATE = SESSION.date;
const MIN = 60_000;
const HOUR = 60 * MIN;
/** Midnight UTC after the session: 20:00 New York in June. */
const RESET = Date.parse('2026-06-06T00:00:00Z');

async function problemsOf(s: VirtualSchedule, expectComplete: boolean) {
  const run = await runVirtualSession(s);
  const problems: string[] = [];
  for (const symbol of s.symbols) {
    const truth = truthOf(run.sim, symbol, DATE, s.barSize);
    problems.push(
      ...(await dayProblems(run.app.history, truth, DATE, symbol, s.barSize, expectComplete)),
    );
  }
  problems.push(...duplicateAlerts(run.alerts));
  return { run, problems };
}

const base: VirtualSchedule = {
  date: DATE,
  symbols: ['SPY'],
  barSize: '1m',
  startAt: SESSION.open - 10 * MIN,
  seed: 21,
  latencyMaxMs: 2_000,
};

describe('whole sessions where the server drops what it can no longer serve', () => {
  it('a quota spent by other tools at noon: nothing sent until the UTC reset, then one backfill', async () => {
    const noon = SESSION.open + 150 * MIN;
    const { run, problems } = await problemsOf(
      { ...base, events: [{ at: noon, kind: 'spend', requests: 'all' }] },
      false,
    );
    expect(problems).toEqual([]);
    const data = run.sent.filter((r) => r.path.startsWith('/v1/flow/'));
    // At most the one request that learned of the spent quota, then nothing until the reset.
    expect(data.filter((r) => r.servedAt > noon && r.servedAt < RESET).length).toBeLessThanOrEqual(
      1,
    );
    const after = data.filter((r) => r.servedAt >= RESET);
    expect(after.map((r) => r.status)).toEqual([200]);
    // The reset is 20:00 New York: a 390-minute window reaches back to 13:30's last sample.
    const day = await run.app.history.loadDay(DATE, 'SPY', '1m');
    expect(day).toMatchObject({ state: 'incomplete' });
    const missing = day!.missing.filter((r) => r.side === 'all');
    // From the minute closing at noon (its poll would have come at 12:00:02) to 13:29.
    expect(missing).toEqual([{ side: 'all', from: noon - MIN, to: SESSION.open + 240 * MIN }]);
  }, 60_000);

  it('asleep from 10:00 to 17:00: on waking, everything still served is fetched', async () => {
    const { run, problems } = await problemsOf(
      {
        ...base,
        events: [{ at: SESSION.open + 30 * MIN, kind: 'sleep', ms: 7 * HOUR, notified: true }],
      },
      false,
    );
    expect(problems).toEqual([]);
    const day = await run.app.history.loadDay(DATE, 'SPY', '1m');
    // At 17:00 a 390-minute window reaches back to 10:30's last sample: 09:59 (closing as the
    // laptop slept) to 10:29 are gone.
    expect(day!.missing.filter((r) => r.side === 'all')).toEqual([
      { side: 'all', from: SESSION.open + 29 * MIN, to: SESSION.open + 60 * MIN },
    ]);
  }, 60_000);

  it('asleep across the close (15:00-19:00, no notice from the OS): the closing bars are fetched on waking', async () => {
    const { problems } = await problemsOf(
      {
        ...base,
        symbols: ['SPY', 'SPX'],
        events: [{ at: SESSION.open + 330 * MIN, kind: 'sleep', ms: 4 * HOUR, notified: false }],
      },
      true,
    );
    expect(problems).toEqual([]);
  }, 60_000);

  it('a server an hour ahead of our clock, then our clock set back two hours: complete', async () => {
    const { run, problems } = await problemsOf(
      {
        ...base,
        barSize: '5m',
        startAt: SESSION.open - 2 * HOUR,
        serverLeadMs: HOUR,
        events: [{ at: SESSION.open + HOUR, kind: 'clock-jump', ms: -2 * HOUR }],
      },
      true,
    );
    expect(problems).toEqual([]);
    // Not a request a minute for the hour our clock was behind: the grid is the server's.
    expect(run.sent.filter((r) => r.path.startsWith('/v1/flow/')).length).toBeLessThan(120);
  }, 60_000);

  it('started after the close: backfills what is still served, records the rest', async () => {
    const { run, problems } = await problemsOf(
      { ...base, startAt: SESSION.close + 2 * HOUR },
      false,
    );
    expect(problems).toEqual([]);
    const day = await run.app.history.loadDay(DATE, 'SPY', '1m');
    expect(day!.missing.filter((r) => r.side === 'all')).toEqual([
      { side: 'all', from: SESSION.open, to: SESSION.open + 120 * MIN },
    ]);
  }, 60_000);
});
