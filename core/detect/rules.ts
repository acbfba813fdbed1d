// The three rules, each judged at one bar from the per-bar facts. Each returns the verdict
// (or null) and the reason, so `--explain` and the verdict can never disagree.
import type { DetectorSettings, Verdict } from '../contract/detector.js';
import {
  crossAt,
  directionOf,
  evidenceBars,
  flipSide,
  flowOver,
  gammaFlipEvidence,
  legShares,
  priceMove,
} from './evidence.js';
import type { BarFacts } from './facts.js';
import type { DetectorBar, Reason } from './types.js';

export interface RuleOutcome {
  readonly verdict: Verdict | null;
  readonly reason: Reason;
}

type Bars = readonly DetectorBar[];
type Facts = readonly BarFacts[];

export function squeezeAt(
  i: number,
  bars: Bars,
  facts: Facts,
  settings: DetectorSettings,
): RuleOutcome {
  const f = facts[i]!;
  const bar = bars[i]!;
  const n = settings.runLength;
  if (f.streak < n) return { verdict: null, reason: whySqueezeFailed(i, bars, facts, n) };

  const from = i - f.streak + 1;
  const direction = directionOf(f.sign);
  const legs = legShares(bars, from, i, settings.oneSidedShare);
  const price = priceMove(bars, from, i, f.sign, !facts[from]!.afterGap);
  const rejection = runRejection(settings, direction, legs, price);
  if (rejection) return { verdict: null, reason: rejection };
  const verdict: Verdict = {
    kind: 'squeeze',
    direction,
    t: bar.t,
    since: bars[from]!.t,
    barCount: f.streak,
    move: flowOver(bars, from, i),
    cumulative: bar.cumulative,
    bars: evidenceBars(bars, from, i),
    legs,
    price,
    gammaFlip: gammaFlipEvidence(bars, from, i, settings.gammaFlipBand),
  };
  return {
    verdict,
    reason: { rule: 'squeeze', code: 'held', direction, run: f.streak, since: verdict.since },
  };
}

function whySqueezeFailed(i: number, bars: Bars, facts: Facts, n: number): Reason {
  const f = facts[i]!;
  if (i + 1 < n) return { rule: 'squeeze', code: 'too-few-bars', have: i + 1 };
  if (f.weakness) {
    return {
      rule: 'squeeze',
      code: 'weak-bar',
      t: bars[i]!.t,
      bar: bars[i]!.bar,
      weakness: f.weakness,
    };
  }
  // The run is too short: it starts at `from` because the link to the bar before it broke.
  const from = i - f.streak + 1;
  const start = facts[from]!;
  const before = bars[from - 1]!;
  if (start.runBreak === 'previous-weak') {
    const weakness = facts[from - 1]!.weakness!;
    return { rule: 'squeeze', code: 'weak-bar', t: before.t, bar: before.bar, weakness };
  }
  const runBreak =
    start.runBreak === 'first-bar' || start.runBreak === null ? 'sign-flip' : start.runBreak;
  return {
    rule: 'squeeze',
    code: 'run-broken',
    run: f.streak,
    at: bars[from]!.t,
    bar: bars[from]!.bar,
    previous: before.bar,
    break: runBreak,
  };
}

/** The refinements judged over the whole run; null when all requested ones hold. */
function runRejection(
  settings: DetectorSettings,
  direction: Verdict['direction'],
  legs: Verdict['legs'],
  price: Verdict['price'],
): Reason | null {
  if (settings.requireChasing) {
    if (!price) return { rule: 'squeeze', code: 'no-price' };
    if (price.confirmation === 'fading')
      return { rule: 'squeeze', code: 'fading', priceMove: price.move };
  }
  switch (settings.requireAttribution) {
    case 'any':
      return null;
    case 'one-sided':
      if (!legs) return { rule: 'squeeze', code: 'no-legs' };
      return legs.driver === 'both'
        ? { rule: 'squeeze', code: 'not-one-sided', callShare: legs.callShare }
        : null;
    case 'aligned':
      if (!legs) return { rule: 'squeeze', code: 'no-legs' };
      // Call-driven up-squeeze (call chasing) or put-driven down-squeeze (protection buying).
      return legs.driver === (direction === 'up' ? 'calls' : 'puts')
        ? null
        : { rule: 'squeeze', code: 'not-aligned', callShare: legs.callShare };
    default:
      return settings.requireAttribution satisfies never;
  }
}

/** A sign flip after a run of at least M same-signed bars: hedging reverses. */
export function reversalAt(
  i: number,
  bars: Bars,
  facts: Facts,
  flipAfter: number,
  settings: DetectorSettings,
): RuleOutcome {
  const f = facts[i]!;
  // Across a hole in the data there is no "bar before" to flip from.
  const prev = f.afterGap ? undefined : facts[i - 1];
  if (f.sign === 0 || !prev || prev.sign !== -f.sign)
    return { verdict: null, reason: { rule: 'reversal', code: 'no-flip' } };
  // The flipping bar must be significant by the same magnitude filters as a squeeze bar.
  if (f.weakness)
    return { verdict: null, reason: { rule: 'reversal', code: 'weak-bar', weakness: f.weakness } };
  if (prev.signRun < flipAfter)
    return { verdict: null, reason: { rule: 'reversal', code: 'short-run', run: prev.signRun } };

  const bar = bars[i]!;
  const from = i - prev.signRun;
  const direction = directionOf(f.sign);
  const verdict: Verdict = {
    kind: 'reversal',
    direction,
    t: bar.t,
    since: bar.t,
    barCount: prev.signRun,
    move: bar.bar,
    cumulative: bar.cumulative,
    bars: evidenceBars(bars, from, i),
    legs: legShares(bars, i, i, settings.oneSidedShare),
    price: priceMove(bars, i, i, f.sign),
    gammaFlip: gammaFlipEvidence(bars, from, i, settings.gammaFlipBand),
  };
  return { verdict, reason: { rule: 'reversal', code: 'held', direction, run: prev.signRun } };
}

/** Spot crossing the gamma-flip level between the previous known bar and this one. */
export function gammaFlipAt(
  i: number,
  bars: Bars,
  facts: Facts,
  settings: DetectorSettings,
): RuleOutcome {
  const side = flipSide(bars[i], settings.gammaFlipBand);
  if (side === null) return { verdict: null, reason: { rule: 'gamma-flip', code: 'no-series' } };
  const direction = crossAt(bars, i, settings.gammaFlipBand);
  if (!direction) {
    const where = side > 0 ? 'above' : side < 0 ? 'below' : 'at';
    return { verdict: null, reason: { rule: 'gamma-flip', code: 'no-cross', side: where } };
  }
  const bar = bars[i]!;
  const verdict: Verdict = {
    kind: 'gamma-flip',
    direction,
    t: bar.t,
    since: bar.t,
    barCount: 1,
    move: bar.bar,
    cumulative: bar.cumulative,
    bars: evidenceBars(bars, Math.max(0, i - 1), i),
    legs: legShares(bars, i, i, settings.oneSidedShare),
    price: priceMove(bars, i, i, facts[i]!.sign, !facts[i]!.afterGap),
    gammaFlip: gammaFlipEvidence(bars, i, i, settings.gammaFlipBand),
  };
  return { verdict, reason: { rule: 'gamma-flip', code: 'held', direction } };
}
