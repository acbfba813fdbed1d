// The page test/e2e/sparkline-pixels.spec.ts draws on, read back as RGBA: a SparklineChart, the
// plain-canvas floor of the same points, and chart.js's stock line chart drawing every point in
// the same frame (what chart.js itself makes of the points, undecimated).
import type { SeriesPoint } from '../../core/contract/index.js';
import { Chart } from '../lib/charts/register.js';
import { SparklineChart, type SparklineInput } from '../lib/charts/sparkline-chart.js';
import { paddedRange, SPARKLINE_PADDING, timeRange } from '../lib/charts/sparkline-frame.js';
import type { ChartTheme } from '../lib/charts/theme.js';
import { zeroLine } from '../lib/charts/zero-line.js';
import { drawPlainSparkline } from './plain-sparkline.js';

export interface PixelSpec {
  readonly width: number;
  readonly height: number;
  readonly theme: ChartTheme;
  /** Drawn in order; the last one is read back. */
  readonly inputs: readonly SparklineInput[];
  /** Force chart.js's full update for the last input (else its data-only path runs). */
  readonly full?: boolean;
}

interface Pixels {
  readonly width: number;
  readonly height: number;
  /** RGBA, row by row, base64. */
  readonly rgba: string;
}

function box(width: number, height: number): HTMLCanvasElement {
  const div = document.createElement('div');
  div.className = 'box';
  div.style.width = `${width}px`;
  div.style.height = `${height}px`;
  const canvas = document.createElement('canvas');
  div.append(canvas);
  document.getElementById('charts')!.append(div);
  return canvas;
}

/** The canvas's pixels; the canvas leaves the page. */
function read(canvas: HTMLCanvasElement): Pixels {
  const ctx = canvas.getContext('2d')!;
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  canvas.parentElement!.remove();
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) {
    binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  }
  return { width: canvas.width, height: canvas.height, rgba: btoa(binary) };
}

/** What the sparkline drew besides its pixels. */
export interface SparklineDrawn extends Pixels {
  /** chart.js full updates, the first draw included (the rest took the data-only path). */
  readonly fullUpdates: number;
  /** Stretches of line chart.js drew for `all` (one per run between gaps). */
  readonly segments: number;
  /** Points chart.js held for `all` (after decimation, gap markers included). */
  readonly points: number;
}

const api = {
  sparkline(spec: PixelSpec): SparklineDrawn {
    const chart = new SparklineChart(box(spec.width, spec.height), spec.theme);
    let fullUpdates = 0;
    const update = chart.chart.update.bind(chart.chart);
    chart.chart.update = (mode) => {
      fullUpdates++;
      update(mode);
    };
    spec.inputs.forEach((input, i) =>
      chart.update(input, spec.full === true && i === spec.inputs.length - 1),
    );
    const pixels = read(chart.chart.canvas);
    const meta = chart.chart.getDatasetMeta(0);
    const line = meta.dataset as unknown as { segments: unknown[] };
    const drawn = {
      ...pixels,
      fullUpdates,
      segments: line.segments.length,
      points: meta.data.length,
    };
    chart.destroy();
    return drawn;
  },
  plain(spec: PixelSpec): Pixels {
    const canvas = box(spec.width, spec.height);
    const ratio = devicePixelRatio;
    canvas.width = Math.round(spec.width * ratio);
    canvas.height = Math.round(spec.height * ratio);
    const last = spec.inputs.at(-1)!;
    drawPlainSparkline(canvas.getContext('2d')!, spec.width, spec.height, ratio, {
      points: last.points as SeriesPoint[],
      range: last.range,
      barMs: last.barMs,
      colors: spec.theme,
    });
    return read(canvas);
  },
  reference(spec: PixelSpec): Pixels {
    const { points, range, barMs } = spec.inputs.at(-1)!;
    const known = points.flatMap((p) => (p.all === null ? [] : [p.all]));
    const last = known.at(-1) ?? 0;
    // A missing bucket is a gap too: a NaN point in the hole.
    const data: { x: number; y: number }[] = [];
    points.forEach((p, i) => {
      const before = points[i - 1];
      if (before && barMs !== null && p.t - before.t > barMs) data.push({ x: p.t - 1, y: NaN });
      data.push({ x: p.t, y: p.all ?? NaN });
    });
    const chart = new Chart<'line', { x: number; y: number }[]>(box(spec.width, spec.height), {
      type: 'line',
      data: {
        datasets: [
          {
            data,
            borderColor: last < 0 ? spec.theme.down : spec.theme.up,
            borderWidth: 1.5,
            pointRadius: 0,
            spanGaps: false,
            clip: false,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        events: [],
        layout: { padding: SPARKLINE_PADDING, autoPadding: false },
        plugins: { tooltip: { enabled: false }, decimation: { enabled: false } },
        scales: {
          x: {
            type: 'linear',
            display: false,
            bounds: 'data',
            ...timeRange(points[0]?.t, points.at(-1)?.t, range, barMs),
          },
          y: {
            type: 'linear',
            display: false,
            bounds: 'data',
            ...paddedRange({ min: Math.min(...known), max: Math.max(...known) }),
          },
        },
      },
      plugins: [zeroLine(() => spec.theme.zero)],
    });
    const pixels = read(chart.canvas);
    chart.destroy();
    return pixels;
  },
};

(window as unknown as { __pixels: typeof api }).__pixels = api;
