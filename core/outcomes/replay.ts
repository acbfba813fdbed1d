// The detector and the alert engine over several stored or simulated sessions, with each alert's
// outcomes and the scorecard: what `hedgeflow backtest` prints and what the settings' threshold
// preview compares. The same code path as the app's (detectorBars -> scan -> AlertEngine), so
// the alerts are the ones the app would have sent had it polled every bar close.
import { nyDate, type Session } from '../../calendar/index.js';
import type { AlertRecord, AlertSettings, DetectorSettings } from '../contract/detector.js';
import type { AlertOutcomes, Scorecard } from '../contract/outcomes.js';
import { detectorBars } from '../app/alert-pipeline.js';
import { createReference } from '../detect/distribution.js';
import { replayAlerts, type ReplayDay } from '../detect/preview.js';
import { BAR_MS, type BarSize } from '../model/flow.js';
import type { MergedBar } from '../state/symbol-state.js';
import type { SessionSpots } from './baseline.js';
import { computeOutcomes, spotLookup } from './outcome.js';
import { buildScorecard } from './scorecard.js';

/** One session's closed bars per symbol, at one bar size. */
export interface SessionBars {
  readonly session: Session;
  readonly barSize: BarSize;
  /** closed bars per symbol, oldest first (state bars, stored bars or simulated ones) */
  readonly bars: Readonly<Record<string, readonly MergedBar[]>>;
  /** no more bars will arrive (the session is over) */
  readonly complete: boolean;
  /** |bar| of earlier sessions per symbol, for the detector's relative threshold */
  readonly references?: Readonly<Record<string, readonly number[]>>;
}

export type AlertWithOutcomes = AlertRecord & { readonly outcomes: AlertOutcomes };

export interface BacktestResult {
  /** every alert fired, oldest first, with its outcomes */
  readonly alerts: readonly AlertWithOutcomes[];
  readonly scorecard: Scorecard;
  /** episodes the detector found (alerted or not) */
  readonly episodes: number;
}

/** The sessions as the scorecard's baseline reads them. */
function sessionSpots(sessions: readonly SessionBars[]): SessionSpots[] {
  return sessions.flatMap((s) =>
    Object.entries(s.bars).map(([symbol, bars]) => ({
      date: s.session.date,
      symbol,
      barSize: s.barSize,
      session: s.session,
      bars: bars.map((b) => ({ t: b.t, spot: b.spot })),
    })),
  );
}

/** Sessions must be oldest first (the engine's cooldowns and episodes run forward in time). */
export function backtest(
  sessions: readonly SessionBars[],
  detector: DetectorSettings,
  alerts: AlertSettings,
): BacktestResult {
  const days: ReplayDay[] = sessions.map((s) => ({
    session: s.session,
    barMs: BAR_MS[s.barSize],
    barsBySymbol: Object.fromEntries(
      Object.entries(s.bars).map(([symbol, bars]) => [symbol, detectorBars(bars)]),
    ),
    ...(s.references && {
      references: Object.fromEntries(
        Object.entries(s.references).map(([symbol, values]) => [symbol, createReference(values)]),
      ),
    }),
  }));
  const replay = replayAlerts(days, detector, alerts);
  const byDate = new Map(sessions.map((s) => [s.session.date, s]));
  const lookups = new Map<string, ReturnType<typeof spotLookup>>();
  const scored = replay.records.map((alert): AlertWithOutcomes => {
    const s = byDate.get(nyDate(alert.t));
    // The engine only ever alerts on a bar it was given, and every bar is in its session.
    if (!s) throw new Error(`alert ${alert.id} outside the replayed sessions`);
    const key = `${s.session.date}|${alert.symbol}`;
    let spotAt = lookups.get(key);
    if (!spotAt) lookups.set(key, (spotAt = spotLookup(s.bars[alert.symbol] ?? [])));
    const outcomes = computeOutcomes(
      { t: alert.t, direction: alert.direction, barSize: s.barSize, session: s.session },
      spotAt,
      s.complete,
    );
    return { ...alert, outcomes };
  });
  return {
    alerts: scored,
    scorecard: buildScorecard({ sessions: sessionSpots(sessions), alerts: scored }),
    episodes: replay.episodes,
  };
}
