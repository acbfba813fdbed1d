// The physical floor of a sparkline, for the renderer bench and the pixel test: the same
// picture as SparklineChart (line, gaps, dashed zero line, same frame) drawn with plain Canvas 2D
// and nothing else: one path per chart, `moveTo`/`lineTo` through every point, no decimation.
import type { SeriesPoint } from '../../core/contract/index.js';
import { paddedRange, SPARKLINE_PADDING, timeRange } from '../lib/charts/sparkline-frame.js';

export interface PlainSparkline {
  readonly points: readonly SeriesPoint[];
  readonly range: { readonly min: number; readonly max: number } | null;
  readonly barMs: number | null;
  readonly colors: { readonly up: string; readonly down: string; readonly zero: string };
}

/** Draws on a canvas sized `width` x `height` CSS px at `ratio` device pixels per px. */
export function drawPlainSparkline(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  ratio: number,
  { points, range, barMs, colors }: PlainSparkline,
): void {
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  let min = Infinity;
  let max = -Infinity;
  let last: number | null = null;
  for (const p of points) {
    const v: number | null = p.all;
    if (v === null) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    last = v;
  }
  if (last === null) return;
  const y = paddedRange({ min, max });
  const x = timeRange(points[0]?.t, points.at(-1)?.t, range, barMs);
  const top = SPARKLINE_PADDING.top;
  const bottom = height - SPARKLINE_PADDING.bottom;
  const sx = width / (x.max - x.min);
  const sy = (bottom - top) / (y.max - y.min);
  if (y.min <= 0 && y.max >= 0) {
    const zero = Math.round(bottom - (0 - y.min) * sy) + 0.5;
    ctx.save();
    ctx.strokeStyle = colors.zero;
    ctx.lineWidth = 1;
    ctx.setLineDash([2, 2]);
    ctx.beginPath();
    ctx.moveTo(0, zero);
    ctx.lineTo(width, zero);
    ctx.stroke();
    ctx.restore();
  }
  ctx.beginPath();
  let prevT = -Infinity;
  let pen = false;
  for (const p of points) {
    const v: number | null = p.all;
    if (v === null || (barMs !== null && p.t - prevT > barMs)) pen = false;
    prevT = p.t;
    if (v === null) continue;
    const px = (p.t - x.min) * sx;
    const py = bottom - (v - y.min) * sy;
    if (pen) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    pen = true;
  }
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = last < 0 ? colors.down : colors.up;
  ctx.stroke();
}
