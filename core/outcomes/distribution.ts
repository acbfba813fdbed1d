// The scorecard's small chart: how the alerts' 15-minute moves spread against the baseline's,
// as shares per bin so samples of very different sizes compare.
import type { MoveDistribution } from '../contract/outcomes.js';
import { quantileSorted } from './stats.js';

const DISTRIBUTION_BINS = 10;

/**
 * Equal bins from −L to +L, L the 98th percentile of |move| over both samples (so one outlier
 * does not squash the picture; the outer bins hold what lies beyond). 0 is an edge, so every
 * bin right of the middle is a hit. Null when either sample is empty.
 */
export function moveDistribution(
  alerts: readonly number[],
  baseline: readonly number[],
  bins: number = DISTRIBUTION_BINS,
): MoveDistribution | null {
  if (alerts.length === 0 || baseline.length === 0) return null;
  const magnitudes = Float64Array.from([...alerts, ...baseline], Math.abs).sort();
  const p98 = quantileSorted(magnitudes, 0.98) ?? 0;
  const limit = p98 > 0 ? p98 : magnitudes[magnitudes.length - 1]! || 1e-4;
  const width = (2 * limit) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => -limit + i * width);
  edges[bins / 2] = 0; // exactly, whatever the floating point sum says
  const share = (values: readonly number[]): number[] => {
    const counts = new Array<number>(bins).fill(0);
    for (const v of values) {
      // A move of exactly 0 is not a hit: it belongs left of the middle edge.
      const raw = v === 0 ? bins / 2 - 1 : Math.floor((v + limit) / width);
      const i = Math.min(
        bins - 1,
        Math.max(0, v > 0 ? Math.max(raw, bins / 2) : Math.min(raw, bins / 2 - 1)),
      );
      counts[i]!++;
    }
    return counts.map((c) => c / values.length);
  };
  return { edges, alerts: share(alerts), baseline: share(baseline) };
}
