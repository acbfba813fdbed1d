// The scorecard of a set of alerts against the baseline, on a hand-built session whose every
// figure is computed by hand below: one alert per episode; hit rate, Wilson interval, median and
// mean per horizon; unknown outcomes (a hole) left out, never counted as zero; the baseline from
// every final bar of the same symbols and bar size in the alerts' 30-minute slots, both ways.
import { describe, expect, it } from 'vitest';
import type { AlertRecord, Direction, VerdictKind } from '../../../../core/contract/detector.js';
import type { ScorecardGroup } from '../../../../core/contract/outcomes.js';
import type { SessionSpots } from '../../../../core/outcomes/baseline.js';
import { computeOutcomes, spotLookup } from '../../../../core/outcomes/outcome.js';
import { buildScorecard, type ScoredAlert } from '../../../../core/outcomes/scorecard.js';
import { wilsonInterval } from '../../../../core/outcomes/stats.js';
import { sessionOn } from '../../../../calendar/index.js';

const MIN = 60_000;
const DAY = sessionOn('2026-06-05')!;
/** Minute i of the session (0 = 09:30 New York). */
const minute = (i: number): number => DAY.open + i * MIN;

/**
 * Bars at minutes 30-70 (10:00-10:40) and the last bucket (15:59): a hole from 10:41 on.
 * SPY sits at 100 but for 102 at minute 45; QQQ at 200 but for 198 at minute 55.
 */
function session(symbol: 'SPY' | 'QQQ'): SessionSpots {
  const minutes = [...Array.from({ length: 41 }, (_, k) => 30 + k), 389];
  const level = symbol === 'SPY' ? 100 : 200;
  const odd = symbol === 'SPY' ? { at: 45, spot: 102 } : { at: 55, spot: 198 };
  return {
    date: DAY.date,
    symbol,
    barSize: '1m',
    session: DAY,
    bars: minutes.map((i) => ({ t: minute(i), spot: i === odd.at ? odd.spot : level })),
  };
}
const SESSIONS = [session('SPY'), session('QQQ')];

function alert(
  symbol: 'SPY' | 'QQQ',
  kind: VerdictKind,
  direction: Direction,
  i: number,
  since = i - 4,
): ScoredAlert {
  const data = SESSIONS.find((s) => s.symbol === symbol)!;
  const t = minute(i);
  return {
    symbol,
    kind,
    direction,
    t,
    evidence: { since: minute(since), barCount: 5, move: 0, cumulative: 0, bars: [] } as never,
    outcomes: computeOutcomes(
      { t, direction, barSize: '1m', session: DAY },
      spotLookup(data.bars),
      true,
    ),
  };
}

const ALERTS: ScoredAlert[] = [
  alert('SPY', 'squeeze', 'up', 40), // 5m +2% (hit); 15m 0; 30m 0; close 0
  alert('SPY', 'squeeze', 'up', 45), // 5m −1.96%; 15m −1.96%; 30m hole; close −1.96%
  alert('SPY', 'squeeze', 'up', 48, 36), // the first alert's episode escalating: not scored
  alert('QQQ', 'squeeze', 'down', 50), // 5m: −(198/200 − 1) = +1% (hit)
  alert('SPY', 'reversal', 'down', 65), // 5m: 0 (not a hit)
];

function find(groups: readonly ScorecardGroup[], rule: string, symbol: string | null) {
  return groups.find((g) => g.rule === rule && g.symbol === symbol)!;
}

