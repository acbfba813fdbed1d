// The seam between polling and alerting: after new data for a symbol is merged, the poll loop
// hands the symbol's state to the pipeline, which runs the detector over closed bars, feeds the
// alert engine, notifies, records history and keeps the active signal the row shows.
import type { Session } from '../../calendar/index.js';
import type { ActiveSignal } from '../contract/detector.js';
import type { SymbolState } from '../state/symbol-state.js';

export interface EvaluationContext {
  /** Server-side time (the market clock). */
  readonly now: number;
  readonly session: Session;
  /** This evaluation follows a backfill or a resume from sleep: only the newest state may alert. */
  readonly catchUp: boolean;
}

export interface SignalPipeline {
  evaluate(symbol: string, state: SymbolState, context: EvaluationContext): Promise<void>;
  signal(symbol: string): ActiveSignal | null;
  snoozedUntil(symbol: string): number | null;
  /** A new session began: episodes end, snoozes for "rest of day" lapse. */
  resetSession(session: Session): void;
}

/** For loops that must not alert (e.g. previews). */
export const silentPipeline: SignalPipeline = {
  evaluate: async () => {},
  signal: () => null,
  snoozedUntil: () => null,
  resetSession: () => {},
};
