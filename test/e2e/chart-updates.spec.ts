// The popover's chart classes fed the way live pushes feed them: a full session, then one more
// bar. Runs chart.js itself (in Node, on a canvas whose 2D context draws nowhere), because what
// matters here is the state chart.js is left in, which no pixel shows reliably: LTTB decimation
// replaces a dataset's `data` with a getter that returns the previous update's decimated copy,
// so anything read back from a dataset after assigning it is one update old.
import { expect, test } from '@playwright/test';
import type { SeriesPoint } from '../../core/contract/views.js';
import { DetailChart, DETAIL_SERIES } from '../../renderer/lib/charts/detail-chart.js';
import { HistogramChart } from '../../renderer/lib/charts/histogram-chart.js';
import { SparklineChart } from '../../renderer/lib/charts/sparkline-chart.js';
import type { ChartTheme } from '../../renderer/lib/charts/theme.js';
import { offscreenCanvas } from '../support/offscreen-canvas.js';

const THEME: ChartTheme = {
  up: '#16a34a',
  down: '#dc2626',
  all: '#2563eb',
  calls: '#0d9488',
  puts: '#d97706',
  price: '#64748b',
  flip: '#a21caf',
  grid: '#e2e8f0',
  text: '#0f172a',
  muted: '#64748b',
  zero: '#94a3b8',
};

const OPEN = Date.parse('2026-06-05T13:30:00Z');

/** `n` 30 s points; the cumulative ends at `last` (a full session is 780). */
function session(n: number, last: number): SeriesPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    t: OPEN + i * 30_000,
    all: i === n - 1 ? last : 1_000_000 * Math.sin(i / 40) + 2_000_000,
    calls: 1_000_000 + i,
    puts: -500_000 - i,
    spot: 590 + i / 100,
    gammaFlip: 588.5,
  }));
}

test.describe('charts fed live updates (decimated)', () => {
  test("a sparkline takes its colour from the newest point, not the previous update's", () => {
    const spark = new SparklineChart(offscreenCanvas(300, 40), THEME);
    spark.update({ points: session(780, 5_000_000), showLegs: false, range: null, barMs: 30_000 });
    expect(spark.chart.data.datasets[0]!.borderColor).toBe(THEME.up);
    // The next bar takes the cumulative below zero: dealers are now net sellers.
    spark.update({ points: session(781, -3_000_000), showLegs: false, range: null, barMs: 30_000 });
    expect(spark.chart.data.datasets[0]!.borderColor).toBe(THEME.down);
    spark.update({ points: session(782, 4_000_000), showLegs: false, range: null, barMs: 30_000 });
    expect(spark.chart.data.datasets[0]!.borderColor).toBe(THEME.up);
    spark.destroy();
  });

  test('the detail chart’s time axis ends at the newest bar after every update', () => {
    const detail = new DetailChart(offscreenCanvas(340, 200), THEME);
    const visible = Object.fromEntries(DETAIL_SERIES.map((s) => [s, true])) as Record<
      (typeof DETAIL_SERIES)[number],
      boolean
    >;
    for (const n of [760, 761, 780]) {
      const points = session(n, 1_000_000);
      detail.update({ points, alerts: [], visible });
      const x = detail.chart.options.scales?.['x'];
      expect(x?.min, `${n} points`).toBe(points[0]!.t);
      expect(x?.max, `${n} points`).toBe(points.at(-1)!.t);
    }
    // Decimation is really on at this size (the case the axis must survive).
    expect(detail.chart.width).toBeLessThan(760);
    detail.destroy();
  });

  test('the detail chart hides the price axis when neither price nor the flip is known', () => {
    const detail = new DetailChart(offscreenCanvas(340, 200), THEME);
    const visible = Object.fromEntries(DETAIL_SERIES.map((s) => [s, true])) as Record<
      (typeof DETAIL_SERIES)[number],
      boolean
    >;
    detail.update({ points: session(780, 1), alerts: [], visible });
    expect(detail.chart.options.scales?.['y1']?.display).toBe(true);
    const noPrice = session(781, 1).map((p) => ({ ...p, spot: null, gammaFlip: null }));
    detail.update({ points: noPrice, alerts: [], visible });
    expect(detail.chart.options.scales?.['y1']?.display).toBe(false);
    detail.destroy();
  });
});

test.describe('charts and values that are not known', () => {
  const visible = Object.fromEntries(DETAIL_SERIES.map((s) => [s, true])) as Record<
    (typeof DETAIL_SERIES)[number],
    boolean
  >;

  test('the detail chart breaks its lines at a hole, undecimated so the gap survives', () => {
    const detail = new DetailChart(offscreenCanvas(340, 200), THEME);
    const points = session(780, 1_000_000).map((p, i) =>
      i >= 100 && i < 103 ? { ...p, all: null, calls: null, puts: null, spot: null } : p,
    );
    detail.update({ points, alerts: [], visible });
    const all = detail.chart.data.datasets[0]!;
    expect(all.spanGaps).toBe(false);
    expect(all.data.slice(99, 104).map((p) => p.y)).toEqual([
      points[99]!.all,
      null,
      null,
      null,
      points[103]!.all,
    ]);
    expect(detail.chart.options.plugins?.decimation?.enabled).toBe(false);
    // With no hole, decimation is back on (780 points on a 340 px canvas).
    detail.update({ points: session(780, 1_000_000), alerts: [], visible });
    expect(detail.chart.options.plugins?.decimation?.enabled).toBe(true);
    detail.destroy();
  });

  test('the histogram draws no bar for an unknown per-bar value (not a zero bar)', () => {
    const histogram = new HistogramChart(offscreenCanvas(340, 70), THEME);
    histogram.update([
      { t: OPEN, all: 5, calls: null, puts: null },
      { t: OPEN + 60_000, all: null, calls: null, puts: null },
      { t: OPEN + 120_000, all: -3, calls: null, puts: null },
    ]);
    expect(histogram.chart.data.datasets[0]!.data.map((p) => p.y)).toEqual([5, null, -3]);
    histogram.destroy();
  });
});
