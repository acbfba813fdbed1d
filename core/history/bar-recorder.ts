// Writes each closed bar of a symbol's session to history once it is final and complete (its
// per-bar value known), and again only if a later response corrects it. What was written
// before a restart is read back first, so a restart never duplicates a day's lines.
import type { BarSize, Side } from '../model/flow.js';
import type { MergedBar, SymbolState } from '../state/symbol-state.js';
import type { StoredBar } from './history-layout.js';
import type { HistoryStore } from './history-store.js';

export class BarRecorder {
  readonly #history: HistoryStore;
  /** `${date}/${symbol}/${barSize}` -> t -> signature of what is on disk. */
  readonly #written = new Map<string, Map<number, string>>();

  constructor(history: HistoryStore) {
    this.#history = history;
  }

  /**
   * Appends the state's closed bars that are complete for `sides` and not yet on disk as they
   * are now. Returns how many lines were written.
   */
  async record(date: string, state: SymbolState, sides: readonly Side[]): Promise<number> {
    const written = await this.#load(date, state.symbol, state.barSize);
    const fresh: StoredBar[] = [];
    for (const b of state.closedBars()) {
      const stored = toStored(b, sides);
      if (stored === null) continue;
      const sig = JSON.stringify(stored);
      if (written.get(b.t) === sig) continue;
      fresh.push(stored);
      written.set(b.t, sig);
    }
    await this.#history.appendBars(date, state.symbol, state.barSize, fresh);
    return fresh.length;
  }

  async #load(date: string, symbol: string, barSize: BarSize): Promise<Map<number, string>> {
    const key = `${date}/${symbol}/${barSize}`;
    let written = this.#written.get(key);
    if (!written) {
      written = new Map();
      for (const b of await this.#history.loadBars(date, symbol, barSize)) {
        written.set(b.t, JSON.stringify(b));
      }
      this.#written.set(key, written);
    }
    return written;
  }
}

/** The bar as stored, or null while a side the poll fetches is not final and derivable. */
export function toStored(b: MergedBar, sides: readonly Side[]): StoredBar | null {
  for (const side of sides) if (b[side]?.bar == null) return null;
  const all = b.all;
  if (all === null || all.bar === null) return null;
  const leg = (v: MergedBar['calls']) =>
    v !== null && v.bar !== null ? { bar: v.bar, cumulative: v.cumulative } : null;
  return {
    t: b.t,
    all: { bar: all.bar, cumulative: all.cumulative },
    calls: leg(b.calls),
    puts: leg(b.puts),
    spot: b.spot,
    gammaFlip: b.gammaFlip,
  };
}