describe('buildScorecard', () => {
  const card = buildScorecard({ sessions: SESSIONS, alerts: ALERTS });
  const down = -(1 - 100 / 102); // 100/102 − 1

  it('scores one alert per episode with hit rate, Wilson interval, median and mean', () => {
    const up = find(card.groups, 'squeeze-up', null);
    expect(up.count).toBe(2);
    expect(up.smallSample).toBe(true);
    const m5 = up.horizons['5m'];
    expect(m5).toMatchObject({ known: 2, hits: 1, hitRate: 0.5 });
    expect(m5.interval).toEqual(wilsonInterval(1, 2));
    expect(m5.median).toBeCloseTo((0.02 + down) / 2, 12);
    expect(m5.mean).toBeCloseTo((0.02 + down) / 2, 12);
    // 15m: 0 and −1.96%: a zero move is known and is not a hit.
    expect(up.horizons['15m']).toMatchObject({ known: 2, hits: 0, hitRate: 0 });
    expect(up.horizons['15m'].median).toBeCloseTo(down / 2, 12);
    // 30m: the second alert's bucket is in the hole: unknown, left out (not a zero).
    expect(up.horizons['30m']).toMatchObject({ known: 1, hits: 0, median: 0, mean: 0 });
  });

  it('holds each rule against the baseline of its slots, symbols and bar size, both ways', () => {
    // Slot 10:00-10:30 (minutes 30-59), SPY and QQQ, 1m bars. 5m: all 60 bars have a target;
    // non-zero: SPY 40 (+2%), SPY 45 (−1.96%), QQQ 50 (−1%), QQQ 55 (+1.01%): 4 hits of 120.
    const up = find(card.groups, 'squeeze-up', null);
    expect(up.horizons['5m'].baseline).toEqual({ moves: 120, hitRate: 4 / 120, median: 0 });
    // 15m: targets up to minute 70 exist, so bars 30-55: 26 per symbol; non-zero: SPY 30, 45;
    // QQQ 40, 55: 4 hits of 104.
    expect(up.horizons['15m'].baseline).toEqual({ moves: 104, hitRate: 4 / 104, median: 0 });
    // 30m: targets 60-70 exist for bars 30-40: 11 per symbol, all flat (SPY 45 and QQQ 55
    // are not targets): 0 hits of 44.
    expect(up.horizons['30m'].baseline).toEqual({ moves: 44, hitRate: 0, median: 0 });
    // close (15:59 at 100 and 200): every bar of the slot; non-zero: SPY 45, QQQ 55.
    expect(up.horizons.close.baseline).toEqual({ moves: 120, hitRate: 2 / 120, median: 0 });
    // Per symbol, only that symbol's bars.
    const spy = find(card.groups, 'squeeze-up', 'SPY');
    expect(spy.count).toBe(2);
    expect(spy.horizons['5m'].baseline).toEqual({ moves: 60, hitRate: 2 / 60, median: 0 });
    const qqqUp = find(card.groups, 'squeeze-up', 'QQQ');
    expect(qqqUp.count).toBe(0);
    expect(qqqUp.horizons['5m']).toMatchObject({ known: 0, hitRate: null, interval: null });
  });

  it('keeps squeezes per direction, reversals and gamma-flip crosses apart', () => {
    const down5 = find(card.groups, 'squeeze-down', null).horizons['5m'];
    expect(down5).toMatchObject({ known: 1, hits: 1, hitRate: 1 });
    expect(down5.median).toBeCloseTo(0.01, 12);
    expect(find(card.groups, 'squeeze-down', 'QQQ').horizons['5m'].baseline).toEqual({
      moves: 60,
      hitRate: 2 / 60,
      median: 0,
    });
    const reversal = find(card.groups, 'reversal', null);
    expect(reversal.count).toBe(1);
    expect(reversal.horizons['5m']).toMatchObject({ known: 1, hits: 0, median: 0 });
    // Slot 10:30-11:00 holds minutes 60-70; 5m targets exist for 60-65; all flat.
    expect(reversal.horizons['5m'].baseline).toEqual({ moves: 24, hitRate: 0, median: 0 });
    const flip = find(card.groups, 'gamma-flip', null);
    expect(flip.count).toBe(0);
    expect(flip.horizons['15m'].baseline.moves).toBe(0);
    expect(flip.distribution).toBeNull();
  });

  it('charts the 15-minute moves against the baseline as shares per bin, 0 on an edge', () => {
    const d = find(card.groups, 'squeeze-up', null).distribution!;
    expect(d.edges).toHaveLength(11);
    expect(d.edges[5]).toBe(0);
    expect(d.alerts.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(d.baseline.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // The two alerts: 0 (left of the middle edge: not a hit) and −1.96% (the lowest bin).
    expect(d.alerts[4]).toBeCloseTo(0.5, 12);
    expect(d.alerts[0]).toBeCloseTo(0.5, 12);
    expect(d.alerts.slice(5).every((x) => x === 0)).toBe(true);
    // Baseline: 48 flat bars (96 zero moves) just left of the middle; the 4 moving bars give
    // 4 moves right of it and their 4 mirrors left.
    expect(d.baseline[4]).toBeCloseTo(96 / 104, 12);
    expect(d.baseline.slice(5).reduce((a, b) => a + b, 0)).toBeCloseTo(4 / 104, 12);
  });

  it('names what it covers, and counts alerts whose spot is unknown', () => {
    expect(card.sessions).toEqual([DAY.date]);
    expect(card.symbols).toEqual(['QQQ', 'SPY']);
    expect(card.barSizes).toEqual(['1m']);
    expect(card.groups.map((g) => `${g.rule}:${g.symbol ?? '*'}`).slice(0, 3)).toEqual([
      'squeeze-up:*',
      'squeeze-up:QQQ',
      'squeeze-up:SPY',
    ]);
    const blind: ScoredAlert = {
      ...ALERTS[0]!,
      outcomes: computeOutcomes(
        { t: minute(80), direction: 'up', barSize: '1m', session: DAY },
        spotLookup([]),
        true,
      ),
    };
    const card2 = buildScorecard({ sessions: SESSIONS, alerts: [blind] });
    expect(card2.withoutSpot).toBe(1);
    expect(find(card2.groups, 'squeeze-up', null).horizons['5m'].known).toBe(0);
  });

  it('says "small sample" below 20 alerts and not from 20 on', () => {
    const many = Array.from({ length: 20 }, (_, k) => alert('SPY', 'squeeze', 'up', 30 + k));
    const spaced = many.map((a, k) => ({
      ...a,
      evidence: { ...a.evidence, since: minute(k) },
    })) as ScoredAlert[];
    expect(
      find(buildScorecard({ sessions: SESSIONS, alerts: spaced }).groups, 'squeeze-up', null),
    ).toMatchObject({ count: 20, smallSample: false });
    const fewer = buildScorecard({ sessions: SESSIONS, alerts: spaced.slice(1) });
    expect(find(fewer.groups, 'squeeze-up', null)).toMatchObject({ count: 19, smallSample: true });
  });
});

export type { AlertRecord };
