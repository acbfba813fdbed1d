// The detail chart's alert markers say how each alert played out in their tooltip (chart.js in
// Node on a canvas that draws nowhere, as in chart-updates.spec.ts: the tooltip's text is what
// matters, and no pixel shows it reliably).
import { expect, test } from '@playwright/test';
import type { TooltipItem } from 'chart.js';
import type { AlertRecord } from '../../core/contract/detector.js';
import type { SeriesPoint } from '../../core/contract/views.js';
import { DetailChart, DETAIL_SERIES } from '../../renderer/lib/charts/detail-chart.js';
import type { ChartTheme } from '../../renderer/lib/charts/theme.js';
import { offscreenCanvas } from '../support/offscreen-canvas.js';

const THEME = Object.fromEntries(
  ['up', 'down', 'all', 'calls', 'puts', 'price', 'flip', 'grid', 'text', 'muted', 'zero'].map(
    (k) => [k, '#336699'],
  ),
) as unknown as ChartTheme;

const OPEN = Date.parse('2026-06-05T13:30:00Z');
const MIN = 60_000;

test('an alert marker’s tooltip gives its outcome so far', () => {
  const points: SeriesPoint[] = Array.from({ length: 120 }, (_, i) => ({
    t: OPEN + i * MIN,
    all: i * 1e6,
    calls: null,
    puts: null,
    spot: 590,
    gammaFlip: null,
  }));
  const t = OPEN + 60 * MIN;
  const alert = {
    id: 'SPY:squeeze:up:1:building',
    symbol: 'SPY',
    kind: 'squeeze',
    direction: 'up',
    t,
    title: 'SPY squeeze building ▲',
    evidence: { cumulative: 0 },
    outcomes: {
      barSize: '1m',
      spot: 590,
      horizons: {
        '5m': { status: 'known', move: 0.0021, spot: 591.24, at: t + 5 * MIN },
        '15m': { status: 'pending', at: t + 15 * MIN },
        '30m': { status: 'pending', at: t + 30 * MIN },
        close: { status: 'pending', at: OPEN + 389 * MIN },
      },
    },
  } as unknown as AlertRecord;
  const detail = new DetailChart(offscreenCanvas(340, 200), THEME);
  const visible = Object.fromEntries(DETAIL_SERIES.map((s) => [s, true])) as Record<
    (typeof DETAIL_SERIES)[number],
    boolean
  >;
  const label = (a: AlertRecord): unknown => {
    detail.update({ points, alerts: [a], visible });
    const callbacks = detail.chart.options.plugins?.tooltip?.callbacks;
    const item = { datasetIndex: 5, dataIndex: 0, parsed: { x: t, y: 0 }, dataset: {} };
    return callbacks?.label?.call({} as never, item as unknown as TooltipItem<'line'>);
  };
  expect(label(alert)).toBe('Alert: SPY squeeze building ▲ · +0.21% in 5 min');
  const { outcomes: _none, ...untracked } = alert;
  expect(label(untracked as AlertRecord)).toBe(
    'Alert: SPY squeeze building ▲ · outcome not tracked',
  );
  detail.destroy();
});
