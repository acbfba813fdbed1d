// Whole Growth sessions (3 symbols, 1 m bars, no faults) of the real app against the in-process
// simulator on virtual time, at the latencies several clock speeds give a 0-10 s network: each
// way up to 5 s of wall time is 5 s of market time at 1x, 5 minutes at 60x, 20 minutes at 240x.
// Reported per session: requests sent (fewer at long latencies: requests go one after another,
// and each brings more bars), wasted requests (a data request that brought no new final bar and
// no needed correction; the target is under 2% with no faults) and bars lost or wrong (must be
// none). The seed article loop's waste, the baseline, is in planner.bench.ts.
import { describe, expect, it } from 'vitest';
import { sessionOn } from '../calendar/index.js';
import { dayProblems, truthOf } from '../test/support/day-check.js';
import { runVirtualSession, type VirtualSchedule } from '../test/support/virtual-session.js';
import { report } from './report.js';

const SESSION = sessionOn('2026-06-05')!;
const SYMBOLS = ['SPY', 'QQQ', 'SPX'];

interface Measured {
  readonly sent: number;
  readonly wasted: number;
  readonly problems: number;
}

async function measure(s: VirtualSchedule): Promise<Measured> {
  const run = await runVirtualSession(s);
  const data = run.sent.filter((r) => r.path.startsWith('/v1/flow/')).length;
  const useful = run.answers.filter((a) => a.report.closed > 0 || a.report.revised > 0).length;
  let problems = 0;
  for (const symbol of s.symbols) {
    const truth = truthOf(run.sim, symbol, s.date, s.barSize);
    problems += (await dayProblems(run.app.history, truth, s.date, symbol, s.barSize, true)).length;
  }
  return { sent: data, wasted: data - useful, problems };
}

const session = (latencyMaxMs: number, serverLeadMs = 0): VirtualSchedule => ({
  date: SESSION.date,
  symbols: SYMBOLS,
  barSize: '1m',
  startAt: SESSION.open - 10 * 60_000,
  seed: 5,
  latencyMaxMs,
  serverLeadMs,
});

describe('completeness and wasted requests over whole sessions (Growth, 3 symbols, 1 m bars)', () => {
  it('at 1x, 60x and 240x latencies, and with the server ahead or behind', async () => {
    const baseline = await measure(session(0));
    const cases: [string, VirtualSchedule][] = [
      ['0-10 s round trips at 1x', session(5_000)],
      ['0-10 s round trips at 60x (0-10 min)', session(5 * 60_000)],
      ['0-10 s round trips at 240x (0-40 min)', session(20 * 60_000)],
      ['server clock 8 s behind', session(0, -8_000)],
      ['server clock 1 min ahead', session(0, 60_000)],
    ];
    const rows = [];
    const pct = (m: Measured) => (100 * m.wasted) / Math.max(1, m.sent);
    rows.push(
      { name: 'no latency: requests', value: baseline.sent, unit: 'req' },
      { name: 'no latency: wasted requests', value: pct(baseline), unit: '%' },
    );
    for (const [name, s] of cases) {
      const m = await measure(s);
      rows.push(
        { name: `${name}: requests`, value: m.sent, unit: 'req' },
        { name: `${name}: wasted requests`, value: pct(m), unit: '%' },
        { name: `${name}: bars lost or wrong`, value: m.problems, unit: 'bars' },
      );
      expect(m.problems).toBe(0);
      if (s.latencyMaxMs <= 5_000) expect(m.wasted / m.sent).toBeLessThan(0.02);
    }
    report('completeness and waste over whole sessions at several clock speeds', rows);
    expect(baseline.problems).toBe(0);
    expect(baseline.wasted / baseline.sent).toBeLessThan(0.02);
  });
});
