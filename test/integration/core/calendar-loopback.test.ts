// The NYSE calendar through the whole poll path (app -> planner -> client -> HTTP -> sim and
// back into history): the Mondays after the 2026 daylight-saving changes, Thanksgiving week
// (a holiday, then a 13:00 early close) in 2026 and 2033, and the 2049 year end (New Year's Day
// 2050 on a Saturday is not observed). Started late on the evening before (after 22:30 New
// York, when the server can no longer serve any bar of that day, so there is nothing to
// backfill), the app must send nothing until the next open, poll from that open's first bar
// close in the right UTC hour, stop at the close and end the day with the server's own series.
import { afterEach, describe, expect, it } from 'vitest';
import { sessionOn } from '../../../calendar/index.js';
import { driveApp, serverSeries, type Driven } from './app-driver.js';

const KEY = 'growth-key';
const MIN = 60_000;

let run: Driven | null = null;
afterEach(async () => {
  await run?.close();
  run = null;
});

async function fromEvening(startIso: string, date: string) {
  const session = sessionOn(date)!;
  run = await driveApp({
    start: Date.parse(startIso),
    key: KEY,
    settings: { symbols: ['SPY'], barSize: '5m' },
    server: { seed: 3 },
  });
  const r = run;
  // Before the open: nothing sent, and the row says when the market opens.
  await r.drive(session.open - 30 * MIN);
  expect(r.dataRequests()).toEqual([]);
  expect(r.app.symbolViews()[0]!.status).toEqual({ kind: 'closed', nextOpen: session.open });
  await r.drive(session.close + 60 * MIN);
  const data = r.dataRequests();
  expect(data.every((x) => x.status === 200)).toBe(true);
  const stored = await r.app.history.loadBars(date, 'SPY', '5m');
  return { session, data, stored, r };
}

describe('a listed symbol the server has no 0DTE chain for, against hedgeflow sim', () => {
  it('reads its empty bars as "no 0DTE today", not as an error, and rechecks it rarely', async () => {
    // XYZ is listed Mon/Wed/Fri by the app's defaults; 2026-06-05 is a Friday. The simulator
    // knows no XYZ and answers 200 with no bars, as FlashAlpha does.
    const session = sessionOn('2026-06-05')!;
    run = await driveApp({
      start: session.open - 10 * MIN,
      key: KEY,
      settings: { symbols: ['SPY', 'XYZ'], barSize: '1m' },
    });
    await run.drive(session.open + 60 * MIN);
    const views = new Map(run.app.symbolViews().map((v) => [v.symbol, v]));
    expect(views.get('XYZ')!.status).toEqual({
      kind: 'no-0dte',
      nextOpen: Date.parse('2026-06-08T13:30:00Z'),
    });
    expect(views.get('SPY')!.status.kind).toBe('live');
    expect(run.app.status().error).toBeNull();
    const xyz = run.dataRequests().filter((x) => x.path.endsWith('/XYZ'));
    expect(xyz.every((x) => x.status === 200)).toBe(true);
    expect(xyz.length).toBeLessThanOrEqual(6); // 3 minutes after the open, then every 15 min
    // Every bar close from 09:31 to 10:29 (10:30's poll is at 10:30:02, after the drive stops).
    expect(run.dataRequests().filter((x) => x.path.endsWith('/SPY'))).toHaveLength(59);
  }, 20_000);
});

