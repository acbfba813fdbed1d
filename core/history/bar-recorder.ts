// Writes each closed bar of a symbol's session to history once every projection the poll
// fetches is final, and again whenever it changes: a later response corrects it, or its
// per-bar value becomes known (it is written with `bar: null` until the bucket before it is
// final: unknown, never left out and never a guess). What was written before a restart is read
// back first, so a restart never duplicates a day's lines.
import type { BarSize, Side } from '../model/flow.js';
import type { MergedBar, SymbolState } from '../state/symbol-state.js';
import type { StoredBar } from './history-layout.js';
import type { HistoryStore } from './history-store.js';

export class BarRecorder {
  readonly #history: HistoryStore;
  /** `${date}/${symbol}/${barSize}` -> t -> signature of what is on disk. */
  readonly #written = new Map<string, Map<number, string>>();
  /** The revision of each state this recorder has fully looked at (and written). */
  readonly #seen = new WeakMap<SymbolState, number>();

  constructor(history: HistoryStore) {
    this.#history = history;
  }

  /**
   * Appends the state's closed bars that are complete for `sides` and not yet on disk as they
   * are now. Only buckets changed since the last successful call are looked at. A failed write
   * throws and forgets nothing: the same bars are written by the next call. Returns how many
   * lines were written.
   */
  async record(date: string, state: SymbolState, sides: readonly Side[]): Promise<number> {
    const revision = state.revision;
    const written = await this.#load(date, state.symbol, state.barSize);
    const fresh: StoredBar[] = [];
    const signatures: [number, string][] = [];
    for (const b of state.closedBarsChangedSince(this.#seen.get(state) ?? -1)) {
      const stored = toStored(b, sides);
      if (stored === null) continue;
      const sig = JSON.stringify(stored);
      if (written.get(b.t) === sig) continue;
      fresh.push(stored);
      signatures.push([b.t, sig]);
    }
    await this.#history.appendBars(date, state.symbol, state.barSize, fresh);
    for (const [t, sig] of signatures) written.set(t, sig);
    this.#seen.set(state, revision);
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

/** The bar as stored, or null while a side the poll fetches has no final value. */
function toStored(b: MergedBar, sides: readonly Side[]): StoredBar | null {
  for (const side of sides) if (b[side] === null) return null;
  const all = b.all;
  if (all === null) return null;
  const leg = (v: MergedBar['calls']) =>
    v !== null ? { bar: v.bar, cumulative: v.cumulative } : null;
  return {
    t: b.t,
    all: { bar: all.bar, cumulative: all.cumulative },
    calls: leg(b.calls),
    puts: leg(b.puts),
    spot: b.spot,
    gammaFlip: b.gammaFlip,
  };
}
