// The sparkline's chart type: chart.js's line chart (its controller places the points on the
// scales, its line element strokes them, gaps and all), minus work that buys a sparkline
// nothing and that CPU profiles of the renderer bench showed at a large share of an update:
//
// - LineElement strokes a Path2D that it caches until the points change. A sparkline's points
//   change on every update, so the cache is rebuilt each time, and building a Path2D costs about
//   twice drawing into the context. This element writes the path into the context and strokes
//   it once, as chart.js's `strokePathDirect` does.
// - The points arrive decimated to one per pixel column, straight, never stepped: the element
//   walks them itself, lifting the pen at a skipped point (a gap), which is the path chart.js
//   builds from its segments, without building the segments first.
// - LineController.updateElements places each point through two `getPixelForValue` calls and
//   their range checks. A linear scale is affine: the controller maps the pre-parsed points with
//   two multiply-adds each, from the scales' own pixels for their ends.
// - LineController.update resolves the line's options again through chart.js's option proxies
//   and copies them; on the sparkline's data-only path nothing but the points changed, and
//   `placePoints` places them with the options the last full update resolved.
// - LineController.draw walks every point element to draw it; with `pointRadius: 0` each one
//   returns at once. This controller draws the line alone.
//
// Anything outside that case (animations, a non-linear scale, numeric `spanGaps`, tension,
// stepped lines) takes chart.js's own code. Registered as its own type ('sparkline'), so the
// detail chart's lines are untouched.
import { LineController, LineElement, type PointElement, type UpdateMode } from 'chart.js';
import type { ChartArea, ChartMeta, ChartTypeRegistry } from 'chart.js';
import { _getStartAndCountOfVisiblePoints, _scaleRangesChanged } from 'chart.js/helpers';
import type { LinePoint } from './decimate.js';
import { Chart } from './register.js';

declare module 'chart.js' {
  interface ChartTypeRegistry {
    sparkline: ChartTypeRegistry['line'];
  }
}

/** The options LineElement reads when it strokes (chart.js's `setStyle`). */
interface StrokeOptions {
  readonly borderCapStyle: CanvasLineCap;
  readonly borderDash: number[];
  readonly borderDashOffset: number;
  readonly borderJoinStyle: CanvasLineJoin;
  readonly borderWidth: number;
  readonly borderColor: string;
  readonly stepped: unknown;
  readonly tension: number;
  readonly cubicInterpolationMode: string;
}

/** The fields of a point element the line reads (chart.js's PointElement sets them). */
interface PlacedPoint {
  x: number;
  y: number;
  skip: boolean;
  stop: boolean;
  options: unknown;
}

/** chart.js's flag for `animation: false` (then it writes the elements' properties directly). */
interface Animated {
  readonly _animationsDisabled: boolean;
}

class SparklinePath extends LineElement {
  static override readonly id = 'sparklinePath';

  override draw(ctx: CanvasRenderingContext2D, area?: ChartArea, start?: number, count?: number) {
    const options = this.options as unknown as StrokeOptions;
    const points = this.points as unknown as readonly PlacedPoint[];
    if (points.length === 0 || !options.borderWidth) return;
    if (options.stepped || options.tension || options.cubicInterpolationMode === 'monotone') {
      // chart.js's LineElement.draw takes the window to draw too; its typings stop at the area.
      const stock = super.draw as (c: CanvasRenderingContext2D, ...window: unknown[]) => void;
      stock.call(this, ctx, area, start, count);
      return;
    }
    ctx.save();
    ctx.lineCap = options.borderCapStyle;
    ctx.setLineDash(options.borderDash);
    ctx.lineDashOffset = options.borderDashOffset;
    ctx.lineJoin = options.borderJoinStyle;
    ctx.lineWidth = options.borderWidth;
    ctx.strokeStyle = options.borderColor;
    ctx.beginPath();
    const from = start ?? 0;
    const to = count === undefined ? points.length : Math.min(points.length, from + count);
    let move = true;
    for (let i = from; i < to; i++) {
      const p = points[i]!;
      if (p.skip) {
        move = true; // a gap: chart.js ends the segment here
        continue;
      }
      if (move || p.stop) ctx.moveTo(p.x, p.y);
      else ctx.lineTo(p.x, p.y);
      move = false;
    }
    ctx.stroke();
    ctx.restore();
  }
}

