// Threshold preview: how many alerts given settings would have fired over a day of bars, and
// when. It replays the day through the same detector and alert engine the app runs live, one
// bar close at a time (as if polled the moment each bar closed), so the answer is what the app
// would have done, not an estimate.
import type {
  ActiveSignal,
  AlertSettings,
  DetectorSettings,
  PreviewAlert,
  PreviewResult,
  SuppressionReason,
} from '../contract/detector.js';
import type { Session } from '../../sim/engine/market/index.js';
import { AlertEngine } from '../alerts/engine.js';
import { scan } from './detector.js';
import type { DetectorBar, DetectorStep, ReferenceDistribution } from './types.js';

export interface PreviewOptions {
  /** the bar size in ms; inferred from the bars' spacing when absent */
  readonly barMs?: number;
  /** past sessions' |bar| distribution per symbol (for minPercentile) */
  readonly references?: Readonly<Record<string, ReferenceDistribution>>;
}

const DEFAULT_BAR_MS = 60_000;

export function previewAlerts(
  dayBarsBySymbol: Readonly<Record<string, readonly DetectorBar[]>>,
  detector: DetectorSettings,
  alerts: AlertSettings,
  session: Session | null,
  options: PreviewOptions = {},
): PreviewResult {
  const engine = new AlertEngine(alerts);
  const polls: { symbol: string; step: DetectorStep; barMs: number }[] = [];
  for (const [symbol, bars] of Object.entries(dayBarsBySymbol)) {
    const barMs = options.barMs ?? inferBarMs(bars);
    const reference = options.references?.[symbol];
    // With the bar size known, a hole in a stored day restarts the run as it did live.
    for (const step of scan(bars, detector, { barMs, ...(reference && { reference }) })) {
      polls.push({ symbol, step, barMs });
    }
  }
  // Interleave symbols by bar close, as the live app sees them.
  polls.sort(
    (a, b) => a.step.t + a.barMs - (b.step.t + b.barMs) || a.symbol.localeCompare(b.symbol),
  );

  const fired: PreviewAlert[] = [];
  const bySymbol: Record<string, number> = {};
  const suppressed: Partial<Record<SuppressionReason, number>> = {};
  let episodes = 0;
  const seen = new Set<string>();
  const countEnded = (ended: readonly ActiveSignal[]) => {
    for (const e of ended) {
      if (!e.alerted && e.pending) suppressed[e.pending] = (suppressed[e.pending] ?? 0) + 1;
    }
  };
  for (const { symbol, step, barMs } of polls) {
    const now = step.t + barMs;
    const result = engine.poll({ symbol, t: step.t, verdicts: step.verdicts, now, session, barMs });
    countEnded(result.ended);
    for (const v of step.verdicts) {
      const key = `${symbol}:${v.kind}:${v.direction}:${v.since}`;
      if (!seen.has(key)) episodes++;
      seen.add(key);
    }
    for (const a of result.alerts) {
      bySymbol[symbol] = (bySymbol[symbol] ?? 0) + 1;
      fired.push({
        symbol,
        kind: a.kind,
        direction: a.direction,
        severity: a.severity,
        t: a.t,
        firedAt: a.firedAt,
        barCount: a.evidence.barCount,
        move: a.evidence.move,
        title: a.title,
      });
    }
  }
  for (const symbol of Object.keys(dayBarsBySymbol)) countEnded(engine.active(symbol));
  return { alertCount: fired.length, alerts: fired, bySymbol, episodes, suppressed };
}

/** The smallest spacing between consecutive bars (gaps only make spacing larger). */
export function inferBarMs(bars: readonly DetectorBar[]): number {
  let best = Infinity;
  for (let i = 1; i < bars.length; i++) {
    const d = bars[i]!.t - bars[i - 1]!.t;
    if (d > 0 && d < best) best = d;
  }
  return Number.isFinite(best) ? best : DEFAULT_BAR_MS;
}
