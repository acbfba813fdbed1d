// The row a symbol shows: every bucket from the first shown to the newest is there, a bucket
// whose final value is not known is a hole (null), never a zero, and an ended bucket shows only
// its final values.
import { describe, expect, it } from 'vitest';
import { buildSymbolView, type ViewExtras } from '../../../../core/app/symbol-row.js';
import type { HedgeFlowData } from '../../../../core/model/flow.js';
import { SymbolState } from '../../../../core/state/symbol-state.js';

const OPEN = Date.parse('2026-06-05T13:30:00Z');
const MIN = 60_000;
const at = (m: number) => OPEN + m * MIN;

const extras: ViewExtras = {
  status: { kind: 'live' },
  receivedAt: null,
  signal: null,
  snoozedUntil: null,
  lookbackMs: 390 * MIN,
  day: { date: '2026-06-05', state: 'filling', missing: [], missingBars: 0 },
};

function hf(asOf: number, bars: [m: number, bar: number, cum: number][]): HedgeFlowData {
  return {
    symbol: 'SPY',
    expiration: '2026-06-05',
    asOf,
    side: 'all',
    barSize: '1m',
    bars: bars.map(([m, bar, cumulative]) => ({ t: at(m), bar, cumulative })),
  };
}

describe('buildSymbolView', () => {
  it('a window that missed the open: the first bar it carries has an unknown bar, not 0', () => {
    const s = new SymbolState('SPY', '1m', OPEN);
    // The window started inside 09:31: its first bar is not trusted, and 09:30 is unknown.
    s.mergeHedgeFlow(
      hf(at(3) + 5_000, [
        [1, 999, 416],
        [2, 10, 426],
        [3, 1, 427],
      ]),
    );
    const v = buildSymbolView(s, extras);
    expect(v.bars.map((b) => [b.t, b.all])).toEqual([
      [at(1), null],
      [at(2), 10],
      [at(3), 1],
    ]);
    expect(v.points.map((p) => p.all)).toEqual([416, 426, 427]);
    expect(v.inProgress).toBe(true);
    expect(v.lastBar).toBe(10);
  });

  it('keeps a hole between known buckets as a bucket with nulls', () => {
    const s = new SymbolState('SPY', '1m', OPEN);
    s.mergeHedgeFlow(
      hf(at(2), [
        [0, 5, 5],
        [1, 2, 7],
      ]),
    );
    s.mergeHedgeFlow(
      hf(at(5) + 1_000, [
        [4, 3, 14],
        [5, 1, 15],
      ]),
    );
    const v = buildSymbolView(s, extras);
    expect(v.points.map((p) => [(p.t - OPEN) / MIN, p.all])).toEqual([
      [0, 5],
      [1, 7],
      [2, null],
      [3, null],
      [4, 14],
      [5, 15],
    ]);
    // 04's bar came after a hole and the window's first-bar rule: not known.
    expect(v.bars.map((b) => b.all)).toEqual([5, 2, null, null, null, 1]);
    expect(v.cumulative).toBe(15);
  });

  it('shows an ended bucket with its final value only; a provisional one left behind is a hole', () => {
    const s = new SymbolState('SPY', '1m', OPEN);
    s.mergeHedgeFlow(
      hf(at(1) + 20_000, [
        [0, 5, 5],
        [1, 2, 7],
      ]),
    ); // 09:31 filling
    // The next answer's window starts at 09:32 (served late): 09:31 ended, never final.
    s.mergeHedgeFlow(
      hf(at(3) + 1_000, [
        [2, 4, 12],
        [3, 1, 13],
      ]),
    );
    const v = buildSymbolView(s, extras);
    expect(v.points.map((p) => p.all)).toEqual([5, null, 12, 13]);
    expect(v.lastBar).toBeNull(); // 09:32's bar needs 09:31's final cumulative
  });

  it('after the close nothing is in progress and the last bar is the close’s', () => {
    const s = new SymbolState('SPY', '1m', OPEN, at(3));
    s.mergeHedgeFlow(
      hf(at(3) + 2_000, [
        [0, 1, 1],
        [1, 2, 3],
        [2, 3, 6],
      ]),
    );
    const v = buildSymbolView(s, {
      ...extras,
      day: { date: '2026-06-05', state: 'complete', missing: [], missingBars: 0 },
    });
    expect(v.inProgress).toBe(false);
    expect(v.lastBar).toBe(3);
    expect(v.day.state).toBe('complete');
  });
});
