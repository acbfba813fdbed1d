// Writes a symbol's day record (history-layout.ts: complete, or incomplete with what is missing)
// once the day is settled, and again only when what it says changes: a day found incomplete
// that a later backfill completed, say. A record already on disk (an earlier run) that says the
// same is left alone.
import type { BarSize, Side } from '../model/flow.js';
import type { DayView } from '../contract/views.js';
import type { DayRecord } from './history-layout.js';
import type { HistoryStore } from './history-store.js';

export interface SettledDay {
  readonly symbol: string;
  readonly barSize: BarSize;
  readonly sides: readonly Side[];
  readonly day: DayView & { readonly state: DayRecord['state'] };
  readonly settledAt: number;
}

export class DayRecorder {
  readonly #history: HistoryStore;
  /** date/symbol/barSize -> what the record on disk says (without its time). */
  readonly #written = new Map<string, string>();

  constructor(history: HistoryStore) {
    this.#history = history;
  }

  /** Writes the record unless the one on disk says the same; true when it wrote. */
  async record(settled: SettledDay): Promise<boolean> {
    const { day } = settled;
    const record: DayRecord = {
      date: day.date,
      symbol: settled.symbol,
      barSize: settled.barSize,
      state: day.state,
      sides: [...settled.sides],
      missing: day.missing.map((r) => ({ side: r.side, from: r.from, to: r.to })),
      settledAt: settled.settledAt,
    };
    const key = `${record.date}/${record.symbol}/${record.barSize}`;
    let written = this.#written.get(key);
    if (written === undefined) {
      const stored = await this.#history.loadDay(record.date, record.symbol, record.barSize);
      written = stored === null ? '' : signature(stored);
    }
    const sig = signature(record);
    if (sig === written) {
      this.#written.set(key, sig);
      return false;
    }
    await this.#history.writeDay(record);
    this.#written.set(key, sig);
    return true;
  }
}

function signature(r: DayRecord): string {
  return JSON.stringify({ ...r, settledAt: 0 });
}
