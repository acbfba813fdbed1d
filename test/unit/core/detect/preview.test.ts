// Threshold preview: what given settings would have fired over a day, by replaying it through
// the same detector and alert engine the app runs live.
import { describe, expect, it } from 'vitest';
import { AlertSettingsSchema } from '../../../../core/contract/detector.js';
import { inferBarMs, previewAlerts } from '../../../../core/detect/preview.js';
import { sessionOn } from '../../../../calendar/index.js';
import { barsFrom, MINUTE, settings } from './fixtures.js';

const M = 1_000_000;
const SESSION = sessionOn('2026-06-05')!;
const OPEN = SESSION.open;
const alerts = AlertSettingsSchema.parse({ quietOpenMinutes: 5, cooldownMinutes: 15 });

/** A day's bars: alternating noise with squeeze runs starting at the given minutes. */
function day(runsAt: number[], runLength = 7): number[] {
  const values = Array.from({ length: 390 }, (_, i) => (i % 2 ? -0.3 : 0.3) * M);
  for (const start of runsAt) for (let k = 0; k < runLength; k++) values[start + k] = (k + 1) * M;
  return values;
}

describe('previewAlerts', () => {
  it('counts the alerts and says when they fire', () => {
    const result = previewAlerts(
      {
        SPY: barsFrom(day([60, 200]), {}, OPEN),
        QQQ: barsFrom(
          day([120]).map((x) => -x),
          {},
          OPEN,
        ),
      },
      settings(),
      alerts,
      SESSION,
    );
    expect(result.alertCount).toBe(3);
    expect(result.bySymbol).toEqual({ SPY: 2, QQQ: 1 });
    expect(result.alerts.map((a) => [a.symbol, a.direction, (a.firedAt - OPEN) / MINUTE])).toEqual([
      ['SPY', 'up', 65],
      ['QQQ', 'down', 125],
      ['SPY', 'up', 205],
    ]);
    expect(result.episodes).toBe(3);
    expect(result.suppressed).toEqual({});
  });

  it('shows what the pacing held back', () => {
    // a run in the quiet opening minutes, and one 10 minutes after another (cooldown)
    const result = previewAlerts(
      { SPY: barsFrom(day([0, 60, 70], 5), {}, OPEN) },
      settings(),
      { ...alerts, quietOpenMinutes: 10 },
      SESSION,
    );
    expect(result.alerts.map((a) => (a.t - OPEN) / MINUTE)).toEqual([64]);
    expect(result.episodes).toBe(3);
    expect(result.suppressed).toEqual({ 'quiet-open': 1, cooldown: 1 });
  });

  it('tighter settings fire fewer alerts', () => {
    const bars = { SPY: barsFrom(day([60, 200]), {}, OPEN) };
    expect(previewAlerts(bars, settings({ runLength: 8 }), alerts, SESSION).alertCount).toBe(0);
    expect(previewAlerts(bars, settings({ minAbsBar: 2 * M }), alerts, SESSION).alertCount).toBe(2);
    expect(previewAlerts(bars, settings({ minAbsBar: 2 * M }), alerts, null).alertCount).toBe(0);
  });

  it('infers the bar size from the spacing of the bars', () => {
    expect(inferBarMs(barsFrom([1, 2, 3], {}, OPEN, 5 * MINUTE))).toBe(5 * MINUTE);
    expect(inferBarMs([])).toBe(MINUTE);
  });
});
