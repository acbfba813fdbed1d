// Golden tests on a synthetic session with explicit episodes, bar by bar as the app would poll
// it live (via the threshold preview). The simulator's days (golden-sim.test.ts) have few
// squeezes, as real days do; this day has one call-driven and one put-driven squeeze, a
// reversal and a chop around the gamma flip, to pin down every refinement (synthetic-day.ts).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALERT_SETTINGS,
  DetectorSettingsSchema,
  type PreviewResult,
} from '../../../../core/contract/detector.js';
import { formatNyTime } from '../../../../core/contract/format.js';
import { previewAlerts } from '../../../../core/detect/preview.js';
import { scan } from '../../../../core/detect/detector.js';
import { DAY, EPISODE_A, EPISODE_B, syntheticDay } from './synthetic-day.js';

function timeline(result: PreviewResult): string[] {
  return result.alerts.map(
    (a) => `${formatNyTime(a.t)} ${a.kind} ${a.direction} ${a.severity} (${a.barCount} bars)`,
  );
}

describe('golden: a synthetic SPY session (2026-06-05, 1m bars)', () => {
  const bars = syntheticDay();

  it('is the day it claims to be', () => {
    expect(bars).toHaveLength(390);
    expect(formatNyTime(bars[EPISODE_A.start]!.t)).toBe('10:45');
    expect(formatNyTime(bars[EPISODE_B.start]!.t)).toBe('14:10');
  });

  it("the article's rule with default pacing: both episodes, once each, the long one escalates", () => {
    const result = previewAlerts(
      { SPY: bars },
      DetectorSettingsSchema.parse({}),
      DEFAULT_ALERT_SETTINGS,
      DAY,
    );
    expect(timeline(result)).toEqual([
      '10:48 squeeze up building (5 bars)',
      '10:53 squeeze up escalated (10 bars)',
      '14:13 squeeze down building (5 bars)',
    ]);
    expect(result.episodes).toBe(2);
    expect(result.alerts[0]!.title).toBe(
      'SPY: dealers buying into strength — upside squeeze building',
    );
  });

  it('the evidence says call-driven and chasing for A, put-driven and chasing for B', () => {
    const steps = scan(bars, DetectorSettingsSchema.parse({}));
    const a = steps[EPISODE_A.start + 6]!.verdicts[0]!;
    const b = steps[EPISODE_B.start + 6]!.verdicts[0]!;
    expect([a.direction, a.legs?.driver, a.price?.confirmation]).toEqual([
      'up',
      'calls',
      'chasing',
    ]);
    expect([b.direction, b.legs?.driver, b.price?.confirmation]).toEqual([
      'down',
      'puts',
      'chasing',
    ]);
    expect(b.gammaFlip).toMatchObject({ side: 'below', crossDirection: 'down' });
  });

  it('every refinement on: relative threshold, confirmation, attribution, reversals, gamma flip', () => {
    const strict = DetectorSettingsSchema.parse({
      minPercentile: 90,
      requireChasing: true,
      requireAttribution: 'aligned',
      flipAfter: 8,
      gammaFlipCross: true,
      gammaFlipBand: 0.001,
    });
    const result = previewAlerts({ SPY: bars }, strict, DEFAULT_ALERT_SETTINGS, DAY);
    expect(timeline(result)).toEqual([
      // A's first bars are ordinary for the day: the run counts from the first bar in the top 10%
      '10:52 squeeze up building (5 bars)',
      // long gamma: dealers lean hard against the end of A
      '10:57 reversal down building (15 bars)',
      '14:15 squeeze down building (5 bars)',
      // B carries spot through the flip (with the band, once)
      '14:15 gamma-flip down building (1 bars)',
      '14:18 reversal up building (9 bars)',
    ]);
  });

  it('a gamma-flip band stops spot chopping around the level from alerting again and again', () => {
    const flips = (band: number) =>
      previewAlerts(
        { SPY: bars },
        DetectorSettingsSchema.parse({ gammaFlipCross: true, gammaFlipBand: band }),
        DEFAULT_ALERT_SETTINGS,
        DAY,
      ).alerts.filter((a) => a.kind === 'gamma-flip');
    expect(flips(0).map((a) => formatNyTime(a.t))).toEqual([
      '14:14',
      '14:44',
      '15:01',
      '15:18',
      '15:37',
    ]);
    expect(flips(0.001).map((a) => formatNyTime(a.t))).toEqual(['14:15']);
  });
});