describe('the calendar through the poll path, against hedgeflow sim', () => {
  it('Monday after the spring DST change (2026-03-09): the open is 13:30 UTC, not 14:30', async () => {
    // Friday 2026-03-06 23:00 New York (EST) = 04:00 UTC; the clocks go forward on Sunday.
    const { session, data, stored, r } = await fromEvening('2026-03-07T04:00:00Z', '2026-03-09');
    expect(session.open).toBe(Date.parse('2026-03-09T13:30:00Z'));
    expect(data[0]!.at).toBe(Date.parse('2026-03-09T13:35:02Z'));
    expect(data.at(-1)!.at).toBeLessThanOrEqual(session.close + 5 * MIN);
    expect(stored).toHaveLength(78);
    expect(stored[0]!.t).toBe(session.open);
    expect(stored).toEqual(serverSeries(r.server, 'SPY', '5m', session.close));
  }, 20_000);

  it('Monday after the autumn DST change (2026-11-02): the open is 14:30 UTC, not 13:30', async () => {
    // Friday 2026-10-30 23:00 New York (EDT) = 03:00 UTC; the clocks go back on Sunday.
    const { session, data, stored, r } = await fromEvening('2026-10-31T03:00:00Z', '2026-11-02');
    expect(session.open).toBe(Date.parse('2026-11-02T14:30:00Z'));
    expect(data[0]!.at).toBe(Date.parse('2026-11-02T14:35:02Z'));
    expect(data.at(-1)!.at).toBeLessThanOrEqual(Date.parse('2026-11-02T21:05:00Z'));
    expect(stored).toHaveLength(78);
    expect(stored).toEqual(serverSeries(r.server, 'SPY', '5m', session.close));
  }, 20_000);

  it('Thanksgiving week: nothing on the holiday, then the 13:00 early close (2026-11-27)', async () => {
    // Wednesday 2026-11-25 23:00 New York; Thursday is closed, Friday closes at 13:00.
    const { session, data, stored, r } = await fromEvening('2026-11-26T04:00:00Z', '2026-11-27');
    expect(session.earlyClose).toBe(true);
    expect(session.close).toBe(Date.parse('2026-11-27T18:00:00Z'));
    expect(data.some((x) => x.at < session.open)).toBe(false); // nothing on Thanksgiving
    expect(data[0]!.at).toBe(Date.parse('2026-11-27T14:35:02Z'));
    // The close's poll at 13:00:02, and nothing later than the grace period after it.
    expect(data.some((x) => x.at === session.close + 2_000)).toBe(true);
    expect(data.at(-1)!.at).toBeLessThanOrEqual(session.close + 5 * MIN);
    expect(stored).toHaveLength(42); // 09:30-13:00 at 5 m
    expect(stored).toEqual(serverSeries(r.server, 'SPY', '5m', session.close));
    // After the early close the row says closed until Monday's open.
    expect(r.app.symbolViews()[0]!.status).toEqual({
      kind: 'closed',
      nextOpen: Date.parse('2026-11-30T14:30:00Z'),
    });
  }, 20_000);
});

describe('the calendar through the poll path after 2027, against hedgeflow sim', () => {
  it('Thanksgiving week 2033: nothing on the holiday, then the 13:00 early close (2033-11-25)', async () => {
    // Wednesday 2033-11-23 23:30 New York (EST).
    const { session, data, stored, r } = await fromEvening('2033-11-24T04:30:00Z', '2033-11-25');
    expect(session.earlyClose).toBe(true);
    expect(session.close).toBe(Date.parse('2033-11-25T18:00:00Z'));
    expect(data.some((x) => x.at < session.open)).toBe(false);
    expect(data[0]!.at).toBe(Date.parse('2033-11-25T14:35:02Z'));
    expect(data.at(-1)!.at).toBeLessThanOrEqual(session.close + 5 * MIN);
    expect(stored).toHaveLength(42);
    expect(stored).toEqual(serverSeries(r.server, 'SPY', '5m', session.close));
    expect(r.app.symbolViews()[0]!.status).toEqual({
      kind: 'closed',
      nextOpen: Date.parse('2033-11-28T14:30:00Z'),
    });
  }, 20_000);

  it('year end 2049: New Year 2050 is a Saturday, so Friday 2049-12-31 is a full session', async () => {
    // Thursday 2049-12-30 23:30 New York.
    const { session, data, stored, r } = await fromEvening('2049-12-31T04:30:00Z', '2049-12-31');
    expect(session.earlyClose).toBe(false);
    expect(data.some((x) => x.at === session.close + 2_000)).toBe(true);
    expect(stored).toHaveLength(78);
    expect(stored).toEqual(serverSeries(r.server, 'SPY', '5m', session.close));
    // After the close the row says closed until Monday 2050-01-03, across the year change.
    expect(r.app.symbolViews()[0]!.status).toEqual({
      kind: 'closed',
      nextOpen: Date.parse('2050-01-03T14:30:00Z'),
    });
  }, 20_000);
});
