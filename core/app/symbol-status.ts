// What a symbol's row says about its data: loading, live, stale, closed, no 0DTE today,
// paused or an error. Derived from the market clock, the calendar and the planner's view.
import {
  hasZeroDte,
  nextSessionOpen,
  type Session,
  type ZeroDteListings,
} from '../../calendar/index.js';
import type { DayView, ErrorView, SymbolStatus } from '../contract/views.js';
import type { Block } from '../plan/failures.js';
import type { ScheduleView } from '../plan/symbol-schedule.js';
import { toErrorView } from './error-view.js';
import type { ActiveSignal } from '../contract/detector.js';
import type { SymbolView } from '../contract/views.js';
import type { SymbolState } from '../state/symbol-state.js';
import { buildSymbolView } from './symbol-view.js';

export interface StatusInput {
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
export function nextListedOpen(symbol: string, from: number, listings: ZeroDteListings): number {
  let t = from;
  for (let i = 0; i < 15; i++) {
    const s = nextSessionOpen(t);
    if (hasZeroDte(symbol, s.date, listings)) return s.open;
    t = s.open;
  }
  return nextSessionOpen(from).open;
}

export function symbolStatus(i: StatusInput): SymbolStatus {
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
