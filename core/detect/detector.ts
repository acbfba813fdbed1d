// The detector's entry points. `evaluate` answers for the newest closed bar (the app calls it on
// every poll); `scan` answers for every bar (the CLI and the threshold preview). Both are pure
// and stateless: the app passes the session's closed bars each time, so a revised backfill can
// never leave stale detector state behind. A full session (780 bars of 30 s, every option on,
// a 20,000-value reference) takes about a millisecond.
import type { DetectorSettings, Verdict } from '../contract/detector.js';
import { computeFacts, type BarFacts } from './facts.js';
import { gammaFlipAt, reversalAt, squeezeAt, type RuleOutcome } from './rules.js';
import type { DetectorBar, DetectorContext, DetectorStep } from './types.js';

/** Verdicts for the newest bar of `closedBars` (an in-progress bar must not be passed). */
export function evaluate(
  closedBars: readonly DetectorBar[],
  settings: DetectorSettings,
  context: DetectorContext = {},
): Verdict[] {
  if (closedBars.length === 0) return [];
  const facts = computeFacts(closedBars, settings, context.reference, context.barMs);
  return [...stepAt(closedBars.length - 1, closedBars, facts, settings).verdicts];
}

/** The detector's answer for every closed bar, oldest first, as if evaluated bar by bar. */
export function scan(
  closedBars: readonly DetectorBar[],
  settings: DetectorSettings,
  context: DetectorContext = {},
): DetectorStep[] {
  const facts = computeFacts(closedBars, settings, context.reference, context.barMs);
  return closedBars.map((_, i) => stepAt(i, closedBars, facts, settings));
}

function stepAt(
  i: number,
  bars: readonly DetectorBar[],
  facts: readonly BarFacts[],
  settings: DetectorSettings,
): DetectorStep {
  const outcomes: RuleOutcome[] = [squeezeAt(i, bars, facts, settings)];
  if (settings.flipAfter !== null) {
    outcomes.push(reversalAt(i, bars, facts, settings.flipAfter, settings));
  }
  if (settings.gammaFlipCross) outcomes.push(gammaFlipAt(i, bars, facts, settings));
  const verdicts: Verdict[] = [];
  for (const o of outcomes) if (o.verdict) verdicts.push(o.verdict);
  return { t: bars[i]!.t, verdicts, reasons: outcomes.map((o) => o.reason) };
}
