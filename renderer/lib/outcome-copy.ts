// Words for alert outcomes and scorecards. Moves are formatted by core/contract/format.ts; what
// is not known says why ("spot unknown", "after the close"), never a zero.
import { formatMove, formatPercent } from '../../core/contract/format.js';
import type {
  AlertOutcomes,
  ScorecardGroup,
  HorizonOutcome,
  HorizonScore,
  OutcomeHorizon,
  ScorecardRule,
} from '../../core/contract/index.js';

/** The horizons in order (a type-checked copy: the renderer imports only types from core). */
export const HORIZONS = ['5m', '15m', '30m', 'close'] as const satisfies readonly OutcomeHorizon[];

export const HORIZON_LABELS: Readonly<Record<OutcomeHorizon, string>> = {
  '5m': '5 min',
  '15m': '15 min',
  '30m': '30 min',
  close: 'Close',
};

export const RULES = [
  'squeeze-up',
  'squeeze-down',
  'reversal',
  'gamma-flip',
] as const satisfies readonly ScorecardRule[];

export const RULE_LABELS: Readonly<Record<ScorecardRule, string>> = {
  'squeeze-up': 'Squeeze ▲ up',
  'squeeze-down': 'Squeeze ▼ down',
  reversal: 'Reversal',
  'gamma-flip': 'Gamma-flip cross',
};

/** "in 15 min", "by the close". */
function horizonWords(h: OutcomeHorizon): string {
  return h === 'close' ? 'by the close' : `in ${HORIZON_LABELS[h]}`;
}

/** One horizon's cell: "+0.21%", "not yet", "unknown: no bar", "n/a". */
export function outcomeCell(o: HorizonOutcome): string {
  switch (o.status) {
    case 'known':
      return formatMove(o.move);
    case 'pending':
      return 'not yet';
    case 'unknown':
      switch (o.reason) {
        case 'spot-unknown':
          return 'spot unknown';
        case 'no-bar':
          return 'unknown (no bar)';
        case 'after-close':
          return 'after the close';
      }
      break;
    case 'excluded':
      return 'n/a at this bar size';
  }
  return '—';
}

export type OutcomeTone = 'up' | 'down' | 'flat' | 'muted';

/** An outcome's tone: green when price went the alert's way, red when against. */
export function outcomeTone(o: HorizonOutcome): OutcomeTone {
  if (o.status !== 'known') return 'muted';
  return o.move > 0 ? 'up' : o.move < 0 ? 'down' : 'flat';
}

/**
 * The card's one-line outcome: the longest fixed horizon known so far ("+0.21% in 15 min"),
 * else what is known about the wait ("outcome in 5 min: not yet", "spot unknown").
 */
export function outcomeSummary(outcomes: AlertOutcomes | undefined): {
  readonly text: string;
  readonly tone: OutcomeTone;
} {
  if (!outcomes) return { text: 'outcome not tracked', tone: 'muted' };
  for (const h of ['30m', '15m', '5m'] as const) {
    const o = outcomes.horizons[h];
    if (o.status === 'known')
      return { text: `${formatMove(o.move)} ${horizonWords(h)}`, tone: outcomeTone(o) };
  }
  if (outcomes.spot === null && HORIZONS.every((h) => outcomes.horizons[h].status !== 'pending')) {
    return { text: 'outcome unknown: spot unknown', tone: 'muted' };
  }
  if (HORIZONS.some((h) => outcomes.horizons[h].status === 'pending')) {
    return { text: 'outcome not known yet', tone: 'muted' };
  }
  const close = outcomes.horizons.close;
  if (close.status === 'known')
    return { text: `${formatMove(close.move)} by the close`, tone: outcomeTone(close) };
  return { text: 'outcome unknown', tone: 'muted' };
}

/** "58% (32–81%)", or "—" without a sample. */
export function hitRateText(s: HorizonScore): string {
  if (s.hitRate === null || s.interval === null) return '—';
  return `${formatPercent(s.hitRate)} (${formatPercent(s.interval.low)}–${formatPercent(s.interval.high)})`;
}

export function moveOrDash(n: number | null): string {
  return n === null ? '—' : formatMove(n);
}

export function rateOrDash(n: number | null): string {
  return n === null ? '—' : formatPercent(n);
}

/** A rule's 15-minute figures in two short lines: "58% (32–81%) · n 12", "+0.04% · base 49%". */
export function compareLines(g: ScorecardGroup | undefined): string[] {
  if (!g || g.count === 0) return ['none'];
  const s = g.horizons['15m'];
  return [
    `${hitRateText(s)} · n ${g.count}`,
    `${moveOrDash(s.median)} · base ${rateOrDash(s.baseline.hitRate)}`,
  ];
}