export class SparklineController extends LineController {
  static override readonly id = 'sparkline';
  static override readonly defaults = {
    ...LineController.defaults,
    datasetElementType: SparklinePath.id,
  };

  override updateElements(
    elements: PointElement[],
    start: number,
    count: number,
    mode: UpdateMode,
  ): void {
    if (!this.#affine(mode)) {
      super.updateElements(elements, start, count, mode);
      return;
    }
    this.#place(elements, start, count, this.resolveDataElementOptions(start, mode));
  }

  /**
   * The data-only path (sparkline-chart.ts): the dataset's points re-read and placed on the
   * scales as they are now, as `update('none')` places them, while the line and the points keep
   * the options the last full update resolved for them (`update` resolves the line's again
   * through chart.js's option proxies and copies them: most of its cost on few points).
   */
  placePoints(data: readonly LinePoint[]): void {
    const meta = this._cachedMeta;
    // chart.js re-reads the data when it could have changed shape: another array, another length.
    if (meta._parsed !== data || meta.data.length !== data.length) this.buildOrUpdateElements();
    const points = meta.data as PointElement[]; // the controller's dataElementType
    const line = meta.dataset as LineElement | undefined;
    if (!line) return;
    // LineController.update's rule: moved scales re-place every point, else the visible ones.
    let start = 0;
    let count = points.length;
    if (!_scaleRangesChanged(meta)) {
      ({ start, count } = _getStartAndCountOfVisiblePoints(
        meta as ChartMeta<'line'>,
        points,
        true,
      ));
    }
    line.points = points; // drops the segments computed for the old points
    if (!this.#affine('none')) {
      this.updateElements(points, start, count, 'none');
      return;
    }
    const options = points[start]?.options ?? this.resolveDataElementOptions(start, 'none');
    this.#place(points, start, count, options);
  }

  /** Whether the points can be placed by the scales' affine map (else chart.js's own code). */
  #affine(mode: UpdateMode): boolean {
    const { iScale, vScale, _stacked, dataset } = this._cachedMeta;
    return (
      iScale?.type === 'linear' &&
      vScale?.type === 'linear' &&
      iScale.axis === 'x' &&
      !_stacked &&
      (mode === 'none' ||
        (mode !== 'reset' && (this.chart as unknown as Animated)._animationsDisabled)) &&
      // (The line's resolved options, not the controller's option proxy: a plain read.)
      typeof (dataset?.options as { spanGaps?: unknown } | undefined)?.spanGaps !== 'number'
    );
  }

  /** LineController.updateElements for these points, with the scales' map as two multiply-adds. */
  #place(elements: PointElement[], start: number, count: number, options: unknown): void {
    const meta = this._cachedMeta;
    const iScale = meta.iScale!;
    const vScale = meta.vScale!;
    const parsed = meta._parsed as readonly LinePoint[];
    // The scales' pixels at their two ends define the map; every point is on it.
    const x0 = iScale.min;
    const px0 = iScale.getPixelForValue(x0);
    const sx = (iScale.getPixelForValue(iScale.max) - px0) / (iScale.max - x0);
    const y0 = vScale.min;
    const py0 = vScale.getPixelForValue(y0);
    const sy = (vScale.getPixelForValue(vScale.max) - py0) / (vScale.max - y0);
    const points = elements as unknown as PlacedPoint[];
    const end = start + count;
    for (let i = 0; i < points.length; i++) {
      const point = points[i]!;
      if (i < start || i >= end) {
        point.skip = true;
        continue;
      }
      const value = parsed[i]!;
      const x = px0 + (value.x - x0) * sx;
      const y = py0 + (value.y - y0) * sy;
      point.x = x;
      point.y = y;
      // A NaN value (decimate.ts's gap) is a NaN pixel: skipped, as chart.js skips it.
      point.skip = x !== x || y !== y;
      point.stop = false;
      // Every point shares the dataset's point options (a radius of 0: never drawn).
      point.options = options;
    }
  }

  override draw(): void {
    const line = this._cachedMeta.dataset as LineElement | undefined;
    line?.draw(this.chart.ctx, this.chart.chartArea);
  }
}

Chart.register(SparklinePath, SparklineController);

export const SPARKLINE_TYPE = 'sparkline' satisfies keyof ChartTypeRegistry;
