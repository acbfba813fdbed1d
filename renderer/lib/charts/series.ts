// SymbolView points to chart.js's pre-parsed form ({x, y}, sorted by x): with `parsing: false`
// chart.js reads these as they are, and `normalized: true` lets it skip re-sorting them.
import type { SeriesPoint } from '../../../core/contract/index.js';

export interface XY {
  x: number;
  y: number;
}

export type PointKey = 'all' | 'calls' | 'puts' | 'spot' | 'gammaFlip';

/** One projection of the points; points where it is unknown are left out (no gaps drawn). */
export function toXY(points: readonly SeriesPoint[], key: PointKey): XY[] {
  const out: XY[] = [];
  for (const p of points) {
    const y = p[key];
    if (y !== null) out.push({ x: p.t, y });
  }
  return out;
}

/** Whether the points carry a projection at all (legs and price are optional). */
export function has(points: readonly SeriesPoint[], key: PointKey): boolean {
  return points.some((p) => p[key] !== null);
}
