// The sparkline's chart type: chart.js's line chart (its controller places the points on the
// scales, its line element computes the path, gaps and all), minus work that buys a sparkline
// nothing and that a CPU profile of the renderer bench showed at about a third of an update:
//
// - LineElement strokes a Path2D that it caches until the points change. A sparkline's points
//   change on every update, so the cache is rebuilt each time, and building a Path2D costs about
//   twice drawing into the context. This element has chart.js write the same path
//   (`LineElement.path`) into the context and strokes it once: chart.js's own `strokePathDirect`,
//   as one path.
// - LineController.draw walks every point element to draw it; with `pointRadius: 0` each one
//   returns at once. This controller draws the line alone.
// - The points arrive decimated, so the element takes chart.js's point-by-point path (below).
//
// Registered as its own type ('sparkline'), so the detail chart's lines are untouched.
import { LineController, LineElement } from 'chart.js';
import type { ChartArea, ChartTypeRegistry } from 'chart.js';
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
}

class SparklinePath extends LineElement {
  static override readonly id = 'sparklinePath';

  override draw(ctx: CanvasRenderingContext2D, _area?: ChartArea, start?: number, count?: number) {
    const options = this.options as unknown as StrokeOptions;
    if (this.points.length === 0 || !options.borderWidth) return;
    ctx.save();
    ctx.lineCap = options.borderCapStyle;
    ctx.setLineDash(options.borderDash);
    ctx.lineDashOffset = options.borderDashOffset;
    ctx.lineJoin = options.borderJoinStyle;
    ctx.lineWidth = options.borderWidth;
    ctx.strokeStyle = options.borderColor;
    // The points are decimated (decimate.ts): draw them one by one, as chart.js does for its own
    // decimation plugin's output, not through its dense-data path that merges the points of a
    // pixel column (pure overhead at a point per column, and a line further from the floor).
    (this as unknown as { _decimated: boolean })._decimated = true;
    ctx.beginPath();
    (this.path as (ctx: CanvasRenderingContext2D, start?: number, count?: number) => boolean)(
      ctx,
      start,
      count,
    );
    ctx.stroke();
    ctx.restore();
  }
}

class SparklineController extends LineController {
  static override readonly id = 'sparkline';
  static override readonly defaults = {
    ...LineController.defaults,
    datasetElementType: SparklinePath.id,
  };

  override draw(): void {
    const line = this._cachedMeta.dataset as LineElement | undefined;
    line?.draw(this.chart.ctx, this.chart.chartArea);
  }
}

Chart.register(SparklinePath, SparklineController);

export const SPARKLINE_TYPE = 'sparkline' satisfies keyof ChartTypeRegistry;
