// Per-bar facts, computed in one causal pass: everything about bar j depends only on bars
// 0..j, so a verdict never changes once its bar has closed, and scan(bars)[j] equals
// evaluate(bars.slice(0, j + 1)). The squeeze run ("streak") is the article's rule made
// incremental: the last N bars hold the rule exactly when the streak ending at the newest bar
// is at least N long.
import type { DetectorSettings } from '../contract/detector.js';
import { RunningDistribution } from './distribution.js';
import type { DetectorBar, ReferenceDistribution, RunBreak, Weakness } from './types.js';

export type Sign = -1 | 0 | 1;

export interface BarFacts {
  readonly sign: Sign;
  readonly magnitude: number;
  /** why the bar cannot be part of a squeeze run; null when it can */
  readonly weakness: Weakness | null;
  /** length of the qualifying squeeze run ending at this bar (0 when the bar is weak) */
  readonly streak: number;
  /** why the run restarted here, when streak is 1 */
  readonly runBreak: RunBreak | null;
  /** consecutive nonzero bars of this bar's sign ending here (0 for a zero bar) */
  readonly signRun: number;
  /** the bar does not follow the one before it by one bar size (a hole in the data) */
  readonly afterGap: boolean;
}

export function signOf(value: number): Sign {
  // NaN or infinities never reach here from validated input; treat them as no flow.
  if (!Number.isFinite(value)) return 0;
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

export function computeFacts(
  bars: readonly DetectorBar[],
  settings: DetectorSettings,
  reference?: ReferenceDistribution,
  barMs?: number,
): BarFacts[] {
  const relative = settings.minPercentile > 0;
  const distribution = relative ? new RunningDistribution(reference?.sorted) : null;
  const facts: BarFacts[] = [];
  for (let j = 0; j < bars.length; j++) {
    const bar = bars[j]!.bar;
    const sign = signOf(bar);
    const magnitude = sign === 0 ? 0 : Math.abs(bar);
    distribution?.add(magnitude);
    const weakness = weaknessOf(sign, magnitude, settings, distribution);
    // The session's distribution keeps every bar; only the runs restart after a hole.
    const afterGap = j > 0 && barMs !== undefined && bars[j]!.t - bars[j - 1]!.t !== barMs;
    const previous = afterGap ? undefined : facts[j - 1];
    const signRun = sign === 0 ? 0 : previous?.sign === sign ? previous.signRun + 1 : 1;
    const runBreak = weakness
      ? null
      : afterGap
        ? 'gap'
        : breakBetween(previous, sign, magnitude, settings);
    const streak = weakness ? 0 : runBreak === null ? previous!.streak + 1 : 1;
    facts.push({ sign, magnitude, weakness, streak, runBreak, signRun, afterGap });
  }
  return facts;
}

function weaknessOf(
  sign: Sign,
  magnitude: number,
  settings: DetectorSettings,
  distribution: RunningDistribution | null,
): Weakness | null {
  if (sign === 0) return { type: 'zero' };
  if (magnitude < settings.minAbsBar) return { type: 'below-min', min: settings.minAbsBar };
  if (distribution) {
    const threshold = distribution.percentile(settings.minPercentile);
    if (threshold !== null && magnitude < threshold) {
      return {
        type: 'below-percentile',
        percentile: settings.minPercentile,
        threshold,
        sampleSize: distribution.size,
      };
    }
  }
  return null;
}

/** null when the bar extends the previous bar's run; otherwise why it cannot. */
function breakBetween(
  previous: BarFacts | undefined,
  sign: Sign,
  magnitude: number,
  settings: DetectorSettings,
): RunBreak | null {
  if (!previous) return 'first-bar';
  if (previous.weakness) return 'previous-weak';
  if (previous.sign !== sign) return 'sign-flip';
  // The article's check is mags[i] <= mags[i + 1]: equal magnitudes extend the run.
  if (magnitude < previous.magnitude) return 'smaller';
  if (settings.accelerating && magnitude === previous.magnitude) return 'not-larger';
  return null;
}
