// One planned poll of one symbol: its requests (one series, or one hedge-flow per side), each
// validated by the client and merged into the symbol's state. The symbol's poll succeeds only
// when every request of it did, so a half-fetched leg never counts as up to date.
import type { Account } from '../api/api-types.js';
import type { RateLimit } from '../api/rate-limit.js';
import type { BarRecorder } from '../history/bar-recorder.js';
import type { Side } from '../model/flow.js';
import type { Logger } from '../ports/logger.js';
import type { PlannedRequest } from '../plan/plan-types.js';
import type { FlowSource } from '../source/flow-source.js';
import type { SymbolState } from '../state/symbol-state.js';

export type SymbolRequest = Exclude<PlannedRequest, { endpoint: 'account' }>;

export type PollOutcome =
  | { readonly ok: true; readonly asOf: number; readonly closed: number }
  | { readonly ok: false; readonly error: unknown };

export interface RequestHooks {
  /** Just before a request is sent (the quota counts it). */
  readonly onSend: () => void;
  readonly onRateLimit: (rateLimit: RateLimit) => void;
}

/** Groups a plan's symbol requests by symbol, keeping the plan's order. */
export function bySymbol(requests: readonly PlannedRequest[]): Map<string, SymbolRequest[]> {
  const out = new Map<string, SymbolRequest[]>();
  for (const r of requests) {
    if (r.endpoint === 'account') continue;
    const list = out.get(r.symbol) ?? [];
    list.push(r);
    out.set(r.symbol, list);
  }
  return out;
}

export async function pollSymbol(
  source: FlowSource,
  state: SymbolState,
  requests: readonly SymbolRequest[],
  hooks: RequestHooks,
  signal: AbortSignal,
): Promise<PollOutcome> {
  let asOf = Number.NEGATIVE_INFINITY;
  let closed = 0;
  for (const request of requests) {
    try {
      hooks.onSend();
      if (request.endpoint === 'series') {
        const { data, rateLimit } = await source.series(request.symbol, request, signal);
        if (rateLimit) hooks.onRateLimit(rateLimit);
        closed += state.mergeSeries(data).closed;
        asOf = Math.max(asOf, data.asOf);
      } else {
        const { data, rateLimit } = await source.hedgeFlow(request.symbol, request, signal);
        if (rateLimit) hooks.onRateLimit(rateLimit);
        closed += state.mergeHedgeFlow(data).closed;
        asOf = Math.max(asOf, data.asOf);
      }
    } catch (error) {
      return { ok: false, error };
    }
  }
  return { ok: true, asOf, closed };
}

export async function fetchAccount(
  source: FlowSource,
  hooks: RequestHooks,
  signal: AbortSignal,
): Promise<{ ok: true; account: Account } | { ok: false; error: unknown }> {
  try {
    hooks.onSend();
    const { data, rateLimit } = await source.account(signal);
    if (rateLimit) hooks.onRateLimit(rateLimit);
    return { ok: true, account: data };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Writes the symbol's newly closed bars to history; a failed write is logged, not thrown. */
export async function recordBars(
  recorder: BarRecorder,
  date: string,
  state: SymbolState,
  sides: readonly Side[],
  logger: Logger,
): Promise<void> {
  try {
    await recorder.record(date, state, sides);
  } catch (error) {
    // A full disk must not stop the live view; the bars stay in memory and are written later.
    const why = error instanceof Error ? error.message : String(error);
    logger.warn('history write failed', { symbol: state.symbol, error: why });
  }
}
