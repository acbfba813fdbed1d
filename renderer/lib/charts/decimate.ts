// A sparkline's points as chart.js draws them: pre-parsed `{x, y}` sorted by x, at most about
// one point per device pixel column, with unknown stretches kept as gaps.
//
// Why not chart.js's decimation plugin: it treats a null y as 0 (both LTTB and min-max do
// arithmetic on it), so a gap is bridged or dropped depending on where it falls; it takes its
// sample count from the chart's CSS width, not its device pixels; and it only runs inside a full
// `chart.update()`, which the sparkline avoids on a data-only change (sparkline-chart.ts). This
// is the same LTTB (Steinarsson 2013, as chart.js implements it: a gap-free run gives the plugin's
// exact output), applied to each run between gaps. It runs on every poll for every row, so it
// reads the values once into typed arrays and allocates nothing per point.
import type { SeriesPoint } from '../../../core/contract/index.js';
import type { PointKey } from './series.js';

/**
 * chart.js's pre-parsed point. A gap is y = NaN: chart.js skips a point whose pixel is NaN just
 * as one whose y is null (`spanGaps: false` lifts the pen there), and a field that only ever
 * holds numbers stays an unboxed double in V8, so rewriting it allocates nothing.
 */
export interface LinePoint {
  x: number;
  y: number;
}

/** The range of the known values, all of them (not only the points kept). */
export interface Extent {
  readonly min: number;
  readonly max: number;
}

/** Scratch space shared by every call (the renderer is single-threaded). */
let packedX = new Float64Array(1024);
let packedY = new Float64Array(1024);
let runEnds = new Int32Array(64);

/**
 * Writes `points[key]` into `out` (its objects are reused, its length set), decimated with LTTB
 * to about `samples` points when there are more. A null value, or a step in time longer than
 * `maxStepMs` (a missing bucket), ends a run: runs are decimated separately, each keeps its first
 * and last point, and a NaN point between two runs keeps the gap. Returns the extent of the
 * known values, or null when none is known.
 */
export function decimateLine(
  points: readonly SeriesPoint[],
  key: PointKey,
  samples: number,
  maxStepMs: number | null,
  out: LinePoint[],
): Extent | null {
  // Pass 1: the known values, packed, and where each run ends in the packed arrays.
  if (packedX.length < points.length) {
    packedX = new Float64Array(points.length);
    packedY = new Float64Array(points.length);
  }
  const xs = packedX;
  const ys = packedY;
  const maxStep = maxStepMs ?? Infinity;
  let known = 0;
  let runs = 0;
  let min = Infinity;
  let max = -Infinity;
  let prevT = -Infinity;
  let open = false;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    // A named load for the line every row draws (a keyed one costs more per point).
    const y: number | null = key === 'all' ? p.all : p[key];
    const t = p.t;
    if (y === null) {
      if (open) runs = endRun(runs, known);
      open = false;
    } else {
      if (open && t - prevT > maxStep) runs = endRun(runs, known);
      xs[known] = t;
      ys[known] = y;
      known++;
      open = true;
      if (y < min) min = y;
      if (y > max) max = y;
    }
    prevT = t;
  }
  if (open) runs = endRun(runs, known);

  // Pass 2: each run, decimated in proportion to its share of the known points, into objects
  // made up front: exactly as many for one run (so an update allocates none: objects made
  // every update but kept would make V8 re-tenure and deoptimise this), else at most the
  // budget, each run's rounding and two ends, and a marker between runs.
  const budget = Math.max(2, Math.floor(samples));
  const most = runs <= 1 ? Math.min(known, budget) : Math.min(known, budget + 2 * runs) + runs;
  // Assigned, not pushed: chart.js hooks `push` on the arrays it draws and would re-sync.
  for (let i = out.length; i < most; i++) out[i] = { x: NaN, y: NaN }; // doubles from the start
  let n = 0;
  let start = 0;
  for (let r = 0; r < runs; r++) {
    const end = runEnds[r]!;
    if (r > 0) {
      const gap = out[n++]!;
      gap.x = (xs[start - 1]! + xs[start]!) / 2;
      gap.y = NaN;
    }
    const count = end - start;
    const share = known <= budget ? count : Math.max(2, Math.round((count * budget) / known));
    n = lttb(start, count, share, out, n);
    start = end;
  }
  out.length = n;
  return known === 0 ? null : { min, max };
}

function endRun(runs: number, end: number): number {
  if (runs === runEnds.length) {
    const grown = new Int32Array(runs * 2);
    grown.set(runEnds);
    runEnds = grown;
  }
  runEnds[runs] = end;
  return runs + 1;
}

/**
 * chart.js's `lttbDecimation` over the packed values [start, start + count), written into
 * `out` from `n` on (its objects exist); returns the new length. One function with no calls
 * per point: it runs on every poll for every row.
 */
function lttb(start: number, count: number, samples: number, out: LinePoint[], n: number): number {
  const xs = packedX;
  const ys = packedY;
  const end = start + count;
  if (samples >= count) {
    for (let i = start; i < end; i++) {
      const o = out[n++]!;
      o.x = xs[i]!;
      o.y = ys[i]!;
    }
    return n;
  }
  const bucketWidth = (count - 2) / (samples - 2);
  let ax = xs[start]!;
  let ay = ys[start]!;
  let o = out[n++]!;
  o.x = ax;
  o.y = ay;
  // Bucket i spans [from, to); the next one, [to, nextTo), gives the triangles' third corner.
  let from = start + 1;
  let to = Math.min(Math.floor(bucketWidth) + 1, count) + start;
  for (let i = 0; i < samples - 2; i++) {
    const nextTo = Math.min(Math.floor((i + 2) * bucketWidth) + 1, count) + start;
    let avgX = 0;
    let avgY = 0;
    for (let j = to; j < nextTo; j++) {
      avgX += xs[j]!;
      avgY += ys[j]!;
    }
    avgX /= nextTo - to;
    avgY /= nextTo - to;
    let maxArea = -1;
    let next = from;
    for (let j = from; j < to; j++) {
      // chart.js's expression, term for term, so the same point wins every bucket.
      const area = Math.abs((ax - avgX) * (ys[j]! - ay) - (ax - xs[j]!) * (avgY - ay));
      if (area > maxArea) {
        maxArea = area;
        next = j;
      }
    }
    ax = xs[next]!;
    ay = ys[next]!;
    o = out[n++]!;
    o.x = ax;
    o.y = ay;
    from = to;
    to = nextTo;
  }
  o = out[n++]!;
  o.x = xs[end - 1]!;
  o.y = ys[end - 1]!;
  return n;
}
