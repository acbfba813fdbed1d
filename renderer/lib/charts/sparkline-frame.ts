// How a sparkline maps values to its box, in one place so the chart and the renderer bench's
// plain-canvas floor draw the same picture: the line fills the height between a 2 px margin,
// with 5% of the value span added above and below (the line never touches the edge), and the x
// range is the session when the row shows all of it, else the points' own span.
import type { Extent } from './decimate.js';

export const SPARKLINE_PADDING = { top: 2, bottom: 2 } as const;
const GRACE = 0.05;

/** The value range drawn for the known values' extent; never empty (a flat line sits midway). */
export function paddedRange(extent: Extent | null): { min: number; max: number } {
  if (extent === null) return { min: -1, max: 1 };
  const span = extent.max - extent.min;
  const pad = span > 0 ? span * GRACE : Math.abs(extent.max) * GRACE || 1;
  return { min: extent.min - pad, max: extent.max + pad };
}

/** The time range drawn: the given one, else the points' span (one point: a bar either side). */
export function timeRange(
  first: number | undefined,
  last: number | undefined,
  range: { readonly min: number; readonly max: number } | null,
  barMs: number | null,
): { min: number; max: number } {
  if (range !== null && range.max > range.min) return { min: range.min, max: range.max };
  if (first === undefined || last === undefined) return { min: 0, max: 1 };
  if (last > first) return { min: first, max: last };
  const half = (barMs ?? 60_000) / 2;
  return { min: first - half, max: last + half };
}
