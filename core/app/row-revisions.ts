// Push what changed: the poll loop hands over every symbol's view every cycle (and on pause,
// resume, snooze); only a row whose content differs from the one last pushed goes out. Each
// distinct content of a row gets a revision from one counter for the app's run, so a receiver
// can tell which of two rows of a symbol is newer without relying on when they arrived.
import type { SymbolRow, SymbolView } from '../contract/views.js';

interface Stamped {
  /** The view's content as JSON: views are plain data built by one function, so equal content
   * gives an equal string (the same key order), and unequal content never does. */
  readonly fingerprint: string;
  readonly row: SymbolRow;
}

export class RowRevisions {
  #counter = 0;
  readonly #latest = new Map<string, Stamped>();
  /** The revision each symbol's receivers hold (from a `symbol` or `snapshot` push). */
  #pushed = new Map<string, number>();

  /** The view as a row: unchanged content keeps its row and revision, changed gets the next. */
  stamp(view: SymbolView): SymbolRow {
    const fingerprint = JSON.stringify(view);
    const seen = this.#latest.get(view.symbol);
    if (seen !== undefined && seen.fingerprint === fingerprint) return seen.row;
    const row: SymbolRow = { ...view, revision: ++this.#counter };
    this.#latest.set(view.symbol, { fingerprint, row });
    return row;
  }

  /** Whether `row` is news to its receivers; if so, it counts as pushed from now on. */
  shouldPush(row: SymbolRow): boolean {
    if (this.#pushed.get(row.symbol) === row.revision) return false;
    this.#pushed.set(row.symbol, row.revision);
    return true;
  }

  /** A snapshot was pushed: its rows are what the receivers hold now, and only those symbols. */
  replaced(rows: readonly SymbolRow[]): void {
    this.#pushed = new Map(rows.map((row) => [row.symbol, row.revision]));
    for (const symbol of this.#latest.keys()) {
      if (!this.#pushed.has(symbol)) this.#latest.delete(symbol);
    }
  }
}
