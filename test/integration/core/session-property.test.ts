// A property over whole sessions: whatever the schedule of latency (either way, up to 40 minutes
// of market time: 10 s of wall time at 240x), faults (5xx, resets, malformed and truncated
// bodies, 429 bursts), sleeps (told by the OS, or found from a late timer), our clock set
// forward or back, the server's clock ahead or behind and jumping, other tools spending the
// key, bar size, symbols and start time, the app ends the day with every bar the server had,
// value for value for every projection it fetched, a complete day record, no alert twice and
// the key in no URL. The real HedgeFlowApp against the in-process simulator on virtual time
// (test/support/virtual-session.ts); fast-check shrinks a failure to a small schedule and
// prints its seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BarSize } from '../../../core/model/flow.js';
import { sessionOn } from '../../../calendar/index.js';
import { dayProblems, duplicateAlerts, truthOf } from '../../support/day-check.js';
import {
  runVirtualSession,
  type VirtualEvent,
  type VirtualSchedule,
} from '../../support/virtual-session.js';

const SESSION = sessionOn('2026-06-05')!;
const MIN = 60_000;
const HOUR = 60 * MIN;

const FAULTS = [
  '',
  '5xx=0.15',
  'reset=0.1,truncated=0.1',
  'malformed=0.1,429burst=3:0.03',
  '5xx=0.1,reset=0.1,malformed=0.1,truncated=0.1,429burst=3:0.02',
];

/**
 * The latest start (minutes after the open) that still leaves room for six round trips at the
 * worst latency before the session's first bar drops out of the server's reach (16:00:30 for
 * the 09:30 minute bar): a later start may lose it with no fault of the app's (the server no
 * longer has it when any request could reach it), so it is not a schedule this property makes.
 * A sleep counts as a late start: it must end by then too.
 */
function latestStart(latencyMaxMs: number): number {
  return Math.max(-15, 390 - 30 - Math.ceil((6 * 2 * latencyMaxMs) / MIN));
}

/** Events after the start; a sleep ends by the latest start the latency allows. */
function events(startAt: number, latencyMaxMs: number): fc.Arbitrary<VirtualEvent[]> {
  const wakeBy = SESSION.open + latestStart(latencyMaxMs) * MIN;
  const after = (max: number) => fc.integer({ min: startAt, max: Math.max(startAt, max) });
  const event: fc.Arbitrary<VirtualEvent | null> = fc.oneof(
    fc
      .record({
        at: after(wakeBy),
        minutes: fc.integer({ min: 1, max: 150 }),
        notified: fc.boolean(),
      })
      .map(({ at, minutes, notified }) => {
        const ms = Math.min(minutes * MIN, wakeBy - at);
        return ms < 1_000 ? null : { at, kind: 'sleep' as const, ms, notified };
      }),
    fc.record({
      at: after(SESSION.close),
      kind: fc.constant('clock-jump' as const),
      ms: fc.integer({ min: -2 * HOUR, max: 2 * HOUR }),
    }),
    fc.record({
      at: after(SESSION.close),
      kind: fc.constant('server-skew' as const),
      ms: fc.integer({ min: -60_000, max: 5 * MIN }),
    }),
    fc.record({
      at: after(SESSION.close),
      kind: fc.constant('spend' as const),
      requests: fc.integer({ min: 1, max: 200 }),
    }),
  );
  return fc
    .array(event, { maxLength: 4 })
    .map((list) => list.filter((e): e is VirtualEvent => e !== null));
}

const schedule: fc.Arbitrary<VirtualSchedule> = fc
  .record({
    latencyMaxMs: fc.constantFrom(0, 2_000, 30_000, 2 * MIN, 10 * MIN, 40 * MIN),
    startFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .chain(({ latencyMaxMs, startFraction }) => {
    const startMin = Math.round(-15 + startFraction * (latestStart(latencyMaxMs) + 15));
    const startAt = SESSION.open + startMin * MIN;
    return fc.record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      barSize: fc.constantFrom<BarSize>('30s', '1m', '1m', '5m', '5m', '15m'),
      symbols: fc.shuffledSubarray(['SPY', 'QQQ', 'SPX'], { minLength: 1, maxLength: 2 }),
      latencyMaxMs: fc.constant(latencyMaxMs),
      faults: fc.constantFrom(...FAULTS),
      serverLeadMs: fc.integer({ min: -30_000, max: 2 * MIN }),
      startAt: fc.constant(startAt),
      events: events(startAt, latencyMaxMs),
      totalOnly: fc.boolean(),
    });
  })
  .map((r) => ({
    date: SESSION.date,
    symbols: r.symbols,
    barSize: r.barSize,
    startAt: r.startAt,
    seed: r.seed,
    latencyMaxMs: r.latencyMaxMs,
    faults: r.faults,
    serverLeadMs: r.serverLeadMs,
    events: r.events,
    // The row's legs decide the fetch mix: series (all three legs, price) or hedge-flow side=all.
    settings: r.totalOnly ? { legs: { calls: false, puts: false, price: false } } : {},
  }));

describe('whole sessions under random schedules of latency, faults, sleeps and clock jumps', () => {
  it('end with every bar the server had, exact, and a complete day record', async () => {
    await fc.assert(
      fc.asyncProperty(schedule, async (s) => {
        const run = await runVirtualSession(s);
        const problems: string[] = [];
        for (const symbol of s.symbols) {
          const truth = truthOf(run.sim, symbol, s.date, s.barSize);
          problems.push(
            ...(await dayProblems(run.app.history, truth, s.date, symbol, s.barSize, true)),
          );
        }
        problems.push(...duplicateAlerts(run.alerts));
        if (run.keyViolations.length > 0) problems.push('the key left its header');
        expect(problems.slice(0, 10)).toEqual([]);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 12), endOnFailure: true },
    );
  }, 300_000);
});
