// The refinements traders ask for (seed article, "Tighten or loosen this"), one by one.
import { describe, expect, it } from 'vitest';
import { createReference } from '../../../../core/detect/distribution.js';
import { describeReason } from '../../../../core/detect/explain.js';
import { evaluate, scan } from '../../../../core/detect/detector.js';
import { barsFrom, MINUTE, settings, T0 } from './fixtures.js';

const M = 1_000_000;
const RUN = [1, 2, 3, 4, 5].map((x) => x * M);

describe('minimum per-bar magnitude', () => {
  it('absolute: every bar of the run must reach minAbsBar', () => {
    expect(evaluate(barsFrom(RUN), settings({ minAbsBar: 1 * M }))).toHaveLength(1);
    expect(evaluate(barsFrom(RUN), settings({ minAbsBar: 1.5 * M }))).toEqual([]);
    const s = settings({ minAbsBar: 1.5 * M });
    const why = scan(barsFrom(RUN), s)[4]!.reasons.map((r) => describeReason(r, s));
    expect(why[0]).toBe('no squeeze: bar 14:00:00Z (+$1M) is below the minimum |bar| $1.5M');
  });

  it('relative: every bar must reach the percentile of |bar| as it stood when it closed', () => {
    // A quiet session so far, then a run: the run bars are all in the top of the distribution.
    const quiet = Array.from({ length: 40 }, (_, i) => (i % 2 ? 0.1 : -0.1) * M);
    const bars = barsFrom([...quiet, ...RUN]);
    expect(evaluate(bars, settings({ minPercentile: 80 }))).toHaveLength(1);
    // With a reference of bigger past bars, 1M-5M is ordinary: no squeeze.
    const reference = createReference(Array.from({ length: 500 }, (_, i) => (i % 50) * M));
    expect(evaluate(bars, settings({ minPercentile: 80 }), { reference })).toEqual([]);
    expect(evaluate(bars, settings({ minPercentile: 0 }), { reference })).toHaveLength(1);
  });

  it('relative: explains the threshold and the sample it came from', () => {
    const bars = barsFrom([5 * M, 5 * M, 1 * M, 2 * M, 3 * M, 4 * M, 5 * M]);
    const s = settings({ minPercentile: 50 });
    const reasons = scan(bars, s)[6]!.reasons.map((r) => describeReason(r, s));
    // at 14:02 the sample was {5M, 5M, 1M}: the median is 5M and 1M falls short
    expect(reasons[0]).toBe(
      'no squeeze: bar 14:02:00Z (+$1M) is below the 50th percentile of |bar| ($5M over 3 bars)',
    );
  });
});

describe('accelerating cumulative', () => {
  it('demands strictly growing bars: a plateau the article accepts does not count', () => {
    const plateau = [1, 2, 2, 3, 4].map((x) => x * M);
    expect(evaluate(barsFrom(plateau), settings())).toHaveLength(1);
    expect(evaluate(barsFrom(plateau), settings({ accelerating: true }))).toEqual([]);
    expect(evaluate(barsFrom(RUN), settings({ accelerating: true }))).toHaveLength(1);
  });
});

describe('sign flip after a run of at least M bars (reversal)', () => {
  const selling = [-3, -2, -4, -1, -5, -2].map((x) => x * M);

  it('reports the new direction when the sign flips after M bars', () => {
    const [v] = evaluate(barsFrom([...selling, 2 * M]), settings({ flipAfter: 6 }));
    expect(v).toMatchObject({ kind: 'reversal', direction: 'up', barCount: 6, move: 2 * M });
    expect(v!.since).toBe(T0 + 6 * MINUTE);
    expect(v!.bars).toHaveLength(7);
  });

  it('needs the run to be long enough, the flip bar to be significant, and is off by default', () => {
    expect(evaluate(barsFrom([...selling, 2 * M]), settings({ flipAfter: 7 }))).toEqual([]);
    expect(evaluate(barsFrom([...selling, 2 * M]), settings())).toEqual([]);
    expect(
      evaluate(barsFrom([...selling, 0.5 * M]), settings({ flipAfter: 6, minAbsBar: 1 * M })),
    ).toEqual([]);
    expect(evaluate(barsFrom([...selling, 0, 2 * M]), settings({ flipAfter: 6 }))).toEqual([]);
  });
});

describe('call vs put attribution', () => {
  const calls = [0.9, 1.8, 2.7, 3.6, 4.5].map((x) => x * M);
  const puts = [0.1, 0.2, 0.3, 0.4, 0.5].map((x) => x * M);

  it("reports each leg's flow and share of the run", () => {
    const [v] = evaluate(barsFrom(RUN, { calls, puts }), settings());
    expect(v!.legs).toMatchObject({ calls: 13.5 * M, puts: 1.5 * M, driver: 'calls' });
    expect(v!.legs!.callShare).toBeCloseTo(0.9);
    expect(v!.bars[0]).toMatchObject({ calls: 0.9 * M, puts: 0.1 * M });
  });

  it('one-sided: one leg must carry the share; aligned: the leg must match the direction', () => {
    const bars = barsFrom(RUN, { calls, puts });
    expect(evaluate(bars, settings({ requireAttribution: 'one-sided' }))).toHaveLength(1);
    expect(evaluate(bars, settings({ requireAttribution: 'aligned' }))).toHaveLength(1);
    // the same up-move driven by puts: one-sided but not aligned (not call chasing)
    const putDriven = barsFrom(RUN, { calls: puts, puts: calls });
    expect(evaluate(putDriven, settings({ requireAttribution: 'one-sided' }))).toHaveLength(1);
    expect(evaluate(putDriven, settings({ requireAttribution: 'aligned' }))).toEqual([]);
    // a put-driven down-squeeze is aligned
    const down = barsFrom(
      RUN.map((x) => -x),
      { calls: puts.map((x) => -x), puts: calls.map((x) => -x) },
    );
    expect(evaluate(down, settings({ requireAttribution: 'aligned' }))[0]?.legs?.driver).toBe(
      'puts',
    );
  });

  it('a mixed run is not one-sided; unknown legs never satisfy a requirement', () => {
    const half = RUN.map((x) => x / 2);
    expect(
      evaluate(
        barsFrom(RUN, { calls: half, puts: half }),
        settings({ requireAttribution: 'one-sided' }),
      ),
    ).toEqual([]);
    expect(evaluate(barsFrom(RUN), settings({ requireAttribution: 'one-sided' }))).toEqual([]);
    expect(evaluate(barsFrom(RUN), settings())[0]!.legs).toBeNull();
  });
});

