// A row's sparkline: cumulative dealer hedge flow since the open (all; calls and puts on
// demand). Built for many rows updating together: no animation, pre-parsed sorted data, LTTB
// decimation down to the pixel width, no events, and `update('none')`.
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { SeriesPoint } from '../../../core/contract/index.js';
import { Chart, FAST_CHART_OPTIONS } from './register.js';
import { toXY, type XY } from './series.js';
import type { ChartTheme } from './theme.js';
import { zeroLine } from './zero-line.js';

type LineDataset = ChartDataset<'line', XY[]>;

export interface SparklineInput {
  readonly points: readonly SeriesPoint[];
  readonly showLegs: boolean;
  /** The x range to draw (the session), or null to fit the data. */
  readonly range: { readonly min: number; readonly max: number } | null;
}

function line(color: string, width: number, dash: number[] = []): LineDataset {
  return {
    data: [],
    borderColor: color,
    borderWidth: width,
    borderDash: dash,
    pointRadius: 0,
    pointHoverRadius: 0,
    tension: 0,
    spanGaps: true,
    hidden: false,
  };
}

/** The options every HedgeFlow sparkline runs with (the benchmark measures exactly these). */
export function sparklineConfig(theme: () => ChartTheme): ChartConfiguration<'line', XY[]> {
  const t = theme();
  return {
    type: 'line',
    data: {
      datasets: [line(t.all, 1.5), line(t.calls, 1, [3, 2]), line(t.puts, 1, [1, 2])],
    },
    options: {
      ...FAST_CHART_OPTIONS,
      events: [],
      layout: { padding: { top: 2, bottom: 2 } },
      plugins: {
        tooltip: { enabled: false },
        // LTTB keeps the shape with one point per pixel column; `threshold` is set to the
        // canvas width on every update (chart.js defaults to 4x the width).
        decimation: { enabled: true, algorithm: 'lttb' },
      },
      scales: {
        x: { type: 'linear', display: false },
        y: { type: 'linear', display: false, grace: '5%' },
      },
    },
    plugins: [zeroLine(() => theme().zero)],
  };
}

export class SparklineChart {
  readonly #chart: Chart<'line', XY[]>;
  #theme: ChartTheme;

  constructor(canvas: HTMLCanvasElement, theme: ChartTheme) {
    this.#theme = theme;
    this.#chart = new Chart(
      canvas,
      sparklineConfig(() => this.#theme),
    );
  }

  /** The chart.js instance (the benchmark waits on its animator). */
  get chart(): Chart<'line', XY[]> {
    return this.#chart;
  }

  setTheme(theme: ChartTheme): void {
    this.#theme = theme;
    const [, calls, puts] = this.#chart.data.datasets;
    if (calls) calls.borderColor = theme.calls;
    if (puts) puts.borderColor = theme.puts;
  }

  update({ points, showLegs, range }: SparklineInput): void {
    const chart = this.#chart;
    const [all, calls, puts] = chart.data.datasets as [LineDataset, LineDataset, LineDataset];
    const allXY = toXY(points, 'all');
    all.data = allXY;
    // From the new points, never read back from the dataset: once decimation is active,
    // chart.js's `data` getter returns the previous update's decimated copy until the next draw.
    const last = allXY.at(-1)?.y ?? 0;
    all.borderColor = last < 0 ? this.#theme.down : this.#theme.up;
    calls.data = showLegs ? toXY(points, 'calls') : [];
    puts.data = showLegs ? toXY(points, 'puts') : [];
    calls.hidden = !showLegs;
    puts.hidden = !showLegs;
    const x = chart.options.scales?.['x'];
    if (x) {
      x.min = range?.min;
      x.max = range?.max;
    }
    const decimation = chart.options.plugins?.decimation;
    if (decimation) decimation.threshold = Math.max(1, chart.width);
    chart.update('none');
  }

  destroy(): void {
    this.#chart.destroy();
  }
}
