// Golden tests on simulated sessions: the simulator (seed 1) serves the day through the same
// wire format as FlashAlpha; the responses go through the API client's schemas, the detector
// and the alert engine. If the model is retuned these lists change: re-derive them and check
// that every alert still rests on a visible run in the bars.
import { describe, expect, it } from 'vitest';
import { toSeriesBar } from '../../../../core/api/series-mapping.js';
import { HedgeFlowWire, SeriesWire } from '../../../../core/api/wire-schemas.js';
import { AlertEngine } from '../../../../core/alerts/engine.js';
import {
  DEFAULT_ALERT_SETTINGS,
  DEFAULT_DETECTOR_SETTINGS,
  DetectorSettingsSchema,
  type PreviewResult,
} from '../../../../core/contract/detector.js';
import { formatNyTime } from '../../../../core/contract/format.js';
import { closedOnly, toDetectorBars } from '../../../../core/detect/bars.js';
import { evaluate, scan } from '../../../../core/detect/detector.js';
import { previewAlerts } from '../../../../core/detect/preview.js';
import { type DetectorBar } from '../../../../core/detect/types.js';
import { createSimulator } from '../../../../sim/engine/simulator.js';
import { squeezeAt } from '../../../../sim/engine/calibration/squeeze-rule.js';
import { sessionOn } from '../../../../calendar/index.js';

const sim = createSimulator({ seed: 1 });
const MINUTE = 60_000;

function get(path: string, now: number): unknown {
  const r = sim.handle({ method: 'GET', url: path, headers: { 'x-api-key': 'alpha-key' } }, now);
  expect(r.status).toBe(200);
  return JSON.parse(r.body);
}

function hedgeFlow(symbol: string, side: string, now: number) {
  const url = `/v1/flow/zero-dte/hedge-flow/${symbol}?side=${side}&bar=1m&minutes=390`;
  const wire = HedgeFlowWire.parse(get(url, now));
  return closedOnly(wire.bars, wire.bar_size, wire.as_of);
}

/** The whole day as the app would have it at the close: every leg and the series. */
function fullDay(symbol: string, now: number): DetectorBar[] {
  const series = SeriesWire.parse(
    get(`/v1/flow/zero-dte/series/${symbol}?bar=1m&minutes=390`, now),
  );
  return toDetectorBars(hedgeFlow(symbol, 'all', now), {
    calls: hedgeFlow(symbol, 'calls', now),
    puts: hedgeFlow(symbol, 'puts', now),
    series: closedOnly(series.bars, series.bar_size, series.as_of).map(toSeriesBar),
    barSize: '1m',
  });
}

function timeline(result: PreviewResult): string[] {
  return result.alerts.map(
    (a) => `${formatNyTime(a.t)} ${a.kind} ${a.direction} ${a.severity} (${a.barCount} bars)`,
  );
}

describe('golden: simulated sessions (seed 1)', () => {
  const day = sessionOn('2026-06-09')!;
  const spy = fullDay('SPY', day.close);

  it("agrees bar for bar with the simulator's own transcription of the article's rule", () => {
    for (const date of ['2026-06-05', '2026-06-08', '2026-06-09']) {
      for (const symbol of ['SPY', 'QQQ', 'SPX']) {
        const bars =
          date === '2026-06-09' && symbol === 'SPY' ? spy : fullDay(symbol, sessionOn(date)!.close);
        expect(bars).toHaveLength(390);
        const flows = bars.map((b) => b.bar);
        const ours = scan(bars, DEFAULT_DETECTOR_SETTINGS).map((s) => s.verdicts.length > 0);
        expect(ours).toEqual(flows.map((_, i) => squeezeAt(flows, i)));
      }
    }
  });

  it("SPY 2026-06-09 with the article's rule: two squeezes, one alert each", () => {
    const result = previewAlerts(
      { SPY: spy },
      DEFAULT_DETECTOR_SETTINGS,
      DEFAULT_ALERT_SETTINGS,
      day,
    );
    expect(timeline(result)).toEqual([
      '14:02 squeeze down building (5 bars)',
      '14:42 squeeze up building (5 bars)',
    ]);
    // A squeeze's run carries hundreds of millions of delta-dollars on SPY, in its direction.
    expect(result.alerts[0]!.move).toBeLessThan(-1e8);
    expect(result.alerts[1]!.move).toBeGreaterThan(1e8);
  });

  it('SPY 2026-06-09 with every refinement on', () => {
    const strict = DetectorSettingsSchema.parse({
      minPercentile: 80,
      requireChasing: true,
      flipAfter: 8,
      gammaFlipCross: true,
      gammaFlipBand: 0.001,
    });
    expect(timeline(previewAlerts({ SPY: spy }, strict, DEFAULT_ALERT_SETTINGS, day))).toEqual([
      // The 80th-percentile floor holds the down run back one bar.
      '14:03 squeeze down building (5 bars)',
      '14:05 reversal up building (13 bars)',
      '14:14 gamma-flip down building (1 bars)',
      '14:39 gamma-flip up building (1 bars)',
      '14:42 squeeze up building (5 bars)',
      // The down-cross between 14:39 and 14:56 fell inside the gamma-flip cooldown.
      '14:56 gamma-flip up building (1 bars)',
      '15:13 gamma-flip down building (1 bars)',
    ]);
  });

  /** Polls SPY 2 s after each bar closes (the response also carries the bar now filling). */
  function pollLive(engine: AlertEngine, from: number, to: number, catchUpFirst = false): string[] {
    const fired: string[] = [];
    for (let now = from; now < to; now += MINUTE) {
      const bars = toDetectorBars(hedgeFlow('SPY', 'all', now));
      const newest = bars[bars.length - 1]!;
      const verdicts = evaluate(bars, DEFAULT_DETECTOR_SETTINGS);
      const catchUp = catchUpFirst && now === from;
      const input = { symbol: 'SPY', t: newest.t, verdicts, now, session: day, barMs: MINUTE };
      const r = engine.poll({ ...input, catchUp });
      fired.push(...r.alerts.map((a) => `${formatNyTime(a.t)} ${a.kind} ${a.direction}`));
    }
    return fired;
  }

  it('polling the simulator live, minute by minute, fires exactly what the preview predicts', () => {
    const live = pollLive(
      new AlertEngine(DEFAULT_ALERT_SETTINGS),
      day.open + MINUTE + 2_000,
      day.close,
    );
    const bars = toDetectorBars(hedgeFlow('SPY', 'all', day.close));
    const preview = previewAlerts(
      { SPY: bars },
      DEFAULT_DETECTOR_SETTINGS,
      DEFAULT_ALERT_SETTINGS,
      day,
    );
    expect(live).toEqual(
      preview.alerts.map((a) => `${formatNyTime(a.t)} ${a.kind} ${a.direction}`),
    );
    expect(live).toEqual(['14:02 squeeze down', '14:42 squeeze up']);
  });

  it('a laptop asleep through the 14:02 squeeze hears nothing of it on waking', () => {
    const engine = new AlertEngine(DEFAULT_ALERT_SETTINGS);
    const start = day.open + MINUTE + 2_000;
    expect(pollLive(engine, start, start + 240 * MINUTE)).toEqual([]); // asleep from 13:31
    // Wakes at 14:21: the first poll is a catch-up over everything missed.
    const wake = start + 290 * MINUTE;
    expect(pollLive(engine, wake, day.close, true)).toEqual(['14:42 squeeze up']);
  });
});
