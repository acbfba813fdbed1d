// Threshold preview: how many alerts given settings would have fired over a day of bars, and
// when. It replays the day through the same detector and alert engine the app runs live, one
// bar close at a time (as if polled the moment each bar closed), so the answer is what the app
// would have done, not an estimate.
import type {
  ActiveSignal,
  AlertRecord,
  AlertSettings,
  DetectorSettings,
  PreviewResult,
  SuppressionReason,
} from '../contract/detector.js';
import type { Session } from '../../calendar/index.js';
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
  const replay = replayAlerts(
    [{ session, barsBySymbol: dayBarsBySymbol, ...options }],
    detector,
    alerts,
  );
  const bySymbol: Record<string, number> = {};
  for (const a of replay.records) bySymbol[a.symbol] = (bySymbol[a.symbol] ?? 0) + 1;
  return {
    alertCount: replay.records.length,
    alerts: replay.records.map((a) => ({
      symbol: a.symbol,
      kind: a.kind,
      direction: a.direction,
      severity: a.severity,
      t: a.t,
      firedAt: a.firedAt,
      barCount: a.evidence.barCount,
      move: a.evidence.move,
      title: a.title,
    })),
    bySymbol,
    episodes: replay.episodes,
    suppressed: replay.suppressed,
  };
}

/** One session to replay: its closed bars per symbol. */
export interface ReplayDay extends PreviewOptions {
  readonly session: Session | null;
  readonly barsBySymbol: Readonly<Record<string, readonly DetectorBar[]>>;
}

export interface ReplayResult {
  /** every alert the engine fired, oldest first, as the app records them */
  readonly records: readonly AlertRecord[];
  /** episodes the detector found (alerted or not) */
  readonly episodes: number;
  /** episodes that never alerted, by the reason that held them back last */
  readonly suppressed: Readonly<Partial<Record<SuppressionReason, number>>>;
}

/**
 * Replays sessions, oldest first, through one alert engine, as the app would have polled them
 * the moment each bar closed: episodes, cooldowns, quiet periods and escalations carry over
 * exactly as they do live (a new session ends yesterday's episodes).
 */
export function replayAlerts(
  days: readonly ReplayDay[],
  detector: DetectorSettings,
  alerts: AlertSettings,
): ReplayResult {
  const engine = new AlertEngine(alerts);
  const records: AlertRecord[] = [];
  const suppressed: Partial<Record<SuppressionReason, number>> = {};
  let episodes = 0;
  const countEnded = (ended: readonly ActiveSignal[]) => {
    for (const e of ended) {
      if (!e.alerted && e.pending) suppressed[e.pending] = (suppressed[e.pending] ?? 0) + 1;
    }
  };
  for (const day of days) {
    const polls: { symbol: string; step: DetectorStep; barMs: number }[] = [];
    for (const [symbol, bars] of Object.entries(day.barsBySymbol)) {
      const barMs = day.barMs ?? inferBarMs(bars);
      const reference = day.references?.[symbol];
      // With the bar size known, a hole in a stored day restarts the run as it did live.
      for (const step of scan(bars, detector, { barMs, ...(reference && { reference }) })) {
        polls.push({ symbol, step, barMs });
      }
    }
    // Interleave symbols by bar close, as the live app sees them.
    polls.sort(
      (a, b) => a.step.t + a.barMs - (b.step.t + b.barMs) || a.symbol.localeCompare(b.symbol),
    );
    const seen = new Set<string>();
    for (const { symbol, step, barMs } of polls) {
      const now = step.t + barMs;
      const result = engine.poll({
        symbol,
        t: step.t,
        verdicts: step.verdicts,
        now,
        session: day.session,
        barMs,
      });
      countEnded(result.ended);
      for (const v of step.verdicts) {
        const key = `${symbol}:${v.kind}:${v.direction}:${v.since}`;
        if (!seen.has(key)) episodes++;
        seen.add(key);
      }
      records.push(...result.alerts);
    }
    // Episodes still running at the day's end: the next session drops them unannounced.
    for (const symbol of Object.keys(day.barsBySymbol)) countEnded(engine.active(symbol));
  }
  return { records, episodes, suppressed };
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
