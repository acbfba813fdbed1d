import type { BarPoint, SeriesPoint, SymbolStatus, SymbolView } from '../contract/views.js';
import type { ActiveSignal } from '../contract/detector.js';
import type { SymbolState } from '../state/symbol-state.js';

export interface ViewExtras {
  readonly status: SymbolStatus;
  readonly receivedAt: number | null;
  readonly signal: ActiveSignal | null;
  readonly snoozedUntil: number | null;
  /** Only the last `lookbackMs` of the session is shown in the row's sparkline. */
  readonly lookbackMs: number;
}

/** The row the popover shows for one symbol, built from its merged state. */
export function buildSymbolView(state: SymbolState, extras: ViewExtras): SymbolView {
  const all = state.bars().filter((b) => b.all !== null);
  const asOf = state.asOf;
  const closed = asOf === null ? [] : all.filter((b) => b.t + state.barMs <= asOf);
  const newest = all.at(-1) ?? null;
  const from = newest === null ? 0 : newest.t - extras.lookbackMs;
  const shown = all.filter((b) => b.t > from);
  const points: SeriesPoint[] = shown.map((b) => ({
    t: b.t,
    all: b.all!.cumulative,
    calls: b.calls?.cumulative ?? null,
    puts: b.puts?.cumulative ?? null,
    spot: b.spot,
    gammaFlip: b.gammaFlip,
  }));
  const bars: BarPoint[] = shown.map((b) => ({
    t: b.t,
    all: b.all!.bar ?? 0,
    calls: b.calls?.bar ?? null,
    puts: b.puts?.bar ?? null,
  }));
  const withSpot = [...all].reverse().find((b) => b.spot !== null);
  const withFlip = [...all].reverse().find((b) => b.gammaFlip !== null);
  return {
    symbol: state.symbol,
    status: extras.status,
    barSize: state.barSize,
    expiration: state.expiration,
    asOf,
    receivedAt: extras.receivedAt,
    cumulative: newest?.all?.cumulative ?? null,
    lastBar: closed.at(-1)?.all?.bar ?? null,
    spot: withSpot?.spot ?? null,
    gammaFlip: withFlip?.gammaFlip ?? null,
    points,
    bars,
    inProgress: newest !== null && asOf !== null && newest.t + state.barMs > asOf,
    signal: extras.signal,
    snoozedUntil: extras.snoozedUntil,
  };
}
