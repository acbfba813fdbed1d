// Where `hedgeflow backtest` gets its sessions: the simulator in-process (the same client and
// merge code as the app's demo mode, asked once per symbol-session for the whole session's
// series right at its close), or the bars a HedgeFlow data folder recorded.
import { hasZeroDte, latestSession, sessionOn, type Session } from '../../calendar/index.js';
import { REFERENCE_SESSIONS } from '../app/app-archive.js';
import type { HistoryStore } from '../history/history-store.js';
import type { BarSize } from '../model/flow.js';
import type { InProcessSimulator } from '../source/sim-transport.js';
import { demoSource } from '../source/sources.js';
import { SymbolState, type MergedBar } from '../state/symbol-state.js';
import type { SessionBars } from './replay.js';
import { StoredSessions } from './stored-sessions.js';
import { sessionEnded } from './tracker.js';

/** Called after each session is loaded: how many of how many. */
export type Progress = (done: number, total: number) => void;

/** The latest `count` sessions of the calendar that closed by `until`, oldest first. */
export function calendarSessions(count: number, until: number): Session[] {
  const out: Session[] = [];
  let probe = until;
  while (out.length < count) {
    const s = latestSession(probe);
    if (s.close <= until) out.unshift(s);
    probe = s.open - 1;
  }
  return out;
}

/**
 * Each session's bars from the in-process simulator: one series request per symbol at the
 * session's close, through the FlashAlpha client (schema validation included) and merged into a
 * SymbolState as a poll would be, so the bars are exactly those the app's demo mode records.
 */
export async function simulatedSessions(
  simulator: InProcessSimulator,
  sessions: readonly Session[],
  symbols: readonly string[],
  barSize: BarSize,
  progress?: Progress,
): Promise<SessionBars[]> {
  let now = 0;
  const source = demoSource(simulator, () => now);
  const out: SessionBars[] = [];
  for (const [i, session] of sessions.entries()) {
    now = session.close;
    const minutes = Math.round((session.close - session.open) / 60_000);
    const bars: Record<string, readonly MergedBar[]> = {};
    for (const symbol of symbols) {
      if (!hasZeroDte(symbol, session.date)) continue;
      const state = new SymbolState(symbol, barSize, session.open, session.close);
      state.mergeSeries((await source.series(symbol, { bar: barSize, minutes })).data);
      bars[symbol] = state.closedBars();
    }
    out.push({ session, barSize, bars, complete: true });
    progress?.(i + 1, sessions.length);
  }
  return out;
}

/**
 * The latest `count` recorded sessions that ended by `until` with bars at `barSize`, oldest
 * first; `symbols` (default: every recorded symbol) limits what is read.
 */
export async function recordedSessions(
  history: HistoryStore,
  options: {
    readonly count: number;
    readonly until: number;
    readonly barSize: BarSize;
    readonly symbols?: readonly string[];
  },
  progress?: Progress,
): Promise<SessionBars[]> {
  const stored = new StoredSessions(history, options.until);
  const dates = (await stored.latest(Number.MAX_SAFE_INTEGER, options.barSize))
    .filter((d) => sessionEnded(sessionOn(d)!, options.until))
    .slice(-options.count);
  const out: SessionBars[] = [];
  for (const [i, date] of dates.entries()) {
    const session = sessionOn(date)!;
    const bars: Record<string, readonly MergedBar[]> = {};
    for (const { symbol, barSize } of await stored.filesOn(date)) {
      if (barSize !== options.barSize) continue;
      if (options.symbols && !options.symbols.includes(symbol)) continue;
      bars[symbol] = await stored.bars(date, symbol, barSize);
    }
    out.push({ session, barSize: options.barSize, bars, complete: true });
    progress?.(i + 1, dates.length);
  }
  return out;
}

/**
 * The relative threshold's reference, as the app has it: each session's |bar| sample is that of
 * the up to 20 sessions before it (the loaded list is oldest first and may start with sessions
 * loaded only for this). Returns the sessions from `first` on, with references.
 */
export function withReferences(sessions: readonly SessionBars[], first: number): SessionBars[] {
  return sessions.slice(first).map((s, k) => {
    const i = first + k;
    const before = sessions.slice(Math.max(0, i - REFERENCE_SESSIONS), i);
    const references: Record<string, number[]> = {};
    for (const symbol of Object.keys(s.bars)) {
      references[symbol] = before.flatMap((p) =>
        (p.bars[symbol] ?? []).flatMap((b) => (b.all?.bar != null ? [Math.abs(b.all.bar)] : [])),
      );
    }
    return { ...s, references };
  });
}
