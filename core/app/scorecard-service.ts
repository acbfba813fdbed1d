// The app's two views of how alerts played out (docs/scorecard.md): the scorecard of the alerts
// it actually sent over the latest N stored sessions, and the threshold preview that replays a
// draft of the detector settings over the same sessions next to the current settings.
import { nyDate, sessionOn } from '../../calendar/index.js';
import type { DetectorSettings } from '../contract/detector.js';
import type { Scorecard, SessionsPreview, SessionsPreviewSide } from '../contract/outcomes.js';
import type { Settings } from '../contract/settings.js';
import type { HistoryStore } from '../history/history-store.js';
import { backtest, type SessionBars } from '../outcomes/replay.js';
import { buildScorecard } from '../outcomes/scorecard.js';
import { StoredSessions } from '../outcomes/stored-sessions.js';
import type { MergedBar, SymbolState } from '../state/symbol-state.js';

/**
 * The scorecard of the alerts stored over the latest `scorecardSessions` sessions with bars
 * (`barSize`: the guess of last resort for an alert stored without its bar size).
 */
export async function storedScorecard(
  history: HistoryStore,
  settings: Pick<Settings, 'scorecardSessions' | 'barSize'>,
  now: number,
): Promise<Scorecard> {
  const stored = new StoredSessions(history, now);
  const dates = await stored.latest(settings.scorecardSessions);
  return buildScorecard({
    sessions: await stored.spots(dates),
    alerts: await stored.alerts(dates, settings.barSize),
  });
}

export interface SessionsPreviewInput {
  readonly history: HistoryStore;
  /** Server-side time (the lane's market clock). */
  readonly now: number;
  readonly settings: Settings;
  readonly draft: DetectorSettings;
  /** A symbol's live state, when the app is polling it (today's closed bars come from it). */
  readonly live: (symbol: string) => SymbolState | undefined;
}

/**
 * Replays the latest N sessions with bars at the app's bar size (today's from the live state)
 * through the detector and alert engine, once with the draft and once with the current
 * settings, and scores both.
 */
export async function previewSessions(input: SessionsPreviewInput): Promise<SessionsPreview> {
  const { barSize, symbols, scorecardSessions, detector, alerts } = input.settings;
  const stored = new StoredSessions(input.history, input.now);
  const today = nyDate(input.now);
  let dates = await stored.latest(scorecardSessions, barSize);
  const liveBars = (symbol: string, date: string): readonly MergedBar[] | undefined => {
    const state = input.live(symbol);
    // The loop moves on to the next session after the close: only the same session counts.
    return state && state.sessionOpen === sessionOn(date)?.open ? state.closedBars() : undefined;
  };
  const liveToday = symbols.some((s) => (liveBars(s, today)?.length ?? 0) > 0);
  if (liveToday && sessionOn(today) && !dates.includes(today)) {
    dates = [...dates, today].slice(-scorecardSessions);
  }
  const percentile = input.draft.minPercentile > 0 || detector.minPercentile > 0;
  const sessions: SessionBars[] = [];
  for (const date of dates) {
    const session = sessionOn(date)!;
    const bars: Record<string, readonly MergedBar[]> = {};
    const references: Record<string, readonly number[]> = {};
    for (const symbol of symbols) {
      const kept = await stored.bars(date, symbol, barSize);
      const live = date === today ? liveBars(symbol, date) : undefined;
      // The live state is newer, unless a restart left it with less than history has.
      bars[symbol] = live && live.length >= kept.length ? live : kept;
      if (percentile) references[symbol] = await stored.reference(symbol, barSize, date);
    }
    sessions.push({ session, barSize, bars, complete: stored.complete(session), references });
  }
  const side = (settings: DetectorSettings): SessionsPreviewSide => {
    const result = backtest(sessions, settings, alerts);
    const bySymbol: Record<string, number> = Object.fromEntries(symbols.map((s) => [s, 0]));
    for (const a of result.alerts) bySymbol[a.symbol] = (bySymbol[a.symbol] ?? 0) + 1;
    return { alertCount: result.alerts.length, bySymbol, scorecard: result.scorecard };
  };
  return { sessions: dates, draft: side(input.draft), current: side(detector) };
}
