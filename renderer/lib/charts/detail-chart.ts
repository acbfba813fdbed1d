// The detail chart: cumulative calls, puts and all (left axis, delta-dollars) over the
// underlying's price and the gamma flip (right axis), with the session's alerts marked on the
// `all` line. Same performance rules as the sparklines; it alone keeps a tooltip. A bucket whose
// value is not known is a gap in its line, never a segment drawn across it: LTTB decimation
// cannot keep a gap (it averages over it), so while the day has one the chart draws every point
// undecimated (one chart of at most 780 points a line draws in well under a frame).
import type { ChartDataset, TooltipItem } from 'chart.js';
import { formatPrice, formatUsd } from '../../../core/contract/format.js';
import type { AlertRecord, SeriesPoint } from '../../../core/contract/index.js';
import { formatEt as etTime } from '../../../core/contract/format.js';
import { outcomeSummary } from '../outcome-copy.js';
import { Chart, FAST_CHART_OPTIONS } from './register.js';
import { hasGap, toGappedXY, type GapXY } from './series.js';
import type { ChartTheme } from './theme.js';
import { zeroLine } from './zero-line.js';

export const DETAIL_SERIES = ['all', 'calls', 'puts', 'price', 'flip'] as const;
export type DetailSeries = (typeof DETAIL_SERIES)[number];

export const SERIES_LABELS: Readonly<Record<DetailSeries, string>> = {
  all: 'All',
  calls: 'Calls',
  puts: 'Puts',
  price: 'Price',
  flip: 'Gamma flip',
};

type LineDataset = ChartDataset<'line', GapXY[]>;
const MARKERS = 5;
/** Width of the value axes, px (shared with the histogram so the time axes line up). */
export const AXIS_WIDTH = 50;
export const TICK_FONT = { size: 10 } as const;

function series(
  label: string,
  yAxisID: 'y' | 'y1',
  width: number,
  dash: number[] = [],
): LineDataset {
  return {
    label,
    data: [],
    yAxisID,
    borderWidth: width,
    borderDash: dash,
    pointRadius: 0,
    pointHoverRadius: 3,
    tension: 0,
    spanGaps: false,
  };
}

export interface DetailInput {
  readonly points: readonly SeriesPoint[];
  readonly alerts: readonly AlertRecord[];
  readonly visible: Readonly<Record<DetailSeries, boolean>>;
}

export class DetailChart {
  readonly #chart: Chart<'line', GapXY[]>;
  #theme: ChartTheme;
  #alerts: readonly AlertRecord[] = [];

  constructor(canvas: HTMLCanvasElement, theme: ChartTheme) {
    this.#theme = theme;
    const markers: LineDataset = {
      label: 'Alerts',
      data: [],
      yAxisID: 'y',
      showLine: false,
      pointRadius: 6,
      pointHoverRadius: 7,
      pointStyle: 'triangle',
    };
    this.#chart = new Chart<'line', GapXY[]>(canvas, {
      type: 'line',
      data: {
        datasets: [
          series(SERIES_LABELS.all, 'y', 2),
          series(SERIES_LABELS.calls, 'y', 1.25, [4, 2]),
          series(SERIES_LABELS.puts, 'y', 1.25, [1, 2]),
          series(SERIES_LABELS.price, 'y1', 1.25),
          { ...series(SERIES_LABELS.flip, 'y1', 1, [6, 3]), stepped: true },
          markers,
        ],
      },
      options: {
        ...FAST_CHART_OPTIONS,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        plugins: {
          decimation: { enabled: true, algorithm: 'lttb' },
          tooltip: {
            animation: false,
            callbacks: {
              title: (items) => (items[0] ? etTime(items[0].parsed.x ?? 0) : ''),
              label: (item) => this.#tooltipLabel(item),
            },
          },
        },
        scales: {
          x: {
            type: 'linear',
            afterBuildTicks: (axis) => {
              axis.ticks = timeTicks(axis.min, axis.max).map((value) => ({ value }));
            },
            ticks: { font: TICK_FONT, callback: (v) => etTime(Number(v)).replace(' ET', '') },
            grid: { display: false },
          },
          y: {
            type: 'linear',
            position: 'left',
            grace: '5%',
            // Fixed axis widths keep the time axis aligned with the histogram below.
            afterFit: (axis) => {
              axis.width = AXIS_WIDTH;
            },
            ticks: { maxTicksLimit: 5, font: TICK_FONT, callback: (v) => formatUsd(Number(v)) },
          },
          y1: {
            type: 'linear',
            position: 'right',
            grace: '5%',
            grid: { drawOnChartArea: false },
            afterFit: (axis) => {
              axis.width = AXIS_WIDTH;
            },
            ticks: { maxTicksLimit: 5, font: TICK_FONT, callback: (v) => formatPrice(Number(v)) },
          },
        },
      },
      plugins: [zeroLine(() => this.#theme.zero)],
    });
    this.setTheme(theme);
  }

