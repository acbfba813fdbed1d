// How complete each symbol's session is, for its row (and `watch --json`), and the record
// written to history once the day settles (complete, or incomplete with what the server could
// no longer serve). A symbol with no 0DTE chain today has nothing to miss: its day is complete
// once the session is over on the server, and no record is written for it.
import { messageOf } from '../base/error-message.js';
import type { DayView } from '../contract/views.js';
import type { DayRecorder } from '../history/day-recorder.js';
import type { BarSize, Side } from '../model/flow.js';
import { dayProgress } from '../plan/day-progress.js';
import type { Logger } from '../ports/logger.js';
import type { SymbolState } from '../state/symbol-state.js';

export interface DaySymbol {
  readonly symbol: string;
  readonly state: SymbolState | undefined;
  /** Listed today, and the server has not shown it has no chain. */
  readonly polled: boolean;
}

export interface DayLedgerOptions {
  readonly barSize: BarSize;
  /** The projections the app fetches. */
  readonly sides: readonly Side[];
  readonly logger: Logger;
  /** Absent: nothing is written. */
  readonly recorder?: DayRecorder;
}

export class DayLedger {
  readonly #options: DayLedgerOptions;

  constructor(options: DayLedgerOptions) {
    this.#options = options;
  }

  /** The symbol's day at the server time `serverNow`. */
  view(s: DaySymbol, date: string, serverNow: number): DayView {
    if (!s.state) return { date, state: 'filling', missing: [], missingBars: 0 };
    if (!s.polled) {
      const over = serverNow >= s.state.sessionClose;
      return { date, state: over ? 'complete' : 'filling', missing: [], missingBars: 0 };
    }
    return dayProgress({ state: s.state, date, sides: this.#options.sides, serverNow });
  }

  /** Writes the record of every polled symbol whose day has settled; failures are logged. */
  async settle(symbols: readonly DaySymbol[], date: string, serverNow: number, now: number) {
    const recorder = this.#options.recorder;
    if (!recorder) return;
    for (const s of symbols) {
      const day = this.view(s, date, serverNow);
      if (!s.polled || day.state === 'filling') continue;
      try {
        const wrote = await recorder.record({
          symbol: s.symbol,
          barSize: this.#options.barSize,
          sides: this.#options.sides,
          day: { ...day, state: day.state },
          settledAt: now,
        });
        if (wrote) this.#options.logger.info(`day ${day.state}`, { symbol: s.symbol, date });
      } catch (error) {
        const why = messageOf(error);
        this.#options.logger.warn('day record write failed', { symbol: s.symbol, error: why });
      }
    }
  }
}
