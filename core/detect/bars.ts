// Assembling the detector's input from what the API returns: the side=all bars, optionally
// the call and put legs (two more hedge-flow requests) and the series (spot, gamma flip, and
// the legs' cumulatives), aligned by bucket start `t`.
import { BAR_MS, isClosed, type BarSize, type FlowBar, type SeriesBar } from '../model/flow.js';
import type { DetectorBar, LegBar } from './types.js';

/** What the detector reads from a series bar. */
export type SeriesPoint = Pick<
  SeriesBar,
  't' | 'spot' | 'gammaFlip' | 'callCumulative' | 'putCumulative'
>;

export interface BarSources {
  readonly calls?: readonly FlowBar[];
  readonly puts?: readonly FlowBar[];
  readonly series?: readonly SeriesPoint[];
  /** the bucket size; needed to derive the legs from the series' cumulatives */
  readonly barSize?: BarSize;
}

/** Only the bars whose bucket has ended by the server time `asOf` (DESIGN.md). */
export function closedOnly<T extends { readonly t: number }>(
  bars: readonly T[],
  barSize: BarSize,
  asOf: number,
): T[] {
  return bars.filter((b) => isClosed(b.t, barSize, asOf));
}

/**
 * One DetectorBar per side=all bar. Legs come from the calls/puts responses when given, else
 * from the series' leg cumulatives (a bar is the difference from the previous bucket, so the
 * series' first bar, or one after a gap, has no legs).
 */
export function toDetectorBars(all: readonly FlowBar[], sources: BarSources = {}): DetectorBar[] {
  const calls = byT(sources.calls ?? []);
  const puts = byT(sources.puts ?? []);
  const series = byT(sources.series ?? []);
  const barMs = sources.barSize ? BAR_MS[sources.barSize] : null;
  return all.map((b) => {
    const s = series.get(b.t);
    const out: { -readonly [K in keyof DetectorBar]: DetectorBar[K] } = {
      t: b.t,
      bar: b.bar,
      cumulative: b.cumulative,
    };
    const legs = sources.calls || sources.puts ? null : seriesLegs(series, b.t, barMs);
    const call = legBar(calls.get(b.t)) ?? legs?.calls;
    const put = legBar(puts.get(b.t)) ?? legs?.puts;
    if (call) out.calls = call;
    if (put) out.puts = put;
    if (s) {
      out.spot = s.spot;
      out.gammaFlip = s.gammaFlip;
    }
    return out;
  });
}

function byT<T extends { readonly t: number }>(bars: readonly T[]): Map<number, T> {
  return new Map(bars.map((b) => [b.t, b]));
}

function legBar(b: FlowBar | undefined): LegBar | undefined {
  return b ? { bar: b.bar, cumulative: b.cumulative } : undefined;
}

function seriesLegs(
  series: ReadonlyMap<number, SeriesPoint>,
  t: number,
  barMs: number | null,
): { calls: LegBar; puts: LegBar } | null {
  const s = series.get(t);
  const prev = barMs === null ? undefined : series.get(t - barMs);
  if (!s || !prev) return null;
  return {
    calls: { bar: s.callCumulative - prev.callCumulative, cumulative: s.callCumulative },
    puts: { bar: s.putCumulative - prev.putCumulative, cumulative: s.putCumulative },
  };
}
