// The row the popover (and `hedgeflow watch`) shows for one symbol, built from its merged
// state. Every bucket between the first shown and the newest is present, so a bucket whose final
// value is not known is a hole (nulls) in `points` and `bars`, never a zero and never skipped
// over: a chart draws a gap, the terminal prints nothing for it.
import type { ActiveSignal } from '../contract/detector.js';
import type {
  BarPoint,
  DayView,
  SeriesPoint,
  SymbolStatus,
  SymbolView,
} from '../contract/views.js';
import type { MergedBar, SymbolState } from '../state/symbol-state.js';

export interface ViewExtras {
  readonly status: SymbolStatus;
  readonly receivedAt: number | null;
  readonly signal: ActiveSignal | null;
  readonly snoozedUntil: number | null;
  /** Only the last `lookbackMs` of the session is shown in the row's sparkline. */
  readonly lookbackMs: number;
  readonly day: DayView;
}

function known(b: MergedBar): boolean {
  return b.all !== null || b.calls !== null || b.puts !== null;
}

function hole(t: number): MergedBar {
  return { t, all: null, calls: null, puts: null, spot: null, gammaFlip: null };
}

/** The known buckets from `from` on, with an empty bucket in every hole between them. */
function withHoles(bars: readonly MergedBar[], from: number, barMs: number): MergedBar[] {
  const out: MergedBar[] = [];
  for (const b of bars) {
    if (b.t < from) continue;
    const prev = out.at(-1);
    if (prev) for (let t = prev.t + barMs; t < b.t; t += barMs) out.push(hole(t));
    out.push(b);
  }
  return out;
}

export function buildSymbolView(state: SymbolState, extras: ViewExtras): SymbolView {
  const all = state.bars().filter(known);
  const newest = all.at(-1) ?? null;
  const from = newest === null ? 0 : newest.t - extras.lookbackMs + state.barMs;
  const shown = withHoles(all, from, state.barMs);
  const points: SeriesPoint[] = shown.map((b) => ({
    t: b.t,
    all: b.all?.cumulative ?? null,
    calls: b.calls?.cumulative ?? null,
    puts: b.puts?.cumulative ?? null,
    spot: b.spot,
    gammaFlip: b.gammaFlip,
  }));
  const bars: BarPoint[] = shown.map((b) => ({
    t: b.t,
    all: b.all?.bar ?? null,
    calls: b.calls?.bar ?? null,
    puts: b.puts?.bar ?? null,
  }));
  const inProgress = newest !== null && !state.hasEnded(newest.t);
  const lastClosed = inProgress ? shown.at(-2) : shown.at(-1);
  const newestAll = [...shown].reverse().find((b) => b.all !== null);
  const withSpot = [...all].reverse().find((b) => b.spot !== null);
  const withFlip = [...all].reverse().find((b) => b.gammaFlip !== null);
  return {
    symbol: state.symbol,
    status: extras.status,
    barSize: state.barSize,
    expiration: state.expiration,
    asOf: state.asOf,
    receivedAt: extras.receivedAt,
    cumulative: newestAll?.all?.cumulative ?? null,
    lastBar: lastClosed?.all?.bar ?? null,
    spot: withSpot?.spot ?? null,
    gammaFlip: withFlip?.gammaFlip ?? null,
    points,
    bars,
    inProgress,
    signal: extras.signal,
    snoozedUntil: extras.snoozedUntil,
    day: extras.day,
  };
}
