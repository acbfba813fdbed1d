// The strip of per-bar bursts under a sparkline: one column per bar (or per pixel column when
// there are more bars than pixels), up from the midline when dealers bought, down when they
// sold, height by magnitude. Drawn straight on a 2D canvas: hundreds of bars per row, ten rows,
// every poll; a DOM element per bar or a chart per strip would cost more than the picture.
import type { BarPoint } from '../../../core/contract/index.js';

export interface BurstColors {
  readonly up: string;
  readonly down: string;
  readonly zero: string;
}

/**
 * Places bar i of a window of `total` slots into one of `columns` columns; each column keeps the
 * bar of largest magnitude (sign included), so a burst is never averaged away.
 */
function bucketBursts(bars: readonly BarPoint[], total: number, columns: number): number[] {
  const out = new Array<number>(columns).fill(0);
  for (let i = 0; i < bars.length; i++) {
    const c = Math.min(columns - 1, Math.floor((i * columns) / total));
    const v = bars[i]!.all;
    // An unknown bar (a hole) draws nothing, as a zero does; it is never averaged in.
    if (v !== null && Math.abs(v) > Math.abs(out[c]!)) out[c] = v;
  }
  return out;
}

export function drawBursts(
  canvas: HTMLCanvasElement,
  bars: readonly BarPoint[],
  colors: BurstColors,
  /** Slots the strip is divided into (the window's bar count), so it fills as the day goes. */
  slots: number,
): void {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, width, height);

  const mid = Math.round(height / 2);
  ctx.fillStyle = colors.zero;
  ctx.fillRect(0, mid, width, Math.max(1, Math.round(ratio / 2)));
  if (bars.length === 0) return;

  const total = Math.max(slots, bars.length);
  const columns = Math.min(total, width);
  const values = bucketBursts(bars, total, columns);
  const maxAbs = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (maxAbs === 0) return;
  const step = width / columns;
  const barWidth = Math.max(1, Math.floor(step - (step >= 3 ? 1 : 0)));
  const half = mid - 1;
  for (let c = 0; c < columns; c++) {
    const v = values[c]!;
    if (v === 0) continue;
    const h = Math.max(1, Math.round((Math.abs(v) / maxAbs) * half));
    ctx.fillStyle = v > 0 ? colors.up : colors.down;
    const x = Math.floor(c * step);
    if (v > 0) ctx.fillRect(x, mid - h, barWidth, h);
    else ctx.fillRect(x, mid + 1, barWidth, h);
  }
}
