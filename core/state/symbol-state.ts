// One symbol's session as the app has seen it: bars merged by bucket start `t` from any mix of
// hedge-flow (one projection, exact per-bar values) and series (all three cumulatives, spot,
// gamma flip) responses. Newer responses replace older values of the same bucket, so the
// in-progress bar is replaced until it closes. Closedness is judged by the server's as_of.
import { BAR_MS, type BarSize, type HedgeFlowData, type SeriesData, type Side } from '../model/flow.js';

export interface LegValue {
  readonly bar: number | null;
  readonly cumulative: number;
}

export interface MergedBar {
  readonly t: number;
  readonly all: LegValue | null;
  readonly calls: LegValue | null;
  readonly puts: LegValue | null;
  readonly spot: number | null;
  readonly gammaFlip: number | null;
}

interface MutableBar {
  t: number;
  all: LegValue | null;
  calls: LegValue | null;
  puts: LegValue | null;
  spot: number | null;
  gammaFlip: number | null;
}

const PROJECTIONS = ['all', 'calls', 'puts'] as const;

export class SymbolState {
  readonly symbol: string;
  readonly barSize: BarSize;
  readonly barMs: number;
  /** Start of the session (09:30 New York) these bars belong to. */
  readonly sessionOpen: number;
  #bars = new Map<number, MutableBar>();
  #sorted: MutableBar[] | null = [];
  expiration: string | null = null;
  /** Newest server time seen for this symbol. */
  asOf: number | null = null;

  constructor(symbol: string, barSize: BarSize, sessionOpen: number) {
    this.symbol = symbol;
    this.barSize = barSize;
    this.barMs = BAR_MS[barSize];
    this.sessionOpen = sessionOpen;
  }

  get size(): number {
    return this.#bars.size;
  }

  #bar(t: number): MutableBar {
    let b = this.#bars.get(t);
    if (!b) {
      b = { t, all: null, calls: null, puts: null, spot: null, gammaFlip: null };
      this.#bars.set(t, b);
      this.#sorted = null;
    }
    return b;
  }

  #seen(asOf: number, expiration: string): void {
    this.expiration = expiration;
    if (this.asOf === null || asOf > this.asOf) this.asOf = asOf;
  }

  mergeHedgeFlow(data: HedgeFlowData): void {
    if (data.barSize !== this.barSize) throw new RangeError(`bar size ${data.barSize} is not ${this.barSize}`);
    this.#seen(data.asOf, data.expiration);
    for (const b of data.bars) {
      if (b.t < this.sessionOpen) continue;
      this.#bar(b.t)[data.side] = { bar: b.bar, cumulative: b.cumulative };
    }
  }

  mergeSeries(data: SeriesData): void {
    if (data.barSize !== this.barSize) throw new RangeError(`bar size ${data.barSize} is not ${this.barSize}`);
    this.#seen(data.asOf, data.expiration);
    for (const s of data.bars) {
      if (s.t < this.sessionOpen) continue;
      const b = this.#bar(s.t);
      // Series carries cumulatives only; a per-bar value the hedge-flow endpoint gave for the
      // same cumulative stays, otherwise it is derived later from the neighbour.
      b.all = keepBar(b.all, s.allCumulative);
      b.calls = keepBar(b.calls, s.callCumulative);
      b.puts = keepBar(b.puts, s.putCumulative);
      b.spot = s.spot;
      b.gammaFlip = s.gammaFlip;
    }
  }

  /** Every bar in time order, per-bar values filled from cumulative differences where known. */
  bars(): readonly MergedBar[] {
    if (this.#sorted === null) this.#sorted = [...this.#bars.values()].sort((a, b) => a.t - b.t);
    return this.#sorted.map((b, i) => {
      const prev = i > 0 ? this.#sorted![i - 1]! : null;
      const adjacent = prev !== null && prev.t + this.barMs === b.t;
      const first = b.t === this.sessionOpen;
      const fill = (p: (typeof PROJECTIONS)[number]): LegValue | null => {
        const v = b[p];
        if (v === null || v.bar !== null) return v;
        if (first) return { bar: v.cumulative, cumulative: v.cumulative };
        const before = adjacent ? prev[p] : null;
        return before ? { bar: v.cumulative - before.cumulative, cumulative: v.cumulative } : v;
      };
      return { t: b.t, all: fill('all'), calls: fill('calls'), puts: fill('puts'), spot: b.spot, gammaFlip: b.gammaFlip };
    });
  }

  /** Bars whose bucket ended by the newest server time. */
  closedBars(): readonly MergedBar[] {
    const asOf = this.asOf;
    if (asOf === null) return [];
    return this.bars().filter((b) => b.t + this.barMs <= asOf);
  }

  /** t of the newest closed bar that has `side`, or null. */
  newestClosed(side: Side = 'all'): number | null {
    const closed = this.closedBars();
    for (let i = closed.length - 1; i >= 0; i--) if (closed[i]![side] !== null) return closed[i]!.t;
    return null;
  }

  /**
   * Buckets between the open and `until` (exclusive) that have no value for `side`: what a
   * backfill must fetch. A clean session has none.
   */
  missing(side: Side, until: number): number[] {
    const out: number[] = [];
    for (let t = this.sessionOpen; t + this.barMs <= until; t += this.barMs) {
      if (!this.#bars.get(t)?.[side]) out.push(t);
    }
    return out;
  }
}

function keepBar(existing: LegValue | null, cumulative: number): LegValue {
  return existing !== null && existing.cumulative === cumulative ? existing : { bar: null, cumulative };
}
