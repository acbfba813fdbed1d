// One symbol's session as the app has seen it: bars merged by bucket start `t` from any mix of
// hedge-flow (one projection, exact per-bar values) and series (all three cumulatives, spot,
// gamma flip) responses. A newer response replaces older values of the same bucket, so the
// in-progress bar is replaced until it closes. Closedness is judged per value by the as_of of
// the response that carried it (server time), never by the local clock: a value fetched while
// its bucket was still filling stays provisional even after a later response of another
// projection moved the symbol's as_of past the bucket's end.
import {
  BAR_MS,
  type BarSize,
  type HedgeFlowData,
  type SeriesData,
  type Side,
} from '../model/flow.js';
import { BarStore, type MutableBar, type StoredValue } from './bar-store.js';

interface LegValue {
  /** Per-bar delta-dollars: exact (hedge-flow) or the difference of adjacent cumulatives. */
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

const PROJECTIONS = ['all', 'calls', 'puts'] as const satisfies readonly Side[];

export interface MergeReport {
  /** Values (bucket x projection) that became final with this response. */
  readonly closed: number;
  /** Buckets present in the response. */
  readonly received: number;
  /** Final values the response contradicted (the newer one is kept, the count is reported). */
  readonly revised: number;
}

export class SymbolState {
  readonly symbol: string;
  readonly barSize: BarSize;
  readonly barMs: number;
  /** Start of the session (09:30 New York) these bars belong to. */
  readonly sessionOpen: number;
  /** End of the session; buckets at or after it are not part of it. */
  readonly sessionClose: number;
  readonly #store: BarStore;
  #revision = 0;
  /**
   * Per projection, the start of the first bucket that is not final: every bucket before it
   * is. A final value stays final (a newer response for an ended bucket is final too), so this
   * only moves forward, and the planner's question "what is the oldest bucket still missing"
   * costs O(1) per poll instead of a walk over the session.
   */
  readonly #finalPrefix: Record<Side, number>;
  expiration: string | null = null;
  /** Newest server time seen for this symbol. */
  asOf: number | null = null;

  constructor(symbol: string, barSize: BarSize, sessionOpen: number, sessionClose?: number) {
    this.symbol = symbol;
    this.barSize = barSize;
    this.barMs = BAR_MS[barSize];
    this.sessionOpen = sessionOpen;
    this.sessionClose = sessionClose ?? sessionOpen + 390 * 60_000;
    this.#store = new BarStore(sessionOpen, this.barMs);
    this.#finalPrefix = { all: sessionOpen, calls: sessionOpen, puts: sessionOpen };
  }

  get size(): number {
    return this.#store.size;
  }

  /**
   * Grows whenever a merge changes what a bucket shows (a value, whether it is final, a price).
   * A newer response that only confirms a bucket moves its as-of, not the revision. With
   * closedBarsChangedSince, a consumer that remembers the revision it last saw (history, the
   * detector) looks at what changed, not the whole session.
   */
  get revision(): number {
    return this.#revision;
  }

  #inSession(t: number): boolean {
    return t >= this.sessionOpen && t < this.sessionClose;
  }