  /** The chart.js instance, for reading what is drawn (tests). */
  get chart(): Chart<'line', GapXY[]> {
    return this.#chart;
  }

  setTheme(theme: ChartTheme): void {
    this.#theme = theme;
    const d = this.#chart.data.datasets;
    const colors = [theme.all, theme.calls, theme.puts, theme.price, theme.flip];
    colors.forEach((color, i) => {
      const ds = d[i];
      if (ds) ds.borderColor = ds.backgroundColor = color;
    });
    const scales = this.#chart.options.scales ?? {};
    for (const id of ['x', 'y', 'y1']) {
      const scale = scales[id];
      if (!scale) continue;
      if (scale.ticks) scale.ticks.color = theme.muted;
      if (scale.grid) scale.grid.color = theme.grid;
      scale.border = { color: theme.grid };
    }
    this.#paintMarkers();
  }

  update({ points, alerts, visible }: DetailInput): void {
    const d = this.#chart.data.datasets as LineDataset[];
    // Read back from these arrays, never from the datasets: once decimation is active,
    // chart.js's `data` getter returns the previous update's decimated copy until the next draw.
    const all = toGappedXY(points, 'all');
    const spot = toGappedXY(points, 'spot');
    const flip = toGappedXY(points, 'gammaFlip');
    const lines = [all, toGappedXY(points, 'calls'), toGappedXY(points, 'puts'), spot, flip];
    lines.forEach((line, i) => (d[i]!.data = line));
    this.#alerts = alerts.filter((a) => points.length > 0 && a.t >= points[0]!.t);
    d[MARKERS]!.data = this.#alerts.map((a) => ({ x: a.t, y: cumulativeAt(points, a) }));
    this.#paintMarkers();
    DETAIL_SERIES.forEach((name, i) => this.#chart.setDatasetVisibility(i, visible[name]));
    const x = this.#chart.options.scales?.['x'];
    if (x) {
      x.min = points[0]?.t;
      x.max = points.at(-1)?.t;
    }
    const price = visible.price || visible.flip;
    const y1 = this.#chart.options.scales?.['y1'];
    if (y1) y1.display = price && (spot.length > 0 || flip.length > 0);
    const decimation = this.#chart.options.plugins?.decimation;
    if (decimation) {
      decimation.enabled = !hasGap(lines);
      decimation.threshold = Math.max(1, this.#chart.width);
    }
    this.#chart.update('none');
  }

  destroy(): void {
    this.#chart.destroy();
  }

  #paintMarkers(): void {
    const ds = this.#chart.data.datasets[MARKERS];
    if (!ds) return;
    const up = this.#theme.up;
    const down = this.#theme.down;
    const colors = this.#alerts.map((a) => (a.direction === 'up' ? up : down));
    ds.backgroundColor = colors;
    ds.borderColor = colors;
    // A triangle pointing the way dealers traded: shape says what colour says.
    (ds as LineDataset).pointRotation = this.#alerts.map((a) => (a.direction === 'up' ? 0 : 180));
  }

  #tooltipLabel(item: TooltipItem<'line'>): string {
    if (item.datasetIndex === MARKERS) {
      const alert = this.#alerts[item.dataIndex];
      // What happened after it, as far as known: "+0.21% in 15 min", "outcome not known yet".
      return alert ? `Alert: ${alert.title} · ${outcomeSummary(alert.outcomes).text}` : 'Alert';
    }
    const label = item.dataset.label ?? '';
    const y = item.parsed.y;
    if (y === null || Number.isNaN(y)) return `${label}: unknown`;
    return item.datasetIndex >= 3
      ? `${label}: ${formatPrice(y)}`
      : `${label}: ${formatUsd(y, { signed: true })}`;
  }
}

/** Ticks on whole quarter, half or full hours (New York is a whole number of hours from UTC). */
function timeTicks(min: number, max: number): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const minute = 60_000;
  const step = [15, 30, 60, 120].map((m) => m * minute).find((s) => span / s <= 4) ?? 120 * minute;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t);
  return ticks;
}

/** Where an alert sits on the `all` line: the cumulative of its bar (or the evidence's). */
function cumulativeAt(points: readonly SeriesPoint[], alert: AlertRecord): number {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i]!;
    if (p.t <= alert.t && p.all !== null) return p.all;
  }
  return alert.evidence.cumulative;
}
