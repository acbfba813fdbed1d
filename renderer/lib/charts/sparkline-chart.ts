// A row's sparkline: cumulative dealer hedge flow since the open (all; calls and puts on
// demand). Ten rows update together on every poll, so an update costs about what drawing the
// points costs (bench/renderer.bench.ts measures it against plain Canvas 2D):
//
// - the points are decimated to the canvas's device-pixel width (decimate.ts) into arrays and
//   objects that are reused, handed to chart.js pre-parsed and sorted (`parsing: false`);
// - a data-only change takes chart.js's data-only path: the scales get their new ranges, the
//   visible datasets' controllers re-read their data and place the points on them, and the
//   chart draws (`draw()`). The full `chart.update()` (options re-resolved, layout, ticks: about
//   ten times the cost) runs only when something else changed: the first draw, the canvas size,
//   the legs shown, the theme. test/e2e/sparkline-pixels.spec.ts checks both paths draw the
//   same pixels;
// - the chart type is chart.js's line without a Path2D rebuilt per update (sparkline-type.ts);
// - hidden datasets hold no points, and nothing animates.
import type { ChartConfiguration, ChartDataset, ChartOptions, Scale } from 'chart.js';
import type { SeriesPoint } from '../../../core/contract/index.js';
import { decimateLine, type Extent, type LinePoint } from './decimate.js';
import { Chart, FAST_CHART_OPTIONS } from './register.js';
import type { PointKey } from './series.js';
import { paddedRange, SPARKLINE_PADDING, timeRange } from './sparkline-frame.js';
import { SPARKLINE_TYPE, SparklineController } from './sparkline-type.js';
import type { ChartTheme } from './theme.js';
import { zeroLine } from './zero-line.js';

type LineDataset = ChartDataset<'sparkline', LinePoint[]>;

export interface SparklineInput {
  readonly points: readonly SeriesPoint[];
  readonly showLegs: boolean;
  /** The x range to draw (the session), or null to fit the data. */
  readonly range: { readonly min: number; readonly max: number } | null;
  /** The bar size, ms: points further apart have a missing bucket between them (a gap). */
  readonly barMs: number | null;
}

const KEYS = ['all', 'calls', 'puts'] as const satisfies readonly PointKey[];

function line(color: string, width: number, dash: number[] = []): LineDataset {
  return {
    data: [],
    // A plain value: a scriptable colour would make chart.js resolve every point's options.
    borderColor: color,
    borderWidth: width,
    borderDash: dash,
    pointRadius: 0,
    pointHoverRadius: 0,
    tension: 0,
    // An unknown cumulative is a gap, never a straight line across it.
    spanGaps: false,
    // The frame keeps the line inside the canvas (5% grace, 2 px margin), and the canvas clips.
    clip: false,
    hidden: false,
  };
}

const NO_PLUGINS = { tooltip: false, decimation: false } as unknown as NonNullable<
  ChartOptions<'sparkline'>['plugins']
>;

/** The scales are drawn by nobody: no ticks to generate, format or measure. */
const noTicks = (scale: Scale): void => {
  scale.ticks = [];
};

/** What the chart was last laid out for; anything else needs a full update. */
interface Layout {
  readonly width: number;
  readonly height: number;
  readonly showLegs: boolean;
  readonly theme: ChartTheme;
}

export class SparklineChart {
  readonly #chart: Chart<'sparkline', LinePoint[]>;
  /** Per dataset, the point buffer chart.js holds (mutated in place, never replaced). */
  readonly #data: readonly LinePoint[][] = [[], [], []];
  #theme: ChartTheme;
  #input: SparklineInput | null = null;
  #drawn: SparklineInput | null = null;
  #layout: Layout | null = null;
  #color = '';
  #ranges = { x: { min: 0, max: 1 }, y: { min: -1, max: 1 } };

