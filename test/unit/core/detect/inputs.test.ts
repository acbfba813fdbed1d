// Assembling detector input from API data, and the relative threshold's distribution.
import { describe, expect, it } from 'vitest';
import { closedOnly, toDetectorBars } from '../../../../core/detect/bars.js';
import {
  createReference,
  kthSmallest,
  RunningDistribution,
} from '../../../../core/detect/distribution.js';
import { describeReason } from '../../../../core/detect/explain.js';
import { evaluate, scan } from '../../../../core/detect/detector.js';
import { type DetectorBar } from '../../../../core/detect/types.js';
import type { FlowBar } from '../../../../core/model/flow.js';
import { barsFrom, MINUTE, settings, T0 } from './fixtures.js';

const M = 1_000_000;

const flow = (values: number[]): FlowBar[] => {
  let cumulative = 0;
  return values.map((bar, i) => ({ t: T0 + i * MINUTE, bar, cumulative: (cumulative += bar) }));
};

describe('toDetectorBars', () => {
  it('aligns the legs and the series with the side=all bars by t', () => {
    const all = flow([3, 5]);
    const bars = toDetectorBars(all, {
      calls: flow([2, 4]),
      puts: flow([1, 1]).slice(1),
      series: [{ t: T0 + MINUTE, spot: 590, gammaFlip: null, callCumulative: 0, putCumulative: 0 }],
    });
    expect(bars).toEqual([
      { t: T0, bar: 3, cumulative: 3, calls: { bar: 2, cumulative: 2 } },
      {
        t: T0 + MINUTE,
        bar: 5,
        cumulative: 8,
        calls: { bar: 4, cumulative: 6 },
        puts: { bar: 1, cumulative: 2 },
        spot: 590,
        gammaFlip: null,
      },
    ]);
  });

  it("derives the legs from the series' cumulatives of adjacent buckets", () => {
    const point = (i: number, c: number, p: number) => ({
      t: T0 + i * MINUTE,
      spot: 590 + i,
      gammaFlip: 589,
      callCumulative: c,
      putCumulative: p,
    });
    const bars = toDetectorBars(flow([1, 2, 3, 4]), {
      series: [point(0, 10, -5), point(1, 12, -4), point(3, 20, -1)],
      barSize: '1m',
    });
    expect(bars.map((b) => [b.calls?.bar, b.puts?.bar])).toEqual([
      [undefined, undefined],
      [2, 1],
      [undefined, undefined], // no series bar
      [undefined, undefined], // the bucket before it is missing
    ]);
  });

  it('keeps only closed bars: t + bar_size <= as_of', () => {
    const all = flow([1, 2, 3]);
    expect(closedOnly(all, '1m', T0 + 2 * MINUTE)).toHaveLength(2);
    expect(closedOnly(all, '1m', T0 + 2 * MINUTE - 1)).toHaveLength(1);
    expect(closedOnly(all, '5m', T0 + 5 * MINUTE)).toHaveLength(1);
  });
});

describe('the relative threshold distribution', () => {
  it('reads the nearest-rank percentile of the reference and the session together', () => {
    const d = new RunningDistribution(createReference([-4, 1, Number.NaN, 3]).sorted);
    expect(d.size).toBe(3);
    expect(d.percentile(50)).toBe(3); // {1, 3, 4}
    d.add(2);
    d.add(10);
    expect(d.percentile(0)).toBe(1);
    expect(d.percentile(40)).toBe(2); // {1, 2, 3, 4, 10}: rank 2
    expect(d.percentile(80)).toBe(4);
    expect(d.percentile(100)).toBe(10);
    expect(new RunningDistribution().percentile(50)).toBeNull();
  });

  it('finds the k-th smallest of two sorted arrays', () => {
    const a = [1, 4, 4, 9];
    const b = [2, 3, 4, 11, 12];
    const merged = [...a, ...b].sort((x, y) => x - y);
    for (let k = 1; k <= merged.length; k++) expect(kthSmallest(a, b, k)).toBe(merged[k - 1]);
    expect(kthSmallest([], [5, 6], 2)).toBe(6);
    expect(kthSmallest([5, 6], [], 1)).toBe(5);
  });
});

describe('a hole in the data (context.barMs)', () => {
  const s = settings({ flipAfter: 3 });
  /** Growing buying at 14:00-14:03, nothing for 14:04, then more at 14:05-14:06. */
  const holed = (): DetectorBar[] =>
    barsFrom(
      [1, 2, 3, 4, 0, 5, 6].map((x) => x * M),
      {
        spot: [590, 591, 592, 593, 0, 594, 595],
      },
    ).filter((b) => b.t !== T0 + 4 * MINUTE);

  it('restarts the run after the hole: bars on either side are not consecutive', () => {
    const bars = holed();
    expect(evaluate(bars, s)[0]).toMatchObject({ kind: 'squeeze', barCount: 6 }); // taken as consecutive
    const steps = scan(bars, s, { barMs: MINUTE });
    expect(steps.map((x) => x.verdicts)).toEqual(steps.map(() => []));
    expect(describeReason(steps[5]!.reasons[0]!, s)).toBe(
      'no squeeze: run of 2 < 5; the bars before 14:05:00Z are missing (a hole in the data restarts the run)',
    );
    // Five growing bars after the hole are a squeeze; its price move starts after the hole too.
    const after = [
      ...bars,
      ...barsFrom(
        [7, 8, 9].map((x) => x * M),
        {},
        T0 + 7 * MINUTE,
      ),
    ];
    const [v] = evaluate(after, s, { barMs: MINUTE });
    expect(v).toMatchObject({ since: T0 + 5 * MINUTE, barCount: 5, move: 35 * M });
  });

  it('does not count a sign flip across the hole as a reversal', () => {
    const bars = barsFrom([-1, -2, -3, -4, 0, 5].map((x) => x * M)).filter(
      (b) => b.t !== T0 + 4 * MINUTE,
    );
    expect(evaluate(bars, s).map((v) => v.kind)).toEqual(['reversal']);
    expect(evaluate(bars, s, { barMs: MINUTE })).toEqual([]);
  });

  it('measures the price move of a run right after a hole from its own first bar', () => {
    const bars = barsFrom(
      [9, 1, 2, 3, 4, 5].map((x) => x * M),
      {
        spot: [500, 590, 591, 592, 593, 594],
      },
    ).map((b, i) => (i === 0 ? { ...b, t: b.t - 10 * MINUTE } : b));
    const [v] = evaluate(bars, settings(), { barMs: MINUTE });
    expect(v!.price).toMatchObject({ from: 590, to: 594 });
  });
});
