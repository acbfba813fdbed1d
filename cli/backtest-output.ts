// What `hedgeflow backtest` prints: one JSON object per alert and a final scorecard object
// (--json) or a table; --csv is the app's own alerts CSV (core/history/csv.ts). Figures are formatted only by
// core/contract/format.ts; JSON and CSV keep raw fractions (a move of +0.21% is 0.0021).
import { formatMove, formatNyTime, formatPercent, formatPrice } from '../core/contract/format.js';
import {
  OUTCOME_HORIZONS,
  SCORECARD_RULES,
  SMALL_SAMPLE,
  knownMove,
  type HorizonOutcome,
  type OutcomeHorizon,
  type Scorecard,
  type ScorecardGroup,
  type ScorecardRule,
} from '../core/contract/outcomes.js';
import type { AlertWithOutcomes } from '../core/outcomes/replay.js';
import { ruleOf } from '../core/outcomes/scorecard.js';

/** What the run covered, for the scorecard object and the table's heading. */
export interface RunInfo {
  readonly source: 'demo' | 'recorded';
  readonly seed: number | null;
  readonly barSize: string;
  readonly episodes: number;
}

const iso = (t: number): string => new Date(t).toISOString();

export function alertJson(a: AlertWithOutcomes): Record<string, unknown> {
  return {
    type: 'alert',
    symbol: a.symbol,
    t: iso(a.t),
    kind: a.kind,
    direction: a.direction,
    rule: ruleOf(a.kind, a.direction),
    severity: a.severity,
    barSize: a.outcomes.barSize,
    spot: a.outcomes.spot,
    outcomes: Object.fromEntries(OUTCOME_HORIZONS.map((h) => [h, knownMove(a.outcomes, h)])),
  };
}

export function scorecardJson(card: Scorecard, info: RunInfo, alerts: number): object {
  return {
    type: 'scorecard',
    source: info.source,
    ...(info.seed !== null && { seed: info.seed }),
    sessions: card.sessions,
    symbols: card.symbols,
    barSize: info.barSize,
    alerts,
    episodes: info.episodes,
    withoutSpot: card.withoutSpot,
    groups: card.groups,
  };
}

const RULE_LABELS: Readonly<Record<ScorecardRule, string>> = {
  'squeeze-up': 'squeeze ▲',
  'squeeze-down': 'squeeze ▼',
  reversal: 'reversal',
  'gamma-flip': 'gamma flip',
};

/** An outcome cell: the move, "pending", "—" (unknown) or "n/a" (not whole bars). */
function outcomeText(o: HorizonOutcome): string {
  switch (o.status) {
    case 'known':
      return formatMove(o.move);
    case 'pending':
      return 'pending';
    case 'unknown':
      return '—';
    case 'excluded':
      return 'n/a';
  }
}

const pad = (text: string, width: number, right = false): string =>
  right ? text.padStart(width) : text.padEnd(width);
const orDash = (n: number | null, f: (n: number) => string): string => (n === null ? '—' : f(n));

export function table(
  alerts: readonly AlertWithOutcomes[],
  card: Scorecard,
  info: RunInfo,
): string {
  const sessions = card.sessions.length === 1 ? 'session' : 'sessions';
  const what =
    info.source === 'demo' ? `simulated ${sessions} (seed ${info.seed})` : `recorded ${sessions}`;
  const span = card.sessions.length > 0 ? `, ${card.sessions[0]} to ${card.sessions.at(-1)}` : '';
  const lines = [
    `HedgeFlow backtest: ${card.sessions.length} ${what}, ${card.symbols.join(' ')}, ${info.barSize} bars${span}`,
  ];
  if (info.source === 'demo') {
    lines.push(
      "Simulated: the simulator's model market, not the market; these figures say how the rule",
      'behaves on that model, not how it would have done on real sessions.',
    );
  }
  lines.push('', `Alerts (${alerts.length}), moves signed by the alert's direction:`);
  const head = ['date', 'time', 'symbol', 'rule', 'spot', ...OUTCOME_HORIZONS.map(horizonLabel)];
  const widths = [10, 5, 6, 10, 9, 8, 8, 8, 8];
  lines.push(`  ${head.map((h, i) => pad(h, widths[i]!, i >= 4)).join('  ')}`);
  for (const a of alerts) {
    const cells = [
      iso(a.t).slice(0, 10),
      formatNyTime(a.t),
      a.symbol,
      RULE_LABELS[ruleOf(a.kind, a.direction)],
      a.outcomes.spot === null ? 'unknown' : formatPrice(a.outcomes.spot),
      ...OUTCOME_HORIZONS.map((h) => outcomeText(a.outcomes.horizons[h])),
    ];
    lines.push(`  ${cells.map((c, i) => pad(c, widths[i]!, i >= 4)).join('  ')}`);
  }
  lines.push(
    '  (— unknown: a hole in the data, no spot, or past the close; n/a: not a whole number of bars)',
    '',
    `Scorecard: one alert per episode; estimates from these sessions${info.source === 'demo' ? ' (simulated)' : ''}.`,
  );
  for (const rule of SCORECARD_RULES) {
    const all = card.groups.find((g) => g.rule === rule && g.symbol === null);
    if (all) lines.push(...groupLines(all));
  }
  const bySymbol = card.groups.filter((g) => g.symbol !== null && g.count > 0);
  if (bySymbol.length > 0) {
    lines.push('', 'Per symbol, 15 minutes after:');
    for (const g of bySymbol) {
      const h = g.horizons['15m'];
      lines.push(
        `  ${pad(RULE_LABELS[g.rule], 10)}  ${pad(g.symbol!, 6)}  ${pad(String(g.count), 4, true)} ${g.count === 1 ? 'alert ' : 'alerts'}  hit ${rateText(h)}  median ${orDash(h.median, formatMove)}  baseline hit ${orDash(h.baseline.hitRate, formatPercent)}`,
      );
    }
  }
  return lines.join('\n');
}

function groupLines(g: ScorecardGroup): string[] {
  const title = `${RULE_LABELS[g.rule]}: ${g.count} ${g.count === 1 ? 'alert' : 'alerts'}${g.smallSample && g.count > 0 ? ` (small sample: fewer than ${SMALL_SAMPLE})` : ''}`;
  if (g.count === 0) return ['', title];
  const head = ['after', 'known', 'hit rate (95% CI)', 'median', 'mean', 'base hit', 'base median'];
  const widths = [6, 5, 20, 8, 8, 8, 11];
  const out = [
    '',
    title,
    `  ${head.map((h, i) => pad(h, widths[i]!, i === 1 || i >= 3)).join('  ')}`,
  ];
  for (const h of OUTCOME_HORIZONS) {
    const s = g.horizons[h];
    const cells = [
      horizonLabel(h),
      String(s.known),
      rateText(s),
      orDash(s.median, formatMove),
      orDash(s.mean, formatMove),
      orDash(s.baseline.hitRate, formatPercent),
      orDash(s.baseline.median, formatMove),
    ];
    out.push(`  ${cells.map((c, i) => pad(c, widths[i]!, i === 1 || i >= 3)).join('  ')}`);
  }
  return out;
}

function rateText(s: ScorecardGroup['horizons'][OutcomeHorizon]): string {
  if (s.hitRate === null || s.interval === null) return '—';
  return `${formatPercent(s.hitRate)} (${formatPercent(s.interval.low)}–${formatPercent(s.interval.high)})`;
}

function horizonLabel(h: OutcomeHorizon): string {
  return h === 'close' ? 'close' : `+${h}`;
}
