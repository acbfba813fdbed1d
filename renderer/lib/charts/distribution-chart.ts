// The scorecard's small chart: the share of a rule's 15-minute moves per bin against the
// baseline's, so a rule that beats chance shows its mass right of zero where the baseline's is
// even. Bins arrive computed by main (core/outcomes/distribution.ts); this only draws them.
import type { ChartDataset } from 'chart.js';
import { formatMove, formatPercent } from '../../../core/contract/format.js';
import type { MoveDistribution } from '../../../core/contract/index.js';
import { TICK_FONT } from './detail-chart.js';
import { Chart, FAST_CHART_OPTIONS } from './register.js';
import type { XY } from './series.js';
import type { ChartTheme } from './theme.js';

type BarDataset = ChartDataset<'bar', XY[]>;

export class DistributionChart {
  readonly #chart: Chart<'bar', XY[]>;
  #edges: readonly number[] = [];
  #theme: ChartTheme;

  constructor(canvas: HTMLCanvasElement, theme: ChartTheme) {
    this.#theme = theme;
    this.#chart = new Chart(canvas, {
      type: 'bar',
      data: {
        datasets: [
          { label: 'Alerts', data: [], barPercentage: 0.9, categoryPercentage: 0.9 },
          { label: 'Baseline', data: [], barPercentage: 0.9, categoryPercentage: 0.9 },
        ],
      },
      options: {
        ...FAST_CHART_OPTIONS,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          tooltip: {
            animation: false,
            callbacks: {
              title: (items) => this.#binText(items[0]?.dataIndex ?? 0),
              label: (item) => `${item.dataset.label ?? ''}: ${formatPercent(item.parsed.y ?? 0)}`,
            },
          },
        },
        scales: {
          x: {
            type: 'linear',
            offset: false,
            ticks: {
              font: TICK_FONT,
              maxTicksLimit: 5,
              callback: (v) => formatMove(Number(v)),
            },
            grid: { display: false },
          },
          y: {
            type: 'linear',
            min: 0,
            ticks: { font: TICK_FONT, maxTicksLimit: 3, callback: (v) => formatPercent(Number(v)) },
          },
        },
      },
    });
    this.setTheme(theme);
  }

  setTheme(theme: ChartTheme): void {
    this.#theme = theme;
    this.#paint();
    for (const id of ['x', 'y']) {
      const scale = this.#chart.options.scales?.[id];
      if (!scale) continue;
      if (scale.ticks) scale.ticks.color = theme.muted;
      if (scale.grid) scale.grid.color = theme.grid;
      scale.border = { color: theme.grid };
    }
  }

  update(distribution: MoveDistribution): void {
    this.#edges = distribution.edges;
    const centers = distribution.alerts.map(
      (_, i) => (edgeAt(this.#edges, i) + edgeAt(this.#edges, i + 1)) / 2,
    );
    const [alerts, baseline] = this.#chart.data.datasets as BarDataset[];
    alerts!.data = distribution.alerts.map((y, i) => ({ x: centers[i]!, y }));
    baseline!.data = distribution.baseline.map((y, i) => ({ x: centers[i]!, y }));
    const x = this.#chart.options.scales?.['x'];
    if (x) {
      x.min = this.#edges[0];
      x.max = this.#edges.at(-1);
    }
    this.#paint();
    this.#chart.update('none');
  }

  /**
   * One colour per bar, as the histogram does: a plain colour set on a dataset after the chart
   * was built is not picked up by update('none'), which reuses the options resolved first.
   */
  #paint(): void {
    const [alerts, baseline] = this.#chart.data.datasets as BarDataset[];
    if (alerts) alerts.backgroundColor = alerts.data.map(() => this.#theme.all);
    if (baseline) baseline.backgroundColor = baseline.data.map(() => this.#theme.flip);
  }

  destroy(): void {
    this.#chart.destroy();
  }

  #binText(i: number): string {
    return `${formatMove(edgeAt(this.#edges, i))} to ${formatMove(edgeAt(this.#edges, i + 1))}`;
  }
}

function edgeAt(edges: readonly number[], i: number): number {
  return edges[i] ?? 0;
}
