// The row the popover (and `hedgeflow watch`) shows for one symbol: what it says about its data
// (loading, live, stale, closed, no 0DTE today, paused or an error: from the market clock, the
// calendar and the planner's view), and its bars and figures from the merged state. Every
// bucket between the first shown and the newest is present, so a bucket whose final value is
// not known is a hole (nulls) in `points` and `bars`, never a zero and never skipped over: a
// chart draws a gap, the terminal prints nothing for it.
import {
  hasZeroDte,
  nextSessionOpen,
  type Session,
  type ZeroDteListings,
} from '../../calendar/index.js';
import type { ActiveSignal } from '../contract/detector.js';
import type {
  BarPoint,
  DayView,
  ErrorView,
  SeriesPoint,
  SymbolStatus,
  SymbolView,
} from '../contract/views.js';
import type { Block } from '../plan/failures.js';
import type { ScheduleView } from '../plan/symbol-schedule.js';
import type { MergedBar, SymbolState } from '../state/symbol-state.js';
import { toErrorView } from './error-view.js';

interface StatusInput {
  readonly symbol: string;
  readonly now: number;
  readonly session: Session;
  readonly paused: boolean;
  /** The effective listing schedule (defaults merged with the user's overrides). */
  readonly listings: ZeroDteListings;
  readonly schedule: ScheduleView;
  readonly block: Block | null;
  /** Whether any bar has been merged this session. */
  readonly hasData: boolean;
  /** How long the planner means to wait between polls now (the bar or a multiple). */
  readonly stepMs: number;
  readonly barMs: number;
}

/** Data older than a poll step plus this much (beyond a bar) reads as stale. */
export const STALE_SLACK_MS = 30_000;

/** The open of the next session (after `from`) on which `symbol` lists a 0DTE expiry. */
function nextListedOpen(symbol: string, from: number, listings: ZeroDteListings): number {
  let t = from;
  for (let i = 0; i < 15; i++) {
    const s = nextSessionOpen(t);
    if (hasZeroDte(symbol, s.date, listings)) return s.open;
    t = s.open;
  }
  return nextSessionOpen(from).open;
}

function symbolStatus(i: StatusInput): SymbolStatus {
  const { now, session } = i;
  if (i.paused) return { kind: 'paused' };
  const listed = hasZeroDte(i.symbol, session.date, i.listings);
  if (!listed || i.schedule.empty) {
    const from = Math.max(now, session.open);
    return { kind: 'no-0dte', nextOpen: nextListedOpen(i.symbol, from, i.listings) };
  }
  if (now < session.open) return { kind: 'closed', nextOpen: session.open };
  if (now >= session.close) return { kind: 'closed', nextOpen: nextSessionOpen(now).open };
  const error = errorOf(i);
  if (error && !i.hasData) return { kind: 'error', error };
  if (!i.hasData) return { kind: 'loading' };
  const last = i.schedule.lastOkAt;
  if (last !== null && now - last > Math.max(i.stepMs, i.barMs) + i.barMs + STALE_SLACK_MS) {
    return error && i.block === null ? { kind: 'error', error } : { kind: 'stale', since: last };
  }
  return { kind: 'live' };
}

function errorOf(i: StatusInput): ErrorView | null {
  if (i.block)
    return toErrorView(
      i.block.error,
      i.now,
      Number.isFinite(i.block.until) ? i.block.until : undefined,
    );
  if (i.schedule.error)
    return toErrorView(i.schedule.error, i.now, i.schedule.retryAt ?? undefined);
  return null;
}

export interface RowInput extends Omit<StatusInput, 'symbol' | 'hasData' | 'barMs'> {
  readonly day: DayView;
  readonly receivedAt: number | null;
  readonly signal: ActiveSignal | null;
  readonly snoozedUntil: number | null;
  readonly lookbackMs: number;
}

/** The row the popover (and `hedgeflow watch`) shows for one symbol. */
export function symbolRow(state: SymbolState, i: RowInput): SymbolView {
  const status = symbolStatus({
    ...i,
    symbol: state.symbol,
    hasData: state.size > 0,
    barMs: state.barMs,
  });
  return buildSymbolView(state, {
    status,
    receivedAt: i.receivedAt,
    signal: i.signal,
    snoozedUntil: i.snoozedUntil,
    lookbackMs: i.lookbackMs,
    day: i.day,
  });
}

export interface ViewExtras {
  readonly status: SymbolStatus;
  readonly receivedAt: number | null;
  readonly signal: ActiveSignal | null;
  readonly snoozedUntil: number | null;
  /** Only the last `lookbackMs` of the session is shown in the row's sparkline. */
  readonly lookbackMs: number;
  readonly day: DayView;
}

function known(b: MergedBar): boolean {
  return b.all !== null || b.calls !== null || b.puts !== null;
}

function hole(t: number): MergedBar {
  return { t, all: null, calls: null, puts: null, spot: null, gammaFlip: null };
}

/** The known buckets from `from` on, with an empty bucket in every hole between them. */
function withHoles(bars: readonly MergedBar[], from: number, barMs: number): MergedBar[] {
  const out: MergedBar[] = [];
  for (const b of bars) {
    if (b.t < from) continue;
    const prev = out.at(-1);
    if (prev) for (let t = prev.t + barMs; t < b.t; t += barMs) out.push(hole(t));
    out.push(b);
  }
  return out;
}

export function buildSymbolView(state: SymbolState, extras: ViewExtras): SymbolView {
  const all = state.bars().filter(known);
  const newest = all.at(-1) ?? null;
  const from = newest === null ? 0 : newest.t - extras.lookbackMs + state.barMs;
  const shown = withHoles(all, from, state.barMs);
  const points: SeriesPoint[] = shown.map((b) => ({
    t: b.t,
    all: b.all?.cumulative ?? null,
    calls: b.calls?.cumulative ?? null,
    puts: b.puts?.cumulative ?? null,
    spot: b.spot,
    gammaFlip: b.gammaFlip,
  }));
  const bars: BarPoint[] = shown.map((b) => ({
    t: b.t,
    all: b.all?.bar ?? null,
    calls: b.calls?.bar ?? null,
    puts: b.puts?.bar ?? null,
  }));
  const inProgress = newest !== null && !state.hasEnded(newest.t);
  const lastClosed = inProgress ? shown.at(-2) : shown.at(-1);
  const newestAll = [...shown].reverse().find((b) => b.all !== null);
  const withSpot = [...all].reverse().find((b) => b.spot !== null);
  const withFlip = [...all].reverse().find((b) => b.gammaFlip !== null);
  return {
    symbol: state.symbol,
    status: extras.status,
    barSize: state.barSize,
    expiration: state.expiration,
    asOf: state.asOf,
    receivedAt: extras.receivedAt,
    cumulative: newestAll?.all?.cumulative ?? null,
    lastBar: lastClosed?.all?.bar ?? null,
    spot: withSpot?.spot ?? null,
    gammaFlip: withFlip?.gammaFlip ?? null,
    points,
    bars,
    inProgress,
    signal: extras.signal,
    snoozedUntil: extras.snoozedUntil,
    day: extras.day,
  };
}
