// One planned poll of one symbol: its requests (one series, or one hedge-flow per side), each
// with its window sized just before it is sent (from the state and the server's clock as known
// then), validated by the client, merged into the symbol's state, and checked for what it left
// undone (response-check.ts). The symbol's poll succeeds only when every request of it did, so
// a half-fetched leg never counts as up to date. The quota hears of each request from the
// source itself (core/source/metered-source.ts), not from here.
import { err, ok, type Result } from '../base/result.js';
import type { BarRecorder } from '../history/bar-recorder.js';
import type { Side } from '../model/flow.js';
import type { Logger } from '../ports/logger.js';
import type { PlannedRequest } from '../plan/plan-types.js';
import { checkAnswer, worse, type Shortfall } from '../plan/response-check.js';
import { windowFor } from '../plan/window-sizer.js';
import type { FlowSource } from '../source/flow-source.js';
import type { MergeReport, SymbolState } from '../state/symbol-state.js';
import { messageOf } from '../base/error-message.js';

export type SymbolRequest = Exclude<PlannedRequest, { endpoint: 'account' }>;

/** A symbol's poll that succeeded: every request of it was answered and merged. */
interface PolledSymbol {
  /** Our clock when the first request was sent. */
  readonly sentAt: number;
  /** The newest server time among the answers. */
  readonly asOf: number;
  readonly closed: number;
  readonly shortfall: Shortfall;
}

/** The first request's error ends the poll (whatever a source may throw, hence `unknown`). */
export type PollOutcome = Result<PolledSymbol, unknown>;

/** One answered request, for statistics (the benchmark counts wasted requests). */
export interface AnsweredRequest {
  readonly symbol: string;
  readonly minutes: number;
  readonly asOf: number;
  readonly report: MergeReport;
  readonly shortfall: Shortfall;
}

export interface RequestHooks {
  /** Our clock (the market clock the loop runs on). */
  readonly now: () => number;
  /** The server time a request sent now is expected to be served at. */
  readonly serveAt: (now: number) => number;
  /** An answer arrived for a request sent at `sentAt` (our clock), served at `asOf`. */
  readonly onAnswer: (sentAt: number, asOf: number) => void;
  readonly onMerged?: (answer: AnsweredRequest) => void;
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

const SERIES_SIDES: readonly Side[] = ['all', 'calls', 'puts'];

export async function pollSymbol(
  source: FlowSource,
  state: SymbolState,
  date: string,
  requests: readonly SymbolRequest[],
  hooks: RequestHooks,
  signal: AbortSignal,
): Promise<PollOutcome> {
  let asOf = Number.NEGATIVE_INFINITY;
  let closed = 0;
  let shortfall: Shortfall = { kind: 'none' };
  let firstSent: number | null = null;
  for (const request of requests) {
    const sides = request.endpoint === 'series' ? SERIES_SIDES : [request.side];
    try {
      const sentAt = hooks.now();
      firstSent ??= sentAt;
      // As late as possible: the state may have moved since the plan, and so may the clocks.
      const minutes = windowFor(state, date, sides, hooks.serveAt(sentAt));
      let served: number;
      let report: MergeReport;
      if (request.endpoint === 'series') {
        const query = { bar: request.bar, minutes };
        const { data } = await source.series(request.symbol, query, signal);
        report = state.mergeSeries(data);
        served = data.asOf;
      } else {
        const query = { side: request.side, bar: request.bar, minutes };
        const { data } = await source.hedgeFlow(request.symbol, query, signal);
        report = state.mergeHedgeFlow(data);
        served = data.asOf;
      }
      hooks.onAnswer(sentAt, served);
      const left = checkAnswer(state, date, { sides, asOf: served, minutes });
      hooks.onMerged?.({ symbol: request.symbol, minutes, asOf: served, report, shortfall: left });
      shortfall = worse(shortfall, left);
      closed += report.closed;
      asOf = Math.max(asOf, served);
    } catch (error) {
      return err(error);
    }
  }
  return ok({ sentAt: firstSent ?? hooks.now(), asOf, closed, shortfall });
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
    const why = messageOf(error);
    logger.warn('history write failed', { symbol: state.symbol, error: why });
  }
}
