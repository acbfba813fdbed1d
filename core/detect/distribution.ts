// The relative threshold: a percentile of |bar| over stored past sessions plus the session so
// far. Past sessions are sorted once (createReference); the session's own values are inserted
// one bar at a time, so the threshold as it stood when each bar closed costs O(log n) to read.
import type { ReferenceDistribution } from './types.js';

/** Sorts past sessions' |bar| values once; pass the result to every evaluate/scan call. */
export function createReference(values: readonly number[]): ReferenceDistribution {
  const sorted = values.filter((v) => Number.isFinite(v)).map((v) => Math.abs(v));
  sorted.sort((a, b) => a - b);
  return { sorted };
}

/** The session's |bar| values so far, kept sorted, merged on read with the reference. */
export class RunningDistribution {
  private readonly session: number[] = [];

  constructor(private readonly reference: readonly number[] = []) {}

  get size(): number {
    return this.reference.length + this.session.length;
  }

  add(magnitude: number): void {
    this.session.splice(upperBound(this.session, magnitude), 0, magnitude);
  }

  /**
   * The nearest-rank percentile (the smallest value with at least p% of the sample at or
   * below it), or null for an empty sample.
   */
  percentile(p: number): number | null {
    const n = this.size;
    if (n === 0) return null;
    const rank = Math.min(n, Math.max(1, Math.ceil((p * n) / 100)));
    return kthSmallest(this.reference, this.session, rank);
  }
}

/** Index of the first element greater than `value` in ascending `values`. */
function upperBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The k-th smallest (1-based) of two ascending arrays, without merging them. */
export function kthSmallest(a: readonly number[], b: readonly number[], k: number): number {
  // Take x values from a and k - x from b; find the smallest x where a[x] >= b[k - x - 1].
  let lo = Math.max(0, k - b.length);
  let hi = Math.min(k, a.length);
  while (lo < hi) {
    const x = (lo + hi) >>> 1;
    if (a[x]! < b[k - x - 1]!) lo = x + 1;
    else hi = x;
  }
  const fromA = lo > 0 ? a[lo - 1]! : -Infinity;
  const fromB = k - lo > 0 ? b[k - lo - 1]! : -Infinity;
  return Math.max(fromA, fromB);
}
