// The detail view's per-bar histogram: each bar's signed delta-dollars (side=all), green up
// when dealers bought, red down when they sold, on the same time axis as the chart above. A bar
// whose value is not known is left empty (chart.js draws nothing for a null), never a zero.
import type { ChartDataset } from 'chart.js';
import { formatUsd } from '../../../core/contract/format.js';
import type { BarPoint } from '../../../core/contract/index.js';
import { formatEt as etTime } from '../../../core/contract/format.js';
import { AXIS_WIDTH, TICK_FONT } from './detail-chart.js';
import { Chart, FAST_CHART_OPTIONS } from './register.js';
import type { GapXY } from './series.js';
import type { ChartTheme } from './theme.js';

type BarDataset = ChartDataset<'bar', GapXY[]>;

export class HistogramChart {
  readonly #chart: Chart<'bar', GapXY[]>;
  #theme: ChartTheme;

  constructor(canvas: HTMLCanvasElement, theme: ChartTheme) {
    this.#theme = theme;
    this.#chart = new Chart(canvas, {
      type: 'bar',
      data: {
        datasets: [{ label: 'Per-bar flow', data: [], barPercentage: 1, categoryPercentage: 1 }],
      },
      options: {
        ...FAST_CHART_OPTIONS,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        // Lined up under the detail chart: same left axis width, room for its right axis.
        layout: { padding: { right: AXIS_WIDTH } },
        plugins: {
          tooltip: {
            animation: false,
            callbacks: {
              title: (items) => (items[0] ? etTime(items[0].parsed.x ?? 0) : ''),
              label: (item) => {
                const y = item.parsed.y;
                return y === null || Number.isNaN(y)
                  ? 'Bar: unknown'
                  : `Bar: ${formatUsd(y, { signed: true })}`;
              },
            },
          },
        },
        scales: {
          x: { type: 'linear', display: false, offset: false },
          y: {
            type: 'linear',
            afterFit: (axis) => {
              axis.width = AXIS_WIDTH;
            },
            ticks: { maxTicksLimit: 3, font: TICK_FONT, callback: (v) => formatUsd(Number(v)) },
          },
        },
      },
    });
    this.setTheme(theme);
  }

  /** The chart.js instance, for reading what is drawn (tests). */
  get chart(): Chart<'bar', GapXY[]> {
    return this.#chart;
  }

  setTheme(theme: ChartTheme): void {
    this.#theme = theme;
    const y = this.#chart.options.scales?.['y'];
    if (y) {
      if (y.ticks) y.ticks.color = theme.muted;
      if (y.grid) y.grid.color = theme.grid;
      y.border = { color: theme.grid };
    }
    this.#paint();
  }

  update(bars: readonly BarPoint[]): void {
    const ds = this.#chart.data.datasets[0] as BarDataset;
    ds.data = bars.map((b) => ({ x: b.t, y: b.all }));
    const x = this.#chart.options.scales?.['x'];
    if (x && bars.length > 0) {
      // The detail chart's time range (its points share these bars' times), so they line up.
      x.min = bars[0]!.t;
      x.max = bars.at(-1)!.t;
    }
    this.#paint();
    this.#chart.update('none');
  }

  destroy(): void {
    this.#chart.destroy();
  }

  #paint(): void {
    const ds = this.#chart.data.datasets[0] as BarDataset | undefined;
    if (!ds) return;
    const { up, down } = this.#theme;
    ds.backgroundColor = ds.data.map((p) => (p.y !== null && p.y < 0 ? down : up));
  }
}