  constructor(canvas: HTMLCanvasElement, theme: ChartTheme) {
    this.#theme = theme;
    const config: ChartConfiguration<'sparkline', LinePoint[]> = {
      type: SPARKLINE_TYPE,
      data: {
        datasets: [line(theme.up, 1.5), line(theme.calls, 1, [3, 2]), line(theme.puts, 1, [1, 2])],
      },
      options: {
        ...FAST_CHART_OPTIONS,
        events: [],
        // The line spans the whole width, as the floor draws it (no inset for its stroke).
        layout: { padding: SPARKLINE_PADDING, autoPadding: false },
        // Not in this chart's plugin list at all: every draw notifies each plugin listed. chart.js
        // leaves out a plugin whose options are `false`; its typings only know option objects.
        plugins: NO_PLUGINS,
        scales: {
          x: { type: 'linear', display: false, bounds: 'data', afterBuildTicks: noTicks },
          y: { type: 'linear', display: false, bounds: 'data', afterBuildTicks: noTicks },
        },
        // chart.js runs a full update right after: give it points decimated for the new width.
        // (Called from chart.js's constructor too, before `#chart` is set.)
        onResize: (chart) => {
          this.#layout = null;
          if (this.#input) this.#prepare(chart, this.#input);
          this.#syncOptions(chart);
        },
      },
      plugins: [zeroLine(() => this.#theme.zero)],
    };
    config.data.datasets.forEach((d, i) => (d.data = this.#data[i]!));
    this.#chart = new Chart(canvas, config);
  }

  /** The chart.js instance (the benchmark waits on its animator; tests read its scales). */
  get chart(): Chart<'sparkline', LinePoint[]> {
    return this.#chart;
  }

  setTheme(theme: ChartTheme): void {
    if (sameTheme(theme, this.#theme)) return;
    this.#theme = theme;
    const [, calls, puts] = this.#chart.data.datasets;
    if (calls) calls.borderColor = theme.calls;
    if (puts) puts.borderColor = theme.puts;
    this.#layout = null;
    this.#drawn = null;
  }

  /** Draws the input; `full` forces chart.js's full update (tests compare the two paths). */
  update(input: SparklineInput, full = false): void {
    const canvas = this.#chart.canvas;
    const drawn = this.#drawn;
    if (
      !full &&
      drawn !== null &&
      drawn.points === input.points &&
      drawn.showLegs === input.showLegs &&
      drawn.range?.min === input.range?.min &&
      drawn.range?.max === input.range?.max &&
      drawn.barMs === input.barMs &&
      this.#layout?.width === canvas.width &&
      this.#layout.height === canvas.height
    ) {
      return; // a push that did not touch this row
    }
    this.#input = input;
    this.#prepare(this.#chart, input);
    const layout: Layout = {
      width: canvas.width,
      height: canvas.height,
      showLegs: input.showLegs,
      theme: this.#theme,
    };
    const was = this.#layout;
    if (
      full ||
      was === null ||
      was.width !== layout.width ||
      was.height !== layout.height ||
      was.showLegs !== layout.showLegs ||
      was.theme !== layout.theme
    ) {
      this.#syncOptions(this.#chart);
      this.#chart.update('none');
    } else {
      this.#redraw();
    }
    this.#layout = layout;
    this.#drawn = input;
  }

  destroy(): void {
    this.#chart.destroy();
  }

  /** Decimates the input into the datasets; works out the colour and the scales' ranges. */
  #prepare(chart: Chart, { points, showLegs, range, barMs }: SparklineInput): void {
    const samples = Math.max(2, chart.canvas.width);
    let extent: Extent | null = null;
    for (let i = 0; i < KEYS.length; i++) {
      const key = KEYS[i]!;
      const data = this.#data[i]!;
      const dataset = chart.data.datasets[i]!;
      dataset.hidden = i > 0 && !showLegs;
      if (dataset.hidden) {
        data.length = 0;
        continue;
      }
      const e = decimateLine(points, key, samples, barMs, data);
      if (e) extent = extent ? merge(extent, e) : e;
    }
    // Runs end on a known value, so the last point is the newest known cumulative.
    const last = this.#data[0]!.at(-1)?.y ?? 0;
    this.#color = last < 0 ? this.#theme.down : this.#theme.up;
    chart.data.datasets[0]!.borderColor = this.#color;
    this.#ranges = {
      x: timeRange(points[0]?.t, points.at(-1)?.t, range, barMs),
      y: paddedRange(extent),
    };
  }

  /** The ranges, where chart.js's full update (ours or a resize's) builds its scales from. */
  #syncOptions(chart: Chart): void {
    for (const id of ['x', 'y'] as const) {
      // Through chart.js's options proxy: costly, so never on the data-only path.
      const options = chart.options.scales?.[id];
      if (options) Object.assign(options, this.#ranges[id]);
    }
  }

  /**
   * chart.js's data-only path: the layout, the options and every element's style are as the
   * last full update left them, so only the scales' ranges move and the visible datasets'
   * points are placed again (DatasetController's public API), then the chart draws.
   */
  #redraw(): void {
    const chart = this.#chart;
    for (const id of ['x', 'y'] as const) {
      const scale = chart.scales[id]!;
      scale.min = this.#ranges[id].min;
      scale.max = this.#ranges[id].max;
      scale.configure();
    }
    chart.data.datasets.forEach((dataset, i) => {
      if (dataset.hidden) return;
      const { controller } = chart.getDatasetMeta(i);
      if (controller instanceof SparklineController) controller.placePoints(this.#data[i]!);
      else {
        controller.buildOrUpdateElements();
        controller.update('none');
      }
    });
    // The line's colour follows the newest value's sign. chart.js resolves dataset options once
    // per full update and hands the line its own copy (it sets the copy's `borderWidth` itself
    // when `showLine` is off); the colour goes into that copy.
    const line = chart.getDatasetMeta(0).dataset;
    if (line) line.options['borderColor'] = this.#color;
    chart.draw();
  }
}

function sameTheme(a: ChartTheme, b: ChartTheme): boolean {
  return (Object.keys(a) as (keyof ChartTheme)[]).every((k) => a[k] === b[k]);
}

function merge(a: Extent, b: Extent): Extent {
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
}