  #seen(asOf: number, expiration: string): void {
    this.expiration = expiration;
    if (this.asOf === null || asOf > this.asOf) this.asOf = asOf;
  }

  mergeHedgeFlow(data: HedgeFlowData): MergeReport {
    this.#checkBarSize(data.barSize);
    this.#seen(data.asOf, data.expiration);
    const tally = { closed: 0, received: 0, revised: 0 };
    data.bars.forEach((b, i) => {
      if (!this.#inSession(b.t)) return;
      tally.received++;
      // The first bucket of a window may be cut by `minutes`; its `bar` is only trusted at the
      // open (where bar == cumulative), otherwise it is derived from the bucket before.
      const trustBar = i > 0 || b.t === this.sessionOpen;
      const value = { cumulative: b.cumulative, bar: trustBar ? b.bar : null };
      this.#put(this.#store.bar(b.t), data.side, value, data.asOf, tally);
    });
    return tally;
  }

  mergeSeries(data: SeriesData): MergeReport {
    this.#checkBarSize(data.barSize);
    this.#seen(data.asOf, data.expiration);
    const tally = { closed: 0, received: 0, revised: 0 };
    for (const s of data.bars) {
      if (!this.#inSession(s.t)) continue;
      tally.received++;
      const b = this.#store.bar(s.t);
      this.#put(b, 'all', { cumulative: s.allCumulative, bar: null }, data.asOf, tally);
      this.#put(b, 'calls', { cumulative: s.callCumulative, bar: null }, data.asOf, tally);
      this.#put(b, 'puts', { cumulative: s.putCumulative, bar: null }, data.asOf, tally);
      if (b.priceAsOf === null || data.asOf >= b.priceAsOf) {
        // As for values: what shows is the price and whether it is final, not its as-of.
        if (
          b.priceAsOf === null ||
          b.spot !== s.spot ||
          b.gammaFlip !== s.gammaFlip ||
          this.#endedBy(b.t, b.priceAsOf) !== this.#endedBy(b.t, data.asOf)
        ) {
          b.rev = ++this.#revision;
        }
        b.spot = s.spot;
        b.gammaFlip = s.gammaFlip;
        b.priceAsOf = data.asOf;
      }
    }
    return tally;
  }

  #put(
    b: MutableBar,
    side: Side,
    incoming: { cumulative: number; bar: number | null },
    asOf: number,
    tally: { closed: number; revised: number },
  ): void {
    const old = b[side];
    if (old !== null && old.asOf > asOf) return; // an older response arriving late
    const final = b.t + this.barMs <= asOf;
    // A cumulative-only value keeps the exact bar an earlier response gave for the same total.
    const bar =
      incoming.bar ?? (old !== null && old.cumulative === incoming.cumulative ? old.bar : null);
    if (old?.final && final && old.cumulative !== incoming.cumulative) tally.revised++;
    if (final && !old?.final) tally.closed++;
    const next: StoredValue = { cumulative: incoming.cumulative, bar, asOf, final };
    // The as-of is kept (a late older response must not win) but is not part of what a bucket
    // shows: a response that only confirms the value leaves the revision alone.
    if (
      old === null ||
      old.cumulative !== next.cumulative ||
      old.bar !== next.bar ||
      old.final !== next.final
    ) {
      b.rev = ++this.#revision;
    }
    b[side] = next;
  }

  /** Whether the bucket at `t` had ended by the server time `asOf`. */
  #endedBy(t: number, asOf: number): boolean {
    return t + this.barMs <= asOf;
  }

  #checkBarSize(size: BarSize): void {
    if (size !== this.barSize) throw new RangeError(`bar size ${size} is not ${this.barSize}`);
  }

  /**
   * What is known of every bucket, oldest first: a bucket that has ended (by the newest server
   * time seen) with its final values only, since a provisional value of an ended bucket is not
   * what the server will say about it; the bucket still filling with its provisional values.
   * Buckets with nothing known are left out (the caller sees the hole in `t`).
   */
  bars(): readonly MergedBar[] {
    return this.#store.sorted().map((b, i, all) => this.#merged(b, all[i - 1], false));
  }

  /**
   * Bars with at least one final value, oldest first; values that are not final (a leg fetched
   * while its bucket was filling) are left out, so nothing provisional reaches the detector.
   */
  closedBars(): readonly MergedBar[] {
    return this.closedBarsChangedSince(-1);
  }

  /**
   * The closed bars that may differ from what they were at `revision`: the buckets changed
   * since, and the ones after them (a derived per-bar value reads the bucket before).
   */
  closedBarsChangedSince(revision: number): readonly MergedBar[] {
    const out: MergedBar[] = [];
    const all = this.#store.sorted();
    all.forEach((b, i) => {
      const prev = all[i - 1];
      if (b.rev <= revision && (prev === undefined || prev.rev <= revision)) return;
      if (!PROJECTIONS.some((p) => b[p]?.final)) return;
      out.push(this.#merged(b, prev, true));
    });
    return out;
  }

  /** Whether the bucket starting at `t` has ended by the newest server time seen. */
  hasEnded(t: number): boolean {
    return this.asOf !== null && t + this.barMs <= this.asOf;
  }

  /**
   * A per-bar value is known only when it is the server's own (a hedge-flow bar that the window
   * did not cut), the open bucket's cumulative, or the difference of two adjacent final
   * cumulatives; anything else is null, never a guess.
   */
  #merged(b: MutableBar, prev: MutableBar | undefined, closedOnly: boolean): MergedBar {
    const finalOnly = closedOnly || this.hasEnded(b.t);
    const adjacent = prev !== undefined && prev.t + this.barMs === b.t;
    const value = (p: Side): LegValue | null => {
      const v = b[p];
      if (v === null || (finalOnly && !v.final)) return null;
      if (v.bar !== null) return { bar: v.bar, cumulative: v.cumulative };
      if (b.t === this.sessionOpen) return { bar: v.cumulative, cumulative: v.cumulative };
      const before = adjacent ? prev[p] : null;
      // A difference with a provisional neighbour would be a guess.
      if (before === null || !before.final) return { bar: null, cumulative: v.cumulative };
      return { bar: v.cumulative - before.cumulative, cumulative: v.cumulative };
    };
    const priceFinal = b.priceAsOf !== null && b.t + this.barMs <= b.priceAsOf;
    const price = !finalOnly || priceFinal;
    return {
      t: b.t,
      all: value('all'),
      calls: value('calls'),
      puts: value('puts'),
      spot: price ? b.spot : null,
      gammaFlip: price ? b.gammaFlip : null,
    };
  }

  /** t of the newest bucket whose `side` value is final, or null. */
  newestClosed(side: Side = 'all'): number | null {
    return this.#store.newest((b) => b[side]?.final === true);
  }

  /** Whether the bucket's `side` value is final. */
  isFinal(t: number, side: Side): boolean {
    return this.#store.get(t)?.[side]?.final === true;
  }

  /**
   * Buckets between the open and `until` (exclusive: the bucket must have ended by then) that
   * have no final value for `side`.
   */
  missing(side: Side, until: number): number[] {
    const out: number[] = [];
    const end = Math.min(until, this.sessionClose);
    for (let t = this.sessionOpen; t + this.barMs <= end; t += this.barMs) {
      if (!this.isFinal(t, side)) out.push(t);
    }
    return out;
  }

  /** The oldest bucket ended by `until` that lacks a final value for any of `sides`. */
  oldestIncomplete(sides: readonly Side[], until: number): number | null {
    const end = Math.min(until, this.sessionClose);
    let oldest: number | null = null;
    for (const side of sides) {
      let t = this.#finalPrefix[side];
      while (t < this.sessionClose && this.isFinal(t, side)) t += this.barMs;
      this.#finalPrefix[side] = t;
      if (t + this.barMs <= end && (oldest === null || t < oldest)) oldest = t;
    }
    return oldest;
  }
}
