import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesBar } from '../../../support/series-bar.js';
import type {
  FlowBar,
  HedgeFlowData,
  SeriesBar,
  SeriesData,
  Side,
} from '../../../../core/model/flow.js';
import { missingRuns } from '../../../../core/state/completeness.js';
import { SymbolState } from '../../../../core/state/symbol-state.js';

const OPEN = Date.parse('2026-06-05T13:30:00Z');
const MIN = 60_000;

function hf(side: Side, asOf: number, bars: FlowBar[]): HedgeFlowData {
  return { symbol: 'SPY', expiration: '2026-06-05', asOf, side, barSize: '1m', bars };
}

function series(
  asOf: number,
  rows: [t: number, calls: number, puts: number, spot?: number][],
): SeriesData {
  const bars: SeriesBar[] = rows.map(([t, calls, puts, spot]) =>
    seriesBar(t, { calls, puts, all: calls + puts }, { spot: spot ?? 590, gammaFlip: 588 }),
  );
  return { symbol: 'SPY', expiration: '2026-06-05', asOf, barSize: '1m', bars };
}

const at = (m: number) => OPEN + m * MIN;

describe('SymbolState', () => {
  it('replaces the in-progress bar and closes it by the server as_of only', () => {
    const s = new SymbolState('SPY', '1m', OPEN);
    s.mergeHedgeFlow(
      hf('all', at(1) + 20_000, [
        { t: at(0), bar: 10, cumulative: 10 },
        { t: at(1), bar: 5, cumulative: 15 },
      ]),
    );
    expect(s.closedBars().map((b) => b.t)).toEqual([at(0)]);
    expect(s.bars().at(-1)!.all).toEqual({ bar: 5, cumulative: 15 });
    const report = s.mergeHedgeFlow(
      hf('all', at(2) + 1_000, [
        { t: at(1), bar: 7, cumulative: 17 },
        { t: at(2), bar: 1, cumulative: 18 },
      ]),
    );
    expect(report.closed).toBe(1);
    expect(s.closedBars().map((b) => [b.t, b.all])).toEqual([
      [at(0), { bar: 10, cumulative: 10 }],
      [at(1), { bar: 7, cumulative: 17 }],
    ]);
    expect(s.newestClosed()).toBe(at(1));
  });

  it('derives per-bar values from adjacent series cumulatives, the first bar from the open', () => {
    const s = new SymbolState('SPY', '1m', OPEN);
    s.mergeSeries(
      series(at(3), [
        [at(0), 100, -40],
        [at(1), 130, -50],
        [at(2), 90, -50],
      ]),
    );
    const closed = s.closedBars();
    expect(closed.map((b) => b.all?.bar)).toEqual([60, 20, -40]);
    expect(closed.map((b) => b.calls?.bar)).toEqual([100, 30, -40]);
    expect(closed.map((b) => b.puts?.bar)).toEqual([-40, -10, 0]);
    expect(closed[2]!.spot).toBe(590);
    expect(closed[2]!.gammaFlip).toBe(588);
  });

  it('keeps legs and spot when a hedge-flow response of one projection arrives', () => {
    const s = new SymbolState('SPY', '1m', OPEN);
    s.mergeSeries(
      series(at(2), [
        [at(0), 100, -40],
        [at(1), 130, -50],
      ]),
    );
    s.mergeHedgeFlow(
      hf('all', at(2) + 500, [
        { t: at(0), bar: 60, cumulative: 60 },
        { t: at(1), bar: 20, cumulative: 80 },
      ]),
    );
    const b = s.closedBars()[1]!;
    expect(b.calls).toEqual({ bar: 30, cumulative: 130 });
    expect(b.puts).toEqual({ bar: -10, cumulative: -50 });
    expect(b.spot).toBe(590);
  });

  it('does not trust the first bar of a hedge-flow window (it may be cut) but derives it', () => {
    const s = new SymbolState('SPY', '1m', OPEN);
    s.mergeHedgeFlow(
      hf('all', at(3), [
        { t: at(0), bar: 10, cumulative: 10 },
        { t: at(1), bar: 5, cumulative: 15 },
      ]),
    );
    // A later window starting at minute 1 with a partial bar value there.
    s.mergeHedgeFlow(
      hf('all', at(4), [
        { t: at(1), bar: 999, cumulative: 15 },
        { t: at(2), bar: 4, cumulative: 19 },
        { t: at(3), bar: 1, cumulative: 20 },
      ]),
    );
    expect(s.closedBars().map((b) => b.all?.bar)).toEqual([10, 5, 4, 1]);
  });

  it('keeps a provisional leg out of the closed bars until a response after its close', () => {
    const s = new SymbolState('SPY', '1m', OPEN);
    // calls fetched just before the bucket ended, all just after.
    s.mergeHedgeFlow(hf('calls', at(1) - 100, [{ t: at(0), bar: 3, cumulative: 3 }]));
    s.mergeHedgeFlow(hf('all', at(1) + 100, [{ t: at(0), bar: 5, cumulative: 5 }]));
    expect(s.closedBars()[0]).toMatchObject({ all: { bar: 5, cumulative: 5 }, calls: null });
    // The bucket has ended: its provisional calls value is not what the server will say of it.
    expect(s.bars()[0]!.calls).toBeNull();
    // While a bucket fills, what is known of it is its provisional value.
    s.mergeHedgeFlow(hf('calls', at(1) + 100, [{ t: at(1), bar: 2, cumulative: 5 }]));
    expect(s.bars()[1]!.calls).toEqual({ bar: null, cumulative: 5 });
  });

  it('ignores a late response older than what it already holds', () => {
    const s = new SymbolState('SPY', '1m', OPEN);
    s.mergeHedgeFlow(hf('all', at(2), [{ t: at(1), bar: 7, cumulative: 17 }]));
    s.mergeHedgeFlow(hf('all', at(1) + 30_000, [{ t: at(1), bar: 2, cumulative: 12 }]));
    expect(s.bars()[0]!.all!.cumulative).toBe(17);
  });

  it('reports only what a poll changed: a response that confirms the session changes nothing', () => {
    const s = new SymbolState('SPY', '1m', OPEN);
    const rows = (n: number): [number, number, number][] =>
      Array.from({ length: n }, (_, i) => [at(i), 10 * i, -3 * i]);
    // Three closed buckets and one filling.
    s.mergeSeries(series(at(3) + 5_000, rows(4)));
    const seen = s.revision;
    // The same session, asked again a little later: newer as_of, same values, bucket 3 filling.
    s.mergeSeries(series(at(3) + 20_000, rows(4)));
    expect(s.revision).toBe(seen);
    expect(s.closedBarsChangedSince(seen)).toEqual([]);
    // A later response closes bucket 3 (same value) and brings bucket 4: bucket 3 is news.
    s.mergeSeries(series(at(4) + 5_000, rows(5)));
    expect(s.closedBarsChangedSince(seen).map((b) => b.t)).toEqual([at(3)]);
    // An older response arriving late still loses to the newest one held.
    s.mergeSeries(series(at(3) + 10_000, [[at(3), 99, 99]]));
    expect(s.closedBars().at(-1)!.all).toEqual({ bar: 21 - 14, cumulative: 21 });
  });

  it('counts a final value that a later response contradicts', () => {
    const s = new SymbolState('SPY', '1m', OPEN);
    s.mergeHedgeFlow(hf('all', at(2), [{ t: at(0), bar: 7, cumulative: 7 }]));
    const r = s.mergeHedgeFlow(hf('all', at(3), [{ t: at(0), bar: 8, cumulative: 8 }]));
    expect(r.revised).toBe(1);
  });

  it('drops bars outside the session', () => {
    const s = new SymbolState('SPY', '1m', OPEN, at(390));
    s.mergeHedgeFlow(
      hf('all', at(391), [
        { t: at(-1), bar: 1, cumulative: 1 },
        { t: at(389), bar: 1, cumulative: 2 },
        { t: at(390), bar: 1, cumulative: 3 },
      ]),
    );
    expect(s.bars().map((b) => b.t)).toEqual([at(389)]);
  });

  it('detects gaps and the oldest bucket a backfill must fetch', () => {
    const s = new SymbolState('SPY', '1m', OPEN);
    s.mergeSeries(
      series(at(2), [
        [at(0), 1, 1],
        [at(1), 2, 2],
      ]),
    );
    s.mergeSeries(
      series(at(6), [
        [at(4), 5, 5],
        [at(5), 6, 6],
      ]),
    );
    expect(missingRuns(s, ['all'], at(5))).toEqual([{ side: 'all', from: at(2), to: at(4) }]);
    expect(s.missing('all', at(7))).toEqual([at(2), at(3), at(6)]);
    expect(s.oldestIncomplete(['all', 'calls'], at(7))).toBe(at(2));
    // After the gap: no per-bar value can be derived for minute 4 yet.
    expect(s.closedBars().find((b) => b.t === at(4))!.all!.bar).toBeNull();
    s.mergeSeries(
      series(at(7), [
        [at(2), 3, 3],
        [at(3), 4, 4],
        [at(4), 5, 5],
        [at(5), 6, 6],
        [at(6), 7, 7],
      ]),
    );
    expect(missingRuns(s, ['all'], at(7))).toEqual([]);
    expect(s.closedBars().map((b) => b.all!.bar)).toEqual([2, 2, 2, 2, 2, 2, 2]);
    expect(s.oldestIncomplete(['all'], at(7))).toBeNull();
  });

  it('rejects a response of another bar size', () => {
    const s = new SymbolState('SPY', '5m', OPEN);
    expect(() => s.mergeHedgeFlow(hf('all', at(1), []))).toThrow(RangeError);
  });

  it('finds the oldest incomplete bucket as a walk from the open would, whatever arrives when', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            side: fc.constantFrom('all' as const, 'calls' as const, 'puts' as const),
            from: fc.integer({ min: 0, max: 30 }),
            length: fc.integer({ min: 1, max: 8 }),
            lateBy: fc.integer({ min: -1, max: 3 }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        fc.integer({ min: 0, max: 40 }),
        (responses, untilMin) => {
          const s = new SymbolState('SPY', '1m', OPEN);
          for (const r of responses) {
            const bars = Array.from({ length: r.length }, (_, i) => ({
              t: at(r.from + i),
              bar: 1,
              cumulative: r.from + i + 1,
            }));
            // as_of somewhere around the window's end: some buckets closed, some filling.
            s.mergeHedgeFlow(hf(r.side, at(r.from + r.length + r.lateBy), bars));
            for (const sides of [['all'], ['calls', 'puts'], ['all', 'calls', 'puts']] as const) {
              const until = at(untilMin);
              const walk = sides
                .map((side) => s.missing(side, until)[0])
                .filter((t): t is number => t !== undefined);
              const naive = walk.length > 0 ? Math.min(...walk) : null;
              expect(s.oldestIncomplete(sides, until)).toBe(naive);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reconstructs the server series exactly from any split into overlapping windows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 2, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 10 }),
        (increments, steps) => {
          let cum = 0;
          const truth = increments.map((bar, i) => ({ t: at(i), bar, cumulative: (cum += bar) }));
          const s = new SymbolState('SPY', '1m', OPEN);
          let end = 0;
          let k = 0;
          while (end < truth.length) {
            const next = Math.min(truth.length, end + steps[k++ % steps.length]!);
            const from = Math.max(0, end - 1);
            // Each response: the window from the last closed bucket to the in-progress one.
            s.mergeHedgeFlow(hf('all', at(next) + 1, truth.slice(from, next + 1)));
            end = next;
          }
          const closed = s
            .closedBars()
            .map((b) => ({ t: b.t, bar: b.all!.bar, cumulative: b.all!.cumulative }));
          expect(closed).toEqual(truth);
        },
      ),
    );
  });
});
