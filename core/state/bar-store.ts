// The buckets of one symbol-session keyed by start time, with a cached sorted view.
import type { Side } from '../model/flow.js';

export interface StoredValue {
  readonly cumulative: number;
  /** Exact per-bar value when a hedge-flow response gave one; null to derive. */
  readonly bar: number | null;
  /** Server time of the response that carried it. */
  readonly asOf: number;
  /** The bucket had ended by that server time. */
  readonly final: boolean;
}

export type MutableBar = {
  readonly t: number;
  spot: number | null;
  gammaFlip: number | null;
  priceAsOf: number | null;
  /** The state's revision when this bucket last changed (see SymbolState.revision). */
  rev: number;
} & { [S in Side]: StoredValue | null };

export class BarStore {
  readonly #bars = new Map<number, MutableBar>();
  #sorted: MutableBar[] | null = [];

  constructor(
    readonly sessionOpen: number,
    readonly barMs: number,
  ) {}

  get size(): number {
    return this.#bars.size;
  }

  get(t: number): MutableBar | undefined {
    return this.#bars.get(t);
  }

  /** The bucket at `t`, created empty when absent. */
  bar(t: number): MutableBar {
    let b = this.#bars.get(t);
    if (!b) {
      b = {
        t,
        all: null,
        calls: null,
        puts: null,
        spot: null,
        gammaFlip: null,
        priceAsOf: null,
        rev: 0,
      };
      this.#bars.set(t, b);
      this.#sorted = null;
    }
    return b;
  }

  sorted(): readonly MutableBar[] {
    this.#sorted ??= [...this.#bars.values()].sort((a, b) => a.t - b.t);
    return this.#sorted;
  }

  /** t of the newest bucket matching `test`, or null. */
  newest(test: (b: MutableBar) => boolean): number | null {
    const all = this.sorted();
    for (let i = all.length - 1; i >= 0; i--) if (test(all[i]!)) return all[i]!.t;
    return null;
  }
}
