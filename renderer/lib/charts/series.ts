// SymbolView points to chart.js's pre-parsed form ({x, y}, sorted by x): with `parsing: false`
// chart.js reads these as they are, and `normalized: true` lets it skip re-sorting them.
import type { SeriesPoint } from '../../../core/contract/index.js';

export interface XY {
  x: number;
  y: number;
}

/** A point that may be a hole: `y` null where the value is not known (the line breaks there). */
export interface GapXY {
  x: number;
  y: number | null;
}

export type PointKey = 'all' | 'calls' | 'puts' | 'spot' | 'gammaFlip';

/** Whether the points carry a projection at all (legs and price are optional). */
function has(points: readonly SeriesPoint[], key: PointKey): boolean {
  return points.some((p) => p[key] !== null);
}

/**
 * One projection of the points with its holes kept: every point, `y` null where the value is
 * not known, so a chart with `spanGaps: false` breaks the line there instead of drawing a
 * straight (invented) segment across. Empty when the projection is not known anywhere.
 */
export function toGappedXY(points: readonly SeriesPoint[], key: PointKey): GapXY[] {
  if (!has(points, key)) return [];
  return points.map((p) => ({ x: p.t, y: p[key] }));
}

/** Whether any of the series has a hole. */
export function hasGap(series: readonly (readonly GapXY[])[]): boolean {
  return series.some((s) => s.some((p) => p.y === null));
}
