// The walking skeleton's planner: one series request per listed symbol at every bar close
// (plus a settle delay), the first one at once. The quota-aware planner replaces it (issue 4).
import type { Session } from '../../sim/engine/market/index.js';
import { BAR_MS, type BarSize } from '../model/flow.js';
import type { SymbolState } from '../state/symbol-state.js';
import type { PollPlan } from './plan-types.js';

export const SETTLE_MS = 2_000;

export interface PlannerInput {
  readonly now: number;
  /** The session in progress (or just closed), or the next one. */
  readonly session: Session;
  readonly barSize: BarSize;
  readonly firstPoll: boolean;
  readonly symbols: readonly { readonly symbol: string; readonly state: SymbolState; readonly listed: boolean }[];
}

export function simplePlan(input: PlannerInput): PollPlan {
  const { now, session, barSize } = input;
  const barMs = BAR_MS[barSize];
  if (now < session.open) return { kind: 'idle', until: session.open + SETTLE_MS, reason: 'market-closed' };
  const lastClose = session.close + SETTLE_MS;
  if (!input.firstPoll && now >= lastClose) {
    return { kind: 'idle', until: session.close + 10 * 60_000, reason: 'market-closed' };
  }
  const end = Math.min(now, session.close);
  const requests = input.symbols
    .filter((s) => s.listed)
    .map(({ symbol, state }) => {
      const newest = state.newestClosed('all');
      const from = newest === null ? session.open : newest;
      return { endpoint: 'series' as const, symbol, bar: barSize, minutes: Math.ceil((end - from) / 60_000) + 1 };
    });
  if (input.firstPoll) return { kind: 'poll', at: now, requests };
  const nextClose = session.open + Math.floor((now - session.open) / barMs + 1) * barMs;
  return { kind: 'poll', at: Math.min(nextClose + SETTLE_MS, lastClose), requests };
}