describe('price confirmation', () => {
  it('chasing when spot moves with the flow over the run, fading otherwise', () => {
    const up = barsFrom(RUN, { spot: [590, 590.2, 590.5, 590.4, 591] });
    expect(evaluate(up, settings())[0]!.price).toEqual({
      from: 590,
      to: 591,
      move: 1,
      confirmation: 'chasing',
    });
    const flat = barsFrom(RUN, { spot: [590, 590.2, 590.5, 590.4, 590] });
    expect(evaluate(flat, settings())[0]!.price?.confirmation).toBe('fading');
  });

  it('measures from the close of the bar before the run', () => {
    const bars = barsFrom([-1 * M, ...RUN], { spot: [589, 590, 590.2, 590.5, 590.4, 590.5] });
    expect(evaluate(bars, settings())[0]!.price).toMatchObject({ from: 589, to: 590.5 });
  });

  it('requireChasing drops fading runs and runs without spot', () => {
    const fading = barsFrom(RUN, { spot: [591, 590.8, 590.5, 590.4, 590] });
    expect(evaluate(fading, settings({ requireChasing: true }))).toEqual([]);
    expect(evaluate(barsFrom(RUN), settings({ requireChasing: true }))).toEqual([]);
    const chasing = barsFrom(RUN, { spot: [590, 590.2, 590.5, 590.4, 591] });
    expect(evaluate(chasing, settings({ requireChasing: true }))).toHaveLength(1);
  });
});

describe('gamma-flip cross', () => {
  const spot = [588, 588.2, 588.4, 588.7, 589.1];
  const gammaFlip = [588.5, 588.5, 588.5, 588.5, 588.5];

  it('reports spot crossing the level, only when enabled', () => {
    const bars = barsFrom(
      [0.1, -0.1, 0.1, 0.2, 0.3].map((x) => x * M),
      { spot, gammaFlip },
    );
    const steps = scan(bars, settings({ gammaFlipCross: true }));
    const crossings = steps.flatMap((s) => s.verdicts.filter((v) => v.kind === 'gamma-flip'));
    expect(crossings).toHaveLength(1);
    expect(crossings[0]).toMatchObject({ direction: 'up', t: T0 + 3 * MINUTE, barCount: 1 });
    expect(crossings[0]!.gammaFlip).toMatchObject({
      level: 588.5,
      side: 'above',
      crossedAt: T0 + 3 * MINUTE,
    });
    expect(scan(bars, settings()).flatMap((s) => s.verdicts)).toEqual([]);
  });

  it('adds the cross to a squeeze as evidence, and is silent without series data', () => {
    const [v] = evaluate(barsFrom(RUN, { spot, gammaFlip }), settings());
    expect(v!.gammaFlip).toMatchObject({
      side: 'above',
      crossedAt: T0 + 3 * MINUTE,
      crossDirection: 'up',
    });
    const noSeries = scan(barsFrom(RUN), settings({ gammaFlipCross: true }));
    expect(noSeries[4]!.verdicts.map((x) => x.kind)).toEqual(['squeeze']);
  });

  it('counts a cross through a bar exactly at the level once, on the far side', () => {
    const bars = barsFrom(
      [1, 1, 1].map((x) => x * M),
      { spot: [588, 588.5, 589], gammaFlip: [588.5, 588.5, 588.5] },
    );
    const steps = scan(bars, settings({ gammaFlipCross: true }));
    expect(steps.map((s) => s.verdicts.map((v) => v.direction))).toEqual([[], [], ['up']]);
    expect(describeReason(steps[1]!.reasons[1]!, settings())).toBe(
      'no gamma-flip cross: spot stays at the level',
    );
  });

  it('with a band, spot chopping around the level is not a cross until it leaves the band', () => {
    const chop = { spot: [587, 588.3, 587.8, 588.4, 589.2, 588.9], gammaFlip: Array(6).fill(588) };
    const bars = barsFrom(
      [1, 1, 1, 1, 1, 1].map((x) => x * M),
      chop,
    );
    const crosses = (band: number) =>
      scan(bars, settings({ gammaFlipCross: true, gammaFlipBand: band, runLength: 10 })).map((s) =>
        s.verdicts.map((v) => v.direction).join(''),
      );
    expect(crosses(0)).toEqual(['', 'up', 'down', 'up', '', '']);
    expect(crosses(0.001)).toEqual(['', '', '', '', 'up', '']); // 588 ± 0.59
  });

  it('skips bars exactly at the level and bars without a level', () => {
    const bars = barsFrom(
      [1, 1, 1, 1].map((x) => x * M),
      {
        spot: [588, 588.5, 589, 588],
        gammaFlip: [588.5, 588.5, null, 588.5],
      },
    );
    const kinds = scan(bars, settings({ gammaFlipCross: true, runLength: 10 })).map((s) =>
      s.verdicts.map((v) => v.direction),
    );
    expect(kinds).toEqual([[], [], [], []]);
  });
});
