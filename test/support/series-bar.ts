// One bar of a series answer for state and planner tests: the cumulatives they care about, spot
// 590 and every level unknown unless given.
import type { SeriesBar } from '../../core/model/flow.js';

export function seriesBar(
  t: number,
  cumulative: { readonly calls: number; readonly puts: number; readonly all: number },
  more: Partial<SeriesBar> = {},
): SeriesBar {
  return {
    t,
    spot: 590,
    netGex: null,
    netDex: null,
    gammaFlip: null,
    callWall: null,
    putWall: null,
    magnet: null,
    pinScore: null,
    pinProbabilityPct: null,
    regime: null,
    atmIv: null,
    charmDollarsPerHour: null,
    callCumulative: cumulative.calls,
    putCumulative: cumulative.puts,
    allCumulative: cumulative.all,
    ...more,
  };
}
