// The seed article's rule, exactly: the last N closed bars share one sign, none is zero, and
// their magnitudes never decrease (mags[i] <= mags[i + 1]).
import { describe, expect, it } from 'vitest';
import { describeReason } from '../../../../core/detect/explain.js';
import { evaluate, scan } from '../../../../core/detect/detector.js';
import { articleRule, barsFrom, MINUTE, settings, T0 } from './fixtures.js';

const M = 1_000_000;

function kinds(values: number[], n = 5) {
  return evaluate(barsFrom(values), settings({ runLength: n }));
}

describe("the article's squeeze rule (defaults)", () => {
  it('flags 5 same-signed bars of rising magnitude as an upside squeeze', () => {
    const [v, ...rest] = kinds([1 * M, 2 * M, 3 * M, 4 * M, 5 * M]);
    expect(rest).toEqual([]);
    expect(v).toMatchObject({
      kind: 'squeeze',
      direction: 'up',
      barCount: 5,
      since: T0,
      move: 15 * M,
    });
    expect(v!.t).toBe(T0 + 4 * MINUTE);
    expect(v!.cumulative).toBe(15 * M);
    expect(v!.bars.map((b) => b.bar)).toEqual([1 * M, 2 * M, 3 * M, 4 * M, 5 * M]);
  });

  it('flags accelerating selling as a downside squeeze', () => {
    expect(kinds([-1, -2, -3, -4, -5].map((x) => x * M))[0]).toMatchObject({ direction: 'down' });
  });

  it('counts equal magnitudes as non-decreasing', () => {
    expect(kinds([3 * M, 3 * M, 3 * M, 3 * M, 3 * M])).toHaveLength(1);
    expect(kinds([1 * M, 2 * M, 2 * M, 2 * M, 5 * M])).toHaveLength(1);
  });

  it('never fires with fewer than N bars', () => {
    expect(kinds([1 * M, 2 * M, 3 * M, 4 * M])).toEqual([]);
    expect(kinds([])).toEqual([]);
    expect(kinds([1 * M, 2 * M], 2)).toHaveLength(1);
  });

  it('never fires when one of the last N bars is zero', () => {
    expect(kinds([0, 1 * M, 2 * M, 3 * M, 4 * M])).toEqual([]);
    expect(kinds([1 * M, 2 * M, 0, 3 * M, 4 * M])).toEqual([]);
    // a zero before the window does not matter
    expect(kinds([0, 1 * M, 2 * M, 3 * M, 4 * M, 5 * M])).toHaveLength(1);
  });

  it('never fires on two-sided hedging or a decreasing magnitude', () => {
    expect(kinds([1 * M, 2 * M, -3 * M, 4 * M, 5 * M])).toEqual([]);
    expect(kinds([1 * M, 2 * M, 3 * M, 2.9 * M, 5 * M])).toEqual([]);
    expect(kinds([-5 * M, -4 * M, -3 * M, -2 * M, -1 * M])).toEqual([]);
  });

  it('only looks at the last N bars, like bars[-N:]', () => {
    // an earlier decrease is outside the window
    expect(kinds([9 * M, 1 * M, 2 * M, 3 * M, 4 * M, 5 * M])).toHaveLength(1);
  });

  it('agrees with the transcribed Python snippet on every prefix of a noisy day', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const values = Array.from({ length: 2000 }, (_, i) =>
      i % 17 === 0 ? 0 : Math.round(rand() * 4 + (i % 40 < 20 ? 2 : -2)),
    );
    const bars = barsFrom(values);
    const steps = scan(bars, settings());
    let fired = 0;
    steps.forEach((step, i) => {
      const expected = articleRule(bars.slice(0, i + 1));
      expect(step.verdicts[0]?.direction ?? null).toBe(expected);
      if (expected) fired++;
    });
    expect(fired).toBeGreaterThanOrEqual(5); // the sample exercises the firing branch too
  });
});

describe('explanations', () => {
  const s = settings();
  const explain = (values: number[]) =>
    scan(barsFrom(values), s).map((step) => step.reasons.map((r) => describeReason(r, s)));

  it('says which bar broke the sign run', () => {
    const lines = explain([1 * M, 2 * M, -3 * M, 4 * M, 5 * M]);
    expect(lines[4]![0]).toBe(
      'no squeeze: run of 2 < 5; the sign flipped at 14:03:00Z (+$4M after -$3M)',
    );
  });

  it('says which bar broke the monotonicity', () => {
    expect(explain([1 * M, 2 * M, 3 * M, 2.5 * M, 5 * M])[4]![0]).toBe(
      'no squeeze: run of 2 < 5; the magnitude decreased at 14:03:00Z (+$2.5M after +$3M)',
    );
  });

  it('names a zero bar and too few bars', () => {
    const lines = explain([1 * M, 2 * M, 0, 3 * M, 4 * M, 0]);
    expect(lines[2]![0]).toBe('no squeeze: 3 closed bars, 5 needed');
    expect(lines[4]![0]).toBe('no squeeze: bar 14:02:00Z ($0) is zero');
    expect(lines[5]![0]).toBe('no squeeze: bar 14:05:00Z ($0) is zero');
  });

  it('says why the rule held', () => {
    expect(explain([1, 2, 3, 4, 5, 6].map((x) => x * M))[5]![0]).toBe(
      'squeeze up: 6-bar run since 14:00:00Z; the last 5 bars share one sign, none is zero, magnitudes never decrease',
    );
  });
});
