// The scorecard of a set of alerts (docs/scorecard.md): per rule and per symbol, the count; the
// hit rate with a Wilson 95% interval; median and mean signed move per horizon; the baseline's
// hit rate and median; "small sample" under 20 alerts; and the 15-minute distribution.
import { nyDate, sessionOn } from '../../calendar/index.js';
import type { AlertRecord, Direction, VerdictKind } from '../contract/detector.js';
import {
  OUTCOME_HORIZONS,
  SCORECARD_RULES,
  SMALL_SAMPLE,
  knownMove,
  type AlertOutcomes,
  type HorizonScore,
  type OutcomeHorizon,
  type Scorecard,
  type ScorecardGroup,
  type ScorecardRule,
} from '../contract/outcomes.js';
import { BAR_SIZES, type BarSize } from '../model/flow.js';
import {
  barMoves,
  baselineBars,
  baselineMoves,
  indexBars,
  type AlertSlots,
  type BarIndex,
  type SessionSpots,
} from './baseline.js';
import { moveDistribution } from './distribution.js';
import { slotOf } from './horizons.js';
import { mean, median, wilsonInterval } from './stats.js';

/** An alert with its outcomes (stored, or computed from the session's bars). */
export type ScoredAlert = Pick<AlertRecord, 'symbol' | 'kind' | 'direction' | 't' | 'evidence'> & {
  readonly outcomes: AlertOutcomes;
};

export function ruleOf(kind: VerdictKind, direction: Direction): ScorecardRule {
  switch (kind) {
    case 'squeeze':
      return direction === 'up' ? 'squeeze-up' : 'squeeze-down';
    case 'reversal':
      return 'reversal';
    case 'gamma-flip':
      return 'gamma-flip';
  }
}

/**
 * One alert per episode: an escalation is the same episode announced again, not a second
 * independent trial, so only the episode's first alert is scored.
 */
function firstPerEpisode<A extends ScoredAlert>(alerts: readonly A[]): A[] {
  const first = new Map<string, A>();
  for (const a of alerts) {
    const key = `${a.symbol}:${a.kind}:${a.direction}:${a.evidence.since}`;
    const seen = first.get(key);
    if (!seen || a.t < seen.t) first.set(key, a);
  }
  return [...first.values()].sort((a, b) => a.t - b.t || a.symbol.localeCompare(b.symbol));
}

export interface ScorecardInput {
  /** the sessions' bars, per symbol and bar size (the baseline's sample) */
  readonly sessions: readonly SessionSpots[];
  readonly alerts: readonly ScoredAlert[];
}

export function buildScorecard(input: ScorecardInput): Scorecard {
  const alerts = firstPerEpisode(input.alerts);
  const bars = indexBars(input.sessions.flatMap(barMoves));
  const symbols = [
    ...new Set([...input.sessions.map((s) => s.symbol), ...alerts.map((a) => a.symbol)]),
  ].sort();
  const groups: ScorecardGroup[] = [];
  for (const rule of SCORECARD_RULES) {
    const ofRule = alerts.filter((a) => ruleOf(a.kind, a.direction) === rule);
    groups.push(group(rule, null, ofRule, bars, symbols));
    for (const symbol of symbols) {
      const mine = ofRule.filter((a) => a.symbol === symbol);
      groups.push(group(rule, symbol, mine, bars, [symbol]));
    }
  }
  const sizes = new Set<BarSize>([
    ...input.sessions.map((s) => s.barSize),
    ...alerts.map((a) => a.outcomes.barSize),
  ]);
  return {
    sessions: [...new Set(input.sessions.map((s) => s.date))].sort(),
    symbols,
    barSizes: BAR_SIZES.filter((b) => sizes.has(b)),
    groups,
    withoutSpot: alerts.filter((a) => a.outcomes.spot === null).length,
  };
}

function group(
  rule: ScorecardRule,
  symbol: string | null,
  alerts: readonly ScoredAlert[],
  index: BarIndex,
  symbols: readonly string[],
): ScorecardGroup {
  const sample = alerts.length > 0 ? baselineBars(index, symbols, alertSlots(alerts)) : [];
  const horizons = {} as Record<OutcomeHorizon, HorizonScore>;
  let alerts15: number[] = [];
  let baseline15: number[] = [];
  for (const h of OUTCOME_HORIZONS) {
    const moves = alerts.map((a) => knownMove(a.outcomes, h)).filter((m) => m !== null);
    const baseline = baselineMoves(sample, h);
    horizons[h] = score(moves, baseline);
    if (h === '15m') [alerts15, baseline15] = [moves, baseline];
  }
  return {
    rule,
    symbol,
    count: alerts.length,
    smallSample: alerts.length < SMALL_SAMPLE,
    horizons,
    distribution: moveDistribution(alerts15, baseline15),
  };
}

function alertSlots(alerts: readonly ScoredAlert[]): AlertSlots {
  const slots = new Map<BarSize, Set<number>>();
  for (const a of alerts) {
    const session = sessionOn(nyDate(a.t));
    if (!session) continue;
    let set = slots.get(a.outcomes.barSize);
    if (!set) slots.set(a.outcomes.barSize, (set = new Set()));
    set.add(slotOf(a.t, session));
  }
  return slots;
}

function score(moves: readonly number[], baseline: readonly number[]): HorizonScore {
  const hits = moves.filter((m) => m > 0).length;
  const baselineHits = baseline.filter((m) => m > 0).length;
  return {
    known: moves.length,
    hits,
    hitRate: moves.length > 0 ? hits / moves.length : null,
    interval: wilsonInterval(hits, moves.length),
    median: median(moves),
    mean: mean(moves),
    baseline: {
      moves: baseline.length,
      hitRate: baseline.length > 0 ? baselineHits / baseline.length : null,
      median: median(baseline),
    },
  };
}
